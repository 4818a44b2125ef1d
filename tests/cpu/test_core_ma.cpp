// M and A extensions on the pure core.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

TEST_F(CoreTest, MultiplyHighVariants)
{
    li(a0, 0x80000000);  // INT_MIN
    li(a1, 0xFFFFFFFF);  // -1 / UINT_MAX
    emit(mul(a2, a0, a1));
    emit(mulh(a3, a0, a1));    // INT_MIN * -1 = 2^31 -> high 0
    emit(mulhsu(a4, a0, a1));  // INT_MIN * UINT_MAX -> high 0x80000000
    emit(mulhu(a5, a0, a1));   // 2^31 * (2^32-1) -> high 0x7FFFFFFF
    emit(mulh(a6, a1, a1));    // -1 * -1 = 1 -> high 0
    emit(mulhsu(a7, a1, a1));  // -1 * UINT_MAX -> high 0xFFFFFFFF
    run_program();
    EXPECT_EQ(x(a2), 0x80000000u);
    EXPECT_EQ(x(a3), 0u);
    EXPECT_EQ(x(a4), 0x80000000u);
    EXPECT_EQ(x(a5), 0x7FFFFFFFu);
    EXPECT_EQ(x(a6), 0u);
    EXPECT_EQ(x(a7), 0xFFFFFFFFu);
}

TEST_F(CoreTest, DivisionByZero)
{
    li(a0, 0x12345678);
    emit(div(a1, a0, x0));
    emit(divu(a2, a0, x0));
    emit(rem(a3, a0, x0));
    emit(remu(a4, a0, x0));
    run_program();
    EXPECT_EQ(x(a1), 0xFFFFFFFFu);
    EXPECT_EQ(x(a2), 0xFFFFFFFFu);
    EXPECT_EQ(x(a3), 0x12345678u);
    EXPECT_EQ(x(a4), 0x12345678u);
}

TEST_F(CoreTest, DivisionOverflowIntMinByMinusOne)
{
    li(a0, 0x80000000);
    li(a1, 0xFFFFFFFF);
    emit(div(a2, a0, a1));
    emit(divu(a3, a0, a1));
    emit(rem(a4, a0, a1));
    emit(remu(a5, a0, a1));
    run_program();
    EXPECT_EQ(x(a2), 0x80000000u);
    EXPECT_EQ(x(a3), 0u);
    EXPECT_EQ(x(a4), 0u);
    EXPECT_EQ(x(a5), 0x80000000u);
}

TEST_F(CoreTest, SignedDivisionRoundsTowardZero)
{
    emit(addi(a0, x0, -7));
    emit(addi(a1, x0, 2));
    emit(div(a2, a0, a1));
    emit(rem(a3, a0, a1));
    emit(divu(a4, a0, a1));
    run_program();
    EXPECT_EQ(x(a2), static_cast<uint32_t>(-3));
    EXPECT_EQ(x(a3), static_cast<uint32_t>(-1));
    EXPECT_EQ(x(a4), 0x7FFFFFFCu);
}

TEST_F(CoreTest, LrScSuccessAndFailure)
{
    m_mem.set_word(data_addr, 41);
    li(s0, data_addr);
    emit(lr_w(a0, s0));
    emit(addi(a0, a0, 1));
    emit(sc_w(a1, s0, a0));  // succeeds: 0
    emit(sc_w(a2, s0, a0));  // reservation consumed: fails with 1
    emit(addi(t0, x0, 7));
    emit(lr_w(a3, s0));
    emit(addi(s1, s0, 4));
    emit(sc_w(a4, s1, t0));  // other address: fails
    run_program();
    EXPECT_EQ(x(a1), 0u);
    EXPECT_EQ(x(a2), 1u);
    EXPECT_EQ(x(a3), 42u);
    EXPECT_EQ(x(a4), 1u);
    EXPECT_EQ(m_mem.word(data_addr), 42u);
    EXPECT_EQ(m_mem.word(data_addr + 4), 0u);
}

struct AmoCase {
    uint32_t (*encode)(uint32_t, uint32_t, uint32_t);
    uint32_t mem;
    uint32_t src;
    uint32_t expected;
};

class AmoTest : public CoreTestBase, public ::testing::WithParamInterface<AmoCase> {};

TEST_P(AmoTest, ReturnsOldValueAndStoresResult)
{
    const AmoCase& c = GetParam();
    m_mem.set_word(data_addr, c.mem);
    li(s0, data_addr);
    li(a1, c.src);
    emit(c.encode(a0, s0, a1));
    run_program();
    EXPECT_EQ(x(a0), c.mem);
    EXPECT_EQ(m_mem.word(data_addr), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    AllAmos, AmoTest,
    ::testing::Values(AmoCase{amoswap_w, 5, 9, 9}, AmoCase{amoadd_w, 5, 0xFFFFFFFF, 4}, AmoCase{amoxor_w, 0xF0, 0xFF, 0x0F},
                      AmoCase{amoand_w, 0xF0, 0x3C, 0x30}, AmoCase{amoor_w, 0xF0, 0x0F, 0xFF},
                      AmoCase{amomin_w, 0xFFFFFFFF, 1, 0xFFFFFFFF}, AmoCase{amomax_w, 0xFFFFFFFF, 1, 1},
                      AmoCase{amominu_w, 0xFFFFFFFF, 1, 1}, AmoCase{amomaxu_w, 0xFFFFFFFF, 1, 0xFFFFFFFF},
                      AmoCase{amomin_w, 0x80000000, 0x7FFFFFFF, 0x80000000},
                      AmoCase{amomaxu_w, 0x80000000, 0x7FFFFFFF, 0x80000000}));

TEST_F(CoreTest, MisalignedAmoAndScRaiseStoreMisaligned)
{
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    li(s0, data_addr + 2);
    emit(amoadd_w(a0, s0, s0));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::store_misaligned));
    EXPECT_EQ(csr(csr::mtval), data_addr + 2);
    EXPECT_EQ(m_mem.word(data_addr), 0u);
}

TEST_F(CoreTest, MisalignedLrRaisesLoadMisaligned)
{
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    li(s0, data_addr + 1);
    emit(lr_w(a0, s0));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::load_misaligned));
}

TEST_F(CoreTest, AmoToUnmappedAddressIsStoreAccessFault)
{
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    li(s0, 0x100);
    emit(amoswap_w(a0, s0, s0));
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::store_access));
    EXPECT_EQ(csr(csr::mtval), 0x100u);
}

}  // namespace
}  // namespace pimsoc::cpu::test
