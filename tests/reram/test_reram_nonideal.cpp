// Each non-ideality on its own, its statistics over many samples checked against its parameter:
// programming variation (gaussian, lognormal), stuck-at faults, read noise, ADC clipping,
// quantization and offset, drift, IR drop; and determinism by seed.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "reram_test_util.h"

namespace pimsoc::reram {
namespace {

using test::clean;
using test::reference_mvm;

struct Stats {
    double mean = 0;
    double sd = 0;
};

Stats stats(const std::vector<double>& v)
{
    Stats s;
    for (double x : v) s.mean += x;
    s.mean /= static_cast<double>(v.size());
    for (double x : v) s.sd += (x - s.mean) * (x - s.mean);
    s.sd = std::sqrt(s.sd / static_cast<double>(v.size() - 1));
    return s;
}

// Every crossbar of the config programmed with one u2 weight value everywhere (cell level =
// value with 2-bit cells); returns the ratios G / G_target of all programmed cells.
std::vector<double> program_uniform(ReramArray& xbars, int64_t value)
{
    const Geometry& g = xbars.config().geometry;
    const WeightBlock w{ElemType::u2, g.rows, g.columns,
                        std::vector<int64_t>(static_cast<size_t>(g.rows) * g.columns, value)};
    const double target = CellScale(xbars.config()).target(static_cast<uint32_t>(value));
    std::vector<double> ratios;
    for (uint32_t x = 0; x < xbars.crossbar_count(); ++x) {
        EXPECT_EQ(xbars.program(x, w).error, ReramError::none);
        for (uint32_t r = 0; r < g.rows; ++r)
            for (uint32_t c = 0; c < g.columns; ++c) ratios.push_back(xbars.crossbar(x)->conductance(r, c) / target);
    }
    return ratios;
}

TEST(ReramNonIdeal, GaussianProgrammingVariationHasItsSigma)
{
    ReramConfig c = clean(test::small_config());
    c.non_ideal.programming_sigma = 0.1;
    ReramArray xbars(c);
    const Stats s = stats(program_uniform(xbars, 2));  // 65,536 cells
    EXPECT_NEAR(s.mean, 1.0, 0.002);
    EXPECT_NEAR(s.sd, 0.1, 0.003);
}

TEST(ReramNonIdeal, LognormalProgrammingVariationHasItsLogSigmaAndMean)
{
    ReramConfig c = clean(test::small_config());
    c.non_ideal.programming_sigma = 0.2;
    c.non_ideal.variation_model = VariationModel::lognormal;
    ReramArray xbars(c);
    const std::vector<double> ratios = program_uniform(xbars, 3);
    std::vector<double> logs;
    for (double r : ratios) logs.push_back(std::log(r));
    const Stats l = stats(logs);
    EXPECT_NEAR(l.sd, 0.2, 0.004);
    EXPECT_NEAR(l.mean, -0.02, 0.003);        // -sigma^2 / 2: the mean conductance stays the target
    EXPECT_NEAR(stats(ratios).mean, 1.0, 0.004);
}

TEST(ReramNonIdeal, StuckAtFaultsOccurAtTheirRatesAndHoldTheirConductance)
{
    ReramConfig c = clean(test::small_config());
    c.non_ideal.stuck_on_rate = 0.03;
    c.non_ideal.stuck_off_rate = 0.07;
    ReramArray xbars(c);
    program_uniform(xbars, 1);
    const CellScale scale(c);
    uint64_t on = 0, off = 0, cells = 0;
    for (uint32_t x = 0; x < xbars.crossbar_count(); ++x)
        for (uint32_t r = 0; r < 64; ++r)
            for (uint32_t col = 0; col < 64; ++col, ++cells) {
                const Crossbar& xb = *xbars.crossbar(x);
                switch (xb.fault(r, col)) {
                case Fault::stuck_on:
                    ++on;
                    EXPECT_EQ(xb.conductance(r, col), scale.g_on);
                    break;
                case Fault::stuck_off:
                    ++off;
                    EXPECT_EQ(xb.conductance(r, col), scale.g_off);
                    break;
                case Fault::none:
                    EXPECT_EQ(xb.conductance(r, col), scale.target(1));
                    break;
                }
            }
    const double n = static_cast<double>(cells);
    EXPECT_NEAR(on / n, 0.03, 5 * std::sqrt(0.03 * 0.97 / n));
    EXPECT_NEAR(off / n, 0.07, 5 * std::sqrt(0.07 * 0.93 / n));
}

TEST(ReramNonIdeal, ReadNoiseHasItsSigmaPerRead)
{
    ReramConfig c = clean(test::small_config());
    ReramArray xbars(c);
    std::mt19937_64 rng(3);
    ASSERT_EQ(xbars.program(0, test::random_block(rng, ElemType::u2, 64, 8)).error, ReramError::none);
    const Crossbar& xb = *xbars.crossbar(0);
    std::vector<double> v(64);
    for (size_t i = 0; i < v.size(); ++i) v[i] = (i % 3 == 0) ? 0.0 : 0.5;
    RandomStream noise(RandomStreams(5).stream("test.read"));
    ReadConditions cond;
    cond.noise_sigma = 0.05;
    cond.noise = &noise;
    const std::vector<double> clean_current = xb.read(v, 8, ReadConditions{});
    std::vector<std::vector<double>> samples(8);
    for (int k = 0; k < 4000; ++k) {
        const std::vector<double> i = xb.read(v, 8, cond);
        for (size_t j = 0; j < 8; ++j) samples[j].push_back(i[j]);
    }
    for (uint32_t j = 0; j < 8; ++j) {
        double var = 0;
        for (uint32_t r = 0; r < 64; ++r) var += std::pow(v[r] * xb.conductance(r, j), 2);
        const double expected_sd = 0.05 * std::sqrt(var);
        const Stats s = stats(samples[j]);
        EXPECT_NEAR(s.sd / expected_sd, 1.0, 0.05) << "column " << j;
        EXPECT_NEAR(s.mean, clean_current[j], 4 * expected_sd / std::sqrt(4000.0)) << "column " << j;
    }
}

TEST(ReramNonIdeal, ReadNoiseMakesRepeatedMvmsDifferAroundTheExactValue)
{
    ReramConfig c = clean(test::small_config());
    c.non_ideal.read_noise_sigma = 0.02;
    ReramArray xbars(c);
    std::mt19937_64 rng(11);
    const WeightBlock w = test::random_block(rng, ElemType::i8, 64, 4);
    ASSERT_EQ(xbars.program(0, w).error, ReramError::none);
    const std::vector<int64_t> x = test::random_values(rng, ElemType::u8, 64);
    const std::vector<int64_t> exact = reference_mvm(w, x);
    std::set<int64_t> seen;
    double error_sum = 0;
    const int runs = 200;
    for (int k = 0; k < runs; ++k) {
        std::vector<int64_t> out;
        ASSERT_EQ(xbars.mvm(0, ElemType::u8, x, &out).error, ReramError::none);
        seen.insert(out[0]);
        error_sum += static_cast<double>(out[0] - exact[0]);
    }
    EXPECT_GT(seen.size(), 5u);
    // Zero-mean noise: the mean error is small next to the output's scale (64 x 127 x 255).
    EXPECT_LT(std::fabs(error_sum / runs), 0.002 * 64 * 127 * 255);
}

TEST(ReramNonIdeal, AdcClipsAtItsRangeAndQuantizesWithinHalfAnLsb)
{
    const Adc adc(4, 30.0, false);  // 15 codes over 30 levels: lsb 2
    EXPECT_EQ(adc.lsb(), 2.0);
    EXPECT_EQ(adc.convert(10.0).code, 5);
    EXPECT_FALSE(adc.convert(10.0).clipped);
    EXPECT_EQ(adc.convert(100.0).code, 15);
    EXPECT_TRUE(adc.convert(100.0).clipped);
    EXPECT_EQ(adc.convert(-3.0).code, 0);
    EXPECT_TRUE(adc.convert(-3.0).clipped);
    EXPECT_EQ(adc.convert(10.0, 1.0).code, 6);  // offset in LSB
    for (double s = 0; s <= 30.0; s += 0.037)
        EXPECT_LE(std::fabs(adc.convert(s).code * adc.lsb() - s), adc.lsb() / 2 + 1e-9) << s;
    // More codes than levels: one level per code.
    EXPECT_EQ(Adc(8, 30.0, false).lsb(), 1.0);
}

TEST(ReramNonIdeal, AdcFullScaleClipsLargeColumnSums)
{
    ReramConfig c = clean(test::small_config());
    c.geometry.adc_bits = 4;
    c.geometry.adc_full_scale = 0.25;  // 48 of the 192 levels a 64-row column of 2-bit cells reaches
    EXPECT_DOUBLE_EQ(Adc(c).lsb(), 48.0 / 15);
    ReramArray xbars(c);
    const WeightBlock w{ElemType::u8, 64, 2, std::vector<int64_t>(128, 255)};
    ASSERT_EQ(xbars.program(0, w).error, ReramError::none);
    std::vector<int64_t> out;
    const Result r = xbars.mvm(0, ElemType::u1, std::vector<int64_t>(64, 1), &out);
    // Every column sums 64 x 3 = 192 levels, clipped to the top code: 48 levels.
    EXPECT_EQ(r.cost.counters.adc_clips, r.cost.counters.adc_conversions);
    EXPECT_EQ(out[0], 48 * (1 + 4 + 16 + 64));
    EXPECT_EQ(out[1], out[0]);
}

TEST(ReramNonIdeal, MvmErrorShrinksWithAdcBitsAndVanishesWhenEveryLevelIsResolved)
{
    std::mt19937_64 rng(21);
    const WeightBlock w = test::random_block(rng, ElemType::i8, 64, 8);
    const std::vector<int64_t> x = test::random_values(rng, ElemType::u8, 64);
    const std::vector<int64_t> exact = reference_mvm(w, x);
    double previous = 1e300;
    for (uint32_t bits : {4u, 6u, 8u}) {
        ReramConfig c = clean(test::small_config());
        c.geometry.adc_bits = bits;
        ReramArray xbars(c);
        ASSERT_EQ(xbars.program(0, w).error, ReramError::none);
        std::vector<int64_t> out;
        ASSERT_EQ(xbars.mvm(0, ElemType::u8, x, &out).error, ReramError::none);
        double err = 0;
        for (size_t o = 0; o < out.size(); ++o) err += std::fabs(static_cast<double>(out[o] - exact[o]));
        if (bits == 8) {
            EXPECT_EQ(err, 0) << "an 8-bit ADC resolves the 192 levels of a 64-row crossbar";
        } else {
            EXPECT_GT(err, 0) << bits;
            EXPECT_LT(err, previous) << bits;
        }
        previous = err;
    }
}

TEST(ReramNonIdeal, AdcOffsetsHaveTheirSigma)
{
    ReramConfig c = clean(test::small_config());
    c.geometry.rows = c.geometry.columns = 8;
    c.geometry.tiles = 4;
    c.geometry.crossbars_per_tile = 512;
    c.non_ideal.adc_offset_sigma_lsb = 0.3;
    ReramArray xbars(c);
    const WeightBlock w{ElemType::u1, 8, 8, std::vector<int64_t>(64, 1)};
    std::vector<double> offsets;
    for (uint32_t x = 0; x < xbars.crossbar_count(); ++x) {
        ASSERT_EQ(xbars.program(x, w).error, ReramError::none);
        offsets.push_back(xbars.adc_offset_lsb(x));
    }
    const Stats s = stats(offsets);
    EXPECT_NEAR(s.mean, 0.0, 0.03);
    EXPECT_NEAR(s.sd, 0.3, 0.03);
}

TEST(ReramNonIdeal, DriftFollowsThePowerLawWithItsExponent)
{
    ReramConfig c = clean(test::small_config());
    c.non_ideal.drift_nu = 0.05;
    c.non_ideal.drift_t0_s = 2.0;
    c.non_ideal.drift_time_s = 2e4;
    EXPECT_DOUBLE_EQ(drift_factor(c.non_ideal), std::pow(1e4, -0.05));
    ReramArray xbars(c);
    std::mt19937_64 rng(5);
    const WeightBlock w = test::random_block(rng, ElemType::u8, 64, 16);
    ASSERT_EQ(xbars.program(0, w).error, ReramError::none);
    double measured = 0, exact = 0;
    for (int k = 0; k < 20; ++k) {
        const std::vector<int64_t> x = test::random_values(rng, ElemType::u8, 64);
        std::vector<int64_t> out;
        ASSERT_EQ(xbars.mvm(0, ElemType::u8, x, &out).error, ReramError::none);
        for (int64_t v : out) measured += static_cast<double>(v);
        for (int64_t v : reference_mvm(w, x)) exact += static_cast<double>(v);
    }
    const double nu = -std::log(measured / exact) / std::log(1e4);
    EXPECT_NEAR(nu, 0.05, 0.001);
    // Before t0 nothing drifts.
    c.non_ideal.drift_time_s = 1.0;
    EXPECT_EQ(drift_factor(c.non_ideal), 1.0);
}

TEST(ReramNonIdeal, IrDropFollowsTheLumpedLineModel)
{
    ReramConfig c = clean(test::small_config());
    ReramArray xbars(c);
    const WeightBlock w{ElemType::u2, 64, 64, std::vector<int64_t>(64 * 64, 3)};
    ASSERT_EQ(xbars.program(0, w).error, ReramError::none);
    const Crossbar& xb = *xbars.crossbar(0);
    const double g = CellScale(c).g_on;
    // One driven row, one sensed column: a = 1 / (1 + r (1/2) G), b = 1 / (1 + r (1/2) a G).
    ReadConditions cond;
    cond.wire_ohm = 100.0;
    const double a = 1 / (1 + 100.0 * 0.5 * g);
    const double b = 1 / (1 + 100.0 * 0.5 * a * g);
    EXPECT_DOUBLE_EQ(xb.read({0.5}, 1, cond)[0], 0.5 * g * a * b);
    // The whole array driven: the drop grows with the wire resistance; none without it.
    const std::vector<double> v(64, 0.5);
    double previous = xb.read(v, 64, ReadConditions{})[0];
    EXPECT_DOUBLE_EQ(previous, 64 * 0.5 * g);
    for (double r : {0.1, 1.0, 10.0}) {
        cond.wire_ohm = r;
        const double i = xb.read(v, 64, cond)[0];
        EXPECT_LT(i, previous) << r;
        EXPECT_GT(i, 0) << r;
        previous = i;
    }
}

// The same seed gives the same cells, faults, offsets and outputs; another seed other ones.
TEST(ReramNonIdeal, DeterministicBySeed)
{
    const ReramConfig c = test::small_config();  // the default non-idealities
    std::mt19937_64 rng(9);
    const WeightBlock w = test::random_block(rng, ElemType::i8, 60, 12);
    const std::vector<int64_t> x = test::random_values(rng, ElemType::u8, 60);
    auto run = [&](uint64_t seed) {
        ReramArray xbars(c, RandomStreams(seed), "soc.reram");
        EXPECT_EQ(xbars.program(3, w).error, ReramError::none);
        std::vector<int64_t> all;
        for (int k = 0; k < 3; ++k) {
            std::vector<int64_t> out;
            EXPECT_EQ(xbars.mvm(3, ElemType::u8, x, &out).error, ReramError::none);
            all.insert(all.end(), out.begin(), out.end());
        }
        all.push_back(static_cast<int64_t>(std::llround(xbars.crossbar(3)->conductance(7, 5) * 1e12)));
        all.push_back(static_cast<int64_t>(std::llround(xbars.adc_offset_lsb(4) * 1e9)));
        return all;
    };
    EXPECT_EQ(run(42), run(42));
    EXPECT_NE(run(42), run(43));
    // Non-ideal outputs differ from the exact ones (the defaults are not ideal).
    const std::vector<int64_t> first = run(42);
    EXPECT_NE(std::vector<int64_t>(first.begin(), first.begin() + 12), reference_mvm(w, x));
}

}  // namespace
}  // namespace pimsoc::reram
