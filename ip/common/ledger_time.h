// Simulated time in picoseconds, the ledger's unit (ip/common/ledger.h is free of SystemC).
#pragma once

#include <cmath>
#include <cstdint>

#include <systemc>

namespace pimsoc {

inline uint64_t to_ps(const sc_core::sc_time& time)
{
    // The time resolution is fixed once time has been used: compute the factor once.
    static const double ps_per_tick = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
    if (ps_per_tick >= 1.0) {
        return time.value() * static_cast<uint64_t>(std::llround(ps_per_tick));
    }
    return time.value() / static_cast<uint64_t>(std::llround(1.0 / ps_per_tick));
}

// A model's integer picoseconds as simulated time.
inline sc_core::sc_time from_ps(uint64_t ps) { return sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS); }

}  // namespace pimsoc
