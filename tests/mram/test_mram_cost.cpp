// Cost accounting against hand-computed numbers: the worked example of docs/models/mram.md
// ("A worked example"), with and without non-volatile partial state; counts against the layout's
// formulas on a bigger command; area and leakage.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/conv_reference.h"
#include "mram_test_util.h"

namespace pimsoc::mram {
namespace {

using test::put;

// u2 activations (shared) x i2 weights, length 6, two outputs, init 10, on 2 sub-arrays of
// 16 x 8 bits with segments of 4.
DotCommand worked_example(MramArray& m)
{
    put(m, 0, ElemType::u2, {1, 2, 3, 0, 1, 2});
    put(m, 16, ElemType::i2, {1, -1, -2, 1, 0, 1});
    put(m, 18, ElemType::i2, {-2, -2, 1, 1, 1, -1});
    DotCommand c = test::dot(ElemType::u2, ElemType::i2, 0, 16, 6, 2, 0, 2, 32);
    c.init = 10;
    return c;
}

TEST(MramCost, HandComputedWorkedExample)
{
    MramArray m(test::tiny_config());
    std::vector<int32_t> r;
    const Result res = m.run(worked_example(m), &r);
    ASSERT_EQ(res.error, MramError::none);
    // 10 + (1 - 2 - 6 + 0 + 0 + 2) = 5; 10 + (-2 - 4 + 3 + 0 + 1 - 2) = 6.
    EXPECT_EQ(r, (std::vector<int32_t>{5, 6}));
    const Counters& c = res.cost.counters;
    // 4 units (2 outputs x 2 chunks) in one pass, one group: 4 load steps, 4 term steps, 1 reduction.
    EXPECT_EQ(c.steps, 9u);
    EXPECT_EQ(c.row_writes, 8u);   // 4 rows x 2 sub-arrays
    EXPECT_EQ(c.write_bits, 64u);  // x 8 columns
    EXPECT_EQ(c.and_senses, 8u);   // 4 terms x 2 sub-arrays
    EXPECT_EQ(c.or_senses, 0u);
    EXPECT_EQ(c.sense_bits, 64u);
    EXPECT_EQ(c.row_reads, 0u);
    EXPECT_EQ(c.counts, 16u);  // 4 terms x 4 segments
    EXPECT_EQ(c.shifts, 16u);
    EXPECT_EQ(c.adds, 20u);  // 16 accumulations + 4 reductions
    EXPECT_EQ(c.nv_writes, 0u);
    EXPECT_EQ(c.commands, 1u);
    // 4 x 1000 + 4 x (1300 + 500 + 250 + 500) + ceil(4 / 2) x 500 = 15200 ps.
    EXPECT_EQ(res.cost.latency_ps, 15200u);
    EXPECT_EQ(res.cost.data_ps, 15200u);
    // 64 x 0.3 + 64 x 0.26 + 16 x 0.05 + 16 x 0.021 + 20 x 0.021 = 37.396 pJ.
    EXPECT_DOUBLE_EQ(res.cost.energy.write_pj, 19.2);
    EXPECT_DOUBLE_EQ(res.cost.energy.sense_pj, 16.64);
    EXPECT_DOUBLE_EQ(res.cost.energy.count_pj, 0.8);
    EXPECT_DOUBLE_EQ(res.cost.energy.shift_pj, 0.336);
    EXPECT_DOUBLE_EQ(res.cost.energy.add_pj, 0.42);
    EXPECT_DOUBLE_EQ(res.cost.energy.total_pj(), 37.396);
    EXPECT_EQ(m.counters(), c);
}

TEST(MramCost, HandComputedWorkedExampleNonVolatile)
{
    MramConfig config = test::tiny_config();
    config.nv.nv_partial_state = true;
    MramArray m(config);
    std::vector<int32_t> r;
    const Result res = m.run(worked_example(m), &r);
    EXPECT_EQ(r, (std::vector<int32_t>{5, 6}));
    const Counters& c = res.cost.counters;
    // Start: 2 outputs x 32 + 32 = 96 bits; 4 loads x 32; 4 terms x (4 x 32 + 32); reduction
    // 2 outputs x 32 + 32: 10 updates, 960 bits.
    EXPECT_EQ(c.nv_writes, 10u);
    EXPECT_EQ(c.nv_write_bits, 960u);
    EXPECT_EQ(res.cost.latency_ps, 15200u + 10 * 1000);
    EXPECT_DOUBLE_EQ(res.cost.energy.nv_pj, 288.0);
    EXPECT_DOUBLE_EQ(res.cost.energy.total_pj(), 325.396);
}

// Counts follow the layout: a 1:4 conv (+-1 weights) on the default geometry.
TEST(MramCost, CountsFollowTheLayout)
{
    MramArray m(MramConfig{});
    Conv2dCommand c;
    c.in_type = ElemType::u4;
    c.kernel_type = ElemType::u1;
    c.channels = 6;
    c.height = 12;
    c.width = 12;
    c.kernel_h = 5;
    c.kernel_w = 5;
    c.in = 0;
    c.kernel = 1024;
    c.dst = 2048;
    RunOptions o;
    o.coding = WeightCoding::plus_minus_one;
    const Result res = m.run(c, nullptr, o);
    ASSERT_EQ(res.error, MramError::none);
    // 8 x 8 outputs x ceil(150 / 32) = 5 chunks = 320 units; groups of 4 + 1 rows: 51 per
    // sub-array, 8 segments, 16 sub-arrays: 6528 slots, one pass, ceil(320 / 128) = 3 groups.
    const Counters& k = res.cost.counters;
    EXPECT_EQ(k.steps, 3u * (5 + 8) + 1);
    EXPECT_EQ(k.row_writes, 3u * 5 * 16);
    EXPECT_EQ(k.and_senses, 3u * 4 * 16);
    EXPECT_EQ(k.row_reads, 3u * 4 * 16);  // the activation sums of +-1 weights
    EXPECT_EQ(k.counts, 8u * 320);        // every term once per unit
    EXPECT_EQ(k.adds, 8u * 320 + 320);
    EXPECT_EQ(res.cost.latency_ps, 3u * (5 * 1000 + 4 * 2550 + 4 * 2250) + 20 * 500);
}

// LeNet-5's conv layers with binary {-1, +1} weights and 8-bit activations (the ISVLSI'19
// sibling's W1:A8 case, docs/models/mram.md "Against the paper's numbers"), one output channel
// per command on the default geometry: latency and energy by the layout's formulas.
TEST(MramCost, LeNet5ConvLayersW1A8)
{
    MramArray m(MramConfig{});
    std::mt19937_64 rng(5);
    RunOptions o;
    o.coding = WeightCoding::plus_minus_one;
    Counters sum;
    uint64_t latency_ps = 0;
    double energy_pj = 0;
    auto layer = [&](uint32_t channels, uint32_t size, uint32_t pad, uint32_t outputs_channels) {
        Conv2dCommand c = pimsoc::test::conv_command(
            {ElemType::u8, ElemType::u1, channels, size, size, 5, 5, 1, 1, pad, pad});
        c.in = 0;
        c.kernel = 8192;
        c.dst = 16384;
        put(m, c.in, c.in_type, test::random_values(rng, c.in_type, size_t{channels} * size * size));
        for (uint32_t oc = 0; oc < outputs_channels; ++oc) {
            put(m, c.kernel, c.kernel_type, test::random_values(rng, c.kernel_type, size_t{channels} * 25));
            const Result r = m.run(c, nullptr, o);
            ASSERT_EQ(r.error, MramError::none);
            sum += r.cost.counters;
            latency_ps += r.cost.latency_ps;
            energy_pj += r.cost.energy.total_pj();
        }
    };
    layer(1, 28, 2, 6);   // conv1: 784 units (L = 25), 9 rows per group: 7 groups
    layer(6, 14, 0, 16);  // conv2: 100 pixels x 5 chunks (L = 150) = 500 units: 4 groups
    // Per conv1 channel: 7 x (9 x 1000 + 8 x 2550 + 8 x 2250) + ceil(784 / 16) x 500 = 356,300 ps;
    // per conv2 channel: 4 x 47,400 + ceil(500 / 16) x 500 = 205,600 ps.
    EXPECT_EQ(latency_ps, 6u * 356300 + 16u * 205600);
    EXPECT_EQ(sum.row_writes, 6u * 7 * 9 * 16 + 16u * 4 * 9 * 16);
    EXPECT_EQ(sum.and_senses, 6u * 7 * 8 * 16 + 16u * 4 * 8 * 16);
    EXPECT_EQ(sum.row_reads, sum.and_senses);
    EXPECT_EQ(sum.counts, 6u * 16 * 784 + 16u * 16 * 500);
    EXPECT_EQ(sum.adds, 6u * 17 * 784 + 16u * 17 * 500);
    // 6 x 184,097.872 + 16 x 105,276.42 pJ.
    EXPECT_NEAR(energy_pj, 2789009.952, 1e-3);
}

TEST(MramCost, AreaAndLeakage)
{
    MramConfig config = test::tiny_config();
    const AreaBreakdown a = total_area(config);
    const double f2 = 0.045 * 0.045;  // um^2
    EXPECT_DOUBLE_EQ(a.cells_um2, 2 * 16 * 8 * 60 * f2);
    EXPECT_DOUBLE_EQ(a.sense_amps_um2, 2 * 8 * (150 + 40) * f2);
    EXPECT_DOUBLE_EQ(a.counters_um2, 2 * 8 * 28 * 40 * f2);
    EXPECT_DOUBLE_EQ(a.accumulators_um2, 2 * 2 * 32 * (28 + 24 + 8) * 40 * f2);
    EXPECT_DOUBLE_EQ(a.decoders_um2, 2 * 2 * 16 * 16 * 40 * f2);
    EXPECT_DOUBLE_EQ(a.nv_state_um2, 0.0);
    config.nv.nv_partial_state = true;
    EXPECT_DOUBLE_EQ(total_area(config).nv_state_um2, (2 * 2 * 32 + 32) * 60 * f2);
    config.geometry.banks = 3;
    EXPECT_DOUBLE_EQ(total_area(config).total_um2(), 3 * bank_area(config).total_um2());
    // The defaults (docs/models/mram.md, "Area"): 168,791.04 um^2 per bank, 4 banks.
    EXPECT_NEAR(bank_area(MramConfig{}).total_um2(), 168791.04, 1e-6);
    EXPECT_NEAR(total_area(MramConfig{}).total_um2(), 675164.16, 1e-6);
    // 10 uW per sub-array, 6 sub-arrays, 1 us: 60 pJ.
    EXPECT_DOUBLE_EQ(UnitCosts(config).leakage_pj(1000000), 60.0);
}

}  // namespace
}  // namespace pimsoc::mram
