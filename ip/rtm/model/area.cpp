#include "area.h"

#include "ports.h"

namespace pimsoc::rtm {

namespace {
constexpr double accumulator_bits = 32;       // adder cells add up to 32-bit accumulators
constexpr double product_track_domains = 66;  // per product-register track: 2 x 32 bits + 2 guard bits
}  // namespace

AreaBreakdown bank_area(const RtmConfig& config)
{
    const Geometry& g = config.geometry;
    const AreaParams& a = config.area;
    const PortGeometry ports(g.domains_per_track, g.ports_per_track, g.port_policy);
    const double f_um = a.feature_nm / 1000.0;
    const double f2_um2 = f_um * f_um;
    const double domain_um2 = a.domain_length_f * a.track_pitch_f * f2_um2;
    const double port_um2 = (a.port_cell_f2 + a.sense_amp_f2) * f2_um2;
    const double transistor_um2 = a.transistor_f2 * f2_um2;
    const double tracks = static_cast<double>(g.subarrays_per_bank) * g.dbcs_per_subarray * g.tracks_per_dbc;

    AreaBreakdown r;
    r.data_domains_um2 = tracks * g.domains_per_track * domain_um2;
    r.overhead_domains_um2 = tracks * ports.overhead_domains() * domain_um2;
    r.ports_um2 = tracks * g.ports_per_track * port_um2;

    const bool parallel = config.cells.adder_mode == AdderMode::word_parallel;
    const bool radix4 = config.cells.booth_radix == BoothRadix::radix4;
    const double adder_slices = parallel ? accumulator_bits : 1;
    const double pp_slices = parallel ? (radix4 ? 34 : 33) : 1;
    const double recoder = radix4 ? a.booth4_recoder_transistors : a.booth2_recoder_transistors;
    const double adder_um2 = adder_slices * a.adder_transistors_per_bit * transistor_um2;
    const double mult_um2 = (pp_slices * a.adder_transistors_per_bit + recoder) * transistor_um2 +
                            g.tracks_per_dbc * (product_track_domains * domain_um2 + port_um2);
    r.adders_um2 = static_cast<double>(g.subarrays_per_bank) * config.cells.adders_per_subarray * adder_um2;
    r.multipliers_um2 =
        static_cast<double>(g.subarrays_per_bank) * config.cells.multipliers_per_subarray * mult_um2;
    r.periphery_um2 = a.periphery_fraction * (r.data_domains_um2 + r.overhead_domains_um2 + r.ports_um2);
    r.input_buffer_um2 = 8.0 * config.cells.input_buffer_bytes * a.sram_bit_f2 * f2_um2;
    return r;
}

AreaBreakdown total_area(const RtmConfig& config)
{
    AreaBreakdown r = bank_area(config);
    pim::scale_fields(AreaBreakdown::fields(r), static_cast<double>(config.geometry.banks));
    return r;
}

}  // namespace pimsoc::rtm
