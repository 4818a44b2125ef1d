// The counter CSRs (Zicntr/privileged spec): a write to either half of mcycle/minstret writes the
// 64-bit counter and replaces the writing instruction's increment, mcountinhibit freezes the CSR
// views (not the monotonic counts), the user aliases are read-only, mcounteren does not exist.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint32_t all_ones = 0xFFFFFFFF;
constexpr uint32_t csr_mcounteren = 0x306;

class CounterCsrTest : public CoreTestBase {};

TEST_F(CounterCsrTest, MinstrethWriteReplacesTheIncrementOfTheWholeCounter)
{
    emit(addi(a0, x0, -1));
    emit(csrrw(x0, csr::minstret, a0));
    emit(csrrw(x0, csr::minstreth, a0));  // 0xFFFFFFFF'FFFFFFFF: this instruction does not carry
    emit(addi(x0, x0, 0));                // nop: wraps to 0
    emit(csrrs(a1, csr::minstret, x0));
    emit(csrrs(a2, csr::minstreth, x0));
    run_program();
    EXPECT_EQ(x(a1), 0u);
    EXPECT_EQ(x(a2), 0u) << "1 after the wrap, high half 0";
    EXPECT_EQ(m_core.instret(), 6u) << "the monotonic count is not affected";
}

TEST_F(CounterCsrTest, McyclehWriteReplacesTheIncrementOfTheWholeCounter)
{
    emit(addi(a0, x0, -1));
    emit(csrrw(x0, csr::mcycle, a0));
    emit(csrrw(x0, csr::mcycleh, a0));  // 0xFFFFFFFF'FFFFFFFF after this instruction
    emit(csrrs(a1, csr::mcycle, x0));   // reads the counter with its own cost added
    emit(csrrs(a2, csr::mcycleh, x0));
    run_program();
    const uint32_t csr_cycles = CycleTable{}.csr;
    EXPECT_EQ(x(a1), csr_cycles - 1);
    EXPECT_EQ(x(a2), 0u);
}

TEST_F(CounterCsrTest, MinstretLowWriteIsWhatTheNextInstructionReads)
{
    li(a0, all_ones);
    emit(csrrw(x0, csr::minstret, a0));
    emit(csrrs(a1, csr::minstret, x0));
    emit(csrrs(a2, csr::minstreth, x0));
    run_program();
    EXPECT_EQ(x(a1), all_ones);
    EXPECT_EQ(x(a2), 1u) << "the csrrs that read minstret carried into the high half";
}

TEST_F(CounterCsrTest, McountinhibitFreezesTheCsrViewsNotTheMonotonicCounts)
{
    emit(csrrwi(x0, csr::mcountinhibit, MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR));
    emit(csrrs(a1, csr::minstret, x0));
    emit(csrrs(a2, csr::mcycle, x0));
    emit(addi(x0, x0, 0));
    emit(addi(x0, x0, 0));
    emit(csrrs(a3, csr::minstret, x0));
    emit(csrrs(a4, csr::mcycle, x0));
    emit(csrrs(a5, csr::mcountinhibit, x0));
    run_program();
    EXPECT_EQ(x(a3), x(a1));
    EXPECT_EQ(x(a4), x(a2));
    EXPECT_EQ(x(a5), MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR);
    EXPECT_EQ(m_core.instret(), 8u);
    EXPECT_GT(m_core.cycles(), uint64_t{x(a4)});
}

TEST_F(CounterCsrTest, McountinhibitAppliesToTheWritingInstructionAndResumes)
{
    emit(csrrw(x0, csr::minstret, x0));                   // minstret = 0 after this instruction
    emit(csrrwi(x0, csr::mcountinhibit, MCOUNTINHIBIT_IR));  // not counted: inhibited from its increment on
    emit(csrrs(a1, csr::minstret, x0));
    emit(csrrwi(x0, csr::mcountinhibit, 0));              // counted again, itself included
    emit(csrrs(a2, csr::minstret, x0));
    emit(csrrs(a3, csr::mcountinhibit, x0));
    run_program();
    EXPECT_EQ(x(a1), 0u);
    EXPECT_EQ(x(a2), 1u);
    EXPECT_EQ(x(a3), 0u);
}

TEST_F(CounterCsrTest, WriteWhileInhibitedIsWhatResumesCounting)
{
    emit(csrrwi(x0, csr::mcountinhibit, MCOUNTINHIBIT_IR));
    emit(addi(a0, x0, 100));
    emit(csrrw(x0, csr::minstret, a0));
    emit(csrrs(a1, csr::minstret, x0));
    emit(csrrwi(x0, csr::mcountinhibit, 0));
    emit(csrrs(a2, csr::minstret, x0));
    run_program();
    EXPECT_EQ(x(a1), 100u);
    EXPECT_EQ(x(a2), 101u);
}

TEST_F(CounterCsrTest, McountinhibitTimeBitIsReadOnlyZero)
{
    write_csr(csr::mcountinhibit, all_ones);
    emit(csrrs(a1, csr::mcountinhibit, x0));
    run_program();
    EXPECT_EQ(x(a1), MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR) << "TM (bit 1) and the absent hpm counters read 0";
}

TEST_F(CounterCsrTest, ResetClearsInhibitAndCounters)
{
    emit(csrrwi(x0, csr::mcountinhibit, MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR));
    run_program();
    m_core.reset(ram_base);
    EXPECT_EQ(csr(csr::mcountinhibit), 0u);
    EXPECT_EQ(csr(csr::minstret), 0u);
    EXPECT_EQ(csr(csr::mcycle), 0u);
}

// No U-mode: mcounteren "should not exist" (privileged spec 1.12, 3.1.11), so it is illegal.
TEST_F(CounterCsrTest, McounterenDoesNotExist)
{
    set_trap_vector();
    stop_at_trap_vector();
    const uint32_t insn = csrrs(a0, csr_mcounteren, x0);
    emit(insn);
    run_to(trap_vector);
    EXPECT_EQ(mcause(), static_cast<uint32_t>(Cause::illegal_instruction));
    EXPECT_EQ(mtval(), insn);
}

class UserCounterAliasTest : public CoreTestBase, public ::testing::WithParamInterface<uint32_t> {};

TEST_P(UserCounterAliasTest, WriteIsIllegal)
{
    set_trap_vector();
    emit(addi(a0, x0, 5));
    const uint32_t insn = csrrw(x0, GetParam(), a0);
    emit(insn);
    run_to(trap_vector);
    EXPECT_EQ(mcause(), static_cast<uint32_t>(Cause::illegal_instruction));
    EXPECT_EQ(mtval(), insn);
}

INSTANTIATE_TEST_SUITE_P(Aliases, UserCounterAliasTest,
                         ::testing::Values(csr::cycle, csr::time, csr::instret, csr::cycleh, csr::timeh,
                                           csr::instreth));

}  // namespace
}  // namespace pimsoc::cpu::test
