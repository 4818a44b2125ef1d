#include "mram_config.h"

#include "pim/model/config_checks.h"

namespace pimsoc::mram {

namespace {
const pim::ConfigChecks check("mram");
}  // namespace

std::string validate(const MramConfig& config)
{
    const Geometry& g = config.geometry;
    const OpCosts& o = config.ops;
    const AreaParams& a = config.area;
    std::string e;
    // Each check returns "" when fine; the first problem wins.
    auto fail = [&e](std::string problem) {
        if (e.empty()) e = std::move(problem);
        return !e.empty();
    };

    if (fail(check.range("rows", g.rows, 16, 4096)) || fail(check.range("columns", g.columns, 8, 4096)) ||
        fail(check.range("segment_bits", g.segment_bits, 1, g.columns)))
        return e;
    if (g.columns % g.segment_bits != 0)
        return check.field("segment_bits", std::to_string(g.segment_bits) + " does not divide columns " +
                                               std::to_string(g.columns));
    if (fail(check.range("subarrays_per_bank", g.subarrays_per_bank, 1, 1024)) ||
        fail(check.range("banks", g.banks, 1, 64)) ||
        fail(check.range("window_bytes_per_bank", g.window_bytes_per_bank, 4, max_window_bytes)))
        return e;
    if (g.window_bytes_per_bank % 4 != 0)
        return check.field("window_bytes_per_bank",
                           std::to_string(g.window_bytes_per_bank) + " is not a multiple of 4");
    if (static_cast<uint64_t>(g.banks) * g.window_bytes_per_bank > max_window_bytes)
        return check.field("banks", std::to_string(g.banks) + " banks of " +
                                        std::to_string(g.window_bytes_per_bank) +
                                        " window bytes are more than 64 MiB");
    const uint64_t array_bits = static_cast<uint64_t>(g.banks) * g.subarrays_per_bank * g.rows * g.columns;
    if (array_bits > (max_window_bytes * 8))
        return check.field("subarrays_per_bank", std::to_string(g.subarrays_per_bank) +
                                                     " sub-arrays make more than 2^29 array bits (banks x "
                                                     "sub-arrays x rows x columns)");

    if (fail(check.latency("write_ns", o.write_ns)) ||
        fail(check.energy("write_pj_per_bit", o.write_pj_per_bit)) ||
        fail(check.latency("read_ns", o.read_ns)) ||
        fail(check.energy("read_pj_per_bit", o.read_pj_per_bit)) ||
        fail(check.latency("sense_ns", o.sense_ns)) ||
        fail(check.energy("sense_pj_per_bit", o.sense_pj_per_bit)) ||
        fail(check.latency("count_ns", o.count_ns)) || fail(check.energy("count_pj", o.count_pj)) ||
        fail(check.latency("shift_ns", o.shift_ns)) || fail(check.energy("shift_pj", o.shift_pj)) ||
        fail(check.latency("add_ns", o.add_ns)) || fail(check.energy("add_pj", o.add_pj)) ||
        fail(check.non_negative("leakage_uw_per_subarray", o.leakage_uw_per_subarray)))
        return e;

    if (fail(check.range("accumulator_bits", config.nv.accumulator_bits, 16, 64))) return e;

    if (fail(check.positive("feature_nm", a.feature_nm)) || fail(check.non_negative("cell_f2", a.cell_f2)) ||
        fail(check.non_negative("sense_amp_f2", a.sense_amp_f2)) ||
        fail(check.non_negative("reference_select_f2", a.reference_select_f2)) ||
        fail(check.non_negative("transistor_f2", a.transistor_f2)))
        return e;
    return {};
}

}  // namespace pimsoc::mram
