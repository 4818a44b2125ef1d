// RV32IMAC + Zicsr + Zifencei instruction-set simulator core: machine mode only, one hart.
// Pure C++ (no SystemC): memory goes through DMI regions (host pointers) or the MemoryInterface.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core_config.h"
#include "counter_view.h"
#include "csr_defs.h"
#include "decoded_cache.h"
#include "dmi_region.h"
#include "jit_context.h"
#include "memory_interface.h"
#include "pmp.h"
#include "triggers.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "DMI accesses assume a little-endian host");

namespace pimsoc::cpu {

class BlockJit;

enum class StopReason : uint8_t {
    budget,             // the cycle budget was used up
    instruction_limit,  // the instruction budget was used up
    wfi,                // waiting for an interrupt (no cycles pass until one is pending)
    stop_requested,     // request_stop() from the memory interface or an irq change
    trap_loop,          // an exception repeated at the same pc with no mret between: no progress
    debug_halt,         // halted for the debugger: a breakpoint (or an ebreak with a debugger
                        // attached); pc is that instruction's, not executed, nothing counted
};

struct RunResult {
    StopReason reason;
    uint64_t cycles;        // cycles spent in this call
    uint64_t instructions;  // instructions retired in this call
};

// Told of trap entries and returns as they happen (tracing); the core's cycles() is then the
// cycle count at the event. Not called on the hot path.
class CoreObserver {
public:
    virtual ~CoreObserver() = default;
    virtual void trap_entered(uint32_t cause, uint32_t epc) = 0;
    virtual void trap_returned(uint32_t pc) = 0;  // mret
};

class RvCore {
public:
    static constexpr unsigned num_regs = 32;

    RvCore(MemoryInterface& mem, const CoreConfig& config);
    ~RvCore();
    RvCore(const RvCore&) = delete;
    RvCore& operator=(const RvCore&) = delete;

    // Architectural reset: registers 0, pc, CSRs to reset values; the DMI regions and the
    // monotonic cycle/instruction counters stay (mcycle/minstret restart from 0).
    void reset(uint32_t pc);

    // Runs until cycle_budget cycles or instruction_budget attempted instructions (retired ones
    // plus those that raised an exception) have passed, a WFI with nothing pending, a trap loop,
    // or request_stop(). Pending interrupts are taken at the start.
    RunResult run(uint64_t cycle_budget, uint64_t instruction_budget = UINT64_MAX);

    // Ends the current run() after the instruction in progress (callable from MemoryInterface).
    void request_stop();
    // Adds cycles to the current instruction (bus wait states reported by the slow path).
    void add_stall_cycles(uint64_t cycles) { m_cycles += cycles; }

    // Drives mip bits (MSIP/MTIP/MEIP) from outside; other bits are ignored.
    void set_irq_pending(uint32_t mip_mask_bits, bool level);
    bool waiting_for_interrupt() const { return m_wfi; }
    // True when an interrupt is pending and enabled in mie (what wakes WFI, whatever mstatus.MIE).
    bool wake_up_pending() const { return (m_mip & m_mie) != 0; }

    // Adds a region; one with the same base and size replaces the old entry (e.g. read-only
    // upgraded to read-write).
    void add_dmi_region(const DmiRegion& region);
    bool has_dmi(uint32_t addr, bool write) const { return find_dmi(addr, 1, write) != nullptr; }
    // Removes DMI regions overlapping [lo, hi] and drops decoded code (it came from that memory).
    void invalidate_dmi(uint32_t lo, uint32_t hi);
    // Drops all decoded instructions (as fence.i does).
    void flush_decoded() { m_decoded.flush(); }

    // nullptr (the default) for none.
    void set_observer(CoreObserver* observer) { m_observer = observer; }

    // Source of the time/timeh CSRs in ticks; default: the cycle count.
    void set_time_source(std::function<uint64_t()> source) { m_time_source = std::move(source); }

    // Monotonic counters (not affected by CSR writes to mcycle/minstret, nor by reset).
    uint64_t cycles() const { return m_cycles; }
    uint64_t instret() const { return m_instret; }

    // Activity counters for the energy ledger (monotonic). Retired instructions per Op (an
    // instruction that traps does not retire); trap and interrupt entries.
    static constexpr unsigned num_ops = static_cast<unsigned>(Op::count_);
    uint64_t retired(Op op) const { return m_op_counts[static_cast<unsigned>(op)]; }
    uint64_t traps() const { return m_traps; }
    // Synchronous exceptions taken (monotonic): instructions that were attempted but trapped.
    // instret() + exceptions() is what the instruction budget counts, so that a guest looping
    // through its trap handler without retiring still reaches --max-instructions.
    uint64_t exceptions() const { return m_exceptions; }
    // Moves the DMI traffic counted since the last call into `out` (cleared first; regions
    // without traffic are left out). Fast-path hits are counted in bulk (retired loads/stores of
    // a width minus those that took the slow path), so the hot loop pays only for the per-Op count.
    void take_dmi_traffic(std::vector<DmiTraffic>& out);

    uint32_t pc() const { return m_pc; }
    void set_pc(uint32_t pc) { m_pc = pc; }
    uint32_t reg(unsigned n) const { return n < num_regs ? m_x[n] : 0; }
    void set_reg(unsigned n, uint32_t value);
    // CSR access without side effects or access checks (for tests and debuggers); false when
    // the CSR does not exist.
    bool read_csr(uint32_t addr, uint32_t& value) const;
    const CoreConfig& config() const { return m_config; }

    // --- Debugger support (rv_core_debug.cpp) ---
    // Software breakpoints without patching guest memory: decode_at() turns the instruction at a
    // breakpoint into Op::debug_break, so run() stops there with StopReason::debug_halt. Changing
    // the set drops the decoded code.
    void set_breakpoint(uint32_t pc);
    void clear_breakpoint(uint32_t pc);
    bool has_breakpoint(uint32_t pc) const;
    // With a debugger attached, ebreak halts into it (as dcsr.ebreakm = 1) instead of raising the
    // breakpoint exception.
    void set_debugger_attached(bool attached) { m_debugger_attached = attached; }
    bool debugger_attached() const { return m_debugger_attached; }
    // While single-stepping, interrupts are not taken (as dcsr.stepie = 0): a step executes the
    // instruction at pc, or takes its exception and lands at the handler.
    void set_single_stepping(bool stepping) { m_single_stepping = stepping; }
    // A debugger's CSR write: the CSR's WARL rules apply, no access check, no trap; false when
    // the CSR does not exist or is read-only.
    bool write_csr(uint32_t addr, uint32_t value);
    // GDB's hardware breakpoints and watchpoints: debug triggers (dmode, action 1) that halt into
    // the debugger with StopReason::debug_halt; false when no trigger is free (or not found).
    bool insert_debug_trigger(const Triggers::DebuggerRequest& request);
    bool remove_debug_trigger(const Triggers::DebuggerRequest& request);
    void remove_debug_triggers();  // all of them (the debugger detached)
    const Triggers::DebuggerRequest& debug_trigger(unsigned trigger) const { return m_triggers.debugger_request(trigger); }
    // Why the last debug_halt happened: a debugger trigger (which one, and the address of the
    // data access or instruction that fired it), or else a breakpoint or ebreak.
    struct DebugHaltCause {
        bool trigger = false;
        unsigned trigger_index = 0;
        uint32_t addr = 0;
    };
    const DebugHaltCause& debug_halt_cause() const { return m_halt_cause; }

private:
    static constexpr unsigned scratch_reg = num_regs;  // rd = x0 writes land here

    // Execution.
    void decode_at(uint32_t pc, DecodedCache::Page& page);
    void exec_system(DecodedInsn d);  // CSR, ecall, ebreak, mret, wfi, fence.i, illegal, trigger_fire
    void exec_amo(DecodedInsn d);
    void exec_csr(DecodedInsn d);
    uint32_t raw_insn_at(uint32_t pc, unsigned len);
    void execute();  // the hot loop (rv_core_exec.cpp)
    // The translation of `block`, which starts at pc (rv_core_jit.cpp), made now and kept in the
    // page (for a block whose first instruction is not covered: code that hands it back).
    JitBlockFn translate_block(DecodedCache::Page& page, uint32_t pc, const BlockSummary& block);
    bool decode_breakpoint(uint32_t pc, DecodedCache::Page& page);  // rv_core_debug.cpp
    void halt_for_debugger(DecodedInsn d);
    void halt_on_trigger(unsigned trigger, uint32_t addr, uint32_t instruction_cycles);

    // Traps and interrupts.
    void take_trap(uint32_t cause, uint32_t tval, uint32_t epc);
    void raise(Cause cause, uint32_t tval) { take_trap(static_cast<uint32_t>(cause), tval, m_pc); }
    void take_pending_interrupt();
    void switch_trigger_enable(bool trap_entry);
    void note_exception(uint32_t cause, uint32_t epc);
    void update_irq_signal();

    // CSRs.
    // The counters as they were before the CSR instruction in progress was charged and retired.
    struct CountsBefore {
        uint64_t cycles;
        uint64_t instret;
    };
    bool csr_exists(uint32_t addr) const;
    void csr_write(uint32_t addr, uint32_t value, const CountsBefore& before);
    bool read_protection_csr(uint32_t addr, uint32_t& value) const;
    bool write_protection_csr(uint32_t addr, uint32_t value);

    // PMP and debug triggers. While PMP enforces or a data trigger is set, every load/store takes
    // the slow path (the DMI cache entries stay empty); decoded code depends on both (fetch
    // permission, execute triggers), so it is dropped whenever either changes.
    void protection_changed();
    bool data_access_allowed(uint32_t addr, unsigned len, bool write, Cause fault);
    bool data_triggers_fire(uint32_t addr, unsigned len, bool write, OpClass cost_class);

    // Memory slow paths; each returns false after raising the trap.
    bool access(uint32_t addr, unsigned len, void* data, bool write, Cause fault);
    bool load_slow(uint32_t addr, unsigned len, uint32_t& value);
    bool store_slow(uint32_t addr, unsigned len, uint32_t value);
    bool fetch16(uint32_t addr, uint16_t& half);
    const DmiRegion* find_dmi(uint32_t addr, unsigned len, bool write) const;
    void reset_dmi_caches();
    // DMI traffic accounting (see take_dmi_traffic).
    uint32_t traffic_slot_for(uint32_t base);
    void count_dmi(uint32_t slot, unsigned len, bool write);
    uint64_t fast_hits(bool write, unsigned width_index) const;
    void credit_fast_hits(bool write);

    MemoryInterface& m_mem;
    CoreConfig m_config;

    uint32_t m_x[num_regs + 1] = {};
    uint32_t m_pc = 0;

    // Counters: m_cycles/m_instret are monotonic; the CSRs read views of them so that software
    // writes and mcountinhibit do not disturb time accounting.
    uint64_t m_cycles = 0;
    uint64_t m_instret = 0;
    CounterView m_mcycle;
    CounterView m_minstret;
    uint64_t m_cycle_limit = 0;
    uint64_t m_instret_limit = 0;
    bool m_running = false;
    bool m_stop_requested = false;
    bool m_wfi = false;
    bool m_trap_loop = false;
    bool m_irq_check = false;  // mip/mie/mstatus changed: look for an interrupt before the next insn
    bool m_debug_halt = false;
    DebugHaltCause m_halt_cause;
    bool m_debugger_attached = false;
    bool m_single_stepping = false;
    std::vector<uint32_t> m_breakpoints;  // a debugger's breakpoint addresses (a few)

    // CSR state.
    uint32_t m_mstatus = mstatus_bits::mpp_machine;
    uint32_t m_mie = 0;
    uint32_t m_mip = 0;
    uint32_t m_mtvec = 0;
    uint32_t m_mscratch = 0;
    uint32_t m_mepc = 0;
    uint32_t m_mcause = 0;
    uint32_t m_mtval = 0;

    // LR/SC reservation.
    bool m_reservation_valid = false;
    uint32_t m_reservation_addr = 0;

    uint32_t m_misaligned_mask = 0;  // ~0 when misaligned loads/stores trap
    uint32_t m_taken_extra_cycles = 0;
    uint16_t m_class_cycles[static_cast<unsigned>(OpClass::system) + 1] = {};

    // Ledger counters.
    uint64_t m_op_counts[num_ops] = {};
    uint64_t m_traps = 0;
    uint64_t m_exceptions = 0;

    // Trap-loop detection: the exceptions taken since the last mret (or reset). One that repeats
    // (same cause, same pc) means the handler trapped back into the same fault: no progress.
    static constexpr unsigned loop_window = 4;
    uint32_t m_unreturned_cause[loop_window] = {};
    uint32_t m_unreturned_epc[loop_window] = {};
    unsigned m_unreturned = 0;
    uint64_t m_slow_loads[DmiTraffic::widths] = {};   // retired loads served by the slow path, by width
    uint64_t m_slow_stores[DmiTraffic::widths] = {};
    uint64_t m_read_credited[DmiTraffic::widths] = {};   // fast_hits(false, w) already credited
    uint64_t m_write_credited[DmiTraffic::widths] = {};
    std::vector<DmiTraffic> m_dmi_traffic;  // by traffic slot

    Pmp m_pmp;
    Triggers m_triggers;
    bool m_check_data_accesses = false;  // PMP enforcing or a data trigger set: no DMI cache entries

    DecodedCache m_decoded;
    std::unique_ptr<BlockJit> m_jit;  // null: interpreter only (config.jit off or not an x86-64 host)
    JitContext m_jit_ctx;  // also holds the DMI caches (dmi_read, dmi_write)
    std::vector<DmiRegion> m_dmi;

    std::function<uint64_t()> m_time_source;
    CoreObserver* m_observer = nullptr;
};

}  // namespace pimsoc::cpu
