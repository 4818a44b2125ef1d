// The energy/stats ledger: energy = counts x energy per event, leakage integrated over time (also
// across power changes), utilisation, regions of interest (sums of deltas, nesting, per inference).
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/ledger.h"

namespace pimsoc {
namespace {

// A component whose counters the test sets by hand.
struct FakeCounters {
    uint64_t ops = 0;
    uint64_t bytes = 0;
    uint64_t busy_ps = 0;
};

LedgerComponent fake(const std::string& name, FakeCounters& c, double leakage_uw = 0, double area_um2 = 0)
{
    LedgerComponent component;
    component.name = name;
    component.events = {{"op", 2.5}, {"byte", 0.5, false}};
    component.leakage_uw = leakage_uw;
    component.area_um2 = area_um2;
    component.sample = [&c](LedgerCounters& counters) {
        counters.events = {c.ops, c.bytes};
        counters.busy_ps = c.busy_ps;
    };
    return component;
}

constexpr uint64_t us = 1'000'000;  // ps

TEST(Ledger, DynamicEnergyIsCountTimesEnergyPerEvent)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a, 0, 100));
    a.ops = 4;
    a.bytes = 10;
    const LedgerReport r = ledger.report(0);
    ASSERT_EQ(r.run.components.size(), 1u);
    const ComponentLine& line = r.run.components[0];
    EXPECT_EQ(line.operations, 4u) << "bytes are not operations";
    ASSERT_EQ(line.events.size(), 2u);
    EXPECT_DOUBLE_EQ(line.events[0].energy_pj, 4 * 2.5);
    EXPECT_DOUBLE_EQ(line.events[1].energy_pj, 10 * 0.5);
    EXPECT_DOUBLE_EQ(line.dynamic_pj, 15.0);
    EXPECT_DOUBLE_EQ(line.total_pj, 15.0);
    EXPECT_DOUBLE_EQ(r.run.area_um2, 100.0);
}

TEST(Ledger, LeakageIsPowerTimesTimeAndFollowsPowerChanges)
{
    Ledger ledger;
    FakeCounters a;
    const size_t id = ledger.add(fake("a", a, 2.0));  // 2 uW
    // 2 uW x 10 us = 20 pJ
    EXPECT_DOUBLE_EQ(ledger.report(10 * us).run.components[0].leakage_pj, 20.0);
    ledger.set_leakage_uw(id, 0.0, 10 * us);  // powered off at 10 us
    EXPECT_DOUBLE_EQ(ledger.report(30 * us).run.components[0].leakage_pj, 20.0);
    ledger.set_leakage_uw(id, 1.0, 30 * us);  // on again, 1 uW
    const LedgerReport r = ledger.report(40 * us);
    EXPECT_DOUBLE_EQ(r.run.components[0].leakage_pj, 30.0);
    EXPECT_DOUBLE_EQ(r.run.total_pj, 30.0);
    EXPECT_DOUBLE_EQ(r.run.average_power_uw, 30.0 / 40.0) << "30 pJ over 40 us = 0.75 uW";
}

TEST(Ledger, UtilisationIsBusyOverElapsed)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a));
    a.busy_ps = 250'000;
    const LedgerReport r = ledger.report(us);
    EXPECT_EQ(r.run.components[0].busy_ps, 250'000u);
    EXPECT_DOUBLE_EQ(r.run.components[0].utilisation, 0.25);
    EXPECT_DOUBLE_EQ(ledger.report(0).run.components[0].utilisation, 0.0) << "no time: no division by zero";
}

TEST(Ledger, RegionSumsTheDeltasOfItsOccurrences)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a, 1.0));
    a.ops = 100;  // before the region: not in it
    ledger.roi_begin(7, 1 * us);
    a.ops += 3;
    a.busy_ps += 500'000;
    ledger.roi_end(7, 2 * us);
    a.ops += 50;  // between occurrences
    ledger.roi_begin(7, 5 * us);
    a.ops += 2;
    ledger.roi_end(7, 8 * us);

    ASSERT_EQ(ledger.regions().count(7), 1u);
    const RegionTally& tally = ledger.regions().at(7);
    EXPECT_EQ(tally.occurrences, 2u);
    EXPECT_EQ(tally.elapsed_ps, 4 * us);
    EXPECT_EQ(tally.components[0].events[0], 5u);
    EXPECT_EQ(tally.components[0].busy_ps, 500'000u);
    EXPECT_DOUBLE_EQ(tally.components[0].leakage_pj, 4.0) << "1 uW x 4 us";

    const LedgerReport r = ledger.report(10 * us);
    ASSERT_EQ(r.regions.size(), 1u);
    EXPECT_EQ(r.regions[0].id, 7u);
    EXPECT_DOUBLE_EQ(r.regions[0].scope.dynamic_pj, 5 * 2.5);
    EXPECT_DOUBLE_EQ(r.regions[0].scope.components[0].utilisation, 0.125);
    EXPECT_EQ(r.inferences, 0u) << "region 7 is not an inference";
}

TEST(Ledger, NestedRegionsOfOneIdMatchLastInFirstOut)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a));
    ledger.roi_begin(3, 0);
    a.ops = 10;
    ledger.roi_begin(3, us);
    a.ops = 11;
    ledger.roi_end(3, 2 * us);  // inner: 1 op, 1 us
    EXPECT_EQ(ledger.open_regions(), 1u);
    a.ops = 20;
    ledger.roi_end(3, 3 * us);  // outer: 20 ops, 3 us
    EXPECT_EQ(ledger.open_regions(), 0u);
    const RegionTally& tally = ledger.regions().at(3);
    EXPECT_EQ(tally.occurrences, 2u);
    EXPECT_EQ(tally.components[0].events[0], 21u);
    EXPECT_EQ(tally.elapsed_ps, 4 * us);
}

TEST(Ledger, EndWithoutBeginIsIgnored)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a));
    ledger.roi_end(5, us);
    EXPECT_TRUE(ledger.regions().empty());
    EXPECT_TRUE(ledger.report(us).regions.empty());
}

TEST(Ledger, RegionOneGivesEnergyAndLatencyPerInference)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a, 1.0));
    for (uint64_t i = 0; i < 4; ++i) {
        ledger.roi_begin(Ledger::inference_region_id, i * 10 * us);
        a.ops += 2;                                                         // 5 pJ
        ledger.roi_end(Ledger::inference_region_id, i * 10 * us + 2 * us);  // + 2 pJ leakage
    }
    const LedgerReport r = ledger.report(100 * us);
    EXPECT_EQ(r.inferences, 4u);
    EXPECT_DOUBLE_EQ(r.energy_per_inference_pj, 7.0);
    EXPECT_DOUBLE_EQ(r.latency_per_inference_ps, 2.0 * us);
}

TEST(Ledger, SettleHooksRunBeforeEverySample)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a));
    int settled = 0;
    ledger.add_settle_hook([&] {
        ++settled;
        a.ops += 1;  // e.g. counts handed over by another component
    });
    ledger.roi_begin(1, 0);
    ledger.roi_end(1, 1);
    EXPECT_EQ(settled, 2);
    EXPECT_EQ(ledger.regions().at(1).components[0].events[0], 1u);
    EXPECT_EQ(ledger.report(2).run.components[0].operations, 3u);
}

TEST(Ledger, SeveralComponentsAddUpInTheTotal)
{
    Ledger ledger;
    FakeCounters a;
    FakeCounters b;
    ledger.add(fake("a", a, 1.0, 10));
    ledger.add(fake("b", b, 3.0, 20));
    a.ops = 2;                                 // 5 pJ
    b.bytes = 4;                               // 2 pJ
    const LedgerReport r = ledger.report(us);  // leakage 1 + 3 pJ
    EXPECT_DOUBLE_EQ(r.run.dynamic_pj, 7.0);
    EXPECT_DOUBLE_EQ(r.run.leakage_pj, 4.0);
    EXPECT_DOUBLE_EQ(r.run.total_pj, 11.0);
    EXPECT_DOUBLE_EQ(r.run.area_um2, 30.0);
    EXPECT_DOUBLE_EQ(r.run.average_power_uw, 11.0);
}

TEST(Ledger, RejectsDuplicateNamesAndMissingSamplers)
{
    Ledger ledger;
    FakeCounters a;
    ledger.add(fake("a", a));
    EXPECT_THROW(ledger.add(fake("a", a)), std::invalid_argument);
    LedgerComponent no_sampler;
    no_sampler.name = "b";
    EXPECT_THROW(ledger.add(no_sampler), std::invalid_argument);
}

}  // namespace
}  // namespace pimsoc
