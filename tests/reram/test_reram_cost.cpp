// What an MVM and a programming cost (counters, latency, energy by component), the unit costs'
// scaling with ADC and DAC bits, leakage, area per component, and the refused calls.
#include <gtest/gtest.h>

#include "reram_test_util.h"

namespace pimsoc::reram {
namespace {

ReramConfig two_tiles()
{
    ReramConfig c = test::ideal(test::small_config());
    c.geometry.tiles = 2;  // 2 x 16 crossbars of 64 x 64
    return c;
}

TEST(ReramCost, MvmCountsEveryReadConversionAndShiftAdd)
{
    const ReramConfig c = two_tiles();
    ReramArray xbars(c);
    std::mt19937_64 rng(1);
    const WeightBlock w = test::random_block(rng, ElemType::i8, 50, 10);  // 4 slices x 2 polarities
    const Result p = xbars.program(16, w);
    ASSERT_EQ(p.error, ReramError::none);
    const std::vector<int64_t> x = test::random_values(rng, ElemType::u8, 50);
    const Result r = xbars.mvm(16, ElemType::u8, x, nullptr);
    ASSERT_EQ(r.error, ReramError::none);
    EXPECT_EQ(r.bank, 1u);  // the tile of crossbar 16

    uint64_t set_bits = 0;
    for (int64_t v : x) set_bits += static_cast<uint64_t>(__builtin_popcountll(static_cast<uint64_t>(v)));
    const Counters& n = r.cost.counters;
    EXPECT_EQ(n.crossbar_reads, 8u * 8u);            // 8 input bits x 8 crossbars
    EXPECT_EQ(n.row_activations, set_bits * 8u);     // a 1-bit DAC drives a row for each set bit
    EXPECT_EQ(n.samples, 64u * 10u);
    EXPECT_EQ(n.adc_conversions, 64u * 10u);
    EXPECT_EQ(n.shift_adds, 64u * 10u);
    EXPECT_EQ(n.adc_clips, 0u);
    EXPECT_EQ(n.buffer_bytes, 50u + 4u * 10u);
    EXPECT_EQ(n.mvms, 1u);

    const Energy& e = r.cost.energy;
    EXPECT_DOUBLE_EQ(e.crossbar_pj, static_cast<double>(n.row_activations) * 30.0 / 64);
    EXPECT_DOUBLE_EQ(e.dac_pj, static_cast<double>(n.row_activations) * 0.42);
    EXPECT_DOUBLE_EQ(e.adc_pj, 640 * 1.67);
    EXPECT_DOUBLE_EQ(e.sample_hold_pj, 640 * 0.001);
    EXPECT_DOUBLE_EQ(e.shift_add_pj, 640 * 0.021);
    EXPECT_DOUBLE_EQ(e.buffer_pj, 90 * 0.67);
    EXPECT_EQ(e.program_pj, 0);
    // Pipelined reads (100 ns) over 8 bits, then the last chunk's 10 conversions (781 ps each,
    // one ADC) and one shift-and-add.
    EXPECT_EQ(r.cost.latency_ps, 100000u + 7u * 100000u + 10u * 781u + 1000u);
    Counters total = p.cost.counters;  // the array's counters: the two calls' increments
    total += n;
    EXPECT_EQ(xbars.counters(), total);
}

TEST(ReramCost, SlowConversionsSetTheStepWhenTheyOutlastARead)
{
    ReramConfig c = two_tiles();
    c.geometry.dac_bits = 2;
    c.ops.adc_gsps = 0.1;  // 10 ns per conversion: 64 columns take 640 ns > 100 ns
    ReramArray xbars(c);
    const WeightBlock w{ElemType::u4, 64, 64, std::vector<int64_t>(64 * 64, 5)};
    ASSERT_EQ(xbars.program(0, w).error, ReramError::none);  // 2 slices: 2 crossbars
    const Result r = xbars.mvm(0, ElemType::u8, std::vector<int64_t>(64, 3), nullptr);
    ASSERT_EQ(r.error, ReramError::none);
    EXPECT_EQ(r.cost.counters.crossbar_reads, 4u * 2u);  // 4 chunks of 2 bits
    EXPECT_EQ(r.cost.counters.row_activations, 64u * 2u);  // only the first chunk (3) is non-zero
    EXPECT_DOUBLE_EQ(r.cost.energy.dac_pj, 128 * 0.42 * 3);  // a 2-bit DAC: 3 unit steps
    EXPECT_EQ(r.cost.latency_ps, 100000u + 3u * 640000u + 640000u + 1000u);
}

TEST(ReramCost, ProgrammingCostsWriteVerifyPerCellRowByRow)
{
    ReramConfig c = two_tiles();
    ReramArray xbars(c);
    std::mt19937_64 rng(2);
    const Result d = xbars.program(0, test::random_block(rng, ElemType::i8, 50, 10));
    ASSERT_EQ(d.error, ReramError::none);
    EXPECT_EQ(d.cost.counters.cells_programmed, 50u * 10u * 8u);
    EXPECT_EQ(d.cost.counters.write_pulses, 4000u * 4u);
    EXPECT_EQ(d.cost.counters.verify_reads, 4000u * 4u);
    EXPECT_EQ(d.cost.counters.programs, 1u);
    EXPECT_DOUBLE_EQ(d.cost.energy.program_pj, 16000 * 40.0 + 16000 * 0.5);
    EXPECT_EQ(d.cost.latency_ps, 50u * 4u * (40000u + 10000u));

    c.geometry.signed_scheme = SignedScheme::offset;  // 4 slices and one reference column
    ReramArray offset(c);
    const Result o = offset.program(0, test::random_block(rng, ElemType::i8, 50, 10));
    ASSERT_EQ(o.error, ReramError::none);
    EXPECT_EQ(o.cost.counters.cells_programmed, 50u * 10u * 4u + 50u);
}

TEST(ReramCost, UnitCostsScaleWithConverterBitsAndLeakageWithCrossbars)
{
    ReramConfig c;
    c.geometry.adc_bits = 10;
    c.geometry.dac_bits = 2;
    const UnitCosts u(c);
    EXPECT_DOUBLE_EQ(u.adc_pj, 1.67 * 4);
    EXPECT_DOUBLE_EQ(u.dac_pj, 0.42 * 3);
    EXPECT_EQ(u.adc_conversion_ps, 781u);  // 1 / 1.28 GS/s
    EXPECT_DOUBLE_EQ(u.leakage_uw, 10.0 * 144);
    EXPECT_DOUBLE_EQ(u.leakage_pj(1000000), 1440.0);  // 1 us
}

TEST(ReramCost, AreaPerComponentFromIsaacsFigures)
{
    ReramConfig c;
    const AreaBreakdown t = tile_area(c);
    EXPECT_DOUBLE_EQ(t.crossbars_um2, 72 * 25.0);
    EXPECT_DOUBLE_EQ(t.adcs_um2, 72 * 1200.0);
    EXPECT_DOUBLE_EQ(t.dacs_um2, 72 * 128 * 0.17);
    EXPECT_DOUBLE_EQ(t.sample_holds_um2, 72 * 128 * 0.04);
    EXPECT_DOUBLE_EQ(t.shift_adds_um2, 72 * 30.0);
    EXPECT_DOUBLE_EQ(t.buffers_um2, 65536 * 1.27);
    EXPECT_DOUBLE_EQ(total_area(c).total_um2(), 2 * t.total_um2());
    EXPECT_DOUBLE_EQ(ReramArray(c).area().total_um2(), total_area(c).total_um2());
    c.geometry.adc_bits = 9;
    c.geometry.rows = 256;
    EXPECT_DOUBLE_EQ(tile_area(c).adcs_um2, 2 * t.adcs_um2);
    EXPECT_DOUBLE_EQ(tile_area(c).crossbars_um2, 2 * t.crossbars_um2);
}

TEST(ReramCost, RefusedCallsNameTheirErrorAndCostNothing)
{
    ReramArray xbars(two_tiles());
    std::mt19937_64 rng(4);
    const WeightBlock ok = test::random_block(rng, ElemType::i8, 20, 5);
    auto with = [&](auto change) {
        WeightBlock w = ok;
        change(w);
        return w;
    };
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.type = ElemType::i32; })).error, ReramError::bad_type);
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.type = ElemType{}; })).error, ReramError::bad_type);
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.inputs = 0; })).error, ReramError::zero_size);
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.inputs = 65; })).error, ReramError::too_large);
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.outputs = 65; })).error, ReramError::too_large);
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.weights.pop_back(); })).error, ReramError::out_of_range);
    EXPECT_EQ(xbars.program(0, with([](WeightBlock& w) { w.weights[3] = 128; })).error, ReramError::out_of_range);
    EXPECT_EQ(xbars.program(30, ok).error, ReramError::out_of_range);  // 8 crossbars from 30 of 32
    EXPECT_EQ(xbars.program(12, ok).error, ReramError::cross_bank);    // 12..19 spans both tiles
    EXPECT_EQ(xbars.mvm(99, ElemType::u8, std::vector<int64_t>(20, 1), nullptr).error, ReramError::out_of_range);
    EXPECT_EQ(xbars.mvm(0, ElemType::u8, std::vector<int64_t>(20, 1), nullptr).error, ReramError::bad_cmd);
    EXPECT_EQ(xbars.counters(), Counters{});

    ASSERT_EQ(xbars.program(0, ok).error, ReramError::none);
    const Counters after_program = xbars.counters();
    EXPECT_EQ(xbars.mvm(0, ElemType::i32, std::vector<int64_t>(20, 1), nullptr).error, ReramError::bad_type);
    EXPECT_EQ(xbars.mvm(0, ElemType::u8, std::vector<int64_t>(19, 1), nullptr).error, ReramError::out_of_range);
    EXPECT_EQ(xbars.mvm(0, ElemType::u8, std::vector<int64_t>(20, 256), nullptr).error, ReramError::out_of_range);
    const Result refused = xbars.mvm(1, ElemType::u8, std::vector<int64_t>(20, 1), nullptr);  // inside, not first
    EXPECT_EQ(refused.error, ReramError::bad_cmd);
    EXPECT_EQ(refused.cost.latency_ps, 0u);
    EXPECT_EQ(xbars.counters(), after_program);

    // A block programmed over part of another replaces it.
    ASSERT_EQ(xbars.program(4, ok).error, ReramError::none);
    EXPECT_EQ(xbars.block(0), nullptr);
    ASSERT_NE(xbars.block(4), nullptr);
    EXPECT_EQ(xbars.mvm(0, ElemType::u8, std::vector<int64_t>(20, 1), nullptr).error, ReramError::bad_cmd);
    EXPECT_EQ(xbars.mvm(4, ElemType::u8, std::vector<int64_t>(20, 1), nullptr).error, ReramError::none);
}

}  // namespace
}  // namespace pimsoc::reram
