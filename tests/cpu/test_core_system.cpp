// CSRs, traps, interrupts, WFI, misaligned accesses, access faults, decoded cache and cycles.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

class SystemTest : public CoreTestBase {};

TEST_F(SystemTest, ResetValuesAndIdentification)
{
    EXPECT_EQ(csr(csr::misa), 0x40001105u);
    EXPECT_EQ(csr(csr::mstatus), mstatus_bits::mpp_machine);
    EXPECT_EQ(csr(csr::mhartid), 0u);
    EXPECT_EQ(csr(csr::mvendorid), 0u);
    EXPECT_EQ(csr(csr::marchid), 0u);
    EXPECT_EQ(csr(csr::mimpid), 0u);
}

TEST_F(SystemTest, ReadWriteSetClear)
{
    emit(addi(a0, x0, 0x5A));
    emit(csrrw(a1, csr::mscratch, a0));   // old 0
    emit(csrrsi(a2, csr::mscratch, 0x5)); // old 0x5A -> 0x5F
    emit(csrrci(a3, csr::mscratch, 0xA)); // old 0x5F -> 0x55
    emit(addi(t0, x0, 0x50));
    emit(csrrc(a4, csr::mscratch, t0));   // old 0x55 -> 0x05
    emit(csrrs(a5, csr::mscratch, x0));   // read only
    emit(csrrwi(a6, csr::mscratch, 31));
    emit(csrrs(a7, csr::mscratch, x0));
    run_program();
    EXPECT_EQ(x(a1), 0u);
    EXPECT_EQ(x(a2), 0x5Au);
    EXPECT_EQ(x(a3), 0x5Fu);
    EXPECT_EQ(x(a4), 0x55u);
    EXPECT_EQ(x(a5), 0x05u);
    EXPECT_EQ(x(a6), 0x05u);
    EXPECT_EQ(x(a7), 31u);
}

TEST_F(SystemTest, WarlFields)
{
    emit(addi(a0, x0, -1));
    emit(csrrw(x0, csr::mstatus, a0));
    emit(csrrw(x0, csr::misa, a0));
    emit(csrrw(x0, csr::mie, a0));
    emit(csrrw(x0, csr::mip, a0));
    emit(csrrw(x0, csr::mepc, a0));
    emit(csrrw(x0, csr::mtvec, a0));  // mode 3 is reserved -> direct
    run_program();
    EXPECT_EQ(csr(csr::mstatus), mstatus_bits::mie | mstatus_bits::mpie | mstatus_bits::mpp_machine);
    EXPECT_EQ(csr(csr::misa), misa_value);
    EXPECT_EQ(csr(csr::mie), irq::all);
    EXPECT_EQ(csr(csr::mip), 0u);
    EXPECT_EQ(csr(csr::mepc), 0xFFFFFFFEu);
    EXPECT_EQ(csr(csr::mtvec), 0xFFFFFFFCu);
}

TEST_F(SystemTest, WriteToReadOnlyCsrIsIllegal)
{
    set_trap_vector();
    const uint32_t insn = csrrw(x0, csr::mhartid, x0);
    emit(insn);
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::illegal_instruction));
    EXPECT_EQ(csr(csr::mtval), insn);
}

TEST_F(SystemTest, SetWithNonZeroRegisterOnReadOnlyIsIllegal)
{
    set_trap_vector();
    emit(csrrs(a0, csr::cycle, t0));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::illegal_instruction));
}

TEST_F(SystemTest, ReadOnlyCsrReadWithX0DoesNotTrap)
{
    set_trap_vector();
    emit(csrrs(a0, csr::mhartid, x0));
    emit(csrrsi(a1, csr::instret, 0));
    run_program();
    EXPECT_EQ(x(a0), 0u);
    EXPECT_EQ(x(a1), 4u);  // li (2) + csrrw + csrrs retired before
}

TEST_F(SystemTest, UnknownCsrIsIllegal)
{
    set_trap_vector();
    const uint32_t insn = csrrs(a0, 0x7C0, x0);
    emit(insn);
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::illegal_instruction));
    EXPECT_EQ(csr(csr::mtval), insn);
    EXPECT_EQ(x(a0), 0u);
}

TEST_F(SystemTest, CountersAreWritableAndUserViewsFollow)
{
    emit(addi(a0, x0, 100));
    emit(csrrw(x0, csr::minstret, a0));
    emit(csrrs(a1, csr::instret, x0));   // 100: the write is what the next instruction sees
    emit(csrrw(x0, csr::mcycleh, a0));
    emit(csrrs(a2, csr::cycleh, x0));
    emit(csrrs(a3, csr::minstreth, x0));
    run_program();
    EXPECT_EQ(x(a1), 100u);
    EXPECT_EQ(x(a2), 100u);
    EXPECT_EQ(x(a3), 0u);
    EXPECT_EQ(m_core.instret(), 6u);  // the monotonic counter is not affected
}

TEST_F(SystemTest, TimeComesFromTheTimeSource)
{
    m_core.set_time_source([] { return 0x123456789ull; });
    emit(csrrs(a0, csr::time, x0));
    emit(csrrs(a1, csr::timeh, x0));
    run_program();
    EXPECT_EQ(x(a0), 0x23456789u);
    EXPECT_EQ(x(a1), 1u);
}

TEST_F(SystemTest, EcallTrapEntryAndMret)
{
    set_trap_vector();
    emit(csrrsi(x0, csr::mstatus, mstatus_bits::mie));
    const uint32_t ecall_at = m_pos;
    emit(ecall());
    emit(addi(a1, x0, 1));  // after return
    const uint32_t end = m_pos;
    m_pos = trap_vector;
    emit(csrrs(a0, csr::mstatus, x0));
    emit(csrrs(t1, csr::mepc, x0));
    emit(addi(t1, t1, 4));
    emit(csrrw(x0, csr::mepc, t1));
    emit(mret());
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::ecall_m));
    EXPECT_EQ(csr(csr::mepc), ecall_at);
    EXPECT_EQ(csr(csr::mtval), 0u);
    EXPECT_EQ(csr(csr::mstatus) & (mstatus_bits::mie | mstatus_bits::mpie), mstatus_bits::mpie);
    run_to(end);
    EXPECT_EQ(x(a1), 1u);
    EXPECT_EQ(csr(csr::mstatus) & (mstatus_bits::mie | mstatus_bits::mpie), mstatus_bits::mie | mstatus_bits::mpie);
}

TEST_F(SystemTest, EbreakAndIllegalEncodings)
{
    set_trap_vector();
    const uint32_t at = m_pos;
    emit(ebreak());
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::breakpoint));
    EXPECT_EQ(csr(csr::mtval), at);
    for (uint32_t bad : {0xFFFFFFFFu, 0x0000007Fu, slli(a0, a0, 0) | (1u << 25), 0x30200073u | (1u << 7),
                         0x0000200Fu, lr_w(a0, a1) | (1u << 20), 0x0000301Bu /* RV64 addiw */}) {
        m_core.set_pc(ram_base + 0x100);
        m_mem.set_word(ram_base + 0x100, bad);
        m_core.flush_decoded();
        step();
        EXPECT_EQ(m_core.pc(), trap_vector) << std::hex << bad;
        EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::illegal_instruction)) << std::hex << bad;
        EXPECT_EQ(csr(csr::mtval), bad) << std::hex << bad;
    }
}

TEST_F(SystemTest, FetchAccessFault)
{
    set_trap_vector();
    li(t1, 0x1000);
    emit(jalr(ra, t1, 0));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::fetch_access));
    EXPECT_EQ(csr(csr::mtval), 0x1000u);
    EXPECT_EQ(csr(csr::mepc), 0x1000u);
}

TEST_F(SystemTest, LoadAndStoreAccessFaultsCarryTheAddress)
{
    set_trap_vector();
    li(t1, 0x2004);
    emit(lw(a0, t1, 0));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::load_access));
    EXPECT_EQ(csr(csr::mtval), 0x2004u);
    m_pos = ram_base + 0x200;
    m_core.set_pc(m_pos);
    emit(sb(a0, t1, 3));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::store_access));
    EXPECT_EQ(csr(csr::mtval), 0x2007u);
}

TEST_F(SystemTest, TrapLoopIsReported)
{
    // mtvec points at unmapped memory: the handler can never be fetched.
    m_core.set_pc(0x4000);
    const RunResult r = m_core.run(100000);
    EXPECT_EQ(r.reason, StopReason::trap_loop);
}

TEST_F(SystemTest, IllegalInstructionAtTheTrapVectorIsATrapLoop)
{
    // The vector holds 0 (illegal): every trap re-enters it without retiring anything. Before the
    // fix only a fetch fault was caught, and this ran until the cycle budget.
    set_trap_vector();
    emit(ecall());
    const RunResult r = m_core.run(1000000);
    EXPECT_EQ(r.reason, StopReason::trap_loop);
    EXPECT_EQ(csr(csr::mepc), trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::illegal_instruction));
    EXPECT_LT(r.cycles, 100u);
}

TEST_F(SystemTest, HandlerThatFaultsAgainIsATrapLoop)
{
    // The handler's first store faults (as with a read-only stack): it retires one instruction per
    // round but never returns.
    set_trap_vector();
    emit(ecall());
    emit_at(trap_vector, addi(sp, sp, -16));
    emit_at(trap_vector + 4, sw(ra, x0, 0x100));  // address 0x100: unmapped
    const RunResult r = m_core.run(1000000);
    EXPECT_EQ(r.reason, StopReason::trap_loop);
    EXPECT_EQ(csr(csr::mepc), trap_vector + 4);
}

TEST_F(SystemTest, RepeatedFaultsWithMretBetweenAreProgress)
{
    // A handler that returns to the same faulting load is not a trap loop (each round retires an
    // mret): the instruction budget ends it, counting the faulting attempts.
    set_trap_vector();
    li(t1, 0x100);
    emit(lw(a0, t1, 0));
    emit_at(trap_vector, mret());
    const RunResult r = m_core.run(UINT64_MAX, 1000);
    EXPECT_EQ(r.reason, StopReason::instruction_limit);
    EXPECT_EQ(m_core.instret() + m_core.exceptions(), 1000u);
    EXPECT_GE(m_core.exceptions(), 495u);  // every other attempt, after a few set-up instructions
}

TEST_F(SystemTest, MisalignedAccessesPerformedByDefault)
{
    m_mem.set_word(data_addr, 0x44332211);
    m_mem.set_word(data_addr + 4, 0x88776655);
    li(s0, data_addr);
    emit(lw(a0, s0, 1));
    emit(lh(a1, s0, 3));
    emit(sw(a0, s0, 6));
    run_program();
    EXPECT_EQ(x(a0), 0x55443322u);
    EXPECT_EQ(x(a1), 0x5544u);
    EXPECT_EQ(m_mem.word(data_addr + 4), 0x33226655u);
}

class TrapMisalignedTest : public CoreTestBase {
protected:
    static CoreConfig trapping()
    {
        CoreConfig c;
        c.trap_misaligned = true;
        return c;
    }
    TrapMisalignedTest() : CoreTestBase(trapping()) {}
};

TEST_F(TrapMisalignedTest, MisalignedLoadAndStoreTrap)
{
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    li(s0, data_addr);
    emit(lh(a0, s0, 1));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::load_misaligned));
    EXPECT_EQ(csr(csr::mtval), data_addr + 1);
    m_pos = ram_base + 0x200;
    m_core.set_pc(m_pos);
    emit(sw(a0, s0, 2));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::store_misaligned));
    EXPECT_EQ(csr(csr::mtval), data_addr + 2);
    m_pos = ram_base + 0x300;
    m_core.set_pc(m_pos);
    emit(lw(a1, s0, 4));  // aligned still fine
    run_program();
}

TEST_F(SystemTest, InterruptPriorityAndVectoredMtvec)
{
    set_trap_vector(trap_vector | mtvec_bits::mode_vectored);
    li(t1, irq::all);
    emit(csrrw(x0, csr::mie, t1));
    emit(csrrsi(x0, csr::mstatus, mstatus_bits::mie));
    emit(jal(x0, 0));
    m_core.set_irq_pending(irq::all, true);
    run_to(trap_vector + 4 * irq::mei_cause);
    EXPECT_EQ(csr(csr::mcause), interrupt_flag | irq::mei_cause);
    EXPECT_EQ(csr(csr::mepc), ram_base + 0x1C);  // the spin loop
    EXPECT_EQ(csr(csr::mstatus) & mstatus_bits::mie, 0u);

    m_core.set_irq_pending(irq::meip, false);
    m_mem.set_word(trap_vector + 4 * irq::mei_cause, mret());
    run_to(trap_vector + 4 * irq::msi_cause);  // mret re-enables: MSI next
    EXPECT_EQ(csr(csr::mcause), interrupt_flag | irq::msi_cause);
    m_core.set_irq_pending(irq::msip, false);
    m_mem.set_word(trap_vector + 4 * irq::msi_cause, mret());
    run_to(trap_vector + 4 * irq::mti_cause);
    EXPECT_EQ(csr(csr::mcause), interrupt_flag | irq::mti_cause);
}

TEST_F(SystemTest, TrapEntryClearsMieSoInterruptsDoNotNest)
{
    set_trap_vector();
    li(t1, irq::all);
    emit(csrrw(x0, csr::mie, t1));
    emit(csrrsi(x0, csr::mstatus, mstatus_bits::mie));
    emit(jal(x0, 0));
    // The handler counts its entries in a0, then spins with MIE clear while MTIP stays pending.
    emit_at(trap_vector, addi(a0, a0, 1));
    emit_at(trap_vector + 4, jal(x0, 0));
    m_core.set_irq_pending(irq::msip | irq::mtip, true);
    run_to(trap_vector + 4);
    for (int i = 0; i < 100; ++i) {
        step();
    }
    EXPECT_EQ(m_core.pc(), trap_vector + 4) << "still in the first handler";
    EXPECT_EQ(x(a0), 1u) << "the pending MTI was not taken inside the MSI handler";
    EXPECT_EQ(csr(csr::mcause), interrupt_flag | irq::msi_cause);
    EXPECT_EQ(csr(csr::mstatus) & mstatus_bits::mpie, mstatus_bits::mpie);
}

TEST_F(SystemTest, DirectMtvecForInterrupts)
{
    set_trap_vector();
    li(t1, irq::mtip);
    emit(csrrw(x0, csr::mie, t1));
    emit(csrrsi(x0, csr::mstatus, mstatus_bits::mie));
    emit(jal(x0, 0));
    m_core.set_irq_pending(irq::mtip, true);
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), interrupt_flag | irq::mti_cause);
}

TEST_F(SystemTest, NoInterruptWhenGloballyDisabled)
{
    li(t1, irq::mtip);
    emit(csrrw(x0, csr::mie, t1));
    emit(addi(a0, x0, 1));
    m_core.set_irq_pending(irq::mtip, true);
    run_program();
    EXPECT_EQ(x(a0), 1u);
}

TEST_F(SystemTest, WfiWaitsAndWakesOnEnabledPendingEvenWithMieClear)
{
    li(t1, irq::meip);
    emit(csrrw(x0, csr::mie, t1));
    emit(wfi());
    emit(addi(a0, x0, 1));
    RunResult r = m_core.run(1000);
    EXPECT_EQ(r.reason, StopReason::wfi);
    EXPECT_TRUE(m_core.waiting_for_interrupt());
    EXPECT_EQ(m_core.pc(), ram_base + 16);  // after the wfi
    r = m_core.run(1000);
    EXPECT_EQ(r.reason, StopReason::wfi);
    EXPECT_EQ(r.cycles, 0u);
    m_core.set_irq_pending(irq::mtip, true);  // not enabled: keeps sleeping
    EXPECT_EQ(m_core.run(1000).reason, StopReason::wfi);
    m_core.set_irq_pending(irq::meip, true);
    m_core.run(1, 1);
    EXPECT_FALSE(m_core.waiting_for_interrupt());
    EXPECT_EQ(x(a0), 1u);  // no trap (mstatus.MIE = 0): continues after wfi
}

TEST_F(SystemTest, WfiIsNopWhenInterruptAlreadyPending)
{
    li(t1, irq::meip);
    emit(csrrw(x0, csr::mie, t1));
    emit(wfi());
    m_core.set_irq_pending(irq::meip, true);
    run_program();
    EXPECT_FALSE(m_core.waiting_for_interrupt());
}

TEST_F(SystemTest, SelfModifyingCodeWithFenceI)
{
    // Loop twice over an instruction; the first pass overwrites it.
    li(s0, ram_base + 0x100);
    li(t1, addi(a0, a0, 100));
    emit(jal(ra, 0x100 - 16));        // 0x10: call 0x100
    emit(sw(t1, s0, 0));              // 0x14: patch
    emit(fence_i());                  // 0x18
    emit(jal(ra, 0x100 - 0x1C));      // 0x1C: call again
    const uint32_t end = m_pos;
    m_mem.set_word(ram_base + 0x100, addi(a0, a0, 1));
    m_mem.set_word(ram_base + 0x104, jalr(x0, ra, 0));
    run_to(end);
    EXPECT_EQ(x(a0), 101u);
}

TEST_F(SystemTest, StoreIntoDecodedCodeInvalidatesWithoutFence)
{
    li(s0, ram_base + 0x100);
    li(t1, addi(a0, a0, 100));
    emit(jal(ra, 0x100 - 16));
    emit(sw(t1, s0, 0));
    emit(jal(ra, 0x100 - 0x18));
    const uint32_t end = m_pos;
    m_mem.set_word(ram_base + 0x100, addi(a0, a0, 1));
    m_mem.set_word(ram_base + 0x104, jalr(x0, ra, 0));
    run_to(end);
    EXPECT_EQ(x(a0), 101u);
}

TEST_F(SystemTest, StoreOverwritingTheNextInstruction)
{
    li(s0, ram_base + 0x14);
    li(t1, addi(a0, x0, 42));
    emit(sw(t1, s0, 0));      // 0x10: overwrites 0x14
    emit(addi(a0, x0, 1));    // 0x14
    run_program();
    EXPECT_EQ(x(a0), 42u);
}

TEST_F(SystemTest, DmiInvalidationDropsRegionAndDecodedCode)
{
    emit(addi(a0, x0, 1));
    run_program();
    m_core.invalidate_dmi(ram_base, ram_base + 0xFF);
    m_mem.set_word(ram_base, addi(a0, x0, 2));
    m_core.set_pc(ram_base);
    const unsigned fetches = m_mem.fetches;
    step();
    EXPECT_EQ(x(a0), 2u);
    EXPECT_GT(m_mem.fetches, fetches);  // now through the memory interface
}

TEST_F(SystemTest, CycleTableAccounting)
{
    const CycleTable t;
    li(s0, data_addr);                 // 2 alu
    emit(addi(t1, x0, 2));             // alu
    emit(lw(a0, s0, 0));               // load
    emit(sw(a0, s0, 0));               // store
    emit(mul(a1, a0, a0));             // mul
    emit(div(a1, a0, t1));             // div
    emit(csrrs(a2, csr::mscratch, x0));// csr
    emit(amoadd_w(a3, s0, t1));        // amo
    emit(beq(x0, t1, 8));              // not taken
    emit(bne(x0, t1, 8));              // taken
    emit(addi(x0, x0, 0));             // skipped
    emit(jal(ra, 4));                  // jump
    run_program();
    const uint64_t expected = 3 * t.alu + t.load + t.store + t.mul + t.div + t.csr + t.amo + t.branch_not_taken +
                              t.branch_taken + t.jump;
    EXPECT_EQ(m_core.cycles(), expected);
    EXPECT_EQ(m_core.instret(), 12u);
}

TEST_F(SystemTest, DmiLatencyAddsCyclesPerAccess)
{
    m_core.invalidate_dmi(0, 0xFFFFFFFF);
    add_ram_dmi(5, 7);
    li(s0, data_addr);
    emit(lw(a0, s0, 0));
    emit(sw(a0, s0, 0));
    run_program();
    const CycleTable t;
    EXPECT_EQ(m_core.cycles(), 2 * t.alu + t.load + 5 + t.store + 7);
}

TEST_F(SystemTest, CycleBudgetEndsTheRun)
{
    emit(jal(x0, 0));
    const RunResult r = m_core.run(1000);
    EXPECT_EQ(r.reason, StopReason::budget);
    EXPECT_GE(r.cycles, 1000u);
    EXPECT_LT(r.cycles, 1000u + CycleTable{}.jump);
}

}  // namespace
}  // namespace pimsoc::cpu::test
