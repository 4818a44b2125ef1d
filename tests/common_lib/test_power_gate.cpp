// The power gate of an accelerator's domain on the ledger (common/power_gate.h): an `unused`
// domain leaks nothing until its first access and again after a power-down; `off` never gates;
// the gate and the supply (set_leakage_uw, as a power failure does) are independent.
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/ledger.h"
#include "common/power_gate.h"

namespace pimsoc {
namespace {

constexpr uint64_t us = 1'000'000;  // ps

size_t leaky_component(Ledger& ledger)
{
    LedgerComponent component;
    component.name = "accelerator";
    component.leakage_uw = 2.0;  // 2 uW over 1 us = 2 pJ
    component.sample = [](LedgerCounters&) {};
    return ledger.add(std::move(component));
}

// A ledger with one leaky component behind a gate of `mode`.
struct GatedComponent {
    Ledger ledger;
    size_t id;
    PowerGate gate;

    explicit GatedComponent(PowerGating mode) : id(leaky_component(ledger))
    {
        gate.set_mode(mode);
        gate.attach(ledger, id);
    }
};

double leakage_pj(Ledger& ledger, size_t id, uint64_t at_ps)
{
    return ledger.sample(at_ps).at(id).leakage_pj;
}

TEST(PowerGate, UnusedDomainLeaksFromItsFirstAccessOnly)
{
    GatedComponent g(PowerGating::unused);
    Ledger& ledger = g.ledger;
    const size_t id = g.id;
    PowerGate& gate = g.gate;
    EXPECT_FALSE(gate.powered());
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 10 * us), 0.0);
    gate.access(10 * us);
    EXPECT_TRUE(gate.powered());
    gate.access(12 * us);  // already on: changes nothing
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 30 * us), 2.0 * 20);
}

TEST(PowerGate, PowerDownGatesUntilTheNextAccess)
{
    GatedComponent g(PowerGating::unused);
    Ledger& ledger = g.ledger;
    const size_t id = g.id;
    PowerGate& gate = g.gate;
    gate.access(0);
    gate.power_down(10 * us);
    EXPECT_FALSE(gate.powered());
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 40 * us), 2.0 * 10);
    gate.access(40 * us);
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 50 * us), 2.0 * 20);
}

TEST(PowerGate, OffNeverGates)
{
    GatedComponent g(PowerGating::off);
    Ledger& ledger = g.ledger;
    const size_t id = g.id;
    PowerGate& gate = g.gate;
    EXPECT_TRUE(gate.powered());
    gate.power_down(10 * us);
    EXPECT_TRUE(gate.powered());
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 20 * us), 2.0 * 20);
}

TEST(PowerGate, GateAndSupplyAreIndependent)
{
    GatedComponent g(PowerGating::unused);
    Ledger& ledger = g.ledger;
    const size_t id = g.id;
    PowerGate& gate = g.gate;
    ledger.set_leakage_uw(id, 0.0, 10 * us);  // the supply fails while the domain is off
    ledger.set_leakage_uw(id, 2.0, 20 * us);  // and returns: the domain stays off
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 30 * us), 0.0);
    gate.access(30 * us);
    ledger.set_leakage_uw(id, 0.0, 40 * us);  // on, then the supply fails: no leakage either way
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 50 * us), 2.0 * 10);
}

TEST(PowerGate, AnAccessBehindTheLastChangeDoesNotMoveTheLedgerBack)
{
    GatedComponent g(PowerGating::unused);
    Ledger& ledger = g.ledger;
    const size_t id = g.id;
    PowerGate& gate = g.gate;
    gate.access(20 * us);
    gate.power_down(30 * us);
    gate.access(25 * us);  // an initiator's annotated time behind the reset: counted from 30 us
    EXPECT_DOUBLE_EQ(leakage_pj(ledger, id, 40 * us), 2.0 * 20);
}

TEST(PowerGate, ModeNamesTheKeyOfABadValue)
{
    EXPECT_EQ(power_gating_mode("rtm.power_gating", "unused"), PowerGating::unused);
    EXPECT_EQ(power_gating_mode("rtm.power_gating", "off"), PowerGating::off);
    try {
        power_gating_mode("mram.power_gating", "sometimes");
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "mram.power_gating: 'sometimes' is not unused or off");
    }
}

}  // namespace
}  // namespace pimsoc
