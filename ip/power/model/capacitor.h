// The harvest mode's storage capacitor (power.mode = harvest): charged by a HarvestSource,
// drained by what the SoC consumes while it is on; the SoC browns out below v_brownout and turns
// on again once the capacitor is back at v_on (a supervisor with hysteresis, as on the WISP and
// the MSP430 boards of the intermittent-computing literature; defaults and sources:
// docs/models/power.md). Stored energy 0.5 C V^2; no leakage of the capacitor itself. Pure C++;
// times in ns, energies in pJ.
#pragma once

#include <cstdint>
#include <optional>

#include "power/model/harvest_source.h"

namespace pimsoc::power {

struct CapacitorConfig {
    double capacitance_uf = 47.0;
    double v_max = 3.0;        // the harvester's clamp
    double v_on = 2.4;         // turn-on: the SoC boots when the capacitor reaches it (and starts there)
    double v_warning = 2.0;    // the low-voltage warning's default threshold
    double v_brownout = 1.8;   // brown-out: the SoC loses power below it
};

// Throws std::invalid_argument naming the power.* key of a value out of range
// (0 < v_brownout <= v_warning < v_on <= v_max, capacitance > 0).
void check_capacitor(const CapacitorConfig& config);

class Capacitor {
public:
    Capacitor(const CapacitorConfig& config, HarvestSource source);

    double voltage() const { return m_voltage; }
    double energy_pj() const;  // stored: 0.5 C V^2
    const CapacitorConfig& config() const { return m_config; }

    // The SoC ran from `from_ns` to `to_ns` and consumed `consumed_pj`: harvested energy in,
    // consumed energy out, clamped to [0, v_max].
    void run(uint64_t from_ns, uint64_t to_ns, double consumed_pj);
    bool browned_out() const { return m_voltage < m_config.v_brownout; }
    // The forecast of the harvest mode's brown-out: if the SoC drains a constant `drain_uw` from
    // `from_ns` on (and the source delivers what it does), the first time in [from_ns, until_ns]
    // at which the capacitor reaches v_brownout (rounded up to the ns), else nullopt. Solves
    // 0.5 C V(t)^2 = 0.5 C V(from)^2 + harvested(from, t) - drain x (t - from) on each piece of
    // constant harvested power, the v_max clamp included. Changes nothing.
    std::optional<uint64_t> brownout_time(uint64_t from_ns, uint64_t until_ns, double drain_uw) const;

    // The SoC is off from `off_ns` (nothing is consumed): the time the capacitor is back at v_on,
    // where it is then; nullopt when the source never delivers enough.
    std::optional<uint64_t> recharge(uint64_t off_ns);

private:
    void set_energy(double pj);

    CapacitorConfig m_config;
    HarvestSource m_source;
    double m_voltage;
};

}  // namespace pimsoc::power
