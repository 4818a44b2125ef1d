// Power gating of an accelerator's power domain (docs/models/command_device.md, "Power gating"):
// a real SoC switches off the domain of an IP block it does not use, so an accelerator the
// firmware never touches leaks nothing. With `<device>.power_gating = unused` (the default) the
// domain is off from reset until the first bus access to its registers or data window, and off
// again after a power failure or reset; `off` never gates it (leaks from time 0). Debug accesses
// never power it up. The wake-up latency and energy are not modelled. Pure C++ (times in ps).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/ledger.h"
#include "common/params.h"

namespace pimsoc {

enum class PowerGating {
    unused,  // off until first used after reset or power failure
    off,     // never gated
};

// Binds "<scope>.power_gating" to `value` (unused | off).
void bind_power_gating(const ParamBinder& b, std::string& value);
// The mode named `value`; throws std::invalid_argument "<key>: '<value>' is not unused or off".
PowerGating power_gating_mode(const std::string& key, const std::string& value);

class PowerGate {
public:
    void set_mode(PowerGating mode) { m_mode = mode; }
    // The ledger component whose leakage the gate switches; an `unused` gate is off from time 0.
    void attach(Ledger& ledger, size_t component);
    // A functional (not debug) bus access at at_ps: the domain is on from then.
    void access(uint64_t at_ps);
    // Reset or power failure at at_ps: an `unused` gate is off until the next access.
    void power_down(uint64_t at_ps);
    bool powered() const { return !m_gated; }

private:
    void set_gated(bool gated, uint64_t at_ps);

    PowerGating m_mode = PowerGating::off;
    Ledger* m_ledger = nullptr;
    size_t m_component = 0;
    bool m_gated = false;
    uint64_t m_last_ps = 0;  // accesses run ahead of kernel time: never move the ledger backwards
};

}  // namespace pimsoc
