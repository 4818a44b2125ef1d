// An output line whose changes are decided ahead of kernel time and applied at their own simulated
// times. With temporal decoupling a device learns of an access at its annotated time (kernel time
// + delay), so a line it raises or lowers because of that access must change then, not at once.
// The owning module registers an SC_METHOD sensitive to event() that calls apply_due(port).
#pragma once

#include <deque>

#include <systemc>

namespace pimsoc {

class ScheduledLine {
public:
    // The line takes `level` at `at` (or now, if `at` has passed). A change decided later
    // supersedes every change planned at or after its time.
    void schedule(const sc_core::sc_time& at, bool level);

    // Drives the port with the latest change that is due; re-arms the event for the next one.
    void apply_due(sc_core::sc_out<bool>& port);

    const sc_core::sc_event& event() const { return m_event; }

private:
    struct Change {
        sc_core::sc_time at;
        bool level;
    };
    std::deque<Change> m_changes;  // sorted by time
    sc_core::sc_event m_event;
};

}  // namespace pimsoc
