// Energy a command device counts in the ledger when it accepts a command, although the command
// spends it over its run (docs/power.md, "The harvest mode's brown-out"): each charge is spent
// evenly from its start to its end, so what is still unspent at t is energy x (end - t) / (end -
// start) (all of it before the start, none after the end). The harvest mode's capacitor is drained
// by the ledger's energy minus the change of the unspent energy, and its forecast adds the
// in-flight commands' rates until their ends. Pure C++; times in ps, energies in pJ.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace pimsoc {

class ChargedEnergy {
public:
    // `energy_pj` counted at `at_ps` for work that runs from `start_ps` to `end_ps` (at <= start
    // <= end). Charges that ended by `at_ps` are forgotten.
    void charge(uint64_t at_ps, uint64_t start_ps, uint64_t end_ps, double energy_pj)
    {
        m_charges.erase(std::remove_if(m_charges.begin(), m_charges.end(),
                                       [at_ps](const Charge& c) { return c.end_ps <= at_ps; }),
                        m_charges.end());
        m_charges.push_back({start_ps, std::max(start_ps, end_ps), energy_pj});
        m_charged_pj += energy_pj;
    }
    // The last charge turns out to end at `end_ps` having counted `energy_pj` (a command cut by a
    // power failure counts its part before it). No-op without a charge.
    void amend_last(uint64_t end_ps, double energy_pj)
    {
        if (m_charges.empty()) {
            return;
        }
        Charge& c = m_charges.back();
        m_charged_pj += energy_pj - c.energy_pj;
        c.end_ps = std::max(c.start_ps, end_ps);
        c.energy_pj = energy_pj;
    }
    // The power failed: nothing runs on (what was counted stays counted).
    void clear() { m_charges.clear(); }

    // Everything ever charged (monotonic but for amend_last()).
    double charged_pj() const { return m_charged_pj; }
    // Charged and not yet spent at `at_ps`.
    double unspent_pj(uint64_t at_ps) const
    {
        double unspent = 0;
        for (const Charge& c : m_charges) {
            if (at_ps <= c.start_ps) {
                unspent += c.energy_pj;
            } else if (at_ps < c.end_ps) {
                unspent += c.energy_pj * static_cast<double>(c.end_ps - at_ps) / static_cast<double>(c.end_ps - c.start_ps);
            }
        }
        return unspent;
    }
    // Appends the starts and ends after `from_ps`: where the spending rate changes.
    void rate_changes_after(uint64_t from_ps, std::vector<uint64_t>& times) const
    {
        for (const Charge& c : m_charges) {
            for (const uint64_t t : {c.start_ps, c.end_ps}) {
                if (t > from_ps) {
                    times.push_back(t);
                }
            }
        }
    }

private:
    struct Charge {
        uint64_t start_ps;
        uint64_t end_ps;
        double energy_pj;
    };
    std::vector<Charge> m_charges;
    double m_charged_pj = 0;
};

}  // namespace pimsoc
