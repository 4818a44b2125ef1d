// Traces boolean signals (interrupt lines) into the VCD: one SC_METHOD sensitive to all of them
// writes each change at the kernel time it happens. The lines are driven by ScheduledLine at the
// annotated time of the device event that changed them, so kernel time is that event's time.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <systemc>

#include "common/tracer.h"

namespace pimsoc {

class LineTraceProbe : public sc_core::sc_module {
public:
    struct Line {
        const sc_core::sc_signal<bool>* signal;
        std::string trace_name;  // dotted VCD name, e.g. "soc.irq.mtip"
    };

    LineTraceProbe(sc_core::sc_module_name name, Tracer& tracer, std::vector<Line> lines);

private:
    void changed();

    Tracer& m_tracer;
    std::vector<Line> m_lines;
    std::vector<TraceSignal> m_signals;
};

}  // namespace pimsoc
