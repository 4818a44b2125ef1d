#include "area.h"

#include <cmath>

namespace pimsoc::reram {

namespace {

AreaBreakdown area_of(const ReramConfig& config, double tiles)
{
    const Geometry& g = config.geometry;
    const AreaParams& a = config.area;
    const double crossbars = tiles * g.crossbars_per_tile;
    const double isaac_cells = 128.0 * 128.0;
    AreaBreakdown r;
    r.crossbars_um2 = crossbars * a.crossbar_um2 * (static_cast<double>(g.rows) * g.columns / isaac_cells);
    r.adcs_um2 = crossbars * g.adcs_per_crossbar * a.adc_um2 * std::ldexp(1.0, static_cast<int>(g.adc_bits) - 8);
    r.dacs_um2 = crossbars * g.rows * a.dac_um2 * static_cast<double>((1u << g.dac_bits) - 1);
    r.sample_holds_um2 = crossbars * g.columns * a.sample_hold_um2;
    r.shift_adds_um2 = crossbars * a.shift_add_um2;
    r.buffers_um2 = tiles * a.buffer_bytes_per_tile * a.buffer_um2_per_byte;
    r.output_units_um2 = tiles * a.pipeline_output_um2;
    return r;
}

}  // namespace

AreaBreakdown tile_area(const ReramConfig& config)
{
    return area_of(config, 1);
}

AreaBreakdown total_area(const ReramConfig& config)
{
    return area_of(config, config.geometry.tiles);
}

}  // namespace pimsoc::reram
