// Non-volatile partial state: a power loss after any step of a command, followed by resume(),
// gives the uninterrupted result and repeats no operation (the counters of the pieces add up to
// the uninterrupted ones plus one restore per loss); without it a loss drops the command.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "mram_test_util.h"

namespace pimsoc::mram {
namespace {

using test::put;

// A 2:2 conv over several passes (1 sub-array of 16 x 8 bits), so that losses fall into loads,
// senses and reductions of different passes.
Conv2dCommand small_conv(MramArray& m)
{
    std::mt19937_64 rng(11);
    Conv2dCommand c;
    c.in_type = ElemType::u2;
    c.kernel_type = ElemType::i2;
    c.channels = 2;
    c.height = 5;
    c.width = 5;
    c.kernel_h = 3;
    c.kernel_w = 3;
    c.pad_h = 1;
    c.pad_w = 1;
    c.init = 3;
    c.in = 0;
    c.kernel = 64;
    c.dst = 128;
    put(m, c.in, c.in_type, test::random_values(rng, c.in_type, 50));
    put(m, c.kernel, c.kernel_type, test::random_values(rng, c.kernel_type, 18));
    return c;
}

MramConfig nv_config(bool nv)
{
    MramConfig c = test::tiny_config();
    c.geometry.subarrays_per_bank = 1;
    c.geometry.window_bytes_per_bank = 256;
    c.nv.nv_partial_state = nv;
    return c;
}

TEST(MramNv, LossAfterEveryStepResumesWithoutRedoingWork)
{
    MramArray reference(nv_config(true));
    std::vector<int32_t> want;
    const Result full = reference.run(small_conv(reference), &want);
    ASSERT_EQ(full.error, MramError::none);
    const uint64_t total = full.cost.counters.steps;
    ASSERT_GT(total, 100u);  // several passes
    for (uint64_t at = 0; at <= total; ++at) {
        MramArray m(nv_config(true));
        RunOptions o;
        o.max_steps = at;
        std::vector<int32_t> got;
        const Result first = m.run(small_conv(m), &got, o);
        ASSERT_EQ(first.error, MramError::none);
        ASSERT_EQ(m.progress().active, at < total);
        m.lose_power();
        if (at == total) {  // finished before the loss: nothing to resume
            EXPECT_EQ(m.resume().error, MramError::bad_cmd);
            EXPECT_EQ(got, want);
            continue;
        }
        EXPECT_EQ(m.progress().steps_done, at);
        const Result second = m.resume(&got);
        ASSERT_EQ(second.error, MramError::none);
        ASSERT_EQ(got, want) << "loss after step " << at;
        std::vector<int32_t> written(want.size());
        ASSERT_TRUE(m.dump(128, written.data(), 4 * written.size()));
        EXPECT_EQ(written, want);
        // The pieces' operations are the uninterrupted ones, plus one restore read.
        Counters sum = first.cost.counters;
        sum += second.cost.counters;
        EXPECT_EQ(sum.nv_reads, 1u);
        EXPECT_GT(sum.nv_read_bits, 0u);
        sum.nv_reads = 0;
        sum.nv_read_bits = 0;
        ASSERT_EQ(sum, full.cost.counters) << "loss after step " << at;
        EXPECT_EQ(first.cost.latency_ps + second.cost.latency_ps,
                  full.cost.latency_ps + m.unit_costs().read_ps);
    }
}

TEST(MramNv, SeveralLossesInOneCommand)
{
    MramArray reference(nv_config(true));
    std::vector<int32_t> want;
    const Result full = reference.run(small_conv(reference), &want);
    MramArray m(nv_config(true));
    RunOptions o;
    o.max_steps = 7;
    std::vector<int32_t> got;
    Result r = m.run(small_conv(m), &got, o);
    Counters sum = r.cost.counters;
    uint32_t losses = 0;
    while (m.progress().active) {
        m.lose_power();
        ++losses;
        r = m.resume(&got, 13);
        sum += r.cost.counters;
    }
    EXPECT_EQ(got, want);
    EXPECT_EQ(sum.nv_reads, losses);
    EXPECT_EQ(sum.steps, full.cost.counters.steps);
    EXPECT_EQ(sum.and_senses, full.cost.counters.and_senses);
    EXPECT_EQ(sum.row_writes, full.cost.counters.row_writes);
    EXPECT_EQ(sum.nv_write_bits, full.cost.counters.nv_write_bits);
}

// Pausing (max_steps) without a loss needs no restore.
TEST(MramNv, PauseWithoutLossReadsNothingBack)
{
    MramArray m(nv_config(true));
    RunOptions o;
    o.max_steps = 20;
    const Result first = m.run(small_conv(m), nullptr, o);
    const Result second = m.resume();
    EXPECT_EQ(first.cost.counters.nv_reads + second.cost.counters.nv_reads, 0u);
}

// Volatile accumulators: the loss drops the command, resume has nothing to continue, and the
// command must run again from the start (all its work again; only the row contents survived).
TEST(MramNv, VolatileStateLosesTheCommand)
{
    MramArray reference(nv_config(false));
    std::vector<int32_t> want;
    const Result full = reference.run(small_conv(reference), &want);
    EXPECT_EQ(full.cost.counters.nv_writes, 0u);
    MramArray m(nv_config(false));
    RunOptions o;
    o.max_steps = full.cost.counters.steps / 2;
    const Result first = m.run(small_conv(m), nullptr, o);
    m.lose_power();
    EXPECT_FALSE(m.progress().active);
    EXPECT_EQ(m.resume().error, MramError::bad_cmd);
    std::vector<int32_t> got;
    const Result again = m.run(small_conv(m), &got);
    EXPECT_EQ(got, want);
    EXPECT_EQ(again.cost.counters, full.cost.counters);
    EXPECT_EQ(m.counters().steps, first.cost.counters.steps + full.cost.counters.steps);
}

// Non-volatile state costs its writes: same operations otherwise.
TEST(MramNv, NonVolatileStateCostsOnlyItsWrites)
{
    MramArray volatile_m(nv_config(false));
    MramArray nv_m(nv_config(true));
    const Result v = volatile_m.run(small_conv(volatile_m));
    const Result n = nv_m.run(small_conv(nv_m));
    Counters without_nv = n.cost.counters;
    EXPECT_EQ(without_nv.nv_writes, v.cost.counters.steps + 1);  // one update per step and the start
    without_nv.nv_writes = 0;
    without_nv.nv_write_bits = 0;
    EXPECT_EQ(without_nv, v.cost.counters);
    EXPECT_EQ(n.cost.latency_ps, v.cost.latency_ps + (v.cost.counters.steps + 1) * 1000);
    EXPECT_DOUBLE_EQ(n.cost.energy.total_pj() - v.cost.energy.total_pj(), n.cost.energy.nv_pj);
}

}  // namespace
}  // namespace pimsoc::mram
