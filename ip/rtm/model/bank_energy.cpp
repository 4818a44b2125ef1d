#include "bank_energy.h"

#include <algorithm>
#include <cmath>

#include "area.h"

namespace pimsoc::rtm {

namespace {

uint32_t ceil_log2(double n)
{
    uint32_t bits = 0;
    while (std::ldexp(1.0, static_cast<int>(bits)) < n) ++bits;
    return bits;
}

}  // namespace

AccessEnergy access_energy(const BankOrganisation& org, const RtmConfig& config, AccessKind kind)
{
    const CircuitEnergy& e = config.energy;
    const double f_um = config.area.feature_nm / 1000.0;
    const double gate_ff = e.gate_ff_per_um * access_width_f * f_um;
    const double drain_ff = gate_ff;  // junction + overlap of a drain ~ its gate (docs/models/rtm.md)
    const double wire = e.wire_ff_per_um;
    const double v2_pj = e.vdd_v * e.vdd_v / 1000.0;  // fF x V^2 = fJ -> pJ

    AccessEnergy a;
    const double predecode_ff = org.decoder_um * wire + org.rows / 2.0 * gate_ff;
    a.decoder_pj = ceil_log2(org.rows) * predecode_ff * v2_pj;
    a.select_line_pj = (org.cells_per_select_line * gate_ff + org.select_line_um * wire) * v2_pj;
    const double bitline_ff = org.cells_per_bitline * drain_ff + org.bitline_um * wire;
    const double swing_pj = bitline_ff * e.vdd_v * e.bitline_swing_v / 1000.0;
    if (kind == AccessKind::read) {
        a.bitlines_pj = org.bitlines_swung * swing_pj;
        a.sense_amps_pj = org.bits * e.sense_amp_fj / 1000.0;
    } else {
        a.bitlines_pj = org.bits * bitline_ff * v2_pj + (org.bitlines_swung - org.bits) * swing_pj;
    }
    a.htree_pj = (org.address_bits + org.bits) * org.htree_um * wire * v2_pj;
    return a;
}

BankOrganisation rtm_bank_organisation(const RtmConfig& config)
{
    const Geometry& g = config.geometry;
    const AreaBreakdown area = bank_area(config);
    const double array_um2 = area.data_domains_um2 + area.overhead_domains_um2 + area.ports_um2 + area.periphery_um2;
    const double subarray_side_um = std::sqrt(array_um2 / g.subarrays_per_bank);
    BankOrganisation org;
    org.address_bits = ceil_log2(static_cast<double>(g.subarrays_per_bank) * g.dbcs_per_subarray * g.domains_per_track);
    org.bits = g.tracks_per_dbc;
    org.rows = g.dbcs_per_subarray * g.ports_per_track;
    org.cells_per_select_line = g.tracks_per_dbc;
    org.bitlines_swung = g.tracks_per_dbc;
    org.cells_per_bitline = org.rows;
    org.select_line_um = g.tracks_per_dbc * config.area.track_pitch_f * config.area.feature_nm / 1000.0;
    org.bitline_um = subarray_side_um;
    org.decoder_um = subarray_side_um;
    // Root to leaf: side/2 + side/4 + side/4 + ... ~ the side of the subarrays' square. The compute
    // cells and the input buffer sit beside it (their area does not lengthen the H-tree).
    org.htree_um = std::sqrt(array_um2);
    return org;
}

BankOrganisation sram_organisation(double bytes, uint32_t word_bits, const RtmConfig& config)
{
    const double bits = 8.0 * bytes;
    const double f_um = config.area.feature_nm / 1000.0;
    const double aspect = 1.46;  // CACTI's 6T cell: width / height
    const double cell_w_um = std::sqrt(config.area.sram_bit_f2 * aspect) * f_um;
    const double cell_h_um = std::sqrt(config.area.sram_bit_f2 / aspect) * f_um;
    const double side_cells = std::min(256.0, std::ldexp(1.0, static_cast<int>(ceil_log2(std::sqrt(bits)))));
    const double columns = std::max<double>(side_cells, word_bits);
    const double rows = std::max(1.0, std::min(256.0, std::ceil(bits / columns)));
    const double bank_um2 = bits * config.area.sram_bit_f2 * f_um * f_um * (1.0 + config.area.periphery_fraction);
    BankOrganisation org;
    org.address_bits = ceil_log2(bits / word_bits);
    org.bits = word_bits;
    org.rows = static_cast<uint32_t>(rows);
    org.cells_per_select_line = static_cast<uint32_t>(2 * columns);  // two access transistors per 6T cell
    org.bitlines_swung = static_cast<uint32_t>(columns);
    org.cells_per_bitline = org.rows;
    org.select_line_um = columns * cell_w_um;
    org.bitline_um = rows * cell_h_um;
    org.decoder_um = org.bitline_um;
    org.htree_um = std::sqrt(bank_um2);
    return org;
}

}  // namespace pimsoc::rtm
