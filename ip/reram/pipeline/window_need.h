#pragma once
// Where a layer's window reaches into the layer before it: the number of the producer's conv
// outputs (counted in raster order) that must exist before one output position of the consumer
// can be computed, through the producer's fused pooling and the consumer's padding and stride.
// The time model walks its start-up back with it; the pipeline simulator gates every position
// on it. Pure C++17, no SystemC.
#include <cstdint>

#include "network.h"

namespace pimsoc::reram {

// `position` is the consumer's output position, 0-based in raster order. The consumer's window
// reads pooled rows/columns up to (row * Sc - Pc + Kc - 1), clipped to the pooled map; the last
// of those pools reads conv rows/columns up to (prow * Sp - Pp + Kp - 1), clipped to the conv
// output. The result is that position's raster index + 1 (at least 1). An fc consumer needs the
// producer's whole output.
int64_t inputs_needed(const Layer& producer, const Layer& consumer, int64_t position);

}  // namespace pimsoc::reram
