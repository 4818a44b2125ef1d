#include "window_need.h"

#include <algorithm>

namespace pimsoc::reram {

int64_t inputs_needed(const Layer& producer, const Layer& consumer, int64_t position) {
    if (consumer.fc) return producer.outputs();
    const int64_t row = position / consumer.wo;
    const int64_t col = position % consumer.wo;
    // The window's bottom-right corner is the last input it reads in raster order (earlier rows
    // and columns of the window come before it).
    const int64_t prow = std::clamp(row * consumer.sc - consumer.pc + consumer.kc - 1, int64_t{0},
                                    producer.pooled_height() - 1);
    const int64_t pcol = std::clamp(col * consumer.sc - consumer.pc + consumer.kc - 1, int64_t{0},
                                    producer.pooled_width() - 1);
    const int64_t crow =
        std::clamp(prow * producer.sp - producer.pp + producer.kp - 1, int64_t{0}, producer.ho - 1);
    const int64_t ccol =
        std::clamp(pcol * producer.sp - producer.pp + producer.kp - 1, int64_t{0}, producer.wo - 1);
    return crow * producer.wo + ccol + 1;
}

}  // namespace pimsoc::reram
