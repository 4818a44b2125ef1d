// The scheduled supply modes (power.mode = times | periodic | random): failure times after each
// boot, their checks, and the random mode's determinism by seed.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "power/model/failure_schedule.h"

namespace pimsoc::power {
namespace {

RandomStream stream(uint64_t seed = 1) { return RandomStreams(seed).stream("soc.power"); }

ScheduleConfig config(SupplyMode mode)
{
    ScheduleConfig c;
    c.mode = mode;
    return c;
}

TEST(PowerModes, NamesParseBothWaysAndABadNameNamesTheKey)
{
    for (SupplyMode m : {SupplyMode::off, SupplyMode::times, SupplyMode::periodic, SupplyMode::random, SupplyMode::harvest}) {
        EXPECT_EQ(parse_supply_mode(supply_mode_name(m)), m);
    }
    try {
        parse_supply_mode("sometimes");
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("power.mode"), std::string::npos) << e.what();
    }
}

TEST(PowerModes, OffNeverFails)
{
    FailureSchedule s(config(SupplyMode::off), stream());
    EXPECT_FALSE(s.next_failure(0));
}

TEST(PowerModes, TimesGivesEachListedTimeOnceAndSkipsThoseWhileOff)
{
    ScheduleConfig c = config(SupplyMode::times);
    c.times_ns = {1000, 1500, 5000};
    c.off_time_ns = 1000;
    FailureSchedule s(c, stream());
    EXPECT_EQ(s.next_failure(0), 1000u);
    // Power back at 2000: the failure listed at 1500 fell while off.
    EXPECT_EQ(s.next_failure(2000), 5000u);
    EXPECT_FALSE(s.next_failure(6000));
}

TEST(PowerModes, TimesMustBeIncreasingAndNotEmpty)
{
    ScheduleConfig c = config(SupplyMode::times);
    EXPECT_THROW(FailureSchedule(c, stream()), std::invalid_argument);
    c.times_ns = {2000, 2000};
    EXPECT_THROW(FailureSchedule(c, stream()), std::invalid_argument);
    c.times_ns = {0};
    EXPECT_THROW(FailureSchedule(c, stream()), std::invalid_argument);
}

TEST(PowerModes, PeriodicFailsOnePeriodAfterEachBoot)
{
    ScheduleConfig c = config(SupplyMode::periodic);
    c.period_ns = 3000;
    FailureSchedule s(c, stream());
    EXPECT_EQ(s.next_failure(0), 3000u);
    EXPECT_EQ(s.next_failure(3500), 6500u);
    c.period_ns = 0;
    EXPECT_THROW(FailureSchedule(c, stream()), std::invalid_argument);
}

TEST(PowerModes, RandomIsExponentialWithTheMeanMtbfAndDeterministicBySeed)
{
    ScheduleConfig c = config(SupplyMode::random);
    c.mtbf_ns = 2'000'000;
    FailureSchedule a(c, stream(5));
    FailureSchedule b(c, stream(5));
    FailureSchedule other(c, stream(6));
    constexpr int n = 20000;
    double sum = 0;
    bool differs = false;
    for (int i = 0; i < n; ++i) {
        const uint64_t ta = *a.next_failure(0);
        EXPECT_EQ(ta, *b.next_failure(0));
        differs = differs || ta != *other.next_failure(0);
        ASSERT_GE(ta, 1u);
        sum += static_cast<double>(ta);
    }
    EXPECT_TRUE(differs);
    // Standard error of the mean: mtbf / sqrt(n) = 0.7 %; 3 % is > 4 sigma.
    EXPECT_NEAR(sum / n, 2e6, 0.03 * 2e6);
    c.mtbf_ns = 0;
    EXPECT_THROW(FailureSchedule(c, stream()), std::invalid_argument);
}

TEST(PowerModes, HarvestHasNoSchedule)
{
    EXPECT_THROW(FailureSchedule(config(SupplyMode::harvest), stream()), std::invalid_argument);
}

}  // namespace
}  // namespace pimsoc::power
