#include "time_model.h"

#include <algorithm>

#include "reram/pipeline/window_need.h"

namespace pimsoc::alloc {

namespace {
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
}  // namespace

LayerSteps next_layer_steps(const Network& net, const std::vector<int64_t>& copies,
                            const std::vector<int64_t>& pre, int64_t op_prev, int64_t r) {
    const size_t i = copies.size();
    const Layer& layer = net.layers[i];
    LayerSteps s;
    s.normal = ceil_div(layer.outputs(), r);
    if (i == 0) {
        s.op = s.normal;
        return s;
    }
    // Walk back from the first block of R_i outputs: every earlier layer k must have run the
    // steps producing what the block (transitively) reads, counted from k's own start; layer i's
    // first step follows the last of them (docs/allocation.md: the paper's "- 1" dropped).
    int64_t needed = std::min(r, layer.outputs());
    for (size_t k = i; k-- > 0;) {
        // The block's last output in raster order reads the last input the block needs.
        const int64_t position = reram::inputs_needed(net.layers[k], net.layers[k + 1], needed - 1);
        const int64_t k_steps = ceil_div(position, copies[k]);
        s.pre = std::max(s.pre, k_steps + pre[k]);
        // Layer k produces whole blocks of R_k outputs: walk on from the end of that block.
        needed = std::min(k_steps * copies[k], net.layers[k].outputs());
    }
    // Outputs reading only bottom padding rows can follow after layer i - 1 has finished.
    s.tail = layer.fc ? 0 : ceil_div(layer.wo * layer.pc, layer.sc * r);
    s.op = std::max(s.normal + s.pre, op_prev + s.tail);
    return s;
}

PipelineSteps pipeline_steps(const Network& net, const std::vector<int64_t>& copies) {
    PipelineSteps s;
    std::vector<int64_t> before;
    for (const int64_t r : copies) {
        const LayerSteps l = next_layer_steps(net, before, s.pre, s.op.empty() ? 0 : s.op.back(), r);
        s.normal.push_back(l.normal);
        s.pre.push_back(l.pre);
        s.tail.push_back(l.tail);
        s.op.push_back(l.op);
        before.push_back(r);
    }
    return s;
}

int64_t tiles_of(int64_t crossbars, const Hardware& hw) {
    return ceil_div(crossbars, hw.crossbars_per_tile);
}

double layer_step_ns(const Network& net, const std::vector<int64_t>& sets, size_t i, int64_t r,
                     int64_t r_prev, const Hardware& hw) {
    if (!hw.bandwidth_limited) return hw.stage_ns;
    // ISAAC instantiation: each tile reads the inputs of its copies from its buffer, and every tile
    // of layer i - 1 sends its copies' outputs to every tile of layer i over the bus (worst case).
    const Layer& layer = net.layers[i];
    const double bytes = static_cast<double>(hw.bytes_per_element);
    const int64_t tiles = tiles_of(r * sets[i], hw);
    const int64_t per_tile = ceil_div(r, tiles);
    double access_ns = per_tile * layer.weight_rows() * bytes / hw.buffer_bytes_per_ns;
    if (i > 0) {
        const int64_t prev_tiles = tiles_of(r_prev * sets[i - 1], hw);
        const int64_t prev_per_tile = ceil_div(r_prev, prev_tiles);
        access_ns += static_cast<double>(tiles * prev_tiles * prev_per_tile) *
                     net.layers[i - 1].co * bytes / hw.bus_bytes_per_ns;
    }
    return std::max(hw.stage_ns, access_ns);
}

double prefix_time_ns(const Network& net, const std::vector<int64_t>& sets,
                      const std::vector<int64_t>& copies, const Hardware& hw) {
    double step_ns = 0;
    for (size_t i = 0; i < copies.size(); ++i)
        step_ns = std::max(step_ns, layer_step_ns(net, sets, i, copies[i], i ? copies[i - 1] : 0, hw));
    return step_ns * static_cast<double>(pipeline_steps(net, copies).op.back());
}

Timing evaluate(const Network& net, const std::vector<int64_t>& copies, const Hardware& hw) {
    const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
    const PipelineSteps steps = pipeline_steps(net, copies);
    Timing t;
    for (size_t i = 0; i < copies.size(); ++i) {
        LayerTiming l;
        l.set = sets[i];
        l.copies = copies[i];
        l.crossbars = copies[i] * sets[i];
        l.tiles = tiles_of(l.crossbars, hw);
        l.normal_steps = steps.normal[i];
        l.pre_steps = steps.pre[i];
        l.tail_steps = steps.tail[i];
        l.steps = steps.op[i];
        l.step_ns = layer_step_ns(net, sets, i, copies[i], i ? copies[i - 1] : 0, hw);
        t.step_ns = std::max(t.step_ns, l.step_ns);
        t.layers.push_back(l);
    }
    t.steps = steps.op.back();
    t.total_ns = t.step_ns * static_cast<double>(t.steps);
    return t;
}

}  // namespace pimsoc::alloc
