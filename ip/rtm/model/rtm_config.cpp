#include "rtm_config.h"

#include "pim/model/config_checks.h"
#include "ports.h"

namespace pimsoc::rtm {

const char* to_string(CostModel model)
{
    return model == CostModel::legacy ? "legacy" : "circuit";
}
const char* to_string(Accumulator accumulator)
{
    switch (accumulator) {
    case Accumulator::int32: return "int32";
    case Accumulator::bound: return "bound";
    case Accumulator::fused: return "fused";
    }
    return "?";
}
const char* to_string(PeripheryModel model)
{
    return model == PeripheryModel::estimate ? "estimate" : "sqrt";
}
const char* to_string(PortPolicy policy)
{
    return policy == PortPolicy::static_ports ? "static_ports" : "dynamic_ports";
}
const char* to_string(ReturnPolicy policy)
{
    return policy == ReturnPolicy::lazy ? "lazy" : "eager";
}
const char* to_string(Placement placement)
{
    return placement == Placement::sequential ? "sequential" : "interleaved";
}
const char* to_string(AdderMode mode)
{
    return mode == AdderMode::bit_serial ? "bit_serial" : "word_parallel";
}
const char* to_string(BoothRadix radix)
{
    return radix == BoothRadix::radix2 ? "radix2" : "radix4";
}

namespace {
const pim::ConfigChecks check("rtm");
}  // namespace

std::string validate(const RtmConfig& config)
{
    const Geometry& g = config.geometry;
    const AccessCosts& a = config.access;
    const CellParams& c = config.cells;
    const AreaParams& ar = config.area;
    std::string e;
    // Each check returns "" when fine; the first problem wins.
    auto fail = [&e](std::string problem) {
        if (e.empty()) e = std::move(problem);
        return !e.empty();
    };

    if (fail(check.range("banks", g.banks, 1, 64))) return e;
    if (fail(check.range("subarrays_per_bank", g.subarrays_per_bank, 1, 1024))) return e;
    if (fail(check.range("dbcs_per_subarray", g.dbcs_per_subarray, 1, 1024))) return e;
    const uint32_t t = g.tracks_per_dbc;
    if (t != 8 && t != 16 && t != 32 && t != 64)
        return check.field("tracks_per_dbc", std::to_string(t) + " is not 8, 16, 32 or 64");
    if (fail(check.range("domains_per_track", g.domains_per_track, 1, max_domains_per_track))) return e;
    if (const std::string p = check_ports(g.domains_per_track, g.ports_per_track); !p.empty())
        return check.field("ports_per_track", p);
    if (fail(check.choice("port_policy", g.port_policy, PortPolicy::dynamic_ports))) return e;
    if (fail(check.choice("return_policy", g.return_policy, ReturnPolicy::eager))) return e;
    if (fail(check.choice("placement", g.placement, Placement::interleaved))) return e;
    const uint64_t capacity = static_cast<uint64_t>(g.banks) * g.subarrays_per_bank * g.dbcs_per_subarray *
                              g.domains_per_track * (t / 8);
    if (capacity > max_capacity_bytes)
        return check.field("banks",
                     std::to_string(g.banks) + " banks make a capacity of " + std::to_string(capacity) +
                         " bytes (banks x subarrays x DBCs x domains x tracks / 8), more than 64 MiB");

    if (fail(check.latency("shift_ns", a.shift_ns)) || fail(check.energy("shift_pj", a.shift_pj)) ||
        fail(check.latency("read_ns", a.read_ns)) || fail(check.energy("read_pj", a.read_pj)) ||
        fail(check.latency("write_ns", a.write_ns)) || fail(check.energy("write_pj", a.write_pj)))
        return e;

    if (fail(check.range("adders_per_subarray", c.adders_per_subarray, 1, 64)) ||
        fail(check.range("multipliers_per_subarray", c.multipliers_per_subarray, 1, 64)) ||
        fail(check.choice("adder_mode", c.adder_mode, AdderMode::word_parallel)) ||
        fail(check.latency("add_sense_ns", c.add_sense_ns)) ||
        fail(check.latency("add_write_ns", c.add_write_ns)) ||
        fail(check.energy("add_sense_pj_per_bit", c.add_sense_pj_per_bit)) ||
        fail(check.energy("add_write_pj_per_bit", c.add_write_pj_per_bit)) ||
        fail(check.choice("booth_radix", c.booth_radix, BoothRadix::radix4)) ||
        fail(check.range("input_buffer_bytes", c.input_buffer_bytes, 0, max_input_buffer_bytes)) ||
        fail(check.latency("buffer_read_ns", c.buffer_read_ns)))
        return e;

    const CircuitEnergy& ce = config.energy;
    if (fail(check.choice("cost_model", ce.model, CostModel::circuit)) ||
        fail(check.choice("accumulator", ce.accumulator, Accumulator::fused)) ||
        fail(check.energy("shift_pj_per_track_domain", ce.shift_pj_per_track_domain)) ||
        fail(check.energy("cell_sense_pj_per_bit", ce.cell_sense_pj_per_bit)) ||
        fail(check.energy("cell_write_pj_per_bit", ce.cell_write_pj_per_bit)) ||
        fail(check.energy("periphery_pj_per_bit", ce.periphery_pj_per_bit)) ||
        fail(check.positive("periphery_ref_bytes", ce.periphery_ref_bytes)) ||
        fail(check.choice("periphery_model", ce.periphery_model, PeripheryModel::sqrt)) ||
        fail(check.positive("vdd_v", ce.vdd_v)) || fail(check.non_negative("wire_ff_per_um", ce.wire_ff_per_um)) ||
        fail(check.non_negative("gate_ff_per_um", ce.gate_ff_per_um)) ||
        fail(check.non_negative("sense_amp_fj", ce.sense_amp_fj)) ||
        fail(check.non_negative("bitline_swing_v", ce.bitline_swing_v)))
        return e;

    if (fail(check.positive("feature_nm", ar.feature_nm)) ||
        fail(check.positive("domain_length_f", ar.domain_length_f)) ||
        fail(check.positive("track_pitch_f", ar.track_pitch_f)) ||
        fail(check.non_negative("port_cell_f2", ar.port_cell_f2)) ||
        fail(check.non_negative("sense_amp_f2", ar.sense_amp_f2)) ||
        fail(check.non_negative("transistor_f2", ar.transistor_f2)) ||
        fail(check.non_negative("periphery_fraction", ar.periphery_fraction)) ||
        fail(check.non_negative("sram_bit_f2", ar.sram_bit_f2)))
        return e;
    return {};
}

}  // namespace pimsoc::rtm
