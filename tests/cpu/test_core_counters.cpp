// The core's counters for the energy ledger: retired instructions per Op/class, trap entries, and
// the loads/stores/fetches served through DMI (which the memory never sees). The same program run
// with and without DMI must give the same memory traffic.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr unsigned loop_count = 10;

class CounterTest : public CoreTestBase {
protected:
    explicit CounterTest(bool dmi) : CoreTestBase({}, dmi) {}

    // Returns the number of 4-byte instructions emitted (each decoded once: two halfword fetches).
    unsigned emit_program()
    {
        const uint32_t start = m_pos;
        li(a0, data_addr);
        li(a1, 0x11223344);
        emit(sw(a1, a0, 0));
        emit(sh(a1, a0, 4));
        emit(sb(a1, a0, 6));
        emit(lw(a2, a0, 0));
        emit(lh(a3, a0, 4));
        emit(lbu(a4, a0, 6));
        emit(lb(a5, a0, 6));
        emit(mul(a6, a1, a1));
        emit(amoadd_w(a7, a0, a1));
        emit(csrrs(t0, 0x340, x0));  // read mscratch
        li(t1, loop_count);
        emit(lw(t2, a0, 0));  // loop:
        emit(addi(t1, t1, -1));
        emit(bne(t1, x0, -8));
        return (m_pos - start) / 4;
    }

    uint64_t class_count(OpClass c) const
    {
        uint64_t n = 0;
        for (unsigned op = 0; op < RvCore::num_ops; ++op) {
            if (op_class(static_cast<Op>(op)) == c) {
                n += m_core.retired(static_cast<Op>(op));
            }
        }
        return n;
    }

    void expect_class_counts()
    {
        EXPECT_EQ(class_count(OpClass::alu), 6u + loop_count) << "3 li (lui + addi) and the loop's addi";
        EXPECT_EQ(class_count(OpClass::store), 3u);
        EXPECT_EQ(class_count(OpClass::load), 4u + loop_count);
        EXPECT_EQ(class_count(OpClass::branch), loop_count);
        EXPECT_EQ(class_count(OpClass::mul), 1u);
        EXPECT_EQ(class_count(OpClass::amo), 1u);
        EXPECT_EQ(class_count(OpClass::csr), 1u);
        EXPECT_EQ(m_core.retired(Op::lw), 1u + loop_count);
        uint64_t total = 0;
        for (unsigned op = 0; op < RvCore::num_ops; ++op) {
            total += m_core.retired(static_cast<Op>(op));
        }
        EXPECT_EQ(total, m_core.instret()) << "every retired instruction is counted once";
    }
};

class CounterTestDmi : public CounterTest {
protected:
    CounterTestDmi() : CounterTest(true) {}
};

class CounterTestNoDmi : public CounterTest {
protected:
    CounterTestNoDmi() : CounterTest(false) {}
};

// Hand count of the program's traffic, by width (1, 2, 4 bytes).
constexpr uint64_t expected_reads_w1 = 2;                   // lbu, lb
constexpr uint64_t expected_reads_w2 = 1;                   // lh (+ the fetches)
constexpr uint64_t expected_reads_w4 = 1 + loop_count + 1;  // lw, the loop's lw, the AMO's read
constexpr uint64_t expected_writes_w1 = 1;
constexpr uint64_t expected_writes_w2 = 1;
constexpr uint64_t expected_writes_w4 = 2;  // sw, the AMO's write

TEST_F(CounterTestDmi, CountsRetiredInstructionsPerClass)
{
    emit_program();
    run_program();
    expect_class_counts();
}

TEST_F(CounterTestDmi, DmiTrafficIsCountedPerWidth)
{
    const unsigned instructions = emit_program();
    run_program();
    std::vector<DmiTraffic> traffic;
    m_core.take_dmi_traffic(traffic);
    ASSERT_EQ(traffic.size(), 1u);
    EXPECT_EQ(traffic[0].base, ram_base);
    EXPECT_EQ(traffic[0].reads[0], expected_reads_w1);
    EXPECT_EQ(traffic[0].reads[1], expected_reads_w2 + 2 * instructions)
        << "two halfword fetches per instruction";
    EXPECT_EQ(traffic[0].reads[2], expected_reads_w4);
    EXPECT_EQ(traffic[0].writes[0], expected_writes_w1);
    EXPECT_EQ(traffic[0].writes[1], expected_writes_w2);
    EXPECT_EQ(traffic[0].writes[2], expected_writes_w4);
    EXPECT_EQ(m_mem.reads + m_mem.writes + m_mem.fetches, 0u) << "all of it went through DMI";

    m_core.take_dmi_traffic(traffic);
    EXPECT_TRUE(traffic.empty()) << "taking the traffic resets it";
}

TEST_F(CounterTestNoDmi, SameProgramWithoutDmiMakesTheSameAccesses)
{
    const unsigned instructions = emit_program();
    run_program();
    expect_class_counts();
    EXPECT_EQ(m_mem.reads, expected_reads_w1 + expected_reads_w2 + expected_reads_w4);
    EXPECT_EQ(m_mem.writes, expected_writes_w1 + expected_writes_w2 + expected_writes_w4);
    EXPECT_EQ(m_mem.fetches, 2 * instructions);
    std::vector<DmiTraffic> traffic;
    m_core.take_dmi_traffic(traffic);
    EXPECT_TRUE(traffic.empty());
}

TEST_F(CounterTestDmi, FastHitsAreCreditedWhenTheRegionChanges)
{
    // A second DMI region: loads alternate between the two, so the cached region changes and the
    // fast hits of each stretch must go to the region that served them.
    std::vector<uint8_t> other(4096, 0);
    DmiRegion r;
    r.base = 0x90000000;
    r.size = other.size();
    r.host = other.data();
    r.readable = r.writable = true;
    m_core.add_dmi_region(r);
    li(a0, data_addr);
    li(a1, 0x90000000);
    emit(lw(a2, a0, 0));
    emit(lw(a2, a0, 4));
    emit(lw(a2, a1, 0));
    emit(lw(a2, a1, 4));
    emit(lw(a2, a1, 8));
    emit(lw(a2, a0, 8));
    run_program();
    std::vector<DmiTraffic> traffic;
    m_core.take_dmi_traffic(traffic);
    ASSERT_EQ(traffic.size(), 2u);
    const DmiTraffic& ram = traffic[0].base == ram_base ? traffic[0] : traffic[1];
    const DmiTraffic& sram = traffic[0].base == ram_base ? traffic[1] : traffic[0];
    EXPECT_EQ(ram.reads[2], 3u);
    EXPECT_EQ(sram.reads[2], 3u);
    EXPECT_EQ(sram.reads[1], 0u) << "no code there";
}

TEST_F(CounterTestDmi, TrapEntriesAreCountedAndTheTrappingInstructionDoesNotRetire)
{
    li(t0, trap_vector);
    emit(csrrw(x0, 0x305, t0));  // mtvec
    emit(ecall());
    run_to(trap_vector);
    EXPECT_EQ(m_core.traps(), 1u);
    EXPECT_EQ(m_core.retired(Op::ecall), 0u);
    EXPECT_EQ(m_core.retired(Op::csrrw), 1u);
}

}  // namespace
}  // namespace pimsoc::cpu::test
