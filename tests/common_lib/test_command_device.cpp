// The command-device base (ip/common/command_device.h) on a minimal device: one unit, one
// settable counter, a command that takes 100 ns. And UnitScheduler's queue rules on their own.
#include <gtest/gtest.h>

#include "common/command_device.h"
#include "common/tlm_test_initiator.h"
#include "common/unit_scheduler.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

constexpr uint64_t kCmd = 0x40;
constexpr uint64_t kCounter = 0x80;
constexpr uint32_t kId = 0x54455354;
constexpr uint32_t kErrBusy = 9;

CommandDeviceLayout test_layout()
{
    CommandDeviceLayout l;
    l.reg_space = 0x100;
    l.id_value = kId;
    l.cmd_offset = kCmd;
    l.counters_offset = kCounter;
    l.counters = 1;
    return l;
}

class TestDevice : public CommandDevice {
public:
    explicit TestDevice(sc_core::sc_module_name name)
        : CommandDevice(name, test_layout(), sc_time(10, SC_NS)), m_units(1, 0)
    {
    }
    uint64_t counter_value = 0;

private:
    RegStatus read_device_register(const MmioAccess&, uint32_t&) override { return RegStatus::no_register; }
    RegStatus write_device_register(const MmioAccess&, uint32_t) override { return RegStatus::no_register; }
    void command(uint32_t, const sc_time& at) override
    {
        if (m_units.queue_full(0, at)) {
            fail(kErrBusy, at);
            return;
        }
        m_units.submit(0, at, sc_time(100, SC_NS));
        clear_error();
        update_irq(at);
    }
    uint64_t counter(unsigned, const sc_time&) const override { return counter_value; }
    void clear_counters(const sc_time&) override { counter_value = 0; }
    bool busy(const sc_time& at) const override { return m_units.busy(at); }
    void catch_up(const sc_time& at) override
    {
        for (unsigned n = m_units.retire(at); n > 0; --n) {
            complete();
        }
    }
    std::optional<sc_time> next_completion() const override { return m_units.next_completion(); }
    void reset_device() override { m_units.reset(); }

    UnitScheduler m_units;
};

struct Bench {
    TestDevice device{"device"};
    test::TlmTestInitiator cpu{"cpu"};
    test::IrqSink irq{"irq_sink"};
    Bench()
    {
        cpu.socket.bind(device.socket);
        device.irq.bind(irq.signal);
    }
    uint32_t reg(uint64_t offset) { return static_cast<uint32_t>(cpu.read32(offset).value); }
};

TEST(CommandDevice, ReadingTheLowWordLatchesTheHighWord)
{
    Bench b;
    test::run([&] {
        b.device.counter_value = 0x1'FFFF'FFFFull;
        EXPECT_EQ(b.reg(kCounter), 0xFFFF'FFFFu);
        b.device.counter_value = 0x2'0000'0000ull;  // the counter carries between the two reads
        EXPECT_EQ(b.reg(kCounter + 4), 1u);         // the latched high word: one value, 0x1_FFFFFFFF
        EXPECT_EQ(b.reg(kCounter + 4), 2u);         // the latch is used once
        EXPECT_EQ(b.cpu.read64(kCounter).value, 0x2'0000'0000ull);
        EXPECT_EQ(b.cpu.write32(kCounter, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
    });
}

TEST(CommandDevice, ADebugReadOfTheLowWordLatchesNothing)
{
    Bench b;
    test::run([&] {
        b.device.counter_value = 0x1'0000'0005ull;
        uint8_t data[4] = {};
        EXPECT_EQ(b.cpu.debug_read(kCounter, data, 4), 4u);
        EXPECT_EQ(data[0], 5u);
        b.device.counter_value = 0x3'0000'0000ull;
        EXPECT_EQ(b.reg(kCounter + 4), 3u);
    });
}

TEST(CommandDevice, DoneRisesAtTheCompletionTimeWithoutAnAccess)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(DEV_IRQ_EN, DEV_IRQ_DONE), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(kCmd, 1), tlm::TLM_OK_RESPONSE);  // at 10 ns (now + the access latency)
        sc_core::wait(sc_time(1, sc_core::SC_US));
        ASSERT_EQ(b.irq.edges.size(), 1u);
        EXPECT_EQ(b.irq.edges[0].time, sc_time(110, SC_NS));
        EXPECT_EQ(b.reg(DEV_STATUS), DEV_STATUS_DONE);
        EXPECT_EQ(b.cpu.write32(DEV_IRQ_STATUS, DEV_IRQ_DONE), tlm::TLM_OK_RESPONSE);
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(b.irq.level());
    });
}

TEST(CommandDevice, StartWhileBusyIsAnErrorAndDisablingTheIrqCancelsAPlannedRise)
{
    Bench b;
    test::run([&] {
        b.cpu.write32(DEV_IRQ_EN, DEV_IRQ_DONE);
        b.cpu.write32(kCmd, 1);
        b.cpu.write32(kCmd, 1);  // queue depth 0: refused
        EXPECT_EQ(b.reg(DEV_ERR_CODE), kErrBusy);
        EXPECT_EQ(b.reg(DEV_STATUS), DEV_STATUS_BUSY | DEV_STATUS_ERR);
        b.cpu.write32(DEV_IRQ_EN, 0);
        sc_core::wait(sc_time(1, sc_core::SC_US));
        EXPECT_TRUE(b.irq.edges.empty());
        EXPECT_EQ(b.reg(DEV_IRQ_STATUS), DEV_IRQ_DONE | DEV_IRQ_ERR);
    });
}

TEST(CommandDevice, ResetClearsTheCommonBlockAndForgetsCommands)
{
    Bench b;
    test::run([&] {
        b.cpu.write32(DEV_IRQ_EN, DEV_IRQ_DONE | DEV_IRQ_ERR);
        b.cpu.write32(kCmd, 1);
        b.cpu.sync();
        b.device.reset();
        sc_core::wait(sc_time(1, sc_core::SC_US));
        EXPECT_EQ(b.reg(DEV_ID), kId);
        EXPECT_EQ(b.reg(DEV_STATUS), 0u);
        EXPECT_EQ(b.reg(DEV_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(DEV_IRQ_STATUS), 0u);
        EXPECT_TRUE(b.irq.edges.empty());
    });
}

TEST(UnitScheduler, QueuesUpToTheDepthPerUnit)
{
    UnitScheduler units(2, 1);
    const sc_time ns10(10, SC_NS);
    EXPECT_FALSE(units.queue_full(0, sc_core::SC_ZERO_TIME));
    const UnitScheduler::Slot first = units.submit(0, sc_core::SC_ZERO_TIME, ns10);
    EXPECT_FALSE(units.queue_full(0, sc_core::SC_ZERO_TIME));
    const UnitScheduler::Slot second = units.submit(0, sc_core::SC_ZERO_TIME, ns10);
    EXPECT_EQ(second.start, first.end);
    EXPECT_TRUE(units.queue_full(0, sc_core::SC_ZERO_TIME));
    EXPECT_FALSE(units.queue_full(1, sc_core::SC_ZERO_TIME));  // the other unit
    EXPECT_FALSE(units.queue_full(0, ns10));                   // the first one ended
    EXPECT_EQ(units.next_completion(), ns10);
    EXPECT_EQ(units.retire(ns10), 1u);
    EXPECT_TRUE(units.busy(ns10));
    EXPECT_FALSE(units.busy(ns10 + ns10));
    // A window access waits for the unit and occupies it, outside the queue.
    const UnitScheduler::Slot access = units.occupy(0, sc_time(5, SC_NS), ns10);
    EXPECT_EQ(access.start, second.end);
    EXPECT_THROW(UnitScheduler(0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace pimsoc
