#include "pipeline_sim.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "window_need.h"

namespace pimsoc::reram {

namespace {
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

[[noreturn]] void fail(const Network& net, size_t i, const std::string& what) {
    throw std::invalid_argument("layer " + std::to_string(i + 1) + " (" + net.layers[i].name + "): " + what);
}

// Copies are laid out one after another on the layer's own tiles (copy j on crossbars
// [j set, (j + 1) set)); a step in which n copies compute uses copies 0..n-1. For n = 0..R: the
// largest number of those copies that have crossbars in one tile (each such tile reads the
// copy's whole input window from its buffer).
std::vector<int64_t> busiest_tile_copies(int64_t copies, int64_t set, int64_t per_tile) {
    std::vector<int64_t> per_tile_count(static_cast<size_t>(ceil_div(copies * set, per_tile)), 0);
    std::vector<int64_t> busiest(static_cast<size_t>(copies) + 1, 0);
    for (int64_t j = 0; j < copies; ++j) {
        int64_t most = busiest[j];
        for (int64_t t = j * set / per_tile; t <= ((j + 1) * set - 1) / per_tile; ++t)
            most = std::max(most, ++per_tile_count[t]);
        busiest[j + 1] = most;
    }
    return busiest;
}

void check_setup(const Network& net, const std::vector<int64_t>& copies, const PipelineSetup& setup) {
    const Hardware& hw = setup.hw;
    if (copies.size() != net.layers.size())
        throw std::invalid_argument("the allocation has " + std::to_string(copies.size()) + " copy counts for " +
                                    std::to_string(net.layers.size()) + " layers");
    if (setup.compute_ns.size() != net.layers.size())
        throw std::invalid_argument("compute times for " + std::to_string(setup.compute_ns.size()) +
                                    " layers, the network has " + std::to_string(net.layers.size()));
    if (hw.crossbar_size < 1 || hw.crossbars_per_tile < 1 || hw.bytes_per_element < 1)
        throw std::invalid_argument("crossbar size, crossbars per tile and bytes per element must be >= 1");
    if (hw.bandwidth_limited && !(hw.buffer_bytes_per_ns > 0 && hw.bus_bytes_per_ns > 0))
        throw std::invalid_argument("the buffer and bus bandwidths must be > 0");
    for (size_t i = 0; i < copies.size(); ++i) {
        if (copies[i] < 1 || copies[i] > max_copies(net.layers[i]))
            fail(net, i, "R = " + std::to_string(copies[i]) + " is not in 1.." +
                             std::to_string(max_copies(net.layers[i])));
        if (!(setup.compute_ns[i] >= 0)) fail(net, i, "the compute time must be >= 0");
    }
}
}  // namespace

PipelineRun simulate_pipeline(const Network& net, const std::vector<int64_t>& copies,
                              const PipelineSetup& setup) {
    check_setup(net, copies, setup);
    const Hardware& hw = setup.hw;
    const size_t layers = net.layers.size();
    const auto bytes = static_cast<double>(hw.bytes_per_element);
    // With bandwidth limits, outputs of step s cross the bus in step s + 1 (overlapping that
    // step's compute, as T_step = max(TC, TA) assumes) and feed the next layer from step s + 2.
    // Without them data moves in no time: usable in step s + 1.
    const int64_t transfer_steps = hw.bandwidth_limited ? 1 : 0;

    PipelineRun run;
    std::vector<std::vector<int64_t>> busiest(layers);
    for (size_t i = 0; i < layers; ++i) {
        const int64_t set = crossbar_set(net.layers[i], hw.crossbar_size);
        LayerRun l;
        l.tiles = ceil_div(copies[i] * set, hw.crossbars_per_tile);
        run.layers.push_back(l);
        if (hw.bandwidth_limited) busiest[i] = busiest_tile_copies(copies[i], set, hw.crossbars_per_tile);
    }
    // done[i][s]: outputs of layer i produced by the end of step s (done[i][0] = 0).
    std::vector<std::vector<int64_t>> done(layers, std::vector<int64_t>{0});
    const int64_t last_outputs = net.layers.back().outputs();
    for (int64_t s = 1; done.back().back() < last_outputs; ++s) {
        double compute_ns = 0, access_ns = 0;
        bool worked = false;
        for (size_t i = 0; i < layers; ++i) {
            const Layer& layer = net.layers[i];
            const int64_t next = done[i].back();
            int64_t n = 0;
            const int64_t usable_step = s - 1 - transfer_steps;
            const int64_t available = i == 0 ? layer.outputs() : usable_step < 0 ? 0 : done[i - 1][usable_step];
            while (n < copies[i] && next + n < layer.outputs() &&
                   (i == 0 || inputs_needed(net.layers[i - 1], layer, next + n) <= available))
                ++n;
            if (n > 0) {
                LayerRun& l = run.layers[i];
                if (l.first_step == 0) l.first_step = s;
                l.last_step = s;
                ++l.busy_steps;
                l.full_steps += n == copies[i];
                compute_ns = std::max(compute_ns, setup.compute_ns[i]);
                if (hw.bandwidth_limited)
                    access_ns = std::max(access_ns, static_cast<double>(busiest[i][n] * layer.weight_rows()) * bytes /
                                                        hw.buffer_bytes_per_ns);
                worked = true;
            }
            if (hw.bandwidth_limited && i > 0 && s >= 2) {
                const int64_t moved = done[i - 1][s - 1] - done[i - 1][s - 2];
                const int64_t receivers = setup.bus_broadcast ? 1 : run.layers[i].tiles;
                access_ns = std::max(access_ns, static_cast<double>(moved * net.layers[i - 1].co * receivers) *
                                                    bytes / hw.bus_bytes_per_ns);
                worked = worked || moved > 0;
            }
            done[i].push_back(next + n);
        }
        if (!worked) throw std::logic_error("pipeline: no layer could proceed in step " + std::to_string(s));
        const double step_ns = std::max(compute_ns, access_ns);
        run.total_ns += step_ns;
        if (compute_ns >= access_ns) run.compute_bound_ns += step_ns;
        run.longest_step_ns = std::max(run.longest_step_ns, step_ns);
        run.steps = s;
    }
    return run;
}

}  // namespace pimsoc::reram
