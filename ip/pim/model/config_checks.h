// The checks a technology model's validate() runs on its config members, each returning "" when
// the value is fine or one line "<prefix>.<member>: <value> <problem>" naming the member the way
// the wrapper binds it ("rtm.shift_ns: -1 is not a latency in 0..1e6 ns"). Shared so that every
// PIM config reports bad values in the same words.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <string>

namespace pimsoc::pim {

// The largest latency a primitive may have: 1 ms keeps every sum of picoseconds far from 2^64.
constexpr double max_primitive_latency_ns = 1e6;

class ConfigChecks {
public:
    explicit ConfigChecks(std::string prefix) : m_prefix(std::move(prefix)) {}

    // "<prefix>.<name>: <problem>"
    std::string field(const char* name, const std::string& problem) const;

    std::string range(const char* name, uint64_t v, uint64_t lo, uint64_t hi) const;  // lo <= v <= hi
    std::string latency(const char* name, double ns) const;                           // 0..1e6 ns
    std::string energy(const char* name, double pj) const;                            // finite, >= 0
    std::string positive(const char* name, double v) const;                           // finite, > 0
    std::string non_negative(const char* name, double v) const;                       // finite, >= 0
    // An enum member whose valid values are 0..last.
    template <typename E>
    std::string choice(const char* name, E v, E last) const
    {
        if (static_cast<uint32_t>(v) <= static_cast<uint32_t>(last)) return {};
        return field(name, std::to_string(static_cast<uint32_t>(v)) + " is not a valid choice");
    }

private:
    std::string m_prefix;
};

// The first problem of a chain of checks, so that validate() reads as one expression per group:
//   FirstProblem first;
//   if (first(check.range("rows", ...)) || first(check.latency("read_ns", ...))) return first.problem();
class FirstProblem {
public:
    // Keeps `problem` when it is the first non-empty one; true once a problem is kept.
    bool operator()(std::string problem)
    {
        if (m_problem.empty()) m_problem = std::move(problem);
        return !m_problem.empty();
    }
    const std::string& problem() const { return m_problem; }

private:
    std::string m_problem;
};

// A value as the checks print it (shortest form: "0.5", "1e+06").
std::string format_number(double v);

// Picoseconds of a latency in ns, rounded once (the models' time unit).
uint64_t ns_to_ps(double ns);

}  // namespace pimsoc::pim
