// The debugger's triggers (GDB's hardware breakpoints and watchpoints): dmode triggers with
// action 1 halt into the debugger before the instruction or the access, counting nothing; the
// guest reads but cannot change them; tcontrol.mte does not gate them; the guest's own triggers
// keep raising breakpoint exceptions and keep their slots.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint32_t mcontrol = TDATA1_TYPE_MCONTROL << TDATA1_TYPE_SHIFT;
constexpr uint32_t stored = 0x1234;
constexpr uint32_t action_debug = MCONTROL_ACTION_DEBUG << MCONTROL_ACTION_SHIFT;

Triggers::DebuggerRequest request(uint32_t kinds, uint32_t addr, uint32_t length)
{
    Triggers::DebuggerRequest r;
    r.kinds = kinds;
    r.addr = addr;
    r.length = length;
    return r;
}

class DebugTriggerTest : public CoreTestBase {
protected:
    DebugTriggerTest()
    {
        m_mem.set_word(data_addr, stored);
        li(a0, data_addr);
        m_core.set_debugger_attached(true);
    }
    // Runs until the program stops; expects a halt on trigger `index` at `addr`, pc at `pc`.
    void expect_trigger_halt(unsigned index, uint32_t addr, uint32_t pc)
    {
        const RunResult result = m_core.run(10000);
        ASSERT_EQ(result.reason, StopReason::debug_halt);
        EXPECT_EQ(m_core.pc(), pc);
        const RvCore::DebugHaltCause& cause = m_core.debug_halt_cause();
        EXPECT_TRUE(cause.trigger);
        EXPECT_EQ(cause.trigger_index, index);
        EXPECT_EQ(cause.addr, addr);
    }
};

TEST_F(DebugTriggerTest, WatchpointHaltsBeforeTheStoreAndCountsNothing)
{
    emit(sw(a0, a0, 4));  // the fast path now serves the RAM
    emit(sw(x0, a0, 8));  // not watched
    const uint32_t store_pc = m_pos;
    emit(sh(x0, a0, 2));  // bytes 2..3: the watched byte 3 among them
    m_core.run(1000, 3);  // li (2 instructions) + the first store
    ASSERT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_STORE, data_addr + 3, 1)));
    const uint64_t instret = m_core.instret();
    const uint64_t cycles = m_core.cycles();

    expect_trigger_halt(0, data_addr + 2, store_pc);
    EXPECT_EQ(m_mem.word(data_addr), stored) << "the store did not happen";
    EXPECT_EQ(m_core.instret(), instret + 1);
    EXPECT_EQ(m_core.cycles(), cycles + 1) << "only the unwatched store's cycle";
    EXPECT_EQ(m_core.retired(Op::sh), 0u);
    EXPECT_EQ(m_core.traps(), 0u) << "no breakpoint exception";
    EXPECT_TRUE(csr(csr::tdata1) & MCONTROL_HIT);

    // The debugger removes it (as GDB does to step over) and the store runs.
    ASSERT_TRUE(m_core.remove_debug_trigger(request(MCONTROL_STORE, data_addr + 3, 1)));
    m_core.run(10000, 1);
    EXPECT_EQ(m_mem.word(data_addr), stored & 0xFFFF);
}

TEST_F(DebugTriggerTest, ReadWatchpointIgnoresStoresAndMatchesExactly)
{
    ASSERT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_LOAD, data_addr + 4, 4)));
    emit(sw(x0, a0, 4));  // a store: not a read watchpoint's business
    emit(lw(a2, a0, 0));  // bytes 0..3: outside the watched 4..7 (its NAPOT range would hold them)
    const uint32_t load_pc = m_pos;
    emit(lbu(a3, a0, 7));
    expect_trigger_halt(0, data_addr + 7, load_pc);
    EXPECT_EQ(x(a2), stored);
}

TEST_F(DebugTriggerTest, HardwareBreakpointHaltsEvenWithTcontrolMteClear)
{
    emit(addi(a1, x0, 1));
    const uint32_t at = m_pos;
    emit(addi(a1, a1, 1));
    m_core.run(10000, 4);  // decoded already: the trigger must reach decoded code
    ASSERT_EQ(csr(csr::tcontrol) & TCONTROL_MTE, 0u);
    m_core.set_pc(ram_base);
    ASSERT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_EXECUTE, at, 1)));
    const uint64_t cycles = m_core.cycles();
    expect_trigger_halt(0, at, at);
    EXPECT_EQ(x(a1), 1u) << "the instruction at the breakpoint did not run";
    EXPECT_EQ(m_core.cycles(), cycles + 3) << "li + addi: the halted one takes its cycles back";
}

TEST_F(DebugTriggerTest, GuestCannotChangeADebuggerTrigger)
{
    ASSERT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_STORE, data_addr, 4)));
    emit(csrrw(x0, csr::tselect, x0));
    emit(csrrw(x0, csr::tdata1, x0));  // would disable it
    emit(csrrw(x0, csr::tdata2, x0));
    const uint32_t store_pc = m_pos;
    emit(sw(x0, a0, 0));
    expect_trigger_halt(0, data_addr, store_pc);
    const uint32_t tdata1 = csr(csr::tdata1);
    EXPECT_TRUE(tdata1 & TDATA1_DMODE);
    EXPECT_EQ(tdata1 & (0xFu << MCONTROL_ACTION_SHIFT), action_debug);
    EXPECT_EQ(csr(csr::tdata2), data_addr | 1u) << "the NAPOT range of the 4 watched bytes";
}

TEST_F(DebugTriggerTest, GuestTriggersKeepTheirSlotsAndTheirExceptions)
{
    // The guest arms trigger 0 on loads at data_addr; the debugger's goes to trigger 1.
    li(t0, mcontrol | MCONTROL_M | MCONTROL_LOAD);
    emit(csrrw(x0, csr::tdata1, t0));
    emit(csrrw(x0, csr::tdata2, a0));
    li(t0, TCONTROL_MTE);
    emit(csrrw(x0, csr::tcontrol, t0));
    const uint32_t setup_end = m_pos;
    li(t0, trap_vector);
    emit(csrrw(x0, csr::mtvec, t0));
    const uint32_t load_pc = m_pos;
    emit(lw(a2, a0, 0));
    run_to(setup_end);
    for (unsigned i = 0; i < Triggers::count - 1; ++i) {
        ASSERT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_STORE, data_addr + 64 + 4 * i, 4)));
    }
    EXPECT_FALSE(m_core.insert_debug_trigger(request(MCONTROL_STORE, data_addr + 128, 4))) << "all in use";
    EXPECT_EQ(m_core.debug_trigger(1).addr, data_addr + 64);

    run_to(trap_vector);  // the guest's load trigger raised its exception
    EXPECT_EQ(mcause(), static_cast<uint32_t>(Cause::breakpoint));
    EXPECT_EQ(mepc(), load_pc);

    m_core.remove_debug_triggers();
    EXPECT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_STORE, data_addr + 128, 4)));
}

TEST_F(DebugTriggerTest, RequestsOutsideTheAddressSpaceAreRefused)
{
    EXPECT_FALSE(m_core.insert_debug_trigger(request(MCONTROL_STORE, 0xFFFFFFF0u, 32)));
    EXPECT_FALSE(m_core.insert_debug_trigger(request(MCONTROL_STORE, data_addr, 0)));
    EXPECT_FALSE(m_core.insert_debug_trigger(request(0, data_addr, 4)));
    EXPECT_FALSE(m_core.remove_debug_trigger(request(MCONTROL_STORE, data_addr, 4))) << "never inserted";
    EXPECT_TRUE(m_core.insert_debug_trigger(request(MCONTROL_STORE, 0xFFFFFFF0u, 16)));
}

}  // namespace
}  // namespace pimsoc::cpu::test
