// The SOT-MRAM controller cut by a power failure known ahead (Mram::set_power_cut, the platform's
// times/periodic/random modes): a run does exactly the steps that end by the cut, its results do
// not land, the commands queued behind it never run; with mram.nv_partial_state a RESUME after the
// loss continues where the array stopped, so a command cut at several points ends with the
// results and step count of an uninterrupted run (docs/models/mram_controller.md, "Power loss").
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "common/ledger_time.h"
#include "common/power_failure_known.h"
#include "mram_tlm/mram_bench.h"

namespace pimsoc {
namespace {

using namespace test_bench;
using sc_core::SC_NS;

constexpr uint32_t kDst = kBank + 512;  // LongConv's 36 results

// The START or RESUME written next starts at this time (the bank is idle, the access latency).
sc_time next_start(Bench& b)
{
    b.regs.sync();
    return sc_core::sc_time_stamp() + sc_time(b.params.access_latency_ns, SC_NS);
}

TEST(MramDevicePowerCut, ACommandCutAtSeveralPointsResumesToTheUninterruptedResults)
{
    MramParams p = test::mram_small_params();
    p.model.nv.nv_partial_state = true;
    Bench b(p);
    mram::MramArray whole(p.to_model());  // the same command without failures (latencies do not
                                          // depend on the operands: a model without them times it)
    test::run([&] {
        LongConv::program(b);
        const std::vector<uint8_t> operands = b.window_bytes(0, 2 * kBank);
        ASSERT_TRUE(whole.load(0, operands.data(), operands.size()));
        std::vector<int32_t> expected;
        ASSERT_EQ(whole.run(LongConv::twin(), &expected).error, mram::MramError::none);
        const uint64_t total = whole.counters().steps;
        const uint64_t full_ps = b.twin.latency_ps(LongConv::twin());
        const std::vector<int32_t> before = b.results(kDst, 36);

        // Cuts after 10 %, 35 %, 36 % and 80 % of what is left of the command.
        const double fractions[] = {0.10, 0.35, 0.36, 0.80};
        uint64_t done = 0;
        bool first = true;
        for (const double f : fractions) {
            const uint64_t left_ps = first ? full_ps : b.twin.remaining_ps();
            const sc_time start = next_start(b);
            const uint64_t limit_ps = static_cast<uint64_t>(f * static_cast<double>(left_ps));
            b.mram.set_power_cut(start + ps(limit_ps));
            b.set(MRAM_CMD, first ? MRAM_CMD_START : MRAM_CMD_RESUME);
            EXPECT_EQ(sc_core::sc_time_stamp() + b.regs.last_delay(), start);
            EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
            const mram::Result part =
                first ? b.twin.run(LongConv::twin(), nullptr, {mram::WeightCoding::plain, UINT64_MAX, limit_ps})
                      : b.twin.resume(nullptr, UINT64_MAX, limit_ps);
            ASSERT_EQ(part.error, mram::MramError::none);
            // Exactly the steps that end by the cut: they fit, one more would not.
            EXPECT_LE(part.cost.latency_ps, limit_ps);
            EXPECT_EQ(b.reg(MRAM_STEPS_DONE), b.twin.progress().steps_done);
            EXPECT_GT(b.reg(MRAM_STEPS_DONE), done);
            EXPECT_LT(b.reg(MRAM_STEPS_DONE), total);
            EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_BUSY, MRAM_STATUS_BUSY);  // busy until the failure
            done = b.reg(MRAM_STEPS_DONE);
            if (first) {  // independently of the time limit: one step more ends after the cut
                mram::MramArray probe(p.to_model());
                const mram::RunOptions one_more{mram::WeightCoding::plain, done + 1};
                EXPECT_GT(probe.run(LongConv::twin(), nullptr, one_more).cost.latency_ps, limit_ps);
            }
            // The failure, a little after the cut (the CPU's next instruction boundary).
            sc_core::wait(start + ps(limit_ps) + sc_time(3, SC_NS) - sc_core::sc_time_stamp());
            EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_DONE, 0u);  // never DONE before the failure
            EXPECT_EQ(b.results(kDst, 36), before);                // the results have not landed
            b.mram.lose_power();
            b.twin.lose_power();
            EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_IN_PROGRESS);
            EXPECT_EQ(b.reg(MRAM_STEPS_DONE), done);
            first = false;
        }
        b.mram.set_power_cut(sc_core::sc_max_time());
        b.set(MRAM_CMD, MRAM_CMD_RESUME);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        b.drain();
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_DONE);
        EXPECT_EQ(b.results(kDst, 36), expected);
        // No step redone: the steps run add up to the command's; one restore read per loss.
        EXPECT_EQ(b.mram.array().counters().steps, total);
        EXPECT_EQ(b.mram.array().counters().nv_reads, 4u);
    });
}

// Without non-volatile partial state the cut command is lost with the power (RESUME is BAD_CMD);
// a command queued behind it is accepted and never runs; the results region keeps its old bytes.
TEST(MramDevicePowerCut, WithoutNonVolatileStateTheCutCommandAndItsQueueAreLost)
{
    Bench b;
    test::run([&] {
        LongConv::program(b);
        const std::vector<int32_t> before = b.results(kDst, 36);
        const uint64_t full_ps = b.twin.latency_ps(LongConv::twin());
        const sc_time start = next_start(b);
        b.mram.set_power_cut(start + ps(full_ps / 2));
        b.set(MRAM_CMD, MRAM_CMD_START);
        b.set(MRAM_CMD, MRAM_CMD_START);  // queued behind it: would start after the cut
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        const uint64_t half = b.reg(MRAM_STEPS_DONE);
        EXPECT_GT(half, 0u);
        EXPECT_LT(half, b.reg(MRAM_STEPS_TOTAL));
        EXPECT_EQ(b.mram.array().counters().steps, half);  // the queued one ran no step
        sc_core::wait(start + ps(full_ps / 2) + sc_time(3, SC_NS) - sc_core::sc_time_stamp());
        EXPECT_EQ(b.reg(MRAM_STATUS) & (MRAM_STATUS_BUSY | MRAM_STATUS_DONE), MRAM_STATUS_BUSY);
        b.mram.lose_power();
        EXPECT_EQ(b.reg(MRAM_STATUS), 0u);
        b.set(MRAM_CMD, MRAM_CMD_RESUME);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_BAD_CMD);
        EXPECT_EQ(b.results(kDst, 36), before);
        EXPECT_EQ(b.mram.array().counters().commands, 0u);
    });
}

// A cut that falls after the command's end changes nothing: its results and DONE as without one
// (whenever the failure was known).
void a_failure_at_the_end_changes_nothing(test::FailureKnown known)
{
    Bench b;
    test::run([&] {
        LongConv::program(b);
        std::vector<int32_t> expected;
        const mram::Result r = b.twin.run(LongConv::twin(), &expected);
        const sc_time end = next_start(b) + ps(r.cost.latency_ps);  // the last step ends at the cut: done
        test::announce_failure(b.mram, end, known);
        b.set(MRAM_CMD, MRAM_CMD_START);
        test::reach_failure(b.mram, end, known);
        b.drain();
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_DONE);
        EXPECT_EQ(b.results(kDst, 36), expected);
        EXPECT_EQ(b.mram.array().counters(), b.twin.counters());
    });
}

TEST(MramDevicePowerCut, ACutAfterTheEndChangesNothing)
{
    a_failure_at_the_end_changes_nothing(test::FailureKnown::ahead);
}

TEST(MramDevicePowerCut, AFailureForeseenAfterTheEndLeavesTheRunWhole)
{
    a_failure_at_the_end_changes_nothing(test::FailureKnown::later);
}

// The harvest mode's forecast at acceptance (BankedCommandDevice::set_charge_listener,
// docs/power.md): the run's whole energy is charged over it before the listener is asked, so a
// failure the listener then plans inside it cuts it: the run is done again up to the failure (the
// steps that end by it, their counters only), its results do not land, and its charge ends there
// with the part counted.
TEST(MramDevicePowerCut, AFailureForeseenAtTheAcceptanceCutsTheRun)
{
    MramParams p = test::mram_small_params();
    p.model.nv.nv_partial_state = true;
    Bench b(p);
    test::run([&] {
        LongConv::program(b);
        const std::vector<int32_t> before = b.results(kDst, 36);
        mram::MramArray whole(p.to_model());
        const std::vector<uint8_t> operands = b.window_bytes(0, 2 * kBank);
        ASSERT_TRUE(whole.load(0, operands.data(), operands.size()));
        const mram::Result full = whole.run(LongConv::twin());
        const double full_pj = full.cost.energy.total_pj();
        const sc_time start = next_start(b);
        const uint64_t limit_ps = full.cost.latency_ps / 2;
        const sc_time cut = start + ps(limit_ps);
        double unspent_at_acceptance = 0;
        b.mram.set_charge_listener([&](const sc_time& at) {
            unspent_at_acceptance = b.mram.charged_energy().unspent_pj(to_ps(at));
            b.mram.set_power_cut(cut);
        });
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        EXPECT_DOUBLE_EQ(unspent_at_acceptance, full_pj);  // the whole command, before its start
        const mram::Result part =
            b.twin.run(LongConv::twin(), nullptr, {mram::WeightCoding::plain, UINT64_MAX, limit_ps});
        ASSERT_EQ(part.error, mram::MramError::none);
        EXPECT_GT(part.cost.counters.steps, 0u);
        EXPECT_LT(part.cost.counters.steps, full.cost.counters.steps);
        EXPECT_EQ(b.mram.array().counters(), b.twin.counters());  // only the steps before the failure
        EXPECT_EQ(b.reg(MRAM_STEPS_DONE), part.cost.counters.steps);
        EXPECT_NEAR(b.mram.charged_energy().charged_pj(), part.cost.energy.total_pj(), 1e-6);
        EXPECT_NEAR(b.mram.charged_energy().unspent_pj(to_ps(start)), part.cost.energy.total_pj(), 1e-6);
        EXPECT_EQ(b.mram.charged_energy().unspent_pj(to_ps(cut)), 0.0);
        sc_core::wait(cut + sc_time(3, SC_NS) - sc_core::sc_time_stamp());
        EXPECT_EQ(b.results(kDst, 36), before);  // the results have not landed
        b.mram.lose_power();
        EXPECT_EQ(b.reg(MRAM_STEPS_DONE), part.cost.counters.steps);  // resumable from there
    });
}

// A power failure foreseen only after the acceptance (the harvest mode: a later check or a later
// command's energy; Mram::cut_at_power_failure at the failure): the run across it does exactly
// its steps that end by the failure, the START queued behind it never runs, as a failure known at
// the acceptance leaves them (a second bench, Mram::set_power_cut): the same steps done, counters,
// STATUS and results region; after the loss both RESUME to the uninterrupted results.
struct CutState {
    std::vector<uint64_t> counters;
    uint32_t status = 0, steps_done = 0;
    std::vector<int32_t> results;
    bool operator==(const CutState& o) const
    {
        return counters == o.counters && status == o.status && steps_done == o.steps_done && results == o.results;
    }
};

CutState cut_conv_and_its_queue(Bench& b, uint64_t cut_ps, test::FailureKnown known)
{
    const sc_time cut = next_start(b) + ps(cut_ps);
    test::announce_failure(b.mram, cut, known);
    b.set(MRAM_CMD, MRAM_CMD_START);
    b.set(MRAM_CMD, MRAM_CMD_START);  // queued behind it
    EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
    test::reach_failure(b.mram, cut, known);
    CutState state{b.regs.read64_each(MRAM_ROW_WRITES, MRAM_COMMANDS), b.reg(MRAM_STATUS), b.reg(MRAM_STEPS_DONE),
                   b.results(kDst, 36)};
    b.mram.lose_power();
    b.mram.set_power_cut(sc_core::sc_max_time());
    return state;
}

TEST(MramDevicePowerCut, AFailureForeseenAfterTheAcceptanceCutsAsOneKnownAhead)
{
    MramParams p = test::mram_small_params();
    p.model.nv.nv_partial_state = true;
    Bench late(p, "late_"), earlier(p, "earlier_"), ahead(p, "ahead_");
    test::run([&] {
        for (Bench* b : {&late, &earlier, &ahead}) {
            LongConv::program(*b);
        }
        const std::vector<int32_t> before = late.results(kDst, 36);
        std::vector<int32_t> expected;
        const mram::Result whole = late.twin.run(LongConv::twin(), &expected);
        const uint64_t cut_ps = whole.cost.latency_ps / 2;
        const CutState cut_late = cut_conv_and_its_queue(late, cut_ps, test::FailureKnown::later);
        const CutState cut_earlier = cut_conv_and_its_queue(earlier, cut_ps, test::FailureKnown::brought_earlier);
        const CutState cut_ahead = cut_conv_and_its_queue(ahead, cut_ps, test::FailureKnown::ahead);
        EXPECT_EQ(cut_late, cut_ahead);
        EXPECT_EQ(cut_earlier, cut_ahead);
        EXPECT_EQ(cut_late.results, before);  // not landed
        EXPECT_GT(cut_late.steps_done, 0u);
        EXPECT_LT(cut_late.steps_done, whole.cost.counters.steps);
        EXPECT_EQ(late.mram.array().counters(), ahead.mram.array().counters());
        EXPECT_EQ(earlier.mram.array().counters(), ahead.mram.array().counters());
        for (Bench* b : {&late, &earlier, &ahead}) {
            b->set(MRAM_CMD, MRAM_CMD_RESUME);
            EXPECT_EQ(b->reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
            b->drain();
            EXPECT_EQ(b->results(kDst, 36), expected);
        }
        // The steps run add up to the command's: the queued START never ran a step.
        EXPECT_EQ(late.mram.array().counters().steps, whole.cost.counters.steps);
    });
}

}  // namespace
}  // namespace pimsoc
