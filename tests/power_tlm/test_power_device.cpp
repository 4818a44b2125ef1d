// The power manager as a device (ip/power, registers in ip/power/power_regs.h,
// docs/models/power.md): registers, failure decisions, boot cause and counts, checkpoint energy,
// the harvest mode's supply voltage and low-voltage warning interrupt.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "common/tlm_test_initiator.h"
#include "power/power.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::SC_US;
using sc_core::sc_time;

// A SoC consuming a constant power: its ledger energy grows linearly with time.
struct ConstantLoad {
    double uw = 1000.0;
    PowerProbes probes()
    {
        PowerProbes p;
        p.energy_pj = [this](const sc_time& at) { return uw * at.to_seconds() * 1e6; };  // uW x s = 1e6 pJ
        return p;
    }
};

struct Bench {
    ConstantLoad load;
    PowerManager power;
    test::TlmTestInitiator cpu{"cpu"};
    test::IrqSink irq{"irq"};

    explicit Bench(const PowerParams& p) : power("power", p, RandomStreams(1).stream("soc.power"), load.probes())
    {
        cpu.socket.bind(power.socket);
        power.irq.bind(irq.signal);
    }
    uint32_t reg(uint64_t offset) { return static_cast<uint32_t>(cpu.read32(offset).value); }
};

PowerParams times_params()
{
    PowerParams p;
    p.mode = "times";
    p.times = "10us,30us";
    p.off_time = "5us";
    return p;
}

TEST(PowerDevice, IdentifiesItselfAndStartsAsAColdBoot)
{
    Bench b(times_params());
    test::run([&] {
        EXPECT_EQ(b.reg(POWER_ID), POWER_ID_VALUE);
        EXPECT_EQ(b.reg(POWER_VERSION), POWER_VERSION_VALUE);
        EXPECT_EQ(b.reg(POWER_MODE), POWER_MODE_TIMES);
        EXPECT_EQ(b.reg(POWER_BOOT_CAUSE), POWER_BOOT_COLD);
        EXPECT_EQ(b.reg(POWER_FAILURES), 0u);
        EXPECT_EQ(b.reg(POWER_SUPPLY_MV), 0u);  // not the harvest mode
        EXPECT_EQ(b.cpu.write32(POWER_BOOT_CAUSE, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write32(POWER_FAILURES, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read32(POWER_REGS_END).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read16(POWER_ID).status, tlm::TLM_BURST_ERROR_RESPONSE);
    });
}

TEST(PowerDevice, FailsAtTheListedTimesAndCountsBootsTimeOffAndLostEnergy)
{
    Bench b(times_params());
    test::run([&] {
        EXPECT_EQ(b.power.next_check(), sc_time(10, SC_US));
        EXPECT_FALSE(b.power.check(sc_time(9, SC_US)));
        const auto back = b.power.check(sc_time(10, SC_US));
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, sc_time(15, SC_US));
        EXPECT_EQ(b.power.next_check(), sc_core::sc_max_time());  // nothing until the boot
        sc_core::wait(sc_time(5, SC_US));
        b.power.boot(sc_time(15, SC_US));
        EXPECT_EQ(b.power.next_check(), sc_time(30, SC_US));
        EXPECT_EQ(b.reg(POWER_BOOT_CAUSE), POWER_BOOT_POWER_FAILURE);
        EXPECT_EQ(b.reg(POWER_FAILURES), 1u);
        EXPECT_EQ(b.reg(POWER_TIME_OFF_LO), 5000u);
        EXPECT_EQ(b.reg(POWER_TIME_OFF_HI), 0u);
        const PowerSummary s = b.power.summary();
        EXPECT_EQ(s.failures, 1u);
        EXPECT_EQ(s.time_off_ps, 5'000'000u);
        EXPECT_NEAR(s.lost_energy_pj, 10000.0, 1e-6);  // 1 mW from the cold boot to the failure at 10 us
    });
}

TEST(PowerDevice, CheckpointMarksAttributeTheEnergyBetweenThem)
{
    Bench b(times_params());
    test::run([&] {
        sc_core::wait(sc_time(1, SC_US));
        EXPECT_EQ(b.cpu.write32(POWER_CHECKPOINT, POWER_CHECKPOINT_BEGIN), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.reg(POWER_STATUS) & POWER_STATUS_IN_CHECKPOINT, POWER_STATUS_IN_CHECKPOINT);
        sc_core::wait(sc_time(2, SC_US));
        EXPECT_EQ(b.cpu.write32(POWER_CHECKPOINT, POWER_CHECKPOINT_END), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.reg(POWER_CHECKPOINTS), 1u);
        EXPECT_EQ(b.reg(POWER_STATUS) & POWER_STATUS_IN_CHECKPOINT, 0u);
        // 2 us at 1 mW (plus the 10 ns access latency of the two marks cancels out)
        EXPECT_NEAR(b.power.summary().checkpoint_energy_pj, 2000.0, 1e-6);
        // An END without a BEGIN and a bad value are ignored (logged), the access succeeds.
        EXPECT_EQ(b.cpu.write32(POWER_CHECKPOINT, POWER_CHECKPOINT_END), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(POWER_CHECKPOINT, 7), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.reg(POWER_CHECKPOINTS), 1u);
    });
}

TEST(PowerDevice, AFailureDropsAnOpenCheckpointAndTheVolatileRegisters)
{
    Bench b(times_params());
    test::run([&] {
        b.cpu.write32(POWER_IRQ_EN, POWER_IRQ_LOW_VOLTAGE);
        b.cpu.write32(POWER_CHECKPOINT, POWER_CHECKPOINT_BEGIN);
        sc_core::wait(sc_time(10, SC_US));
        ASSERT_TRUE(b.power.check(sc_time(10, SC_US)));
        b.power.lose_power();
        sc_core::wait(sc_time(5, SC_US));
        b.power.boot(sc_time(15, SC_US));
        EXPECT_EQ(b.reg(POWER_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(POWER_STATUS), 0u);
        b.cpu.write32(POWER_CHECKPOINT, POWER_CHECKPOINT_END);
        EXPECT_EQ(b.reg(POWER_CHECKPOINTS), 0u);
        EXPECT_DOUBLE_EQ(b.power.summary().checkpoint_energy_pj, 0.0);
    });
}

PowerParams harvest_params()
{
    PowerParams p;
    p.mode = "harvest";
    p.harvest_uw = 100.0;  // less than the 1 mW load: the capacitor drains
    p.check_step = "1ms";
    return p;
}

TEST(PowerDevice, HarvestWarnsBelowTheThresholdThenBrownsOutAndRechargesToTurnOn)
{
    Bench b(harvest_params());
    test::run([&] {
        EXPECT_EQ(b.reg(POWER_MODE), POWER_MODE_HARVEST);
        EXPECT_EQ(b.reg(POWER_SUPPLY_MV), 2400u);
        EXPECT_EQ(b.reg(POWER_WARN_MV), 2000u);
        b.cpu.write32(POWER_IRQ_EN, POWER_IRQ_LOW_VOLTAGE);
        // 47 uF from 2.4 V to 1.8 V holds 59.2 uJ; a net 0.9 mW drains it in 65.8 ms; 2.0 V is
        // reached after (2.4^2 - 2.0^2) x 23.5 uJ / 0.9 mW = 46.0 ms.
        sc_time t = sc_core::SC_ZERO_TIME;
        std::optional<sc_time> back;
        while (!back) {
            sc_core::wait(b.power.next_check() - sc_core::sc_time_stamp());
            t = sc_core::sc_time_stamp();
            back = b.power.check(t);
            if (t == sc_time(46, sc_core::SC_MS)) {
                EXPECT_EQ(b.irq.rising_edges(), 0u);
            }
            if (t == sc_time(47, sc_core::SC_MS)) {
                sc_core::wait(sc_core::SC_ZERO_TIME);  // the line's method, then the signal's update
                sc_core::wait(sc_core::SC_ZERO_TIME);
                EXPECT_TRUE(b.irq.level());
                EXPECT_EQ(b.reg(POWER_IRQ_STATUS), POWER_IRQ_LOW_VOLTAGE);
                EXPECT_EQ(b.reg(POWER_STATUS) & POWER_STATUS_LOW_VOLTAGE, POWER_STATUS_LOW_VOLTAGE);
                b.cpu.write32(POWER_IRQ_STATUS, POWER_IRQ_LOW_VOLTAGE);
            }
        }
        // Foreseen at the 65 ms check from the last step's drain: at the analytic 65.8 ms, not at
        // the next check.
        EXPECT_NEAR(t.to_seconds() * 1e9, 65.8e6, 2.0);
        EXPECT_EQ(b.irq.rising_edges(), 1u) << "one warning per crossing";
        // Recharge at 100 uW from below 1.8 V back to 2.4 V: a little over 592 ms.
        EXPECT_GT(*back - t, sc_time(592, sc_core::SC_MS));
        EXPECT_LT(*back - t, sc_time(600, sc_core::SC_MS));
        b.power.boot(*back);
        EXPECT_EQ(b.reg(POWER_SUPPLY_MV), 2400u);
        EXPECT_EQ(b.reg(POWER_BOOT_CAUSE), POWER_BOOT_POWER_FAILURE);
    });
}

TEST(PowerDevice, BadParametersNameTheirKey)
{
    const std::pair<const char*, const char*> cases[][2] = {
        {{"mode", "sometimes"}, {"", ""}},
        {{"mode", "times"}, {"times", "1ms,zz"}},
        {{"mode", "times"}, {"times", ""}},
        {{"mode", "random"}, {"mtbf", "0ms"}},
        {{"mode", "periodic"}, {"period", "10"}},
        {{"mode", "random"}, {"off_time", "-1ms"}},
        {{"mode", "harvest"}, {"harvest_trace", "/nonexistent/trace.csv"}},
        {{"mode", "harvest"}, {"check_step", "0us"}},
    };
    unsigned n = 0;
    for (const auto& c : cases) {
        ParamRegistry registry;
        PowerParams p;
        p.bind(registry.root().scope("power"));
        const std::string key = *c[1].first ? c[1].first : c[0].first;
        for (const auto& kv : c) {
            if (*kv.first) {
                registry.set(std::string("power.") + kv.first, kv.second);
            }
        }
        try {
            PowerManager m(("bad" + std::to_string(n++)).c_str(), p, RandomStreams(1).stream("x"), {});
            ADD_FAILURE() << "accepted power." << key;
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find("power." + key), std::string::npos) << e.what();
        }
    }
    // voltages of the harvest mode
    PowerParams p = harvest_params();
    p.v_warning = 1.0;
    EXPECT_THROW(PowerManager("bad_v", p, RandomStreams(1).stream("x"), {}), std::invalid_argument);
}

}  // namespace
}  // namespace pimsoc
