// When the supply of the scheduled modes fails (power.mode = times | periodic | random): the
// failure times, each followed by a fixed off time. Pure C++ (no SystemC); times in ns.
// See docs/models/power.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/model/random_streams.h"

namespace pimsoc::power {

enum class SupplyMode { off, times, periodic, random, harvest };

// "off", "times", ... -> the mode; throws std::invalid_argument naming the accepted values.
SupplyMode parse_supply_mode(const std::string& text);
const char* supply_mode_name(SupplyMode mode);

struct ScheduleConfig {
    SupplyMode mode = SupplyMode::off;   // off, times, periodic or random
    std::vector<uint64_t> times_ns;      // times: absolute failure times, strictly increasing
    uint64_t period_ns = 10'000'000;     // periodic: time powered between a boot and the next failure
    uint64_t mtbf_ns = 10'000'000;       // random: mean of the exponential time powered
    uint64_t off_time_ns = 1'000'000;    // every mode: time without power after a failure
};

class FailureSchedule {
public:
    // Throws std::invalid_argument naming the power.* key of a bad value (the harvest mode has no
    // schedule). `stream` draws the random mode's times (the power manager's own stream).
    FailureSchedule(const ScheduleConfig& config, RandomStream stream);

    // The first failure after a boot at `boot_ns` (time 0 is the cold boot); nullopt: the supply
    // never fails again. The random mode draws one number per call: call once per boot.
    // A listed time that falls while the power is off (before `boot_ns`) is skipped.
    std::optional<uint64_t> next_failure(uint64_t boot_ns);
    uint64_t off_time_ns() const { return m_config.off_time_ns; }

private:
    ScheduleConfig m_config;
    RandomStream m_stream;
    size_t m_next_listed = 0;  // times: the first listed failure not yet given
};

}  // namespace pimsoc::power
