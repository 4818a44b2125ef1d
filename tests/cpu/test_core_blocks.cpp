// Basic blocks (decoded_block.h): a run over blocks must stop at exactly the instruction, cycle
// and instruction count that per-instruction budget checks give. The reference is a second core
// on a copy of the same memory, stepped one instruction at a time (a 1-cycle budget never fits a
// block), so every comparison would fail if a block ran past a budget, under-estimated its cost,
// or kept running decoded code that a store or fence.i had dropped.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint32_t read_latency = 7;  // more than the slack a block's last instruction leaves
constexpr uint32_t write_latency = 5;

class BlockTest : public CoreTestBase {
protected:
    BlockTest() : CoreTestBase({}, false), m_ref_core(m_ref_mem, CoreConfig{})
    {
        add_ram_dmi(read_latency, write_latency);
    }

    // Copies the emitted program into the reference memory and resets both cores at its start.
    void start()
    {
        m_ref_mem.bytes = m_mem.bytes;
        m_ref_core.add_dmi_region(ram_dmi(m_ref_mem, read_latency, write_latency));
        m_core.reset(ram_base);
        m_ref_core.reset(ram_base);
    }

    // What run(cycle_budget, instruction_budget) does with a budget check before every instruction.
    void step_reference(uint64_t cycle_budget, uint64_t instruction_budget)
    {
        const uint64_t cycles = m_ref_core.cycles();
        const uint64_t instret = m_ref_core.instret();
        while (m_ref_core.cycles() - cycles < cycle_budget &&
               m_ref_core.instret() - instret < instruction_budget) {
            m_ref_core.run(1, 1);
        }
    }

    // Runs `slices` slices of the given budgets on both cores and compares after each.
    void expect_slices_match(uint64_t cycle_budget, uint64_t instruction_budget, unsigned slices)
    {
        for (unsigned i = 0; i < slices; ++i) {
            m_core.run(cycle_budget, instruction_budget);
            step_reference(cycle_budget, instruction_budget);
            ASSERT_EQ(m_core.pc(), m_ref_core.pc())
                << "slice " << i << " of budget " << cycle_budget << "/" << instruction_budget;
            ASSERT_EQ(m_core.cycles(), m_ref_core.cycles()) << "slice " << i;
            ASSERT_EQ(m_core.instret(), m_ref_core.instret()) << "slice " << i;
        }
        for (unsigned n = 0; n < RvCore::num_ops; ++n) {
            EXPECT_EQ(m_core.retired(static_cast<Op>(n)), m_ref_core.retired(static_cast<Op>(n)))
                << op_name(static_cast<Op>(n));
        }
        for (unsigned n = 0; n < RvCore::num_regs; ++n) {
            EXPECT_EQ(x(n), m_ref_core.reg(n)) << "x" << n;
        }
    }

    // A counting loop whose body mixes every cost class the block totals sum: alu, load, store
    // (both with DMI latency), mul, div, a taken and a not-taken branch.
    void emit_mixed_loop()
    {
        li(s0, data_addr);
        emit(addi(a0, x0, 0));
        const uint32_t loop = m_pos;
        emit(lw(a1, s0, 0));
        emit(addi(a1, a1, 3));
        emit(mul(a2, a1, a1));
        emit(sw(a2, s0, 4));
        emit(div(a3, a2, a1));
        emit(beq(a3, x0, 8));  // never taken
        emit(sw(a1, s0, 0));
        emit(addi(a0, a0, 1));
        emit(bne(x0, x0, 0));  // never taken
        emit(jal(x0, static_cast<int32_t>(loop - m_pos)));
    }

    TestMemory m_ref_mem;
    RvCore m_ref_core;
};

// Slices of varying budgets, so that slices end at every offset into every block.
TEST_F(BlockTest, CycleBudgetEndsMidBlockAtTheSameInstructionAsStepping)
{
    emit_mixed_loop();
    start();
    for (unsigned i = 0; i < 3000; ++i) {
        expect_slices_match(1 + (i * 7919) % 61, UINT64_MAX, 1);
    }
}

TEST_F(BlockTest, InstructionBudgetEndsMidBlockAtTheSameInstructionAsStepping)
{
    emit_mixed_loop();
    start();
    for (unsigned i = 0; i < 1000; ++i) {
        expect_slices_match(UINT64_MAX, 1 + (i * 7919) % 13, 1);
    }
}

TEST_F(BlockTest, BudgetsOfBothKindsTogether)
{
    emit_mixed_loop();
    start();
    expect_slices_match(37, 9, 200);
}

// The loop's store rewrites an instruction later in the same block (another 64-byte line, so
// the loop head stays decoded and the block is built): addi a0 += 1 becomes div a4 = a0 / a0
// (1 cycle -> 35), then back. The running block must end after the store, and the summaries
// that counted the old instruction must go.
TEST_F(BlockTest, StoreIntoTheRunningBlock)
{
    li(s0, ram_base + 0x80);  // the patched instruction
    li(t1, addi(a0, a0, 1));
    li(t2, div(a4, a0, a0));
    emit(addi(a1, x0, 0));
    const uint32_t loop = m_pos;  // 0x1C
    emit(andi(t0, a1, 1));
    emit(beq(t0, x0, 12));
    emit(sw(t2, s0, 0));  // odd passes: div
    emit(jal(x0, 8));
    emit(sw(t1, s0, 0));  // even passes: addi
    emit(addi(a1, a1, 1));
    while (m_pos < ram_base + 0x80) {
        emit(addi(a5, a5, 1));
    }
    emit(addi(a0, a0, 1));  // 0x80: patched
    emit(addi(a6, a6, 1));
    emit(jal(x0, static_cast<int32_t>(loop - m_pos)));
    for (const uint64_t budget : {uint64_t{1000000}, uint64_t{7}, uint64_t{30}, uint64_t{50}}) {
        start();
        expect_slices_match(budget, UINT64_MAX, budget > 1000 ? 1 : 300);
    }
    EXPECT_GT(x(a1), 4u);
    EXPECT_NE(x(a4), 0u);  // the div ran
}

// Code changed behind the core's back (as a debugger or DMA would) is seen after fence.i: the
// loop runs fence.i once when the test raises a flag in memory. The blocks summarised over the
// old code must go: a stale one (4 cheap instructions) would let the new, longer-running body run
// past a budget.
TEST_F(BlockTest, FenceIDropsBlocks)
{
    constexpr uint32_t body_addr = ram_base + 0x200;
    li(s0, data_addr);
    emit(addi(a1, x0, 0));
    // The body's tail first, so that the body's head is summarised over all of it.
    emit(jal(ra, static_cast<int32_t>(body_addr + 4 - m_pos)));
    const uint32_t loop = m_pos;
    emit(lw(t0, s0, 0));
    emit(beq(t0, x0, 12));
    emit(sw(x0, s0, 0));
    emit(fence_i());
    emit(jal(ra, static_cast<int32_t>(body_addr - m_pos)));
    emit(addi(a1, a1, 1));
    emit(jal(x0, static_cast<int32_t>(loop - m_pos)));
    const uint32_t body[] = {addi(a0, a0, 1), addi(a0, a0, 1), addi(a0, a0, 1), jalr(x0, ra, 0)};
    for (unsigned i = 0; i < 4; ++i) {
        m_mem.set_word(body_addr + 4 * i, body[i]);
    }
    start();
    expect_slices_match(1000, UINT64_MAX, 1);
    const uint32_t changed[] = {div(a2, a1, a1), jalr(x0, ra, 0), addi(a0, a0, 100), addi(a0, a0, 100)};
    for (unsigned i = 0; i < 4; ++i) {
        m_mem.set_word(body_addr + 4 * i, changed[i]);
        m_ref_mem.set_word(body_addr + 4 * i, changed[i]);
    }
    m_mem.set_word(data_addr, 1);
    m_ref_mem.set_word(data_addr, 1);
    for (unsigned i = 0; i < 2000; ++i) {
        expect_slices_match(1 + (i * 7919) % 61, UINT64_MAX, 1);
    }
    EXPECT_EQ(m_mem.word(data_addr), 0u);  // fence.i ran
    EXPECT_NE(x(a2), 0u);                  // and the new body with it
}

TEST_F(BlockTest, DmiInvalidationDropsBlocks)
{
    emit_mixed_loop();
    start();
    expect_slices_match(500, UINT64_MAX, 2);
    // The loop's increment becomes a jump back to the loop head, behind the core's back.
    const uint32_t increment = ram_base + 0x28;
    const uint32_t loop = ram_base + 0x0C;
    m_mem.set_word(increment, jal(x0, static_cast<int32_t>(loop - increment)));
    m_ref_mem.set_word(increment, jal(x0, static_cast<int32_t>(loop - increment)));
    m_core.invalidate_dmi(ram_base, ram_base + 0xFF);
    m_ref_core.invalidate_dmi(ram_base, ram_base + 0xFF);
    const uint32_t a0_before = x(a0);
    expect_slices_match(13, UINT64_MAX, 200);
    EXPECT_EQ(x(a0), a0_before);  // the increment is gone
}

}  // namespace
}  // namespace pimsoc::cpu::test
