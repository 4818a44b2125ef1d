#include "common/power_gate.h"

#include <algorithm>

#include "common/param_choice.h"

namespace pimsoc {

void bind_power_gating(const ParamBinder& b, std::string& value)
{
    b.bind("power_gating", value, "",
           "unused (the domain is off, no leakage, until the first bus access after reset or power failure) "
           "or off (never gated: leaks from time 0)");
}

PowerGating power_gating_mode(const std::string& key, const std::string& value)
{
    return choose_param<PowerGating>(key, value, {{"unused", PowerGating::unused}, {"off", PowerGating::off}});
}

void PowerGate::attach(Ledger& ledger, size_t component)
{
    m_ledger = &ledger;
    m_component = component;
    m_last_ps = 0;
    m_gated = false;
    if (m_mode == PowerGating::unused) {
        set_gated(true, 0);
    }
}

void PowerGate::access(uint64_t at_ps)
{
    if (m_gated) {
        set_gated(false, at_ps);
    }
}

void PowerGate::power_down(uint64_t at_ps)
{
    if (m_mode == PowerGating::unused && !m_gated) {
        set_gated(true, at_ps);
    }
}

void PowerGate::set_gated(bool gated, uint64_t at_ps)
{
    m_gated = gated;
    if (m_ledger != nullptr) {
        m_last_ps = std::max(m_last_ps, at_ps);
        m_ledger->set_power_gated(m_component, gated, m_last_ps);
    }
}

}  // namespace pimsoc
