// RV32I base instructions on the pure core.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

TEST_F(CoreTest, AddiAndX0WritesIgnored)
{
    emit(addi(a0, x0, 5));
    emit(addi(x0, a0, 7));
    emit(add(x0, a0, a0));
    emit(lui(x0, 0x12345));
    emit(addi(a1, x0, -1));
    run_program();
    EXPECT_EQ(x(a0), 5u);
    EXPECT_EQ(x(0), 0u);
    EXPECT_EQ(x(a1), 0xFFFFFFFFu);
}

TEST_F(CoreTest, LuiAuipc)
{
    emit(lui(a0, 0xABCDE));
    emit(auipc(a1, 0x1));
    run_program();
    EXPECT_EQ(x(a0), 0xABCDE000u);
    EXPECT_EQ(x(a1), ram_base + 4 + 0x1000);
}

TEST_F(CoreTest, ImmediateLogicAndCompare)
{
    li(a0, 0xF0F0F0F0);
    emit(xori(a1, a0, -1));
    emit(ori(a2, a0, 0x0F));
    emit(andi(a3, a0, 0x0FF));
    emit(slti(a4, a0, 0));     // negative < 0
    emit(sltiu(a5, a0, -1));   // 0xF0F0F0F0 < 0xFFFFFFFF unsigned
    emit(sltiu(a6, x0, 1));    // seqz idiom
    emit(slti(a7, x0, -1));
    run_program();
    EXPECT_EQ(x(a1), 0x0F0F0F0Fu);
    EXPECT_EQ(x(a2), 0xF0F0F0FFu);
    EXPECT_EQ(x(a3), 0xF0u);
    EXPECT_EQ(x(a4), 1u);
    EXPECT_EQ(x(a5), 1u);
    EXPECT_EQ(x(a6), 1u);
    EXPECT_EQ(x(a7), 0u);
}

TEST_F(CoreTest, ShiftsBy31AndArithmeticSign)
{
    li(a0, 0x80000001);
    emit(slli(a1, a0, 31));
    emit(srli(a2, a0, 31));
    emit(srai(a3, a0, 31));
    emit(srai(a4, a0, 1));
    emit(addi(t0, x0, 63));  // register shifts use the low 5 bits
    emit(sll(a5, a0, t0));
    emit(srl(a6, a0, t0));
    emit(sra(a7, a0, t0));
    run_program();
    EXPECT_EQ(x(a1), 0x80000000u);
    EXPECT_EQ(x(a2), 1u);
    EXPECT_EQ(x(a3), 0xFFFFFFFFu);
    EXPECT_EQ(x(a4), 0xC0000000u);
    EXPECT_EQ(x(a5), 0x80000000u);
    EXPECT_EQ(x(a6), 1u);
    EXPECT_EQ(x(a7), 0xFFFFFFFFu);
}

TEST_F(CoreTest, RegisterArithmeticAndSigned)
{
    li(a0, 0xFFFFFFFF);  // -1
    emit(addi(a1, x0, 1));
    emit(add(a2, a0, a1));
    emit(sub(a3, a1, a0));
    emit(slt(a4, a0, a1));   // -1 < 1
    emit(sltu(a5, a0, a1));  // 0xFFFFFFFF < 1 unsigned: no
    emit(xor_(a6, a0, a1));
    emit(or_(a7, a1, x0));
    emit(and_(t0, a0, a1));
    run_program();
    EXPECT_EQ(x(a2), 0u);
    EXPECT_EQ(x(a3), 2u);
    EXPECT_EQ(x(a4), 1u);
    EXPECT_EQ(x(a5), 0u);
    EXPECT_EQ(x(a6), 0xFFFFFFFEu);
    EXPECT_EQ(x(a7), 1u);
    EXPECT_EQ(x(t0), 1u);
}

TEST_F(CoreTest, BranchesSignedness)
{
    // Each taken branch skips an "addi a0, a0, 1" marker.
    li(t0, 0xFFFFFFFF);
    emit(addi(t1, x0, 1));
    emit(blt(t0, t1, 8));   // -1 < 1: taken
    emit(addi(a0, a0, 1));
    emit(bltu(t0, t1, 8));  // not taken
    emit(addi(a1, a1, 1));
    emit(bge(t1, t0, 8));   // taken
    emit(addi(a0, a0, 1));
    emit(bgeu(t1, t0, 8));  // not taken
    emit(addi(a1, a1, 1));
    emit(beq(t0, t0, 8));   // taken
    emit(addi(a0, a0, 1));
    emit(bne(t0, t0, 8));   // not taken
    emit(addi(a1, a1, 1));
    emit(bne(t0, t1, 8));   // taken
    emit(addi(a0, a0, 1));
    emit(bgeu(t0, t1, 8));  // taken
    emit(addi(a0, a0, 1));
    emit(bltu(t1, t0, 8));  // taken
    emit(addi(a0, a0, 1));
    run_program();
    EXPECT_EQ(x(a0), 0u);
    EXPECT_EQ(x(a1), 3u);
}

TEST_F(CoreTest, BackwardBranchLoop)
{
    emit(addi(a0, x0, 10));
    emit(addi(a1, a1, 3));
    emit(addi(a0, a0, -1));
    emit(bne(a0, x0, -8));
    run_program();
    EXPECT_EQ(x(a1), 30u);
}

TEST_F(CoreTest, JalJalrLinkAndBit0Cleared)
{
    emit(jal(ra, 12));             // 0x00 -> 0x0C
    emit(addi(a0, x0, 1));         // 0x04: skipped
    emit(jal(x0, 16));             // 0x08 -> 0x18 (end)
    emit(auipc(t0, 0));            // 0x0C: t0 = 0x0C
    emit(jalr(a1, t0, -3));        // 0x10: target (0x0C - 3) & ~1 = 0x08... -> 0x08
    emit(addi(a2, x0, 1));         // 0x14: skipped
    run_to(ram_base + 0x18);
    EXPECT_EQ(x(ra), ram_base + 4);
    EXPECT_EQ(x(a1), ram_base + 0x14);
    EXPECT_EQ(x(a0), 0u);
    EXPECT_EQ(x(a2), 0u);
}

TEST_F(CoreTest, JalrWithRdEqualRs1UsesOldValue)
{
    li(t0, ram_base + 16);   // 0x00, 0x04
    emit(jalr(t0, t0, 0));   // 0x08 -> 0x10
    emit(addi(a0, x0, 1));   // 0x0C skipped
    run_to(ram_base + 16);
    EXPECT_EQ(x(t0), ram_base + 12);
    EXPECT_EQ(x(a0), 0u);
}

TEST_F(CoreTest, LoadsSignAndZeroExtension)
{
    m_mem.set_word(data_addr, 0x8081F2F3);
    li(s0, data_addr);
    emit(lb(a0, s0, 0));
    emit(lbu(a1, s0, 0));
    emit(lh(a2, s0, 0));
    emit(lhu(a3, s0, 0));
    emit(lw(a4, s0, 0));
    emit(lb(a5, s0, 3));
    emit(lh(a6, s0, 2));
    emit(lb(a7, s0, 1));
    run_program();
    EXPECT_EQ(x(a0), 0xFFFFFFF3u);
    EXPECT_EQ(x(a1), 0xF3u);
    EXPECT_EQ(x(a2), 0xFFFFF2F3u);
    EXPECT_EQ(x(a3), 0xF2F3u);
    EXPECT_EQ(x(a4), 0x8081F2F3u);
    EXPECT_EQ(x(a5), 0xFFFFFF80u);
    EXPECT_EQ(x(a6), 0xFFFF8081u);
    EXPECT_EQ(x(a7), 0xFFFFFFF2u);
}

TEST_F(CoreTest, StoresAndNegativeOffsets)
{
    li(s0, data_addr + 16);
    li(a0, 0x11223344);
    emit(sw(a0, s0, -16));
    emit(sh(a0, s0, -12));
    emit(sb(a0, s0, -8));
    emit(sb(a0, s0, -7));
    run_program();
    EXPECT_EQ(m_mem.word(data_addr), 0x11223344u);
    EXPECT_EQ(m_mem.word(data_addr + 4), 0x00003344u);
    EXPECT_EQ(m_mem.word(data_addr + 8), 0x00004444u);
}

TEST_F(CoreTest, FenceIsNop)
{
    emit(fence());
    emit(addi(a0, x0, 1));
    run_program();
    EXPECT_EQ(x(a0), 1u);
    EXPECT_EQ(m_core.instret(), 2u);
}

class CoreSlowPathTest : public CoreTestBase {
protected:
    CoreSlowPathTest() : CoreTestBase(CoreConfig{}, false) {}
};

TEST_F(CoreSlowPathTest, LoadsAndStoresThroughMemoryInterface)
{
    m_mem.set_word(data_addr, 0x8081F2F3);
    li(s0, data_addr);
    emit(lb(a0, s0, 0));
    emit(lhu(a1, s0, 2));
    emit(sw(a0, s0, 4));
    run_program();
    EXPECT_EQ(x(a0), 0xFFFFFFF3u);
    EXPECT_EQ(x(a1), 0x8081u);
    EXPECT_EQ(m_mem.word(data_addr + 4), 0xFFFFFFF3u);
    EXPECT_EQ(m_mem.reads, 2u);
    EXPECT_EQ(m_mem.writes, 1u);
    EXPECT_GT(m_mem.fetches, 0u);
}

TEST_F(CoreSlowPathTest, StopRequestEndsTheSliceAfterTheInstruction)
{
    m_mem.stop_on_access = true;
    li(s0, data_addr);
    emit(lw(a0, s0, 0));
    emit(addi(a1, x0, 1));
    const RunResult r = m_core.run(1000);
    EXPECT_EQ(r.reason, StopReason::stop_requested);
    EXPECT_EQ(r.instructions, 3u);
    EXPECT_EQ(m_core.pc(), ram_base + 12);
}

}  // namespace
}  // namespace pimsoc::cpu::test
