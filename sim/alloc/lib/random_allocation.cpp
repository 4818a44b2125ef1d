#include "random_allocation.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace pimsoc::alloc {

std::vector<int64_t> random_allocation(const Network& net, int64_t total_crossbars, int64_t crossbar_size,
                                       RandomStream& stream) {
    const std::vector<int64_t> sets = crossbar_sets(net, crossbar_size);
    int64_t reserved = std::accumulate(sets.begin(), sets.end(), int64_t{0});
    if (reserved > total_crossbars)
        throw std::invalid_argument(net.name + " needs at least " + std::to_string(reserved) + " crossbars");
    std::vector<size_t> order(net.layers.size());
    std::iota(order.begin(), order.end(), size_t{0});
    // Fisher-Yates with the stream's unbiased integers (std::shuffle's output differs between
    // standard libraries).
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<size_t>(stream.uniform_int(0, static_cast<int64_t>(i) - 1))]);
    std::vector<int64_t> copies(net.layers.size(), 1);
    int64_t left = total_crossbars;
    for (const size_t i : order) {
        reserved -= sets[i];  // this layer's first copy is no longer held back for it
        const int64_t most = std::min(max_copies(net.layers[i]), (left - reserved) / sets[i]);
        copies[i] = stream.uniform_int(1, most);
        left -= copies[i] * sets[i];
    }
    return copies;
}

}  // namespace pimsoc::alloc
