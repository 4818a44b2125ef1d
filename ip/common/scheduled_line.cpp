#include "common/scheduled_line.h"

namespace pimsoc {

void ScheduledLine::schedule(const sc_core::sc_time& at, bool level)
{
    while (!m_changes.empty() && m_changes.back().at >= at) {
        m_changes.pop_back();
    }
    m_changes.push_back(Change{at, level});
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    m_event.notify(at > now ? at - now : sc_core::SC_ZERO_TIME);
}

void ScheduledLine::apply_due(sc_core::sc_out<bool>& port)
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    bool due = false;
    bool level = false;
    while (!m_changes.empty() && m_changes.front().at <= now) {
        due = true;
        level = m_changes.front().level;
        m_changes.pop_front();
    }
    if (due && port.read() != level) {
        port.write(level);
    }
    if (!m_changes.empty()) {
        m_event.notify(m_changes.front().at - now);
    }
}

}  // namespace pimsoc
