#pragma once
// A step-level simulator of a layer-pipelined ReRAM CNN accelerator (docs/models/reram_pipeline.md):
// layer i holds R_i copies of its weights on its own tiles and, in every step, computes up to R_i
// of its next output positions (raster order) whose windows the previous layer has already
// produced; inputs are read from the tile's buffer and outputs cross an inter-tile bus, both with
// bandwidth limits. It runs the schedule step by step (it does not evaluate the closed-form time
// model of sim/alloc), so it measures the stalls and start-up the model approximates.
// Pure C++17, no SystemC; the timing only (values go through ReramArray on the VP).
#include <cstdint>
#include <vector>

#include "hardware.h"
#include "network.h"

namespace pimsoc::reram {

struct PipelineSetup {
    Hardware hw;                     // tiles, bandwidths, element size (hw.stage_ns is not used)
    std::vector<double> compute_ns;  // per layer, one step's MVM (layer_compute_ns())
    // true: one bus transfer reaches every tile of the next layer; false: each tile of the next
    // layer gets its own copy (the worst case the time model assumes).
    bool bus_broadcast = false;
};

struct LayerRun {
    int64_t tiles = 0;        // tiles the layer's R x set crossbars occupy (fresh tiles per layer)
    int64_t first_step = 0;   // 1-based step of its first output
    int64_t last_step = 0;    // step of its last output
    int64_t busy_steps = 0;   // steps in which it computed
    int64_t full_steps = 0;   // steps in which all R copies computed
};

struct PipelineRun {
    std::vector<LayerRun> layers;
    int64_t steps = 0;         // steps until the last layer's last output
    double total_ns = 0;       // sum of the steps' durations
    double longest_step_ns = 0;
    double compute_bound_ns = 0;  // part of total_ns in steps whose duration is a compute time
};

// Throws std::invalid_argument (one line naming the layer) when copies or compute_ns do not match
// the network, or a copy count is outside 1..max_copies.
PipelineRun simulate_pipeline(const Network& net, const std::vector<int64_t>& copies,
                              const PipelineSetup& setup);

}  // namespace pimsoc::reram
