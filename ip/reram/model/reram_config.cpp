#include "reram_config.h"

#include "pim/model/config_checks.h"

namespace pimsoc::reram {

namespace {
const pim::ConfigChecks check("reram");

using pim::format_number;

std::string fraction(const char* name, double v)
{
    if (v >= 0 && v <= 1) return {};  // NaN fails both
    return check.field(name, format_number(v) + " is not a rate in 0..1");
}
}  // namespace

std::string validate(const ReramConfig& config)
{
    const Geometry& g = config.geometry;
    const Device& d = config.device;
    const NonIdealities& n = config.non_ideal;
    const OpCosts& o = config.ops;
    const AreaParams& a = config.area;
    pim::FirstProblem fail;  // each check returns "" when fine; the first problem wins
    const std::string& e = fail.problem();

    if (fail(check.range("rows", g.rows, 8, 1024)) || fail(check.range("columns", g.columns, 8, 1024)) ||
        fail(check.range("cell_bits", g.cell_bits, 1, 4)) || fail(check.range("tiles", g.tiles, 1, 64)) ||
        fail(check.range("crossbars_per_tile", g.crossbars_per_tile, 1, 1024)) ||
        fail(check.range("dac_bits", g.dac_bits, 1, 4)) || fail(check.range("adc_bits", g.adc_bits, 1, 16)) ||
        fail(check.range("adcs_per_crossbar", g.adcs_per_crossbar, 1, g.columns)) ||
        fail(check.choice("signed_scheme", g.signed_scheme, SignedScheme::offset)) ||
        fail(check.choice("slice_placement", g.slice_placement, SlicePlacement::columns)))
        return e;
    if (!(g.adc_full_scale > 0 && g.adc_full_scale <= 1))
        return check.field("adc_full_scale", format_number(g.adc_full_scale) + " is not in (0, 1]");
    if (static_cast<uint64_t>(g.tiles) * g.crossbars_per_tile * g.rows * g.columns > (1ull << 28))
        return check.field("crossbars_per_tile", std::to_string(g.crossbars_per_tile) +
                                                     " crossbars per tile make more than 2^28 cells");

    if (fail(check.positive("r_on_ohm", d.r_on_ohm)) || fail(check.positive("r_off_ohm", d.r_off_ohm)) ||
        fail(check.positive("read_voltage_v", d.read_voltage_v)))
        return e;
    if (d.r_off_ohm <= d.r_on_ohm)
        return check.field("r_off_ohm", format_number(d.r_off_ohm) + " is not above r_on_ohm " +
                                            format_number(d.r_on_ohm));

    if (fail(check.choice("variation_model", n.variation_model, VariationModel::lognormal)) ||
        fail(check.non_negative("programming_sigma", n.programming_sigma)) ||
        fail(fraction("stuck_on_rate", n.stuck_on_rate)) || fail(fraction("stuck_off_rate", n.stuck_off_rate)))
        return e;
    if (n.stuck_on_rate + n.stuck_off_rate > 1)
        return check.field("stuck_off_rate", format_number(n.stuck_off_rate) +
                                                 " plus stuck_on_rate is more than 1");
    if (fail(check.non_negative("read_noise_sigma", n.read_noise_sigma)) ||
        fail(check.non_negative("adc_offset_sigma_lsb", n.adc_offset_sigma_lsb)) ||
        fail(check.non_negative("drift_nu", n.drift_nu)) || fail(check.positive("drift_t0_s", n.drift_t0_s)) ||
        fail(check.non_negative("drift_time_s", n.drift_time_s)) || fail(check.non_negative("wire_ohm", n.wire_ohm)))
        return e;

    if (fail(check.latency("crossbar_read_ns", o.crossbar_read_ns)) ||
        fail(check.energy("crossbar_read_pj", o.crossbar_read_pj)) || fail(check.energy("dac_pj", o.dac_pj)) ||
        fail(check.energy("sample_hold_pj", o.sample_hold_pj)) || fail(check.energy("adc_pj_8bit", o.adc_pj_8bit)) ||
        fail(check.positive("adc_gsps", o.adc_gsps)) || fail(check.energy("shift_add_pj", o.shift_add_pj)) ||
        fail(check.latency("shift_add_ns", o.shift_add_ns)) ||
        fail(check.energy("buffer_pj_per_byte", o.buffer_pj_per_byte)) ||
        fail(check.latency("write_pulse_ns", o.write_pulse_ns)) ||
        fail(check.energy("write_pulse_pj", o.write_pulse_pj)) ||
        fail(check.latency("verify_read_ns", o.verify_read_ns)) ||
        fail(check.energy("verify_read_pj", o.verify_read_pj)) ||
        fail(check.range("write_verify_iterations", o.write_verify_iterations, 1, 64)) ||
        fail(check.non_negative("leakage_uw_per_crossbar", o.leakage_uw_per_crossbar)))
        return e;
    // A conversion of one ADC must take at least 1 ps (ps are the model's time unit).
    if (o.adc_gsps > 1000) return check.field("adc_gsps", format_number(o.adc_gsps) + " is more than 1000");

    if (fail(check.non_negative("crossbar_um2", a.crossbar_um2)) || fail(check.non_negative("adc_um2", a.adc_um2)) ||
        fail(check.non_negative("dac_um2", a.dac_um2)) ||
        fail(check.non_negative("sample_hold_um2", a.sample_hold_um2)) ||
        fail(check.non_negative("shift_add_um2", a.shift_add_um2)) ||
        fail(check.range("buffer_bytes_per_tile", a.buffer_bytes_per_tile, 0, 64u << 20)) ||
        fail(check.non_negative("buffer_um2_per_byte", a.buffer_um2_per_byte)) ||
        fail(check.non_negative("pipeline_output_um2", a.pipeline_output_um2)))
        return e;
    return {};
}

NonIdealities switched_off(NonIdealities n)
{
    n.programming_sigma = 0;
    n.stuck_on_rate = 0;
    n.stuck_off_rate = 0;
    n.read_noise_sigma = 0;
    n.adc_offset_sigma_lsb = 0;
    n.drift_nu = 0;
    n.wire_ohm = 0;
    return n;
}

ReramConfig effective(const ReramConfig& config)
{
    ReramConfig c = config;
    if (c.non_ideal.ideal) c.non_ideal = switched_off(c.non_ideal);
    return c;
}

}  // namespace pimsoc::reram
