#include "common/unit_scheduler.h"

#include <algorithm>
#include <stdexcept>

namespace pimsoc {

UnitScheduler::UnitScheduler(unsigned units, unsigned queue_depth)
    : m_queue_depth(queue_depth), m_free(units), m_unit_ends(units)
{
    if (units == 0) {
        throw std::invalid_argument("a device needs at least one unit");
    }
}

bool UnitScheduler::queue_full(unsigned unit, const sc_core::sc_time& at)
{
    std::deque<sc_core::sc_time>& ends = m_unit_ends.at(unit);
    while (!ends.empty() && ends.front() <= at) {
        ends.pop_front();
    }
    // The commands on the unit at `at`: one running, the rest waiting behind it.
    return ends.size() > m_queue_depth;
}

UnitScheduler::Slot UnitScheduler::submit(unsigned unit, const sc_core::sc_time& at, const sc_core::sc_time& latency)
{
    const Slot slot = occupy(unit, at, latency);
    m_unit_ends.at(unit).push_back(slot.end);
    m_pending.insert(slot.end);
    return slot;
}

UnitScheduler::Slot UnitScheduler::occupy(unsigned unit, const sc_core::sc_time& at, const sc_core::sc_time& latency)
{
    sc_core::sc_time& free = m_free.at(unit);
    const sc_core::sc_time start = std::max(at, free);
    free = start + latency;
    return Slot{start, free};
}

unsigned UnitScheduler::retire(const sc_core::sc_time& at)
{
    unsigned retired = 0;
    while (!m_pending.empty() && *m_pending.begin() <= at) {
        m_pending.erase(m_pending.begin());
        ++retired;
    }
    return retired;
}

std::optional<sc_core::sc_time> UnitScheduler::next_completion() const
{
    if (m_pending.empty()) {
        return std::nullopt;
    }
    return *m_pending.begin();
}

bool UnitScheduler::busy(const sc_core::sc_time& at) const
{
    return std::any_of(m_free.begin(), m_free.end(), [&](const sc_core::sc_time& free) { return free > at; });
}

uint32_t UnitScheduler::busy_mask(const sc_core::sc_time& at, unsigned max_units) const
{
    uint32_t mask = 0;
    for (unsigned u = 0; u < std::min(units(), std::min(max_units, 32u)); ++u) {
        if (unit_busy(u, at)) {
            mask |= 1u << u;
        }
    }
    return mask;
}

unsigned checked_queue_depth(const std::string& key, uint32_t depth)
{
    if (depth > 255) {
        throw std::invalid_argument(key + ": must be in 0..255");
    }
    return depth;
}

void UnitScheduler::reset()
{
    std::fill(m_free.begin(), m_free.end(), sc_core::SC_ZERO_TIME);
    for (auto& ends : m_unit_ends) {
        ends.clear();
    }
    m_pending.clear();
}

}  // namespace pimsoc
