// How a simulation ends. Devices that can end it (test finisher, HTIF, the CPU's instruction
// limit, run control's time limit) report here; the first report wins and stops the kernel.
#pragma once

#include <cstdint>
#include <string>

#include <systemc>

namespace pimsoc {

enum class ExitKind {
    running,            // nothing has ended the simulation yet
    firmware,           // the firmware exited (finisher or HTIF); code() is its exit value
    time_limit,         // --max-time reached
    instruction_limit,  // --max-instructions reached
    stalled,            // nothing left to simulate and no firmware exit (e.g. wfi, no interrupt source)
    error,              // the simulation could not go on (e.g. a CPU stuck in a trap loop)
    killed,             // a debugger ended it (gdb `kill`)
};

class SimulationExit {
public:
    // Records the end and calls sc_core::sc_stop() (when the kernel is running). Later reports
    // are ignored; the first cause is the one the user sees. `at` is when the end happens; with
    // temporal decoupling that is the reporter's annotated time (kernel time + its delay).
    void report(ExitKind kind, int64_t code, std::string reason,
                const sc_core::sc_time& at = sc_core::sc_time_stamp());

    bool ended() const { return m_kind != ExitKind::running; }
    ExitKind kind() const { return m_kind; }
    int64_t code() const { return m_code; }
    const std::string& reason() const { return m_reason; }
    const sc_core::sc_time& time() const { return m_time; }  // simulated time of the end

private:
    ExitKind m_kind = ExitKind::running;
    int64_t m_code = 0;
    std::string m_reason;
    sc_core::sc_time m_time;
};

}  // namespace pimsoc
