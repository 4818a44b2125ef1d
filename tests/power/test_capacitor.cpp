// The harvest mode: the harvested-power source (constant and trace), the capacitor's energy
// balance, brown-out and recharge to the turn-on voltage.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "power/model/capacitor.h"

namespace pimsoc::power {
namespace {

TEST(HarvestSource, ConstantPowerGivesEnergyProportionalToTime)
{
    const HarvestSource s(1000.0);  // 1 mW
    EXPECT_DOUBLE_EQ(s.energy_pj(0, 1'000'000), 1e6);  // 1 mW x 1 ms = 1 uJ
    EXPECT_EQ(s.time_to_harvest(500, 2e6), 500u + 2'000'000u);
    EXPECT_THROW(HarvestSource(-1.0), std::invalid_argument);
}

TEST(HarvestSource, TraceIsPiecewiseConstantAndReadFromRows)
{
    std::istringstream in("time_s,power_uw\n# a comment\n0 0\n0.001, 2000\n\n0.002 500\n");
    const HarvestSource s = read_harvest_trace(in, "trace.csv");
    EXPECT_DOUBLE_EQ(s.power_uw_at(999'999), 0.0);
    EXPECT_DOUBLE_EQ(s.power_uw_at(1'000'000), 2000.0);
    EXPECT_DOUBLE_EQ(s.power_uw_at(9'000'000), 500.0);  // the last row holds
    EXPECT_DOUBLE_EQ(s.energy_pj(0, 3'000'000), 2e6 + 0.5e6);
    // 2.5 uJ from time 0: 2 uJ by 2 ms, then 0.5 uJ at 500 uW takes 1 ms.
    EXPECT_EQ(s.time_to_harvest(0, 2.5e6), 3'000'000u);
}

TEST(HarvestSource, BadTraceRowsNameTheFileAndLine)
{
    for (const char* text : {"0 1\n0 2\n", "0 1\nx y\n", "0 -1\n", "0 1 2\n", ""}) {
        std::istringstream in(text);
        try {
            read_harvest_trace(in, "t.csv");
            FAIL() << "accepted: " << text;
        } catch (const std::invalid_argument& e) {
            EXPECT_EQ(std::string(e.what()).rfind("t.csv", 0), 0u) << e.what();
        }
    }
}

TEST(HarvestSource, NoPowerNeverRecharges)
{
    std::istringstream in("0 100\n0.001 0\n");
    const HarvestSource s = read_harvest_trace(in, "t");
    EXPECT_FALSE(s.time_to_harvest(2'000'000, 1.0));
}

TEST(Capacitor, StartsAtTurnOnAndBrownsOutWhenDrained)
{
    CapacitorConfig c;  // 47 uF, on 2.4 V, brown-out 1.8 V
    Capacitor cap(c, HarvestSource(0.0));
    EXPECT_DOUBLE_EQ(cap.voltage(), 2.4);
    const double usable_pj = 0.5 * 47e-6 * (2.4 * 2.4 - 1.8 * 1.8) * 1e12;  // 59.2 uJ
    cap.run(0, 1000, usable_pj * 0.99);
    EXPECT_FALSE(cap.browned_out());
    cap.run(1000, 2000, usable_pj * 0.02);
    EXPECT_TRUE(cap.browned_out());
    EXPECT_LT(cap.voltage(), 1.8);
}

TEST(Capacitor, RechargeTakesTheMissingEnergyOverTheHarvestedPower)
{
    CapacitorConfig c;
    Capacitor cap(c, HarvestSource(100.0));  // 100 uW
    const double drain = 0.5 * 47e-6 * (2.4 * 2.4 - 1.7 * 1.7) * 1e12;
    cap.run(0, 0, drain);
    EXPECT_NEAR(cap.voltage(), 1.7, 1e-9);
    const auto on = cap.recharge(5000);
    ASSERT_TRUE(on);
    // drain pJ at 0.1 pJ/ns
    EXPECT_NEAR(static_cast<double>(*on - 5000), drain / 0.1, 1.0);
    EXPECT_DOUBLE_EQ(cap.voltage(), 2.4);
}

TEST(Capacitor, ClampsAtVmaxAndChecksItsVoltages)
{
    CapacitorConfig c;
    Capacitor cap(c, HarvestSource(1e6));
    cap.run(0, 1'000'000'000, 0);
    EXPECT_NEAR(cap.voltage(), c.v_max, 1e-9);
    CapacitorConfig bad = c;
    bad.v_warning = 1.0;  // below brown-out
    EXPECT_THROW(check_capacitor(bad), std::invalid_argument);
    bad = c;
    bad.v_on = 1.9;  // below the warning
    EXPECT_THROW(check_capacitor(bad), std::invalid_argument);
    bad = c;
    bad.capacitance_uf = 0;
    EXPECT_THROW(check_capacitor(bad), std::invalid_argument);
}

// The harvest mode's forecast of its brown-out (docs/power.md): with a constant drain P and a
// constant harvest H the capacitor reaches v_brownout after 0.5 C (V^2 - Vb^2) / (P - H).
TEST(CapacitorForecast, ConstantDrainBrownsOutAtTheAnalyticTime)
{
    CapacitorConfig c;  // 47 uF from 2.4 V to 1.8 V: 59.22 uJ
    const Capacitor cap(c, HarvestSource(200.0));
    const double usable_pj = 0.5 * 47e-6 * (2.4 * 2.4 - 1.8 * 1.8) * 1e12;
    const double drain_uw = 1200.0;                   // 1 mW net: 1 pJ per ns
    const double expected_ns = usable_pj / 1.0;       // 59.22 ms after `from`
    const auto t = cap.brownout_time(3000, 3000 + 100'000'000, drain_uw);
    ASSERT_TRUE(t);
    EXPECT_NEAR(static_cast<double>(*t), 3000 + expected_ns, 1.0);
    // Not within a horizon that ends before it; never when the harvest covers the drain.
    EXPECT_FALSE(cap.brownout_time(3000, 3000 + 59'000'000, drain_uw));
    EXPECT_FALSE(cap.brownout_time(0, 1'000'000'000, 200.0));
    // The capacitor after running that long at that drain is at the brown-out voltage.
    Capacitor ran(c, HarvestSource(200.0));
    ran.run(3000, *t, drain_uw * 1e-3 * static_cast<double>(*t - 3000));
    EXPECT_NEAR(ran.voltage(), c.v_brownout, 1e-6);
}

TEST(CapacitorForecast, FollowsTheTracesPiecesAndTheClamp)
{
    CapacitorConfig c;
    // 0..1 ms: 100 mW harvested (charges to the 3 V clamp), then nothing.
    std::istringstream in("0 100000\n0.001 0\n");
    const Capacitor cap(c, read_harvest_trace(in, "t"));
    const double drain_uw = 2000.0;  // 98 mW net charge before 1 ms, 2 mW net drain after
    const double full_pj = 0.5 * 47e-6 * (3.0 * 3.0 - 1.8 * 1.8) * 1e12;  // from the clamp: 135.36 uJ
    const double charge_pj = 0.5 * 47e-6 * (3.0 * 3.0 - 2.4 * 2.4) * 1e12;
    ASSERT_LT(charge_pj, 98.0 * 1e6);  // the clamp is reached before 1 ms
    const auto t = cap.brownout_time(0, 1'000'000'000, drain_uw);
    ASSERT_TRUE(t);
    EXPECT_NEAR(static_cast<double>(*t), 1'000'000 + full_pj / 2.0, 1.0);
}

}  // namespace
}  // namespace pimsoc::power
