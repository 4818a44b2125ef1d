#pragma once
// The time model against the step-level pipeline simulator (ip/reram/pipeline): one allocation,
// or the optimum and many random allocations (docs/allocation.md, "Validation"; the paper's
// Table 4 compares its model with a cycle-level simulator the same way).
#include <cstdint>
#include <functional>
#include <vector>

#include "network.h"
#include "reram/pipeline/pipeline_sim.h"
#include "time_model.h"

namespace pimsoc::alloc {

// The simulator's setup for a network on this hardware: each layer's step time from the tile
// model (crossbar_size x crossbar_size crossbars, ISAAC's 1-bit DACs, one 8-bit ADC per crossbar,
// 16-bit inputs and weights). Throws std::invalid_argument for a size the tile model rejects.
reram::PipelineSetup pipeline_setup(const Network& net, const Hardware& hw, bool bus_broadcast = false);
// hw with the time model's constant TC set to the slowest layer's tile step time, so that the
// model and the simulator compute with the same step.
Hardware with_tile_stage(const Hardware& hw, const reram::PipelineSetup& setup);

struct Simulated {
    std::vector<int64_t> copies;
    Timing model;
    reram::PipelineRun run;
    double error = 0;  // (model - simulated) / simulated
};
Simulated simulate(const Network& net, const std::vector<int64_t>& copies, const Hardware& hw,
                   const reram::PipelineSetup& setup);

struct ValidationSummary {
    int64_t count = 0;
    double mean_abs_error = 0;
    double max_abs_error = 0;
    double mean_error = 0;    // signed: > 0 when the model predicts more time than simulated
    int64_t within_1pct = 0;  // allocations with |error| < 1 %
    std::vector<int64_t> worst;  // the allocation with the largest |error|
};
// `count` random allocations from the stream "alloc.validate" of `seed`; each comparison is
// handed to `row` (index from 1) as it is made.
ValidationSummary validate_random(const Network& net, int64_t total_crossbars, const Hardware& hw,
                                  const reram::PipelineSetup& setup, int64_t count, uint64_t seed,
                                  const std::function<void(int64_t, const Simulated&)>& row = {});

}  // namespace pimsoc::alloc
