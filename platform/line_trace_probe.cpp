#include "line_trace_probe.h"

#include "common/ledger_time.h"

namespace pimsoc {

LineTraceProbe::LineTraceProbe(sc_core::sc_module_name name, Tracer& tracer, std::vector<Line> lines)
    : sc_core::sc_module(name)
    , m_tracer(tracer)
    , m_lines(std::move(lines))
{
    for (const Line& line : m_lines) {
        m_signals.push_back(tracer.wire(line.trace_name, 1, line.signal->read() ? 1 : 0));
    }
    SC_HAS_PROCESS(LineTraceProbe);
    SC_METHOD(changed);
    for (const Line& line : m_lines) {
        sensitive << line.signal->value_changed_event();
    }
    dont_initialize();
}

void LineTraceProbe::changed()
{
    const uint64_t now_ps = to_ps(sc_core::sc_time_stamp());
    for (size_t i = 0; i < m_lines.size(); ++i) {
        if (m_lines[i].signal->event()) {
            m_tracer.set(m_signals[i], m_lines[i].signal->read() ? 1 : 0, now_ps);
        }
    }
}

}  // namespace pimsoc
