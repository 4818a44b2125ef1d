// Compares two dumps signal by signal, as a regression test compares a run with its reference.
// Signals are matched by full hierarchical name; identifier codes and the $date, $version and
// $comment text are ignored; times are compared in picoseconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vcd_reader.h"

namespace pimsoc::vcd {

struct Difference {
    enum class Kind { timescale, only_in_expected, only_in_actual, width, value };
    Kind kind = Kind::value;
    std::string signal;    // full name; empty for the timescale
    uint64_t time_ps = 0;  // of a value difference
    std::string expected;  // the value, "(no change)", the width or the timescale, as printed
    std::string actual;
    std::string message;  // one line, e.g. "first difference at 20 ps: soc.a: expected 1, actual 0"
};

struct Comparison {
    // The timescale first, then signals only in one dump or of another width (by name), then the
    // first value difference of each other signal in time order. At most one per signal.
    std::vector<Difference> differences;
    size_t signals = 0;            // names in either dump
    size_t differing_signals = 0;  // names with a difference
    size_t value_changes = 0;      // of the expected dump

    bool equal() const { return differences.empty(); }
    // "same: N signals, M value changes", or the first difference and "differing signals: K of N".
    std::string report() const;
};

Comparison compare(const Dump& expected, const Dump& actual);

}  // namespace pimsoc::vcd
