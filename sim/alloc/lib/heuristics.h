#pragma once
// The allocation heuristics the paper compares against (docs/allocation.md, "Baselines").
#include <cstdint>
#include <string>
#include <vector>

#include "network.h"

namespace pimsoc::alloc {

// "proportional": R_i = max(1, floor(a * Wo_i*Ho_i)) with the largest a that fits.
// "isaac": ISAAC's stride rule: the last layer gets one copy and each earlier layer as many
//          times more as its output has more positions than the next layer's input
//          ((Sc_{i+1} * Sp_i)^2 per step back), divided by the smallest integer that fits.
// "uniform": the same R for every layer, the largest that fits.
// FC layers always get one copy. Throws std::invalid_argument for an unknown name.
std::vector<int64_t> baseline_allocation(const std::string& name, const Network& net,
                                         int64_t total_crossbars, int64_t crossbar_size);
const std::vector<std::string>& baseline_names();

}  // namespace pimsoc::alloc
