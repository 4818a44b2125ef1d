// The harvested power of the harvest mode over time: a constant (power.harvest_uw) or a trace of
// (time, power) rows read from a file (power.harvest_trace), piecewise constant: each row's power
// holds from its time to the next row's; the last row's holds for ever; before the first row
// nothing is harvested. Pure C++; times in ns, powers in uW, energies in pJ (1 uW x 1 ns = 1e-3 pJ).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace pimsoc::power {

struct HarvestSample {
    uint64_t time_ns = 0;
    double power_uw = 0;
};

class HarvestSource {
public:
    // A constant power from time 0.
    explicit HarvestSource(double constant_uw);
    // Rows with strictly increasing times; throws std::invalid_argument when empty or unordered.
    explicit HarvestSource(std::vector<HarvestSample> samples);

    double power_uw_at(uint64_t t_ns) const;
    // The first time after `t_ns` at which the power changes (the next row's time); the largest
    // uint64_t when it never does.
    uint64_t next_change(uint64_t t_ns) const;
    // Energy harvested over [from_ns, to_ns).
    double energy_pj(uint64_t from_ns, uint64_t to_ns) const;
    // The earliest time at which `energy_pj` has been harvested since `from_ns`; nullopt when the
    // source never delivers that much.
    std::optional<uint64_t> time_to_harvest(uint64_t from_ns, double energy_pj) const;

private:
    std::vector<HarvestSample> m_samples;
};

// Reads a trace: one row per line, "time_s power_uw" separated by a comma or blanks (time in
// seconds, power in microwatts, both >= 0); blank lines, lines starting with '#' and a first line
// that is not numeric (a header) are skipped. Throws std::invalid_argument "<origin>:<line>: ...".
HarvestSource read_harvest_trace(std::istream& in, const std::string& origin);

}  // namespace pimsoc::power
