// Debugger support of the core: breakpoints marked at decode time (guest memory is never
// patched), halting into the debugger, and CSR writes from the debugger.
#include <algorithm>

#include "rv_core.h"

namespace pimsoc::cpu {

void RvCore::set_breakpoint(uint32_t pc)
{
    if (!has_breakpoint(pc)) {
        m_breakpoints.push_back(pc);
        m_decoded.flush();  // an entry decoded before must become a debug_break
    }
}

void RvCore::clear_breakpoint(uint32_t pc)
{
    const auto it = std::find(m_breakpoints.begin(), m_breakpoints.end(), pc);
    if (it != m_breakpoints.end()) {
        m_breakpoints.erase(it);
        m_decoded.flush();  // the debug_break entry must become the instruction again
    }
}

bool RvCore::has_breakpoint(uint32_t pc) const
{
    return std::find(m_breakpoints.begin(), m_breakpoints.end(), pc) != m_breakpoints.end();
}

// Decodes a breakpoint at pc into Op::debug_break (no fetch: a breakpoint on an address that
// cannot be fetched halts too, before the fault). Costs no cycles; marked as code so that a flush
// or a store there drops it like any decoded entry.
bool RvCore::decode_breakpoint(uint32_t pc, DecodedCache::Page& page)
{
    if (!has_breakpoint(pc)) {
        return false;
    }
    DecodedInsn d;
    d.op = Op::debug_break;
    d.rd = scratch_reg;
    d.len = 2;
    d.cycles = 0;
    page.entries[(pc & DecodedCache::page_mask) >> 1] = d;
    m_decoded.mark_code(page, pc, d.len);
    return true;
}

// The instruction at pc is not executed and counts nothing: its cycles (added by the hot loop
// before dispatch) are taken back; pc stays.
void RvCore::halt_for_debugger(DecodedInsn d)
{
    m_halt_cause = DebugHaltCause{};
    m_cycles -= d.cycles;
    m_debug_halt = true;
    request_stop();
}

bool RvCore::write_csr(uint32_t addr, uint32_t value)
{
    if (!csr_exists(addr) || (addr & csr::read_only_mask) == csr::read_only_mask) {
        return false;
    }
    csr_write(addr, value, CountsBefore{m_cycles, m_instret});  // not inside an instruction
    m_irq_check = false;  // run() looks for interrupts when it starts
    return true;
}

// A debugger's trigger fired (on executing pc, or on the data access at addr): the instruction is
// not executed and counts nothing (its instruction_cycles, charged before dispatch, are taken back).
void RvCore::halt_on_trigger(unsigned trigger, uint32_t addr, uint32_t instruction_cycles)
{
    m_halt_cause = DebugHaltCause{true, trigger, addr};
    m_cycles -= instruction_cycles;
    m_debug_halt = true;
    request_stop();
}

bool RvCore::insert_debug_trigger(const Triggers::DebuggerRequest& request)
{
    if (!m_triggers.insert_debugger(request)) {
        return false;
    }
    protection_changed();  // data checks on, decoded code at an execute match becomes trigger_fire
    return true;
}

bool RvCore::remove_debug_trigger(const Triggers::DebuggerRequest& request)
{
    if (!m_triggers.remove_debugger(request)) {
        return false;
    }
    protection_changed();
    return true;
}

void RvCore::remove_debug_triggers()
{
    m_triggers.remove_all_debugger();
    protection_changed();
}

}  // namespace pimsoc::cpu
