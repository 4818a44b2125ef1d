// A device clock's period from its frequency parameter, checked once for every device.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include <systemc>

namespace pimsoc {

// Throws std::invalid_argument naming `key` (e.g. "rtm.clock_hz") for 0, above 1 THz, or a period
// finer than the SystemC time resolution.
inline sc_core::sc_time clock_period(const std::string& key, uint64_t clock_hz)
{
    if (clock_hz == 0 || clock_hz > 1'000'000'000'000ull) {
        throw std::invalid_argument(key + ": must be in 1..10^12");
    }
    const sc_core::sc_time period(1.0 / static_cast<double>(clock_hz), sc_core::SC_SEC);
    if (period == sc_core::SC_ZERO_TIME) {
        throw std::invalid_argument(key + ": is finer than the time resolution");
    }
    return period;
}

}  // namespace pimsoc
