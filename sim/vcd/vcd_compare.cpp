#include "vcd_compare.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace pimsoc::vcd {
namespace {

// Full name -> declaration. A name declared bit by bit ("data [0]", "data [1]") keeps its bit
// range, so each bit is a signal of its own; otherwise the first declaration of a name counts.
std::map<std::string, const Variable*> by_name(const Dump& dump)
{
    std::map<std::string, int> declarations;
    for (const auto& variable : dump.variables) {
        ++declarations[variable.full_name];
    }
    std::map<std::string, const Variable*> index;
    for (const auto& variable : dump.variables) {
        const bool ambiguous = declarations[variable.full_name] > 1 && !variable.bit_range.empty();
        index.emplace(ambiguous ? variable.full_name + variable.bit_range : variable.full_name, &variable);
    }
    return index;
}

// The side without a change keeps its value; showing it tells a reader which side is late or early.
std::string held_text(const char* side, const std::string* held)
{
    return held != nullptr ? std::string(side) + " still " + *held : std::string(side) + " has no value yet";
}

// The first time the two change lists disagree. Both are free of repeats, so when all earlier
// changes agreed a change on one side only is always a real difference.
std::optional<Difference> first_value_difference(const std::string& name, const Dump& expected_dump,
                                                 const std::vector<ValueChange>& expected,
                                                 const Dump& actual_dump,
                                                 const std::vector<ValueChange>& actual)
{
    constexpr uint64_t none = std::numeric_limits<uint64_t>::max();
    const std::string* expected_held = nullptr;
    const std::string* actual_held = nullptr;
    size_t e = 0;
    size_t a = 0;
    while (e < expected.size() || a < actual.size()) {
        const uint64_t expected_ps = e < expected.size() ? expected_dump.to_ps(expected[e].time) : none;
        const uint64_t actual_ps = a < actual.size() ? actual_dump.to_ps(actual[a].time) : none;
        Difference difference;
        difference.signal = name;
        difference.time_ps = std::min(expected_ps, actual_ps);
        std::string note;
        if (expected_ps == actual_ps) {
            if (value_equal(expected[e].value, actual[a].value)) {
                expected_held = &expected[e++].value;
                actual_held = &actual[a++].value;
                continue;
            }
            difference.expected = expected[e].value;
            difference.actual = actual[a].value;
        } else if (expected_ps < actual_ps) {
            difference.expected = expected[e].value;
            difference.actual = "(no change)";
            note = "; " + held_text("actual", actual_held);
        } else {
            difference.expected = "(no change)";
            difference.actual = actual[a].value;
            note = "; " + held_text("expected", expected_held);
        }
        difference.message = "first difference at " + std::to_string(difference.time_ps) + " ps: " + name +
                             ": expected " + difference.expected + ", actual " + difference.actual + note;
        return difference;
    }
    return std::nullopt;
}

Difference structural(Difference::Kind kind, const std::string& name, std::string expected,
                      std::string actual, std::string message)
{
    Difference difference;
    difference.kind = kind;
    difference.signal = name;
    difference.expected = std::move(expected);
    difference.actual = std::move(actual);
    difference.message = std::move(message);
    return difference;
}

}  // namespace

Comparison compare(const Dump& expected, const Dump& actual)
{
    Comparison result;
    if (expected.timescale_ps != actual.timescale_ps) {
        const auto expected_text = std::to_string(expected.timescale_ps) + " ps";
        const auto actual_text = std::to_string(actual.timescale_ps) + " ps";
        result.differences.push_back(
            structural(Difference::Kind::timescale, "", expected_text, actual_text,
                       "timescale: expected " + expected_text + ", actual " + actual_text));
    }
    const auto expected_signals = by_name(expected);
    const auto actual_signals = by_name(actual);
    std::set<std::string> names;
    for (const auto& [name, variable] : expected_signals) {
        names.insert(name);
        result.value_changes += expected.changes(*variable).size();
    }
    for (const auto& [name, variable] : actual_signals) {
        names.insert(name);
    }
    result.signals = names.size();

    for (const auto& name : names) {
        const auto e = expected_signals.find(name);
        const auto a = actual_signals.find(name);
        if (a == actual_signals.end()) {
            result.differences.push_back(structural(Difference::Kind::only_in_expected, name, "", "",
                                                    "signal " + name + ": only in expected"));
        } else if (e == expected_signals.end()) {
            result.differences.push_back(structural(Difference::Kind::only_in_actual, name, "", "",
                                                    "signal " + name + ": only in actual"));
        } else if (e->second->width != a->second->width) {
            const auto expected_width = std::to_string(e->second->width);
            const auto actual_width = std::to_string(a->second->width);
            result.differences.push_back(structural(Difference::Kind::width, name, expected_width,
                                                    actual_width,
                                                    "signal " + name + ": width " + expected_width +
                                                        " in expected, " + actual_width + " in actual"));
        } else if (auto difference = first_value_difference(name, expected, expected.changes(*e->second),
                                                            actual, actual.changes(*a->second))) {
            result.differences.push_back(std::move(*difference));
        } else {
            continue;
        }
        ++result.differing_signals;
    }

    // Signals were visited by name, so sorting by (kind group, time) keeps names in order within a time.
    const auto key = [](const Difference& d) {
        const int group = d.kind == Difference::Kind::timescale ? 0
                          : d.kind == Difference::Kind::value   ? 2
                                                                : 1;
        return std::make_tuple(group, d.kind == Difference::Kind::value ? d.time_ps : 0);
    };
    std::stable_sort(result.differences.begin(), result.differences.end(),
                     [&](const Difference& x, const Difference& y) { return key(x) < key(y); });
    return result;
}

std::string Comparison::report() const
{
    if (equal()) {
        return "same: " + std::to_string(signals) + " signals, " + std::to_string(value_changes) +
               " value changes";
    }
    return differences.front().message + "\ndiffering signals: " + std::to_string(differing_signals) +
           " of " + std::to_string(signals);
}

}  // namespace pimsoc::vcd
