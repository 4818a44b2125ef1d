// Debug triggers (Sdtrig, RISC-V debug spec 1.0) of a machine-mode-only hart: tselect, tdata1/2/3,
// tinfo and tcontrol, with address-match triggers of type mcontrol (type 2) on execute, load and
// store addresses. The guest's triggers fire with action 0 (breakpoint exception); an attached
// debugger's (GDB's hardware breakpoints and watchpoints) are dmode triggers with action 1 (halt
// into the debugger), which the guest can read but not change. The core asks this class; it
// decides which accesses must be looked at (execute_armed(), watches_data()).
#pragma once

#include <cstdint>

#include "cpu/csr_regs.h"

namespace pimsoc::cpu {

// What firing triggers ask for: a breakpoint exception (a guest trigger, action 0) and/or a halt
// into the debugger (a debugger trigger, action 1), with the debugger trigger that fired first.
struct TriggerHit {
    bool exception = false;
    bool debugger = false;
    unsigned debugger_trigger = 0;

    bool any() const { return exception || debugger; }
};

class Triggers {
public:
    static constexpr unsigned count = 4;

    // A debugger trigger's request: kinds (MCONTROL_EXECUTE/LOAD/STORE bits) on [addr, addr+length).
    struct DebuggerRequest {
        uint32_t kinds = 0;
        uint32_t addr = 0;
        uint32_t length = 0;
    };

    void reset();

    uint32_t tselect() const { return m_select; }
    void write_tselect(uint32_t value);  // WARL: a value >= count is ignored (how debuggers count triggers)
    uint32_t tdata1() const { return m_trigger[m_select].tdata1; }
    void write_tdata1(uint32_t value);
    uint32_t tdata2() const { return m_trigger[m_select].tdata2; }
    void write_tdata2(uint32_t value);
    uint32_t tinfo() const;
    uint32_t tcontrol() const { return m_tcontrol; }
    void write_tcontrol(uint32_t value) { m_tcontrol = value & (TCONTROL_MTE | TCONTROL_MPTE); }

    // tcontrol.mte keeps a trap handler from re-triggering (spec 5.4, native M-mode triggers):
    // trap entry saves it in mpte and clears it, mret restores it.
    void trap_entered();
    void trap_returned();

    // Some execute trigger can fire now (type mcontrol, m and execute set, tcontrol.mte set).
    bool execute_armed() const;
    // Some load/store trigger has m set: data accesses must be looked at (whatever tcontrol.mte).
    bool watches_data() const;

    // Whether a trigger fires on executing the instruction at pc (no side effect).
    bool matches_execute(uint32_t pc) const;
    // The triggers that fire on executing pc, or on the data access [addr, addr+len) (any byte
    // matching counts); each firing trigger gets its hit bit set.
    TriggerHit fire_execute(uint32_t pc);
    TriggerHit fire_data(uint32_t addr, unsigned len, bool write);

    // The debugger's triggers: a free trigger (no kind enabled, not the debugger's) becomes a dmode
    // trigger with action 1 matching exactly [addr, addr+length). false: none free, or length 0 or
    // past the address space.
    bool insert_debugger(const DebuggerRequest& request);
    bool remove_debugger(const DebuggerRequest& request);  // false: no such trigger
    void remove_all_debugger();                            // the debugger detached
    const DebuggerRequest& debugger_request(unsigned trigger) const { return m_request[trigger]; }

private:
    struct Trigger {
        uint32_t tdata1 = 0;
        uint32_t tdata2 = 0;
    };

    bool enabled(const Trigger& t) const;
    bool fires(unsigned index, uint32_t kind, uint64_t first, uint64_t last) const;
    TriggerHit fire(uint32_t kind, uint64_t first, uint64_t last);

    Trigger m_trigger[count];
    DebuggerRequest m_request[count];  // of the dmode triggers
    uint32_t m_select = 0;
    uint32_t m_tcontrol = 0;
};

}  // namespace pimsoc::cpu
