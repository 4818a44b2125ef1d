#include "rtm_config.h"

#include <cmath>
#include <sstream>

#include "ports.h"

namespace pimsoc::rtm {

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

constexpr double max_latency_ns = 1e6;  // 1 ms per primitive keeps every sum of ps far from 2^64

std::string field(const char* name, const std::string& problem)
{
    return std::string("rtm.") + name + ": " + problem;
}

std::string number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string check_range(const char* name, uint64_t v, uint64_t lo, uint64_t hi)
{
    if (v >= lo && v <= hi) return {};
    return field(name, std::to_string(v) + " is not in " + std::to_string(lo) + ".." + std::to_string(hi));
}

std::string check_latency(const char* name, double ns)
{
    if (std::isfinite(ns) && ns >= 0 && ns <= max_latency_ns) return {};
    return field(name, number(ns) + " is not a latency in 0..1e6 ns");
}

std::string check_energy(const char* name, double pj)
{
    if (std::isfinite(pj) && pj >= 0) return {};
    return field(name, number(pj) + " is not a finite energy >= 0 pJ");
}

std::string check_positive(const char* name, double v)
{
    if (std::isfinite(v) && v > 0) return {};
    return field(name, number(v) + " is not a finite value > 0");
}

std::string check_non_negative(const char* name, double v)
{
    if (std::isfinite(v) && v >= 0) return {};
    return field(name, number(v) + " is not a finite value >= 0");
}

template <typename E>
std::string check_enum(const char* name, E v, E last)
{
    if (static_cast<uint32_t>(v) <= static_cast<uint32_t>(last)) return {};
    return field(name, std::to_string(static_cast<uint32_t>(v)) + " is not a valid choice");
}

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

    if (fail(check_range("banks", g.banks, 1, 64))) return e;
    if (fail(check_range("subarrays_per_bank", g.subarrays_per_bank, 1, 1024))) return e;
    if (fail(check_range("dbcs_per_subarray", g.dbcs_per_subarray, 1, 1024))) return e;
    const uint32_t t = g.tracks_per_dbc;
    if (t != 8 && t != 16 && t != 32 && t != 64)
        return field("tracks_per_dbc", std::to_string(t) + " is not 8, 16, 32 or 64");
    if (fail(check_range("domains_per_track", g.domains_per_track, 1, max_domains_per_track))) return e;
    if (const std::string p = check_ports(g.domains_per_track, g.ports_per_track); !p.empty())
        return field("ports_per_track", p);
    if (fail(check_enum("port_policy", g.port_policy, PortPolicy::dynamic_ports))) return e;
    if (fail(check_enum("return_policy", g.return_policy, ReturnPolicy::eager))) return e;
    if (fail(check_enum("placement", g.placement, Placement::interleaved))) return e;
    const uint64_t capacity = static_cast<uint64_t>(g.banks) * g.subarrays_per_bank * g.dbcs_per_subarray *
                              g.domains_per_track * (t / 8);
    if (capacity > max_capacity_bytes)
        return field("banks",
                     std::to_string(g.banks) + " banks make a capacity of " + std::to_string(capacity) +
                         " bytes (banks x subarrays x DBCs x domains x tracks / 8), more than 64 MiB");

    if (fail(check_latency("shift_ns", a.shift_ns)) || fail(check_energy("shift_pj", a.shift_pj)) ||
        fail(check_latency("read_ns", a.read_ns)) || fail(check_energy("read_pj", a.read_pj)) ||
        fail(check_latency("write_ns", a.write_ns)) || fail(check_energy("write_pj", a.write_pj)))
        return e;

    if (fail(check_range("adders_per_subarray", c.adders_per_subarray, 1, 64)) ||
        fail(check_range("multipliers_per_subarray", c.multipliers_per_subarray, 1, 64)) ||
        fail(check_enum("adder_mode", c.adder_mode, AdderMode::word_parallel)) ||
        fail(check_latency("add_sense_ns", c.add_sense_ns)) ||
        fail(check_latency("add_write_ns", c.add_write_ns)) ||
        fail(check_energy("add_sense_pj_per_bit", c.add_sense_pj_per_bit)) ||
        fail(check_energy("add_write_pj_per_bit", c.add_write_pj_per_bit)) ||
        fail(check_enum("booth_radix", c.booth_radix, BoothRadix::radix4)))
        return e;

    if (fail(check_positive("feature_nm", ar.feature_nm)) ||
        fail(check_positive("domain_length_f", ar.domain_length_f)) ||
        fail(check_positive("track_pitch_f", ar.track_pitch_f)) ||
        fail(check_non_negative("port_cell_f2", ar.port_cell_f2)) ||
        fail(check_non_negative("sense_amp_f2", ar.sense_amp_f2)) ||
        fail(check_non_negative("transistor_f2", ar.transistor_f2)) ||
        fail(check_non_negative("periphery_fraction", ar.periphery_fraction)))
        return e;
    return {};
}

}  // namespace pimsoc::rtm
