// The harvest mode with a command whose energy the ledger counts at its acceptance (docs/power.md,
// "The harvest mode's brown-out"): the capacitor's drain spreads it over the command's run, and
// the forecast adds what the command will spend until its end, so that a brown-out the command's
// own energy causes is foreseen at its analytic time, at the acceptance or at the next check.
#include <gtest/gtest.h>

#include <cmath>

#include "common/ledger_time.h"
#include "common/model/charged_energy.h"
#include "common/tlm_test_initiator.h"
#include "power/power.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::SC_US;
using sc_core::sc_time;

// 1 uF from 2.4 V to 1.8 V: 1.26 uJ above the brown-out. A steady 1 mW (1 pJ/ns), and from 25 us
// a command of 2 uJ running until 1025 us (2 pJ/ns), which the ledger counts whole at 25 us.
constexpr double background_uw = 1000.0;
constexpr double command_pj = 2e6;
const sc_time accepted(25, SC_US);
const sc_time command_end(1025, SC_US);
// 1.26e6 pJ = 1 pJ/ns x t + 2 pJ/ns x (t - 25 us): t = 436,666.67 ns.
constexpr double analytic_brownout_ns = (1.26e6 + 2.0 * 25e3) / 3.0;
constexpr double full_pj = 0.5 * 1.0 * 2.4 * 2.4 * 1e6;  // 0.5 C V^2 with C in uF: pJ

struct CommandLoad {
    ChargedEnergy charged;
    PowerProbes probes()
    {
        PowerProbes p;
        p.energy_pj = [](const sc_time& at) {
            return background_uw * at.to_seconds() * 1e6 + (at >= accepted ? command_pj : 0.0);
        };
        return p;
    }
};

PowerParams params()
{
    PowerParams p;
    p.mode = "harvest";
    p.harvest_uw = 0.0;
    p.capacitance_uf = 1.0;
    return p;  // checks every 10 us
}

struct Bench {
    CommandLoad load;
    PowerManager power{"power", params(), RandomStreams(1).stream("soc.power"), load.probes()};
    test::TlmTestInitiator cpu{"cpu"};
    test::IrqSink irq{"irq"};
    Bench()
    {
        power.watch_charged(load.charged);
        cpu.socket.bind(power.socket);
        power.irq.bind(irq.signal);
    }

    void check_until(const sc_time& until)
    {
        while (power.next_check() <= until) {
            sc_core::wait(power.next_check() - sc_core::sc_time_stamp());
            ASSERT_FALSE(power.check(sc_core::sc_time_stamp())) << "browned out at " << sc_core::sc_time_stamp();
        }
    }
    void accept_command()
    {
        sc_core::wait(accepted - sc_core::sc_time_stamp());
        load.charged.charge(to_ps(sc_core::sc_time_stamp()), to_ps(accepted), to_ps(command_end), command_pj);
    }
};

TEST(PowerChargedForecast, ABrownOutInsideACommandIsForeseenAtItsAcceptance)
{
    Bench b;
    test::run([&] {
        b.check_until(sc_time(20, SC_US));
        b.accept_command();
        EXPECT_EQ(b.power.known_failure(), sc_core::sc_max_time());
        b.power.foresee(accepted);
        // The command's 2 uJ exceed what the capacitor holds, yet it is spent over 1 ms: the
        // brown-out comes inside it, at the analytic time (rounded up to the ns).
        EXPECT_NEAR(b.power.known_failure().to_seconds() * 1e9, analytic_brownout_ns, 1.0);
        // The checks go on every step until then (the supply voltage follows the drain); their
        // forecasts find the same brown-out, which fails the supply at its time.
        const sc_core::sc_time foreseen = b.power.known_failure();
        unsigned checks = 0;
        for (;;) {
            EXPECT_LE(b.power.next_check(), foreseen);
            sc_core::wait(b.power.next_check() - sc_core::sc_time_stamp());
            if (b.power.check(sc_core::sc_time_stamp()).has_value()) {
                break;
            }
            ++checks;
            EXPECT_EQ(b.power.known_failure(), foreseen);
        }
        EXPECT_EQ(sc_core::sc_time_stamp(), foreseen);
        EXPECT_EQ(checks, 41u);  // every 10 us from 30 us to 430 us
        EXPECT_NEAR(b.power.supply_voltage(), 1.8, 1e-5);
    });
}

TEST(PowerChargedForecast, TheNextCheckSpreadsTheCommandsEnergyAndForeseesTheBrownOut)
{
    Bench b;
    test::run([&] {
        b.check_until(sc_time(20, SC_US));
        b.accept_command();  // no forecast at the acceptance
        sc_core::wait(sc_time(30, SC_US) - sc_core::sc_time_stamp());
        ASSERT_FALSE(b.power.check(sc_core::sc_time_stamp()));
        // Drained by 30 us: 30 nJ of the steady load and 10 nJ of the command's 2 uJ (5 us of its
        // 1 ms), not the 2 uJ at once (which would have browned out here).
        EXPECT_NEAR(b.power.supply_voltage(), std::sqrt(2.0 * (full_pj - 40e3) / 1e6), 1e-9);
        EXPECT_NEAR(b.power.known_failure().to_seconds() * 1e9, analytic_brownout_ns, 1.0);
    });
}

}  // namespace
}  // namespace pimsoc
