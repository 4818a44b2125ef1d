#include "simulation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "random_allocation.h"
#include "reram/model/reram_config.h"
#include "reram/pipeline/layer_compute.h"

namespace pimsoc::alloc {

reram::PipelineSetup pipeline_setup(const Network& net, const Hardware& hw, bool bus_broadcast) {
    reram::ReramConfig tile;
    tile.geometry.rows = tile.geometry.columns = static_cast<uint32_t>(std::min<int64_t>(hw.crossbar_size, 1 << 20));
    tile.geometry.crossbars_per_tile = static_cast<uint32_t>(std::min<int64_t>(hw.crossbars_per_tile, 1 << 20));
    reram::PipelineSetup setup;
    setup.hw = hw;
    try {
        setup.compute_ns = reram::layer_compute_ns(net, tile);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("the pipeline simulator's tile model rejects --size " +
                                    std::to_string(hw.crossbar_size) + " (" + e.what() + ")");
    }
    setup.bus_broadcast = bus_broadcast;
    return setup;
}

Hardware with_tile_stage(const Hardware& hw, const reram::PipelineSetup& setup) {
    Hardware out = hw;
    out.stage_ns = *std::max_element(setup.compute_ns.begin(), setup.compute_ns.end());
    return out;
}

Simulated simulate(const Network& net, const std::vector<int64_t>& copies, const Hardware& hw,
                   const reram::PipelineSetup& setup) {
    Simulated s;
    s.copies = copies;
    s.run = reram::simulate_pipeline(net, copies, setup);
    s.model = evaluate(net, copies, hw);
    s.error = (s.model.total_ns - s.run.total_ns) / s.run.total_ns;
    return s;
}

ValidationSummary validate_random(const Network& net, int64_t total_crossbars, const Hardware& hw,
                                  const reram::PipelineSetup& setup, int64_t count, uint64_t seed,
                                  const std::function<void(int64_t, const Simulated&)>& row) {
    RandomStream stream = RandomStreams(seed).stream("alloc.validate");
    ValidationSummary v;
    double sum_abs = 0, sum = 0;
    for (int64_t k = 1; k <= count; ++k) {
        const Simulated s =
            simulate(net, random_allocation(net, total_crossbars, hw.crossbar_size, stream), hw, setup);
        if (row) row(k, s);
        sum_abs += std::abs(s.error);
        sum += s.error;
        v.within_1pct += std::abs(s.error) < 0.01;
        if (v.worst.empty() || std::abs(s.error) > v.max_abs_error) {
            v.max_abs_error = std::abs(s.error);
            v.worst = s.copies;
        }
        ++v.count;
    }
    if (v.count) {
        v.mean_abs_error = sum_abs / static_cast<double>(v.count);
        v.mean_error = sum / static_cast<double>(v.count);
    }
    return v;
}

}  // namespace pimsoc::alloc
