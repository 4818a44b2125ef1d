#pragma once
// Random valid allocations, for measuring the time model against the pipeline simulator over
// many allocations (docs/allocation.md, "Validation"), reproducible from a seed.
#include <cstdint>
#include <vector>

#include "common/model/random_streams.h"
#include "network.h"

namespace pimsoc::alloc {

// Visits the layers in a random order and gives each an R drawn uniformly from 1 up to the most
// copies that fit, keeping one copy's crossbars for every layer not yet visited (fc layers: 1).
// Every result uses at most total_crossbars; the draws come only from `stream`. Throws
// std::invalid_argument when one copy per layer does not fit.
std::vector<int64_t> random_allocation(const Network& net, int64_t total_crossbars, int64_t crossbar_size,
                                       RandomStream& stream);

}  // namespace pimsoc::alloc
