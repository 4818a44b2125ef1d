// Compressed instructions: each expansion has the effect of its 32-bit equivalent.
#include "core_fixture.h"

#include <array>

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr std::array<uint32_t, 16> initial_regs = {0,          0x80001000, data_addr + 0x100, 0x12345678, 0xFFFFFFF0, 0x7FFFFFFF,
                                                   0x80000000, 3,          data_addr,         0xDEADBEEF, 0x55,       0xFFFFFFFF,
                                                   17,         0x100,      0xCAFEF00D,        0x0F0F0F0F};

// Runs one instruction (16 or 32 bits) on a fresh core with known register values and memory.
struct Outcome {
    std::array<uint32_t, 32> regs{};
    uint32_t pc_delta = 0;
    uint32_t mem0 = 0;
    uint32_t mem_sp = 0;
    uint32_t mem_off = 0;
};

template <typename Emit>
Outcome run_one(Emit emit_insn)
{
    TestMemory mem;
    RvCore core(mem, CoreConfig{});
    DmiRegion r{ram_base, ram_size, mem.bytes.data(), true, true, 0, 0};
    core.add_dmi_region(r);
    core.reset(ram_base);
    for (unsigned i = 1; i < initial_regs.size(); ++i) {
        core.set_reg(i, initial_regs[i]);
    }
    mem.set_word(data_addr, 0xA5A5A5A5);
    mem.set_word(data_addr + 0x100 + 0x40, 0x600DF00D);
    mem.set_word(data_addr + 0x44, 0x0BADCAFE);
    emit_insn(mem);
    core.run(UINT64_MAX, 1);
    Outcome o;
    for (unsigned i = 0; i < 32; ++i) {
        o.regs[i] = core.reg(i);
    }
    o.pc_delta = core.pc() - ram_base;
    o.mem0 = mem.word(data_addr);
    o.mem_sp = mem.word(data_addr + 0x100 + 0x40);
    o.mem_off = mem.word(data_addr + 0x44);
    return o;
}

Outcome run16(uint16_t insn)
{
    return run_one([insn](TestMemory& m) { std::memcpy(&m.bytes[0], &insn, 2); });
}
Outcome run32(uint32_t insn)
{
    return run_one([insn](TestMemory& m) { m.set_word(ram_base, insn); });
}

struct Expansion {
    const char* name;
    uint16_t compressed;
    uint32_t full;
    bool control;  // jumps/branches: pc deltas and link values are compared explicitly elsewhere
};

class CompressedExpansionTest : public ::testing::TestWithParam<Expansion> {};

TEST_P(CompressedExpansionTest, SameEffectAsFullInstruction)
{
    const Expansion& e = GetParam();
    const Outcome c = run16(e.compressed);
    const Outcome f = run32(e.full);
    EXPECT_EQ(c.regs, f.regs) << e.name;
    EXPECT_EQ(c.mem0, f.mem0) << e.name;
    EXPECT_EQ(c.mem_sp, f.mem_sp) << e.name;
    EXPECT_EQ(c.mem_off, f.mem_off) << e.name;
    EXPECT_EQ(c.pc_delta, 2u) << e.name;
    EXPECT_EQ(f.pc_delta, 4u) << e.name;
}

INSTANTIATE_TEST_SUITE_P(
    Rv32c, CompressedExpansionTest,
    ::testing::Values(Expansion{"c.addi4spn", c_addi4spn(s1, 0x3FC), addi(s1, sp, 0x3FC), false},
                      Expansion{"c.lw", c_lw(a0, s0, 0), lw(a0, s0, 0), false},
                      Expansion{"c.lw_off", c_lw(a1, s0, 0x44), lw(a1, s0, 0x44), false},
                      Expansion{"c.sw", c_sw(a5, s0, 0), sw(a5, s0, 0), false},
                      Expansion{"c.sw_off", c_sw(a5, s0, 0x44), sw(a5, s0, 0x44), false},
                      Expansion{"c.nop", c_nop(), addi(x0, x0, 0), false},
                      Expansion{"c.addi", c_addi(a2, -32), addi(a2, a2, -32), false},
                      Expansion{"c.addi_pos", c_addi(a2, 31), addi(a2, a2, 31), false},
                      Expansion{"c.li", c_li(a3, -1), addi(a3, x0, -1), false},
                      Expansion{"c.addi16sp", c_addi16sp(-512), addi(sp, sp, -512), false},
                      Expansion{"c.addi16sp_pos", c_addi16sp(496), addi(sp, sp, 496), false},
                      Expansion{"c.lui", c_lui(a4, -1), lui(a4, 0xFFFFF), false},
                      Expansion{"c.lui_pos", c_lui(a4, 31), lui(a4, 31), false},
                      Expansion{"c.srli", c_srli(s1, 31), srli(s1, s1, 31), false},
                      Expansion{"c.srai", c_srai(s1, 4), srai(s1, s1, 4), false},
                      Expansion{"c.andi", c_andi(a0, -16), andi(a0, a0, -16), false},
                      Expansion{"c.sub", c_sub(a1, a2), sub(a1, a1, a2), false},
                      Expansion{"c.xor", c_xor(a1, a2), xor_(a1, a1, a2), false},
                      Expansion{"c.or", c_or(a1, a2), or_(a1, a1, a2), false},
                      Expansion{"c.and", c_and(a1, a2), and_(a1, a1, a2), false},
                      Expansion{"c.slli", c_slli(t0, 31), slli(t0, t0, 31), false},
                      Expansion{"c.lwsp", c_lwsp(t1, 0x40), lw(t1, sp, 0x40), false},
                      Expansion{"c.swsp", c_swsp(t2, 0x40), sw(t2, sp, 0x40), false},
                      Expansion{"c.mv", c_mv(a0, a5), add(a0, x0, a5), false},
                      Expansion{"c.add", c_add(a0, a5), add(a0, a0, a5), false}),
    [](const ::testing::TestParamInfo<Expansion>& param_info) {
        std::string n = param_info.param.name;
        for (char& ch : n) {
            if (ch == '.') {
                ch = '_';
            }
        }
        return n;
    });

TEST(CompressedControl, JalLinksPcPlus2)
{
    const Outcome o = run16(c_jal(-2048));
    EXPECT_EQ(o.regs[ra], ram_base + 2);
    EXPECT_EQ(o.pc_delta, static_cast<uint32_t>(-2048));
}

TEST(CompressedControl, JDoesNotLink)
{
    const Outcome o = run16(c_j(2046));
    EXPECT_EQ(o.pc_delta, 2046u);
    EXPECT_EQ(o.regs[ra], initial_regs[ra]);
}

TEST(CompressedControl, JrAndJalr)
{
    Outcome o = run16(c_jr(ra));
    EXPECT_EQ(o.pc_delta, 0x1000u);
    o = run16(c_jalr(ra));  // rs1 = ra: the old value is the target
    EXPECT_EQ(o.pc_delta, 0x1000u);
    EXPECT_EQ(o.regs[ra], ram_base + 2);
}

TEST(CompressedControl, BeqzBnez)
{
    EXPECT_EQ(run16(c_beqz(s0, 256 - 2)).pc_delta, 2u);  // s0 != 0: not taken
    EXPECT_EQ(run16(c_bnez(s0, -256)).pc_delta, static_cast<uint32_t>(-256));
    EXPECT_EQ(run16(c_bnez(s0, 254)).pc_delta, 254u);
}

class CompressedIllegalTest : public CoreTestBase, public ::testing::WithParamInterface<uint16_t> {};

TEST_P(CompressedIllegalTest, TrapsAsIllegalWithInstructionBits)
{
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    const uint32_t at = m_pos;
    emit16(GetParam());
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::illegal_instruction));
    EXPECT_EQ(csr(csr::mtval), GetParam());
    EXPECT_EQ(csr(csr::mepc), at);
}

INSTANTIATE_TEST_SUITE_P(Reserved, CompressedIllegalTest,
                         ::testing::Values(uint16_t{0x0000},           // all zeros
                                           c_addi4spn(s0, 0) | 0x0004,  // c.addi4spn with imm 0, rd' != 0
                                           uint16_t{0x2000},           // c.fld
                                           uint16_t{0x6000},           // c.flw
                                           uint16_t{0x8000},           // reserved quadrant-0 slot
                                           uint16_t{0xA000},           // c.fsd
                                           uint16_t{0xE000},           // c.fsw
                                           c_addi16sp(0),              // nzimm 0
                                           c_lui(a0, 0),               // nzimm 0
                                           c_srli(s0, 32),             // shamt[5] on RV32
                                           c_srai(s0, 32),
                                           c_slli(a0, 32),
                                           uint16_t{0x9C01},           // c.subw (RV64)
                                           c_lwsp(x0, 0),              // rd = x0
                                           c_jr(x0),                   // rs1 = x0
                                           uint16_t{0x2002},           // c.fldsp
                                           uint16_t{0x6002},           // c.flwsp
                                           uint16_t{0xA002},           // c.fsdsp
                                           uint16_t{0xE002}));         // c.fswsp

TEST_F(CoreTest, CEbreakTrapsWithPc)
{
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    const uint32_t at = m_pos;
    emit16(c_ebreak());
    run_to(trap_vector);
    EXPECT_EQ(csr(csr::mcause), static_cast<uint32_t>(Cause::breakpoint));
    EXPECT_EQ(csr(csr::mtval), at);
    EXPECT_EQ(csr(csr::mepc), at);
}

TEST_F(CoreTest, MixedLengthsAcrossPageBoundary)
{
    // A 32-bit instruction straddling a 4 KiB page boundary.
    m_pos = ram_base + 0xFFE;
    emit(addi(a0, x0, 77));
    emit16(c_addi(a0, 1));
    m_core.set_pc(ram_base + 0xFFE);
    run_to(ram_base + 0x1004);
    EXPECT_EQ(x(a0), 78u);
}

}  // namespace
}  // namespace pimsoc::cpu::test
