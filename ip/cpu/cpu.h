// The CPU as a SystemC/TLM-2.0 initiator: the pure ISS core (cpu/model) run in slices by one
// SC_THREAD with temporal decoupling (tlm_quantumkeeper), DMI for memories and b_transport with
// annotated time for devices.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "common/ledger.h"
#include "common/log.h"
#include "common/sim_exit.h"
#include "common/tracer.h"
#include "cpu/cpu_params.h"
#include "cpu/model/rv_core.h"

namespace pimsoc {

// Run control by a debugger (platform/gdb_run_control.h), asked before and told after every run
// slice of the CPU's thread. While it holds the thread (halted), the kernel does not run, so
// simulated time stands still.
class CpuRunHook {
public:
    virtual ~CpuRunHook() = default;
    // May block while the target is halted. Returns the most instructions the next slice may
    // attempt (1: a single step; UINT64_MAX: no limit). The simulation may have ended on return.
    virtual uint64_t before_slice() = 0;
    virtual void after_slice(const cpu::RunResult& result) = 0;
    // Halted for the debugger: the thread must not go to sleep in wfi (before_slice serves first).
    virtual bool halted() const = 0;
};

// The supply as the CPU sees it (the platform's power control, docs/power.md). The CPU ends its
// run slices at next_power_check() (also asleep in wfi) and asks power_check() there, synchronised
// with kernel time. When the power failed, the hook does what a failure does to the rest of the
// SoC, waits until the power is back and returns true: the core then loses its registers, CSRs
// and pc and boots again at the reset pc.
class CpuPowerHook {
public:
    virtual ~CpuPowerHook() = default;
    virtual sc_core::sc_time next_power_check() const = 0;
    // Called from the CPU's thread at kernel time >= next_power_check(), which it must move on.
    virtual bool power_check() = 0;
};

class Cpu : public sc_core::sc_module, private cpu::MemoryInterface, private cpu::CoreObserver {
public:
    const CpuParams params;
    tlm_utils::simple_initiator_socket<Cpu> bus;

    Cpu(sc_core::sc_module_name name, const CpuParams& params, SimulationExit& exit);

    // Where the core starts (and restarts after a reset); default 0x8000'0000 (main memory).
    void set_reset_pc(uint32_t pc);
    // Drives a mip bit (3 = MSIP, 7 = MTIP, 11 = MEIP) from another SystemC process; wakes the core
    // from WFI. The core sees the change at its next slice (latency <= one global quantum).
    void set_irq(unsigned mip_bit, bool level);

    uint64_t instructions() const { return m_core->instret(); }
    uint64_t cycles() const { return m_core->cycles(); }  // active cycles (mcycle), without sleep
    uint64_t sleep_cycles() const { return m_sleep_cycles; }
    sc_core::sc_time clock_period() const { return m_period; }

    cpu::RvCore& core() { return *m_core; }
    // nullptr (the default): no debugger.
    void set_run_hook(CpuRunHook* hook) { m_run_hook = hook; }
    // nullptr (the default): the power never fails.
    void set_power_hook(CpuPowerHook* hook) { m_power_hook = hook; }
    // Boots after a power failure (the first boot not counted).
    uint64_t reboots() const { return m_reboots; }

    // Registers the CPU with the energy ledger: one event per instruction class (OpClass order)
    // plus trap entries; busy time = active cycles.
    void register_stats(Ledger& ledger);
    // The loads/stores/fetches served through DMI since the last call (for the memories' counts).
    void take_dmi_traffic(std::vector<cpu::DmiTraffic>& out) { m_core->take_dmi_traffic(out); }

    // Declares the `cpu` trace group's signals when the tracer has it on: pc and instret at every
    // synchronisation point (slice end, device access, trap), sleeping, trap entries.
    void trace_to(Tracer& tracer);
    // Called at the end of every slice with the CPU's time (before it synchronises); e.g. the
    // tracer's energy sampler. Not called while asleep.
    // The CPU's progress at the end of the run (tracing).
    void trace_end(const sc_core::sc_time& at)
    {
        if (m_tracer != nullptr) {
            trace_progress(at);
        }
    }
    void set_slice_listener(std::function<void(const sc_core::sc_time& at)> listener)
    {
        m_slice_listener = std::move(listener);
    }

    // Simulated time as the core sees it: kernel time plus the local offset of the current slice.
    sc_core::sc_time now() const { return sync_point() + local_time(); }
    // Where the time/timeh CSRs read from (the SoC wires the CLINT's mtime); by default they count
    // clock periods of simulated time.
    void set_time_source(std::function<uint64_t(const sc_core::sc_time& now)> source);

private:
    static constexpr uint32_t default_reset_pc = 0x80000000;

    void run_thread();
    void sleep_until_interrupt();
    // At a due power check: true when the power failed and the core was reset (boots again).
    bool power_check_rebooted();
    bool power_check_due() const { return m_power_hook != nullptr && now() >= m_power_hook->next_power_check(); }
    void settle_current_time();
    void report_trap_loop();  // ends the run: the core stopped in a trap loop
    uint64_t slice_budget_cycles() const;
    sc_core::sc_time local_time() const;
    // Fast-forward over idle synchronisation points: when no other process has anything to do
    // up to the point a slice's sync would wait for, the wait would only advance time, so it is
    // deferred (m_unwaited) until something can observe kernel time (a bus access, sleeping, the
    // end of the run). Off with a tracer, slice listener, debugger or power hook, which act at
    // every slice end.
    bool sync_is_idle() const;
    // At most this much is deferred: the kernel regains control at least this often, so that
    // sc_start(duration) ends (it has no event of its own) on a core that only computes.
    static constexpr double max_deferral_ms = 1.0;
    const sc_core::sc_time max_deferral{max_deferral_ms, sc_core::SC_MS};
    void catch_up();  // waits for m_unwaited, landing where the deferred syncs would have
    // The last synchronisation point: kernel time plus the deferred waits.
    sc_core::sc_time sync_point() const { return sc_core::sc_time_stamp() + m_unwaited; }

    // cpu::MemoryInterface: the slow path of the core.
    cpu::MemStatus read(uint32_t addr, void* data, unsigned len) override;
    cpu::MemStatus write(uint32_t addr, const void* data, unsigned len) override;
    cpu::MemStatus transport(tlm::tlm_command cmd, uint32_t addr, void* data, unsigned len);
    void request_dmi(uint32_t addr, tlm::tlm_command cmd);

    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);

    // Tracing (cpu::CoreObserver and the synchronisation points).
    void trap_entered(uint32_t cause, uint32_t epc) override;
    void trap_returned(uint32_t pc) override;
    void trace_progress(const sc_core::sc_time& at);
    void trace_sleeping(bool sleeping);
    struct TraceSignals {
        TraceSignal pc, instret, sleeping, in_trap, trap_cause, traps;
    };

    SimulationExit& m_exit;
    Logger m_log;
    sc_core::sc_time m_period;
    std::unique_ptr<cpu::RvCore> m_core;
    tlm_utils::tlm_quantumkeeper m_quantum;
    uint64_t m_sync_cycles = 0;  // core cycles at the last synchronisation with simulated time
    sc_core::sc_time m_unwaited;  // deferred syncs not yet waited for (sync_is_idle)
    uint64_t m_sleep_cycles = 0;
    uint32_t m_reset_pc = default_reset_pc;
    sc_core::sc_event m_irq_event;
    tlm::tlm_generic_payload m_payload;
    Tracer* m_tracer = nullptr;
    TraceSignals m_trace;
    std::function<void(const sc_core::sc_time&)> m_slice_listener;
    CpuRunHook* m_run_hook = nullptr;
    CpuPowerHook* m_power_hook = nullptr;
    uint64_t m_reboots = 0;
};

}  // namespace pimsoc
