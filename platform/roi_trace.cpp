#include "roi_trace.h"

#include <algorithm>

#include <fmt/format.h>

namespace pimsoc {

RoiTrace::RoiTrace(Tracer& tracer, const std::string& path) : m_tracer(tracer), m_region(tracer.text(path, "-")) {}

void RoiTrace::mark(const RoiMark& mark, uint64_t at_ps)
{
    if (mark.kind == RoiMark::Kind::begin) {
        m_open.push_back(mark.id);
    } else if (!mark.unmatched) {
        // The latest BEGIN of that id ends (regions of one id nest last-in first-out).
        const auto found = std::find(m_open.rbegin(), m_open.rend(), mark.id);
        if (found != m_open.rend()) {
            m_open.erase(std::next(found).base());
        }
    }
    show(at_ps);
}

void RoiTrace::name(uint32_t id, const std::string& name)
{
    m_names[id] = name;
    if (!m_open.empty() && m_open.back() == id) {
        show(m_last_ps);
    }
}

std::string RoiTrace::label(uint32_t id) const
{
    const auto named = m_names.find(id);
    return named != m_names.end() ? named->second : fmt::format("0x{:06x}", id);
}

void RoiTrace::show(uint64_t at_ps)
{
    m_last_ps = at_ps;
    m_tracer.set_text(m_region, m_open.empty() ? "-" : label(m_open.back()), at_ps);
}

}  // namespace pimsoc
