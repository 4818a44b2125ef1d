// Debug triggers (Sdtrig, mcontrol): the CSRs' WARL rules, execute/load/store address matching
// (equal, napot, >=, <), the m bit and tcontrol.mte, the breakpoint exception (cause 3, mtval =
// the address) taken before the instruction or the access, and the hit bit; also for code the
// decoded-instruction cache and data the DMI fast path served before the trigger was set.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint32_t mcontrol = TDATA1_TYPE_MCONTROL << TDATA1_TYPE_SHIFT;
constexpr uint32_t maskmax_31 = 31u << MCONTROL_MASKMAX_SHIFT;
constexpr uint32_t disabled = TDATA1_TYPE_DISABLED << TDATA1_TYPE_SHIFT;
constexpr uint32_t breakpoint = static_cast<uint32_t>(Cause::breakpoint);
constexpr uint32_t stored = 0x1234;

constexpr uint32_t match(uint32_t mode) { return mode << MCONTROL_MATCH_SHIFT; }

class TriggerTest : public CoreTestBase {
protected:
    TriggerTest()
    {
        set_trap_vector();
        stop_at_trap_vector();
        m_mem.set_word(data_addr, stored);
        li(a0, data_addr);
    }
    // Emits the setup of trigger `index`, and enables M-mode triggers.
    void set_trigger(uint32_t index, uint32_t tdata1, uint32_t tdata2)
    {
        write_csr(csr::tselect, index);
        write_csr(csr::tdata2, tdata2);
        write_csr(csr::tdata1, tdata1);
        write_csr(csr::tcontrol, TCONTROL_MTE);
    }
    void expect_breakpoint(uint32_t tval, uint32_t epc)
    {
        run_to(trap_vector);
        EXPECT_EQ(mcause(), breakpoint);
        EXPECT_EQ(mtval(), tval);
        EXPECT_EQ(mepc(), epc);
    }
};

TEST_F(TriggerTest, CsrsResetAndTinfo)
{
    EXPECT_EQ(csr(csr::tselect), 0u);
    EXPECT_EQ(csr(csr::tdata1), mcontrol | maskmax_31);
    EXPECT_EQ(csr(csr::tdata2), 0u);
    EXPECT_EQ(csr(csr::tdata3), 0u);
    EXPECT_EQ(csr(csr::tinfo), (1u << 24) | (1u << TDATA1_TYPE_MCONTROL) | (1u << TDATA1_TYPE_DISABLED));
    EXPECT_EQ(csr(csr::tcontrol), 0u);
}

TEST_F(TriggerTest, TselectCountsFourTriggersEachWithItsOwnData)
{
    for (uint32_t i = 0; i < Triggers::count; ++i) {
        write_csr(csr::tselect, i);
        write_csr(csr::tdata2, 0x100 + i);
    }
    write_csr(csr::tselect, Triggers::count);  // ignored: how a debugger finds the count
    emit(csrrs(a1, csr::tselect, x0));
    write_csr(csr::tselect, 1);
    emit(csrrs(a2, csr::tdata2, x0));
    run_program();
    EXPECT_EQ(x(a1), Triggers::count - 1);
    EXPECT_EQ(x(a2), 0x101u);
}

TEST_F(TriggerTest, Tdata1FieldsAreWarl)
{
    // dmode, action 1 (debug mode), chain, timing, select, s, u: all read 0; match 4 becomes equal.
    constexpr uint32_t fancy = mcontrol | (1u << 27) | (1u << 19) | (1u << 18) | (1u << MCONTROL_ACTION_SHIFT) |
                               (1u << 11) | match(4) | MCONTROL_M | (1u << 4) | (1u << 3) | MCONTROL_LOAD;
    write_csr(csr::tdata1, fancy);
    emit(csrrs(a1, csr::tdata1, x0));
    write_csr(csr::tdata1, mcontrol | match(MCONTROL_MATCH_LT) | MCONTROL_STORE);
    emit(csrrs(a2, csr::tdata1, x0));
    write_csr(csr::tdata1, 0);  // type 0: disabled
    emit(csrrs(a3, csr::tdata1, x0));
    run_program();
    EXPECT_EQ(x(a1), mcontrol | maskmax_31 | MCONTROL_M | MCONTROL_LOAD);
    EXPECT_EQ(x(a2), mcontrol | maskmax_31 | match(MCONTROL_MATCH_LT) | MCONTROL_STORE);
    EXPECT_EQ(x(a3), disabled);
}

TEST_F(TriggerTest, ExecuteTriggerFiresBeforeTheInstructionEvenIfAlreadyDecoded)
{
    const uint32_t function = emit_counting_function(ram_base + 0x2000);
    li(a4, function);
    emit(jalr(ra, a4, 0));  // decoded and run once
    set_trigger(2, mcontrol | MCONTROL_M | MCONTROL_EXECUTE, function);
    emit(jalr(ra, a4, 0));
    expect_breakpoint(function, function);
    EXPECT_EQ(x(a5), 1u) << "the triggering instruction did not run";
    EXPECT_EQ(csr(csr::tcontrol), TCONTROL_MPTE) << "trap entry saved mte in mpte and cleared it";
    EXPECT_TRUE(csr(csr::tdata1) & MCONTROL_HIT);
}

TEST_F(TriggerTest, ExecuteTriggerNeedsTheMBit)
{
    const uint32_t target = m_pos + 6 * 8 + 4;  // after the setup below (3 x li + csrrw)
    set_trigger(0, mcontrol | MCONTROL_EXECUTE, target);
    ASSERT_EQ(m_pos, target - 4);
    emit(addi(x0, x0, 0));
    emit(addi(a5, x0, 1));
    run_program();
    EXPECT_EQ(x(a5), 1u);
}

TEST_F(TriggerTest, TriggersDoNotFireWhileTcontrolMteIsClear)
{
    write_csr(csr::tdata2, data_addr);
    write_csr(csr::tdata1, mcontrol | MCONTROL_M | MCONTROL_LOAD);
    emit(lw(a2, a0, 0));
    run_program();
    EXPECT_EQ(x(a2), stored);
}

TEST_F(TriggerTest, LoadTriggerFiresBeforeTheLoadAfterTheFastPathServedIt)
{
    emit(lw(a2, a0, 0));  // the DMI read cache entry now holds the RAM
    set_trigger(0, mcontrol | MCONTROL_M | MCONTROL_LOAD, data_addr + 8);
    emit(lw(a3, a0, 4));  // no byte at +8
    emit(sw(x0, a0, 8));  // a store: not a load trigger's business
    emit(addi(a4, x0, 7));
    const uint32_t load_pc = m_pos;
    emit(lbu(a4, a0, 8));
    expect_breakpoint(data_addr + 8, load_pc);
    EXPECT_EQ(x(a4), 7u) << "the load did not happen";
    EXPECT_TRUE(csr(csr::tdata1) & MCONTROL_HIT);
}

TEST_F(TriggerTest, StoreTriggerMatchesAnyByteOfTheAccessAndStopsTheStore)
{
    emit(sw(a0, a0, 0));  // the DMI write cache entry now holds the RAM
    set_trigger(1, mcontrol | MCONTROL_M | MCONTROL_STORE, data_addr + 2);
    emit(lw(a2, a0, 0));
    const uint32_t store_pc = m_pos;
    emit(sw(x0, a0, 0));  // bytes 0..3 include +2
    expect_breakpoint(data_addr, store_pc);
    EXPECT_EQ(m_mem.word(data_addr), data_addr);
}

TEST_F(TriggerTest, AmoFiresStoreTriggers)
{
    set_trigger(0, mcontrol | MCONTROL_M | MCONTROL_STORE, data_addr);
    const uint32_t amo_pc = m_pos;
    emit(amoadd_w(a2, a0, a0));
    expect_breakpoint(data_addr, amo_pc);
    EXPECT_EQ(m_mem.word(data_addr), stored);
}

TEST_F(TriggerTest, NapotMatchesTheAlignedRange)
{
    set_trigger(0, mcontrol | match(MCONTROL_MATCH_NAPOT) | MCONTROL_M | MCONTROL_STORE, (data_addr + 16) | 7);
    emit(sw(x0, a0, 12));
    emit(sw(x0, a0, 32));
    const uint32_t store_pc = m_pos;
    emit(sb(x0, a0, 31));  // the range is [+16, +32)
    expect_breakpoint(data_addr + 31, store_pc);
}

TEST_F(TriggerTest, GreaterOrEqualAndLessThan)
{
    set_trigger(0, mcontrol | match(MCONTROL_MATCH_GE) | MCONTROL_M | MCONTROL_LOAD, data_addr + 64);
    set_trigger(1, mcontrol | match(MCONTROL_MATCH_LT) | MCONTROL_M | MCONTROL_LOAD, data_addr);
    emit(lw(a2, a0, 0));
    emit(lw(a2, a0, 60));
    const uint32_t load_pc = m_pos;
    emit(lh(a2, a0, 63));  // byte +64 is >=
    expect_breakpoint(data_addr + 63, load_pc);
    EXPECT_FALSE(csr(csr::tdata1) & MCONTROL_HIT) << "tselect is 1: the < trigger did not fire";
}

TEST_F(TriggerTest, LessThanFiresBelowTheAddress)
{
    set_trigger(3, mcontrol | match(MCONTROL_MATCH_LT) | MCONTROL_M | MCONTROL_LOAD, data_addr);
    emit(lw(a2, a0, 0));
    const uint32_t load_pc = m_pos;
    emit(lw(a2, a0, -4));
    expect_breakpoint(data_addr - 4, load_pc);
}

TEST_F(TriggerTest, HandlerRunsWithoutRetriggeringAndMretRearms)
{
    set_trigger(0, mcontrol | MCONTROL_M | MCONTROL_LOAD, data_addr);
    const uint32_t first_load = m_pos;
    emit(lw(a2, a0, 0));
    emit(addi(a6, x0, 1));
    const uint32_t end = m_pos;
    // Handler: loads the watched word itself, skips the load (mepc += 4) and returns.
    m_pos = trap_vector;
    emit(lw(a3, a0, 0));
    emit(csrrs(a7, csr::tcontrol, x0));
    emit_return_past_trap();
    run_to(end);
    EXPECT_EQ(csr(csr::mepc), first_load + 4);
    EXPECT_EQ(x(a3), stored) << "the handler's own load of the address did not fire";
    EXPECT_EQ(x(a7), TCONTROL_MPTE);
    EXPECT_EQ(x(a2), 0u);
    EXPECT_EQ(x(a6), 1u);
    EXPECT_EQ(csr(csr::tcontrol), TCONTROL_MTE | TCONTROL_MPTE) << "mret restored mte";
}

TEST_F(TriggerTest, DisablingTheTriggerRestoresTheFastPath)
{
    set_trigger(0, mcontrol | MCONTROL_M | MCONTROL_STORE, data_addr + 0x100);
    emit(sw(x0, a0, 0));
    write_csr(csr::tdata1, 0);
    emit(sw(x0, a0, 0x100));
    emit(sw(x0, a0, 0x104));
    run_program();
    EXPECT_EQ(m_mem.word(data_addr + 0x100), 0u);
}

}  // namespace
}  // namespace pimsoc::cpu::test
