#include "layer_compute.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "reram/model/cost.h"
#include "reram/model/weight_slicing.h"

namespace pimsoc::reram {

std::vector<double> layer_compute_ns(const Network& net, const ReramConfig& tile,
                                     const StepPrecision& precision) {
    if (const std::string error = validate(tile); !error.empty()) throw std::invalid_argument(error);
    if (precision.input_bits < 1 || precision.input_bits > max_input_bits)
        throw std::invalid_argument("input bits " + std::to_string(precision.input_bits) +
                                    " is not in 1.." + std::to_string(max_input_bits));
    const Geometry& g = tile.geometry;
    const UnitCosts units(tile);
    const uint32_t chunks = (precision.input_bits + g.dac_bits - 1) / g.dac_bits;
    std::vector<double> ns;
    for (const Layer& layer : net.layers) {
        const auto outputs = static_cast<uint32_t>(std::min<int64_t>(layer.co, g.columns));
        const SlicePlan plan = plan_slices(g, precision.weight_type, outputs);
        // A layout wider than a crossbar spills into more crossbars; each senses at most N columns.
        const uint32_t sensed = std::min(plan.columns_used, g.columns);
        ns.push_back(static_cast<double>(units.mvm_latency_ps(chunks, sensed, g.adcs_per_crossbar)) / 1000.0);
    }
    return ns;
}

}  // namespace pimsoc::reram
