#pragma once
// The inference-time model of a layer-pipelined ReRAM CNN accelerator (Li, Han, Chen, TODAES 2024,
// Algorithm 1): time = T_step x Op_L, Op from normal steps, start-up steps walked back through the
// conv/pool geometry and padding tails; T_step = the slowest layer's max(compute, data access).
#include <cstdint>
#include <vector>

#include "network.h"
#include "reram/pipeline/hardware.h"

namespace pimsoc::alloc {

// The accelerator: crossbar size, ISAAC-like tiles and the two bandwidths (paper's Table 3).
using reram::Hardware;

struct LayerTiming {
    int64_t set = 0;        // crossbars per copy
    int64_t copies = 0;     // R
    int64_t crossbars = 0;  // R x set
    int64_t tiles = 0;
    int64_t normal_steps = 0;  // ceil(Wo*Ho / R)
    int64_t pre_steps = 0;     // steps before the layer's first step
    int64_t tail_steps = 0;    // steps after the previous layer ends (bottom padding rows)
    int64_t steps = 0;         // Op_i: the step in which the layer finishes
    double step_ns = 0;       // max(compute, data access)
};

struct Timing {
    std::vector<LayerTiming> layers;
    int64_t steps = 0;     // Op_L
    double step_ns = 0;    // T_step
    double total_ns = 0;   // T_step x Op_L
};

// Step counts of the first copies.size() layers (copies[i] = R_i >= 1).
struct PipelineSteps {
    std::vector<int64_t> normal, pre, tail, op;  // op[i] = Op_i
};
PipelineSteps pipeline_steps(const Network& net, const std::vector<int64_t>& copies);
// One more layer (index copies.size(), R = r) after layers with these copies, PreOps and last Op:
// the DP extends a stored prefix with it instead of re-walking the whole prefix.
struct LayerSteps {
    int64_t normal = 0, pre = 0, tail = 0, op = 0;
};
LayerSteps next_layer_steps(const Network& net, const std::vector<int64_t>& copies,
                            const std::vector<int64_t>& pre, int64_t op_prev, int64_t r);
int64_t tiles_of(int64_t crossbars, const Hardware& hw);
// T_step_i of layer i with r copies after r_prev copies of layer i - 1 (unused for i = 0).
double layer_step_ns(const Network& net, const std::vector<int64_t>& sets, size_t i, int64_t r,
                     int64_t r_prev, const Hardware& hw);
// T_step x Op of the first copies.size() layers: the DP's objective on a prefix.
double prefix_time_ns(const Network& net, const std::vector<int64_t>& sets,
                      const std::vector<int64_t>& copies, const Hardware& hw);
// The full breakdown, for printing.
Timing evaluate(const Network& net, const std::vector<int64_t>& copies, const Hardware& hw);

}  // namespace pimsoc::alloc
