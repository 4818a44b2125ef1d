// The busy wires of a device's parallel units (`<module>.bank<u>_busy`, one per unit of its
// UnitScheduler): high from the start of a command or window access on the unit to its end, as
// the RTM and MRAM trace groups show them (docs/tracing.md).
#pragma once

#include <string>
#include <vector>

#include "common/tracer.h"

namespace pimsoc {

class UnitBusyTrace {
public:
    // One wire per unit, named `<prefix><u>_busy` (prefix e.g. "rtm.bank").
    void attach(Tracer& tracer, const std::string& prefix, unsigned units)
    {
        for (unsigned u = 0; u < units; ++u) {
            m_wires.push_back(tracer.wire(prefix + std::to_string(u) + "_busy", 1));
        }
    }
    // Unit `unit` busy over [start_ps, end_ps) (nothing without a tracer).
    void mark(Tracer* tracer, unsigned unit, uint64_t start_ps, uint64_t end_ps) const
    {
        if (tracer == nullptr) {
            return;
        }
        tracer->set(m_wires.at(unit), 1, start_ps);
        tracer->set(m_wires.at(unit), 0, end_ps);
    }

private:
    std::vector<TraceSignal> m_wires;
};

}  // namespace pimsoc
