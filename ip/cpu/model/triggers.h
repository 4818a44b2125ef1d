// Debug triggers (Sdtrig, RISC-V debug spec 1.0) of a machine-mode-only hart: tselect, tdata1/2/3,
// tinfo and tcontrol, with address-match triggers of type mcontrol (type 2) on execute, load and
// store addresses, firing with action 0 (breakpoint exception). The core asks this class; it
// decides which accesses must be looked at (execute_armed(), watches_data()).
#pragma once

#include <cstdint>

#include "cpu/csr_regs.h"

namespace pimsoc::cpu {

class Triggers {
public:
    static constexpr unsigned count = 4;

    void reset();

    uint32_t tselect() const { return m_select; }
    void write_tselect(uint32_t value);  // WARL: a value >= count is ignored (how debuggers count triggers)
    uint32_t tdata1() const { return m_trigger[m_select].tdata1; }
    void write_tdata1(uint32_t value);
    uint32_t tdata2() const { return m_trigger[m_select].tdata2; }
    void write_tdata2(uint32_t value) { m_trigger[m_select].tdata2 = value; }
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
    // Whether a trigger fires on the data access [addr, addr+len) (any byte matching counts);
    // each firing trigger gets its hit bit set.
    bool fire_execute(uint32_t pc);
    bool fire_data(uint32_t addr, unsigned len, bool write);

private:
    struct Trigger {
        uint32_t tdata1 = 0;
        uint32_t tdata2 = 0;
    };

    bool fires(const Trigger& t, uint32_t kind, uint64_t first, uint64_t last) const;
    bool fire(uint32_t kind, uint64_t first, uint64_t last);

    Trigger m_trigger[count];
    uint32_t m_select = 0;
    uint32_t m_tcontrol = 0;
};

}  // namespace pimsoc::cpu
