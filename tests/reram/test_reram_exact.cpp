// Ideal mode is exact: the crossbars' MVM equals the integer dot products for random matrices at
// every bit split (cell bits, weight bits, DAC bits), both signed schemes, both slice placements,
// signed and unsigned weights and inputs; and the analog path with every non-ideality at zero
// and an ADC resolving every level gives the same integers.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "reram_test_util.h"

namespace pimsoc::reram {
namespace {

using test::max_outputs;
using test::random_block;
using test::random_values;
using test::reference_mvm;

// cell bits, weight bits, DAC bits, scheme, placement
using Split = std::tuple<uint32_t, uint32_t, uint32_t, SignedScheme, SlicePlacement>;

class ExactMvm : public ::testing::TestWithParam<Split> {
protected:
    ReramConfig config() const
    {
        ReramConfig c = test::small_config();
        c.geometry.cell_bits = std::get<0>(GetParam());
        c.geometry.dac_bits = std::get<2>(GetParam());
        c.geometry.signed_scheme = std::get<3>(GetParam());
        c.geometry.slice_placement = std::get<4>(GetParam());
        return c;
    }
    uint32_t weight_bits() const { return std::get<1>(GetParam()); }

    // Programs random blocks of each weight/input signedness and checks several random inputs.
    void check_exact(const ReramConfig& c)
    {
        std::mt19937_64 rng(7 + weight_bits() * 131 + c.geometry.cell_bits * 17 + c.geometry.dac_bits);
        ReramArray xbars(c);
        xbars.set_integer_path(false);  // the analog path itself (IntegerPath below compares the two)
        for (bool signed_weights : {true, false})
            for (ElemType x_type : {ElemType::u8, ElemType::i8, ElemType::unsigned_bits(3), ElemType::i16}) {
                const ElemType w_type =
                    signed_weights ? ElemType::signed_bits(weight_bits()) : ElemType::unsigned_bits(weight_bits());
                const uint32_t outputs = std::min<uint32_t>(max_outputs(c, w_type), 37);
                const WeightBlock w = random_block(rng, w_type, c.geometry.rows - 5, outputs);
                const Result p = xbars.program(0, w);
                ASSERT_EQ(p.error, ReramError::none);
                for (int trial = 0; trial < 3; ++trial) {
                    const std::vector<int64_t> x = random_values(rng, x_type, w.inputs);
                    std::vector<int64_t> out;
                    const Result r = xbars.mvm(0, x_type, x, &out);
                    ASSERT_EQ(r.error, ReramError::none);
                    EXPECT_EQ(out, reference_mvm(w, x))
                        << to_string(w_type) << " weights, " << to_string(x_type) << " inputs";
                }
            }
    }
};

TEST_P(ExactMvm, IdealModeEqualsIntegerDotProducts)
{
    check_exact(test::ideal(config()));
}

TEST_P(ExactMvm, AnalogPathWithoutNonIdealitiesIsExactToo)
{
    check_exact(test::clean(config()));
}

std::string split_name(const ::testing::TestParamInfo<Split>& info)
{
    return "b" + std::to_string(std::get<0>(info.param)) + "_w" + std::to_string(std::get<1>(info.param)) + "_d" +
           std::to_string(std::get<2>(info.param)) +
           (std::get<3>(info.param) == SignedScheme::differential ? "_diff" : "_offset") +
           (std::get<4>(info.param) == SlicePlacement::crossbars ? "_xbars" : "_cols");
}

INSTANTIATE_TEST_SUITE_P(EveryBitSplit, ExactMvm,
                         ::testing::Combine(::testing::Values(1u, 2u, 4u), ::testing::Values(2u, 4u, 8u),
                                            ::testing::Values(1u, 2u),
                                            ::testing::Values(SignedScheme::differential, SignedScheme::offset),
                                            ::testing::Values(SlicePlacement::crossbars, SlicePlacement::columns)),
                         split_name);

// Where the slices go: int8 on 2-bit cells is 4 slices; differential pairs double the groups;
// the offset scheme's reference column holds 2^((w-1) mod b) after the groups of the top slice.
TEST(SlicePlan, GroupsAndTheReferenceColumn)
{
    Geometry g;
    const SlicePlan d = plan_slices(g, ElemType::i8, 10);
    EXPECT_EQ(d.slices, 4u);
    EXPECT_EQ(d.polarities, 2u);
    EXPECT_EQ(d.crossbars, 8u);
    EXPECT_EQ(d.sensed, std::vector<uint32_t>(8, 10));
    EXPECT_FALSE(d.reference.present);
    EXPECT_EQ(d.groups[3].crossbar, 3u);
    EXPECT_EQ(d.groups[3].slice, 1u);
    EXPECT_EQ(d.groups[3].sign, -1);

    g.signed_scheme = SignedScheme::offset;
    const SlicePlan o = plan_slices(g, ElemType::i8, 10);
    EXPECT_EQ(o.crossbars, 4u);
    ASSERT_TRUE(o.reference.present);
    EXPECT_EQ(o.reference.crossbar, 3u);
    EXPECT_EQ(o.reference.column, 10u);
    EXPECT_EQ(o.reference.level, 2u);  // 2^7 = 2 x 4^3
    EXPECT_EQ(o.sensed, (std::vector<uint32_t>{10, 10, 10, 11}));
    EXPECT_EQ(cell_level(g, ElemType::i8, o.groups[3], -128), 0u);  // U = 0
    EXPECT_EQ(cell_level(g, ElemType::i8, o.groups[3], 127), 3u);   // U = 255

    g.slice_placement = SlicePlacement::columns;
    const SlicePlan c = plan_slices(g, ElemType::signed_bits(5), 10);  // 3 slices, top digit 2^(4 mod 2)
    EXPECT_EQ(c.crossbars, 1u);
    EXPECT_EQ(c.groups[2].first_column, 20u);
    EXPECT_EQ(c.reference.column, 30u);
    EXPECT_EQ(c.reference.level, 1u);
    EXPECT_EQ(c.columns_used, 31u);
    EXPECT_EQ(c.sensed, std::vector<uint32_t>{31});
}

// The SoC's case: the default ISAAC-like geometry, int8 weights, uint8 activations, a full
// 128-row block, and the extreme values where a scheme could be off by one.
TEST(ExactMvmDefaults, FullCrossbarInt8AndExtremeValues)
{
    ReramConfig c = test::ideal(ReramConfig{});
    for (SignedScheme scheme : {SignedScheme::differential, SignedScheme::offset}) {
        c.geometry.signed_scheme = scheme;
        ReramArray xbars(c);
        WeightBlock w{ElemType::i8, 128, 120, std::vector<int64_t>(128 * 120)};
        for (size_t k = 0; k < w.weights.size(); ++k) w.weights[k] = (k % 3 == 0) ? -128 : (k % 3 == 1) ? 127 : -1;
        ASSERT_EQ(xbars.program(72, w).error, ReramError::none);
        for (int64_t v : {0, 1, 255}) {
            const std::vector<int64_t> x(128, v);
            std::vector<int64_t> out;
            ASSERT_EQ(xbars.mvm(72, ElemType::u8, x, &out).error, ReramError::none);
            EXPECT_EQ(out, reference_mvm(w, x)) << "input " << v;
        }
    }
}

// Ideal mode's integer path gives the analog path's integers and cost record (counters, energy,
// latency) on random blocks at several splits and input types: it only skips the crossbar reads.
TEST(IntegerPath, EqualsTheAnalogPathOnRandomCases)
{
    std::mt19937_64 rng(2024);
    for (uint32_t cell_bits : {1u, 2u, 4u})
        for (uint32_t dac_bits : {1u, 2u})
            for (SignedScheme scheme : {SignedScheme::differential, SignedScheme::offset}) {
                ReramConfig c = test::ideal(test::small_config());
                c.geometry.cell_bits = cell_bits;
                c.geometry.dac_bits = dac_bits;
                c.geometry.signed_scheme = scheme;
                ReramArray fast(c), analog(c);
                analog.set_integer_path(false);
                ASSERT_TRUE(fast.integer_path());
                ASSERT_FALSE(analog.integer_path());
                for (ElemType w_type : {ElemType::i8, ElemType::u4, ElemType::signed_bits(5)}) {
                    const WeightBlock w = random_block(rng, w_type, 50, std::min<uint32_t>(max_outputs(c, w_type), 21));
                    ASSERT_EQ(fast.program(0, w).error, ReramError::none);
                    ASSERT_EQ(analog.program(0, w).error, ReramError::none);
                    for (ElemType x_type : {ElemType::u8, ElemType::i8, ElemType::unsigned_bits(3)}) {
                        const std::vector<int64_t> x = random_values(rng, x_type, w.inputs);
                        std::vector<int64_t> out_fast, out_analog;
                        const Result a = fast.mvm(0, x_type, x, &out_fast);
                        const Result b = analog.mvm(0, x_type, x, &out_analog);
                        const std::string what = to_string(w_type) + " x " + to_string(x_type);
                        ASSERT_EQ(a.error, ReramError::none) << what;
                        EXPECT_EQ(out_fast, out_analog) << what;
                        EXPECT_EQ(out_fast, reference_mvm(w, x)) << what;
                        EXPECT_EQ(a.cost.counters, b.cost.counters) << what;
                        EXPECT_EQ(a.cost.latency_ps, b.cost.latency_ps) << what;
                        EXPECT_EQ(a.cost.energy.total_pj(), b.cost.energy.total_pj()) << what;
                    }
                }
                EXPECT_EQ(fast.counters(), analog.counters());
            }
}

// The integer path is ideal mode's only: a non-ideal array cannot take it.
TEST(IntegerPath, OnlyInIdealMode)
{
    ReramArray nonideal(test::small_config());
    EXPECT_FALSE(nonideal.integer_path());
    nonideal.set_integer_path(true);
    EXPECT_FALSE(nonideal.integer_path());
}

}  // namespace
}  // namespace pimsoc::reram
