#include "config_checks.h"

#include <cmath>
#include <sstream>

namespace pimsoc::pim {

std::string format_number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string ConfigChecks::field(const char* name, const std::string& problem) const
{
    return m_prefix + "." + name + ": " + problem;
}

std::string ConfigChecks::range(const char* name, uint64_t v, uint64_t lo, uint64_t hi) const
{
    if (v >= lo && v <= hi) return {};
    return field(name, std::to_string(v) + " is not in " + std::to_string(lo) + ".." + std::to_string(hi));
}

std::string ConfigChecks::latency(const char* name, double ns) const
{
    if (std::isfinite(ns) && ns >= 0 && ns <= max_primitive_latency_ns) return {};
    return field(name, format_number(ns) + " is not a latency in 0..1e6 ns");
}

std::string ConfigChecks::energy(const char* name, double pj) const
{
    if (std::isfinite(pj) && pj >= 0) return {};
    return field(name, format_number(pj) + " is not a finite energy >= 0 pJ");
}

std::string ConfigChecks::positive(const char* name, double v) const
{
    if (std::isfinite(v) && v > 0) return {};
    return field(name, format_number(v) + " is not a finite value > 0");
}

std::string ConfigChecks::non_negative(const char* name, double v) const
{
    if (std::isfinite(v) && v >= 0) return {};
    return field(name, format_number(v) + " is not a finite value >= 0");
}

uint64_t ns_to_ps(double ns)
{
    return static_cast<uint64_t>(std::llround(ns * 1000.0));
}

}  // namespace pimsoc::pim
