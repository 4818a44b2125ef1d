// The core's debugger support: breakpoints marked at decode time, ebreak with a debugger
// attached, single steps (traps count as a step, interrupts masked) and debugger CSR writes.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint64_t unlimited = UINT64_MAX;

class DebugTest : public CoreTestBase {
protected:
    // A counter loop: a0 += 1, a1 += 2 for ever.
    void emit_loop()
    {
        emit(addi(a0, a0, 1));   // ram_base
        emit(addi(a1, a1, 2));   // ram_base + 4
        emit(jal(x0, -8));       // ram_base + 8
    }
    void set_trap_vector()
    {
        li(t0, trap_vector);
        emit(csrrw(x0, csr::mtvec, t0));
    }
};

TEST_F(DebugTest, BreakpointHaltsBeforeTheInstructionAndCountsNothing)
{
    emit_loop();
    m_core.run(1000, 6);  // two iterations: a0 = 2, pc back at the top
    ASSERT_EQ(m_core.pc(), ram_base);
    m_core.set_breakpoint(ram_base + 4);  // the loop's instructions are decoded already
    const uint64_t cycles = m_core.cycles();
    const uint64_t instret = m_core.instret();
    const uint64_t addis = m_core.retired(Op::addi);

    const RunResult result = m_core.run(1000);
    EXPECT_EQ(result.reason, StopReason::debug_halt);
    EXPECT_EQ(m_core.pc(), ram_base + 4);
    EXPECT_EQ(x(a0), 3u);
    EXPECT_EQ(x(a1), 4u);  // the addi at the breakpoint did not execute
    EXPECT_EQ(m_core.instret(), instret + 1);
    EXPECT_EQ(result.instructions, 1u);
    EXPECT_EQ(m_core.retired(Op::addi), addis + 1);
    EXPECT_EQ(m_core.cycles(), cycles + 1);  // the addi before it only (alu: 1 cycle)
    EXPECT_EQ(m_core.retired(Op::debug_break), 0u);

    // Halting again at once: the breakpoint stays until it is cleared.
    EXPECT_EQ(m_core.run(1000).reason, StopReason::debug_halt);
    EXPECT_EQ(m_core.pc(), ram_base + 4);

    m_core.clear_breakpoint(ram_base + 4);
    EXPECT_FALSE(m_core.has_breakpoint(ram_base + 4));
    const RunResult resumed = m_core.run(1000, 1);
    EXPECT_EQ(resumed.reason, StopReason::instruction_limit);
    EXPECT_EQ(x(a1), 6u);  // the instruction itself ran after clearing
    EXPECT_EQ(m_core.pc(), ram_base + 8);
}

TEST_F(DebugTest, BreakpointOnCodeNotYetDecoded)
{
    emit_loop();
    m_core.set_breakpoint(ram_base + 8);
    EXPECT_TRUE(m_core.has_breakpoint(ram_base + 8));
    EXPECT_EQ(m_core.run(1000).reason, StopReason::debug_halt);
    EXPECT_EQ(m_core.pc(), ram_base + 8);
    EXPECT_EQ(m_core.instret(), 2u);
}

TEST_F(DebugTest, EbreakHaltsIntoAnAttachedDebuggerAndTrapsOtherwise)
{
    set_trap_vector();
    const uint32_t at = m_pos;
    emit(ebreak());
    m_core.run(1000, 3);  // li (2) + csrrw
    ASSERT_EQ(m_core.pc(), at);

    m_core.set_debugger_attached(true);
    const uint64_t cycles = m_core.cycles();
    const uint64_t traps = m_core.traps();
    EXPECT_EQ(m_core.run(1000).reason, StopReason::debug_halt);
    EXPECT_EQ(m_core.pc(), at);
    EXPECT_EQ(m_core.cycles(), cycles);
    EXPECT_EQ(m_core.traps(), traps);
    EXPECT_EQ(m_core.exceptions(), 0u);

    m_core.set_debugger_attached(false);
    m_core.run(1000, 1);
    EXPECT_EQ(m_core.pc(), trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::breakpoint));
    EXPECT_EQ(csr(csr::mepc), at);
}

TEST_F(DebugTest, AStepOfATrappingInstructionLandsAtTheHandler)
{
    set_trap_vector();
    const uint32_t at = m_pos;
    emit(ecall());
    m_core.run(1000, 3);
    ASSERT_EQ(m_core.pc(), at);
    m_core.set_single_stepping(true);
    const RunResult result = m_core.run(1000, 1);
    EXPECT_EQ(result.reason, StopReason::instruction_limit);
    EXPECT_EQ(m_core.pc(), trap_vector);  // the handler's first instruction is not executed
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::ecall_m));
}

TEST_F(DebugTest, SingleStepsDoNotTakeInterrupts)
{
    set_trap_vector();
    li(t1, irq::mtip);
    emit(csrrw(x0, csr::mie, t1));
    emit(csrrsi(x0, csr::mstatus, mstatus_bits::mie));
    const uint32_t body = m_pos;
    emit_loop();
    m_core.run(1000, 7);  // the set-up: li (2) + csrrw, li (2) + csrrw + csrrsi
    ASSERT_EQ(m_core.pc(), body);
    m_core.set_irq_pending(irq::mtip, true);

    m_core.set_single_stepping(true);
    m_core.run(1000, 1);
    EXPECT_EQ(m_core.pc(), body + 4);  // stepped the addi, the timer interrupt still pending
    EXPECT_EQ(m_core.traps(), 0u);

    m_core.set_single_stepping(false);
    m_core.run(1000, 0);  // the interrupt entry only
    EXPECT_EQ(m_core.pc(), trap_vector);
    EXPECT_EQ(csr(csr::mcause), interrupt_flag | irq::mti_cause);  // taken once running again
    EXPECT_EQ(csr(csr::mepc), body + 4);
}

TEST_F(DebugTest, DebuggerCsrWritesFollowTheWarlRulesAndRefuseReadOnlyCsrs)
{
    EXPECT_TRUE(m_core.write_csr(csr::mscratch, 0x1234));
    EXPECT_EQ(csr(csr::mscratch), 0x1234u);
    EXPECT_TRUE(m_core.write_csr(csr::mepc, 0x80000003));
    EXPECT_EQ(csr(csr::mepc), 0x80000002u);  // bit 0 always 0
    EXPECT_FALSE(m_core.write_csr(csr::mhartid, 5));  // read-only
    EXPECT_FALSE(m_core.write_csr(0x7c0, 1));         // no such CSR
    EXPECT_EQ(m_core.run(unlimited, 0).instructions, 0u);
}

}  // namespace
}  // namespace pimsoc::cpu::test
