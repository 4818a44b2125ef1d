// Cost accounting of commands: hand-computed latency and energy of tiny DOTs, counter sums,
// the timing model (parallel DBCs, eager returns, cells sharing the compute).
#include <gtest/gtest.h>

#include <vector>

#include "rtm/model/rtm_array.h"
#include "tiny_config.h"

namespace pimsoc::rtm {
namespace {

// The legacy energy preset: these are the first model's hand-computed figures, which it must keep
// reproducing exactly (the circuit model's are in test_rtm_energy.cpp).
RtmConfig tiny()
{
    return tiny_config(CostModel::legacy);
}

DotCommand tiny_dot(uint32_t a, uint32_t b, uint32_t dst)
{
    DotCommand cmd;
    cmd.type_a = ElemType::i32;
    cmd.type_b = ElemType::i32;
    cmd.a = a;
    cmd.b = b;
    cmd.length = 2;
    cmd.init = 100;
    cmd.dst = dst;
    return cmd;
}

void load_operands(RtmArray& rtm, uint32_t a, uint32_t b)
{
    const int32_t va[2] = {5, -7};
    const int32_t vb[2] = {1, 3};
    ASSERT_TRUE(rtm.load(a, va, sizeof va));
    ASSERT_TRUE(rtm.load(b, vb, sizeof vb));
}

// 100 + 5*1 + (-7)*3 = 84, defaults otherwise (bit-serial cells, radix-4 Booth skipping zeros,
// one adder and one multiplier). Worked out in docs/models/rtm.md ("A worked example").
TEST(RtmCost, HandComputedTinyDot)
{
    RtmArray rtm(tiny());
    load_operands(rtm, 0, 32);  // A: DBC 0 domains 0, 1; B: DBC 1 domains 0, 1
    std::vector<int32_t> res;
    const Result r = rtm.run(tiny_dot(0, 32, 64), &res);  // result: DBC 2 domain 0
    ASSERT_EQ(r.error, RtmError::none);
    ASSERT_EQ(res.size(), 1u);
    EXPECT_EQ(res[0], 84);
    int32_t written = 0;
    rtm.dump(64, &written, 4);
    EXPECT_EQ(written, 84);

    // Accesses: step 1 reads domain 0 of DBCs 0 and 1 in parallel (offset 0 -> -1: one shift
    // each): 2140 + 1610 = 3750 ps. Step 2: domain 1 (offset 0): another 3750. A = 7500.
    // MAC 1: multiplier 1 = radix-4 digits (+1, 0 x 15): 16 digits x 2 positional shifts = 32
    // shifts, 1 addition of 34 bits, bit-serial at 6460 ps per bit: 68480 + 219640 = 288120 ps.
    // MAC 2: multiplier 3 = (-1, +1, 0 x 14): 68480 + 2 x 219640 = 507760 ps.
    // Each accumulation: 32 bits x 6460 = 206720 ps.
    // One multiplier, one adder: compute = max(795880, 413440) = 795880 ps; last access +
    // last MAC = 7500 + 714480 = 721980: results start at 795880. Result write: DBC 2 domain 0,
    // one shift + write: 2140 + 4850 = 6990. Latency 802870 ps.
    EXPECT_EQ(r.cost.latency_ps, 802870u);
    EXPECT_EQ(r.cost.data_ps, 802870u);
    const Counters& c = r.cost.counters;
    EXPECT_EQ(c.access_shifts, 5u);
    EXPECT_EQ(c.return_shifts, 0u);
    EXPECT_EQ(c.cell_shifts, 64u);
    EXPECT_EQ(c.shifts, 69u);
    EXPECT_EQ(c.reads, 4u);
    EXPECT_EQ(c.writes, 1u);
    EXPECT_EQ(c.adds, 2u);
    EXPECT_EQ(c.add_bits, 64u);
    EXPECT_EQ(c.mults, 2u);
    EXPECT_EQ(c.mult_steps, 3u);
    EXPECT_EQ(c.mult_bits, 102u);
    EXPECT_EQ(c.macs, 2u);
    EXPECT_EQ(c.compute_ps, 795880u + 413440u);
    EXPECT_EQ(c.commands, 1u);
    // Energy: 69 x 19.5 + 4 x 80 + 109 + (64 + 102) x (2.5 + 3.40625).
    EXPECT_DOUBLE_EQ(r.cost.energy.shift_pj, 5 * 19.5);        // access shifts
    EXPECT_DOUBLE_EQ(r.cost.energy.cell_shift_pj, 64 * 19.5);  // positional shifts
    EXPECT_DOUBLE_EQ(r.cost.energy.traversal_pj, 0.0);
    EXPECT_DOUBLE_EQ(r.cost.energy.read_pj, 320.0);
    EXPECT_DOUBLE_EQ(r.cost.energy.write_pj, 109.0);
    EXPECT_DOUBLE_EQ(r.cost.energy.add_pj, 378.0);
    EXPECT_DOUBLE_EQ(r.cost.energy.mult_pj, 602.4375);
    EXPECT_DOUBLE_EQ(r.cost.energy.total_pj(), 2754.9375);
    EXPECT_EQ(rtm.counters(), c);
    EXPECT_EQ(rtm.bank_busy_ps(0), 802870u);
}

// Word-parallel cells, 64 of each: the access path is the critical path, so the return policy
// shows in the latency. A: DBC 0 domains 2, 3; B: DBC 1 domains 2, 3; result: DBC 2 domain 0.
RtmConfig access_bound(ReturnPolicy ret)
{
    RtmConfig c = tiny();
    c.geometry.return_policy = ret;
    c.cells.adder_mode = AdderMode::word_parallel;
    c.cells.adders_per_subarray = 64;
    c.cells.multipliers_per_subarray = 64;
    return c;
}

TEST(RtmCost, HandComputedAccessBoundDotLazy)
{
    RtmArray rtm(access_bound(ReturnPolicy::lazy));
    load_operands(rtm, 8, 40);
    std::vector<int32_t> res;
    const Result r = rtm.run(tiny_dot(8, 40, 64), &res);
    EXPECT_EQ(res[0], 84);
    // Steps: offsets 0 -> 1 -> 2, one shift each: A = 2 x 3750 = 7500.
    // MACs: 68480 + 6460 = 74940 and 68480 + 2 x 6460 = 81400; additions 6460 each.
    // Spread over 64 cells: max(ceil(156340 / 64), ceil(12920 / 64)) = 2443.
    // Results start at max(7500 + 81400 + 6460, 2443) = 95360; write 6990 -> 102350.
    EXPECT_EQ(r.cost.latency_ps, 102350u);
    EXPECT_EQ(r.cost.counters.access_shifts, 5u);
    EXPECT_EQ(r.cost.counters.return_shifts, 0u);
}

TEST(RtmCost, HandComputedAccessBoundDotEager)
{
    RtmArray rtm(access_bound(ReturnPolicy::eager));
    load_operands(rtm, 8, 40);
    std::vector<int32_t> res;
    const Result r = rtm.run(tiny_dot(8, 40, 64), &res);
    EXPECT_EQ(res[0], 84);
    // Step 1: offset 0 -> 1 (1 shift), read: ends 3750; the DBC returns to 0 until 5890.
    // Step 2: starts when the DBC is back, 0 -> 2 (2 shifts) + read: 5890 + 4280 + 1610 = 11780.
    // Results start at 11780 + 87860 = 99640; the write (1 shift) ends at 106630, the result
    // DBC is back at offset 0 at 108770.
    EXPECT_EQ(r.cost.latency_ps, 108770u);
    EXPECT_EQ(r.cost.counters.access_shifts, 7u);
    EXPECT_EQ(r.cost.counters.return_shifts, 7u);
    EXPECT_EQ(r.cost.counters.shifts, 7u + 7u + 64u);
    for (uint32_t d = 0; d < 4; ++d) EXPECT_EQ(rtm.dbc_offset(d), 0);
}

TEST(RtmCost, OperandsInOneDbcShiftInTurnAndInDifferentDbcsInParallel)
{
    // A and B in the same DBC (domains 0,1 and 4,5) vs in different DBCs.
    RtmArray same(access_bound(ReturnPolicy::lazy));
    load_operands(same, 0, 16);
    const Result rs = same.run(tiny_dot(0, 16, 64));
    RtmArray apart(access_bound(ReturnPolicy::lazy));
    load_operands(apart, 0, 32);
    const Result ra = apart.run(tiny_dot(0, 32, 64));
    // Apart: steps of 3750 (one shift + read on each DBC in parallel), A = 7500.
    // Same DBC: step 1 = domain 0 (port 0, offset -1, 1 shift) then domain 4 (port 1, offset -1,
    // 0 shifts) in turn: 3750 + 1610; step 2 = domain 1 (offset 0, 1 shift) then domain 5 (0):
    // 3750 + 1610. A = 10720.
    EXPECT_EQ(rs.cost.latency_ps - ra.cost.latency_ps, 10720u - 7500u);
    EXPECT_EQ(rs.cost.counters.access_shifts, 3u);  // 1 + 0 + 1 + 0, result 1
    EXPECT_EQ(ra.cost.counters.access_shifts, 5u);
}

TEST(RtmCost, ElementwiseAddCounts)
{
    RtmArray rtm(tiny());
    const uint8_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    const uint8_t b[8] = {10, 20, 30, 40, 50, 60, 70, 80};
    rtm.load(0, a, 8);
    rtm.load(32, b, 8);
    const Result r = rtm.run(ElementwiseCommand{ElementwiseOp::add, ElemType::u8, 0, 32, 64, 8});
    ASSERT_EQ(r.error, RtmError::none);
    uint8_t out[8];
    rtm.dump(64, out, 8);
    for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], a[i] + b[i]);
    const Counters& c = r.cost.counters;
    EXPECT_EQ(c.reads, 4u);   // 2 words per operand (the operand latch serves the other 3 bytes)
    EXPECT_EQ(c.writes, 2u);  // 2 result words
    EXPECT_EQ(c.adds, 8u);
    EXPECT_EQ(c.add_bits, 64u);
    EXPECT_EQ(c.mults, 0u);
    EXPECT_EQ(c.cell_shifts, 0u);
    // 8 bit-serial 8-bit additions on one adder: 8 x 8 x 6460 = 413440 ps of compute, more than
    // the accesses; then two result writes in DBC 2 (domains 0, 1: one shift each, in turn).
    EXPECT_EQ(c.compute_ps, 413440u);
    EXPECT_EQ(r.cost.latency_ps, 413440u + 2 * 6990u);
}

TEST(RtmCost, CountersAreMonotonicAndTheSumOfTheCalls)
{
    RtmConfig config;
    config.energy.model = CostModel::legacy;  // the unit energies checked at the end
    RtmArray rtm(config);
    std::vector<uint8_t> data(4096);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 13);
    rtm.load(0, data.data(), data.size());
    Counters sum;
    Counters previous;
    Energy energy;
    uint64_t busy0 = 0;
    auto add = [&](const Result& r) {
        ASSERT_EQ(r.error, RtmError::none);
        sum += r.cost.counters;
        energy.shift_pj += r.cost.energy.shift_pj;
        energy.cell_shift_pj += r.cost.energy.cell_shift_pj;
        energy.read_pj += r.cost.energy.read_pj;
        energy.write_pj += r.cost.energy.write_pj;
        energy.add_pj += r.cost.energy.add_pj;
        energy.mult_pj += r.cost.energy.mult_pj;
        if (r.bank == 0) busy0 += r.cost.latency_ps;
        const Counters& now = rtm.counters();
        EXPECT_GE(now.shifts, previous.shifts);
        EXPECT_GE(now.reads, previous.reads);
        EXPECT_GE(now.compute_ps, previous.compute_ps);
        EXPECT_EQ(now.shifts, now.access_shifts + now.return_shifts + now.cell_shifts);
        previous = now;
    };
    uint8_t buf[16];
    add(rtm.read(100, buf, 16));
    add(rtm.write(3000, buf, 7));
    add(rtm.run(ElementwiseCommand{ElementwiseOp::mul, ElemType::i8, 0, 256, 8192, 200}));
    DotCommand dot;
    dot.a = 0;
    dot.b = 1024;
    dot.length = 64;
    dot.count = 8;
    dot.stride_b = 64;
    dot.dst = 16384;
    add(rtm.run(dot));
    Conv2dCommand conv;
    conv.in = 0;
    conv.channels = 1;
    conv.height = 16;
    conv.width = 16;
    conv.kernel = 2048;
    conv.kernel_h = 3;
    conv.kernel_w = 3;
    conv.pad_h = 1;
    conv.pad_w = 1;
    conv.dst = 20480;
    add(rtm.run(conv));
    conv.in = 65536;  // bank 1
    conv.kernel = 65536 + 2048;
    conv.dst = 65536 + 20480;
    add(rtm.run(conv));
    EXPECT_EQ(rtm.counters(), sum);
    EXPECT_EQ(sum.commands, 4u);
    const Energy total = rtm.energy();
    EXPECT_NEAR(total.shift_pj, energy.shift_pj, 1e-6);
    EXPECT_NEAR(total.cell_shift_pj, energy.cell_shift_pj, 1e-6);
    EXPECT_NEAR(total.read_pj, energy.read_pj, 1e-6);
    EXPECT_NEAR(total.write_pj, energy.write_pj, 1e-6);
    EXPECT_NEAR(total.add_pj, energy.add_pj, 1e-6);
    EXPECT_NEAR(total.mult_pj, energy.mult_pj, 1e-6);
    EXPECT_DOUBLE_EQ(total.shift_pj + total.cell_shift_pj, static_cast<double>(sum.shifts) * 19.5);
    EXPECT_DOUBLE_EQ(total.add_pj, static_cast<double>(sum.add_bits) * 5.90625);
    EXPECT_EQ(rtm.bank_busy_ps(0), busy0);
    EXPECT_GT(rtm.bank_busy_ps(1), 0u);
    EXPECT_EQ(rtm.bank_busy_ps(2), 0u);
}

TEST(RtmCost, MoreCellsShortenACommandWithoutChangingItsEnergy)
{
    auto run = [](uint32_t cells) {
        RtmConfig c;
        c.cells.adders_per_subarray = cells;
        c.cells.multipliers_per_subarray = cells;
        RtmArray rtm(c);
        std::vector<uint8_t> data(2048, 0x5B);
        rtm.load(0, data.data(), data.size());
        DotCommand dot;
        dot.a = 0;
        dot.b = 1024;
        dot.length = 256;
        dot.count = 4;
        dot.stride_b = 256;
        dot.dst = 4096;
        return rtm.run(dot).cost;
    };
    const Cost one = run(1);
    const Cost four = run(4);
    EXPECT_LT(four.latency_ps, one.latency_ps);
    EXPECT_EQ(four.counters, one.counters);
    EXPECT_DOUBLE_EQ(four.energy.total_pj(), one.energy.total_pj());
}

TEST(RtmCost, WordParallelAddsAreFasterThanBitSerialAtTheSameEnergy)
{
    auto run = [](AdderMode mode) {
        RtmConfig c = tiny();
        c.cells.adder_mode = mode;
        RtmArray rtm(c);
        return rtm.run(ElementwiseCommand{ElementwiseOp::add, ElemType::i16, 0, 32, 64, 16}).cost;
    };
    const Cost serial = run(AdderMode::bit_serial);
    const Cost parallel = run(AdderMode::word_parallel);
    EXPECT_EQ(serial.counters.compute_ps, 16u * 16 * 6460);
    EXPECT_EQ(parallel.counters.compute_ps, 16u * 6460);
    EXPECT_DOUBLE_EQ(serial.energy.add_pj, parallel.energy.add_pj);
}

TEST(RtmCost, BoothSkippingZeroDigitsMakesTheCostValueDependent)
{
    auto run = [](int8_t multiplier, bool skip) {
        RtmConfig c = tiny();
        c.cells.booth_skip_zero_digits = skip;
        RtmArray rtm(c);
        const int8_t a[4] = {7, 7, 7, 7};
        const int8_t b[4] = {multiplier, multiplier, multiplier, multiplier};
        rtm.load(0, a, 4);
        rtm.load(32, b, 4);
        return rtm.run(ElementwiseCommand{ElementwiseOp::mul, ElemType::i8, 0, 32, 64, 4}).cost.counters;
    };
    EXPECT_EQ(run(0, true).mult_steps, 0u);
    EXPECT_EQ(run(1, true).mult_steps, 4u);       // (+1, 0, 0, 0)
    EXPECT_EQ(run(0x55, true).mult_steps, 16u);   // (+1, +1, +1, +1)
    EXPECT_EQ(run(0, false).mult_steps, 16u);     // every digit
    EXPECT_EQ(run(0, true).cell_shifts, 4u * 8);  // the positional shifts stay
    EXPECT_EQ(run(1, true).mult_bits, 4u * 10);   // 8-bit multiplicand + 2 bits per partial product
}

}  // namespace
}  // namespace pimsoc::rtm
