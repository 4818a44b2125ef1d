#include "vcd_check.h"

#include <algorithm>
#include <limits>
#include <map>

namespace pimsoc::vcd {

std::vector<Problem> check(const ParseReport& report)
{
    std::vector<Problem> problems = report.problems;
    const Dump& dump = report.dump;
    if (!dump.has_timescale) {
        problems.push_back({0, "no $timescale in the header"});
    }
    // Names with their bit range: a bus written bit by bit ("data [0]", "data [1]") is fine.
    std::map<std::string, const Variable*> first_by_name;
    for (const auto& variable : dump.variables) {
        if (variable.width == 0 && variable.type != "string") {  // GTKWave writes strings with width 0
            problems.push_back(
                {variable.line, "$var " + variable.full_name + ": width 0 (must be at least 1)"});
        }
        const auto [first, inserted] =
            first_by_name.emplace(variable.full_name + variable.bit_range, &variable);
        if (!inserted && first->second->id != variable.id) {
            problems.push_back({variable.line, "signal " + variable.full_name +
                                                   " declared again with identifier '" + variable.id +
                                                   "' (first as '" + first->second->id + "' on line " +
                                                   std::to_string(first->second->line) + ")"});
        }
    }
    const auto order = [](const Problem& problem) {
        return problem.line > 0 ? problem.line : std::numeric_limits<int>::max();
    };
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const Problem& a, const Problem& b) { return order(a) < order(b); });
    return problems;
}

std::vector<Problem> check(std::string_view text, const std::string& file_name)
{
    return check(parse_vcd_collecting(text, file_name));
}

}  // namespace pimsoc::vcd
