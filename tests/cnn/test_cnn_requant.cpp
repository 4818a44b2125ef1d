// Requantization arithmetic (cnn_multiply_by_quantized_multiplier, cnn_requantize_value): corner
// cases with hand-computed results, then random values against the literal gemmlowp formulas and
// an extended-precision real-number bound; the shared header (pim/pim_requant.h) compiled as C++,
// as the ReRAM PIPELINE output unit uses it, against the library compiled as C11.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "cnn/cnn.h"
#include "cnn_random.h"
#include "cnn_reference.h"
#include "pim/pim_requant.h"

namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
constexpr int32_t kHalf = 1 << 30;      // multiplier 0.5
constexpr int32_t kRoot2 = 1518500250;  // ~0.70710678 in Q31

int32_t mbqm(int32_t acc, int32_t multiplier, int32_t shift)
{
    return cnn_multiply_by_quantized_multiplier(acc, multiplier, shift);
}

}  // namespace

TEST(CnnRequant, DoublingHighMulRoundsTiesUpward)
{
    // acc * 0.5 with shift 0: the doubling high multiply alone. +0.5 -> 1, but -0.5 -> 0 (gemmlowp's
    // nudge 1 - 2^30 with truncating division rounds negative ties toward zero).
    EXPECT_EQ(mbqm(1, kHalf, 0), 1);
    EXPECT_EQ(mbqm(-1, kHalf, 0), 0);
    EXPECT_EQ(mbqm(3, kHalf, 0), 2);    // 1.5
    EXPECT_EQ(mbqm(-3, kHalf, 0), -1);  // -1.5
    EXPECT_EQ(mbqm(2, kHalf, 0), 1);
    EXPECT_EQ(mbqm(-2, kHalf, 0), -1);
}

TEST(CnnRequant, RoundingShiftTiesAwayFromZero)
{
    EXPECT_EQ(mbqm(6, kHalf, -1), 2);    // 3 / 2 = 1.5 -> 2
    EXPECT_EQ(mbqm(-6, kHalf, -1), -2);  // -1.5 -> -2
    EXPECT_EQ(mbqm(8, kHalf, -3), 1);    // 4 / 8 = 0.5 -> 1
    EXPECT_EQ(mbqm(-8, kHalf, -3), -1);  // -0.5 -> -1
    EXPECT_EQ(mbqm(4, kHalf, -3), 0);    // 0.25 -> 0
    EXPECT_EQ(mbqm(-4, kHalf, -3), 0);   // -0.25 -> 0
    EXPECT_EQ(mbqm(12, kHalf, -3), 1);   // 0.75 -> 1
    EXPECT_EQ(mbqm(10, kHalf, -2), 1);   // 1.25 -> 1
    EXPECT_EQ(mbqm(3, kHalf, -1), 1);    // SRDHM 1.5 -> 2, then 2 / 2 = 1
    EXPECT_EQ(mbqm(5, kRoot2, -1), 2);   // 1.77 -> 2
    EXPECT_EQ(mbqm(-5, kRoot2, -1), -2);
}

TEST(CnnRequant, SaturatesOnlyMinTimesMin)
{
    EXPECT_EQ(mbqm(kMin, kMin, 0), kMax);
    EXPECT_EQ(mbqm(kMin, kMin, -1), 1 << 30);  // (2^31 - 1) / 2 = 2^30 - 0.5 -> 2^30
    EXPECT_EQ(mbqm(kMin, kMin, -31), 1);
    EXPECT_EQ(mbqm(kMin, kMax, 0), -2147483647);  // -2^31 + 0.5... -> toward zero
    EXPECT_EQ(mbqm(kMax, kMin, 0), -2147483647);
    EXPECT_EQ(mbqm(kMax, kMax, 0), 2147483646);
    // A left shift that lands exactly on INT32_MIN is not saturated; times INT32_MIN it is.
    EXPECT_EQ(mbqm(-1, kMin, 31), kMax);
}

TEST(CnnRequant, ZeroMultiplierGivesZero)
{
    for (int32_t acc : {0, 1, -1, 12345, kMin, kMax})
        for (int32_t shift : {-31, -5, 0, 1, 30}) EXPECT_EQ(mbqm(acc, 0, shift), 0) << acc << " " << shift;
}

TEST(CnnRequant, ShiftRangeEnds)
{
    EXPECT_EQ(mbqm(kMax, kMax, -31), 1);        // 0.99999 -> 1
    EXPECT_EQ(mbqm(kMin, kHalf, -31), -1);      // -2^30 / 2^31 = -0.5 -> -1
    EXPECT_EQ(mbqm(1 << 30, 1 << 30, -31), 0);  // 2^29 / 2^31 = 0.25
    EXPECT_EQ(mbqm(100, kHalf, -31), 0);
    EXPECT_EQ(mbqm(3, kHalf, 2), 6);         // 12 * 0.5
    EXPECT_EQ(mbqm(1000, kRoot2, 1), 1414);  // 2000 * 0.7071 = 1414.21
    EXPECT_EQ(mbqm(-1000, kRoot2, 1), -1414);
    // Beyond TFLite's range the function stays defined: the left shift saturates to int32 first,
    // a right shift past 31 rounds to 0.
    EXPECT_EQ(mbqm(1 << 30, kHalf, 2), 1 << 30);  // 2^32 saturates to 2^31 - 1, * 0.5 -> 2^30
    EXPECT_EQ(mbqm(-(1 << 30), kHalf, 2), -(1 << 30));
    EXPECT_EQ(mbqm(1, kHalf, 40), 1 << 30);
    EXPECT_EQ(mbqm(0, kHalf, 40), 0);
    EXPECT_EQ(mbqm(kMin, kMin, -32), 0);
    EXPECT_EQ(mbqm(kMin, kMin, kMin), 0);
    EXPECT_EQ(mbqm(-1, kHalf, kMax), kMin / 2);
}

TEST(CnnRequant, LargeAccumulators)
{
    EXPECT_EQ(mbqm(kMax, kHalf, 0), 1 << 30);
    EXPECT_EQ(mbqm(kMin, kHalf, 0), -(1 << 30));
    EXPECT_EQ(mbqm(kMin + 1, kHalf, 0), -1073741823);   // -1073741823.5: the tie goes up
    EXPECT_EQ(mbqm(kMax, kHalf, -8), 4194304);          // 2^30 / 2^8
    EXPECT_EQ(mbqm(2000000000, kRoot2, -10), 1381068);  // 2e9 * 0.7071 / 1024 = 1381067.93
}

TEST(CnnRequant, RandomValuesMatchGemmlowpAndTheRealProduct)
{
    cnnref::Rng rng(77);
    for (int i = 0; i < 200000; i++) {
        int32_t acc;
        switch (i % 4) {
            case 0:
                acc = rng.uniform(-300, 300);
                break;
            case 1:
                acc = rng.uniform(-100000, 100000);
                break;
            default:
                acc = rng.uniform(kMin, kMax);
                break;
        }
        const int32_t multiplier = i % 50 == 0 ? rng.uniform(kMin, kMax) : rng.uniform(1 << 30, kMax);
        const int shift = rng.uniform(-31, i % 3 == 0 ? 30 : 4);
        const int32_t got = mbqm(acc, multiplier, shift);
        ASSERT_EQ(got, cnnref::mbqm(acc, multiplier, shift)) << acc << " " << multiplier << " " << shift;
        // Without left-shift saturation the result is the real product rounded (twice) to nearest.
        const int64_t shifted = static_cast<int64_t>(acc) * (int64_t{1} << (shift > 0 ? shift : 0));
        if (shifted >= kMin && shifted <= kMax) {
            const long double real = std::ldexp(static_cast<long double>(acc) * multiplier, shift - 31);
            ASSERT_LE(std::fabs(real - got), 1.0L) << acc << " " << multiplier << " " << shift;
        }
    }
}

TEST(CnnRequant, SharedHeaderAsCxxEqualsTheCLibrary)
{
    // pim/pim_requant.h is the arithmetic of both firmware/cnn (C11, here pimsoc_cnn_host) and the
    // ReRAM output unit (C++17): the two compilations agree, also for shifts outside TFLite's range.
    cnnref::Rng rng(5);
    for (int i = 0; i < 100000; i++) {
        const int32_t acc = i % 2 == 0 ? rng.uniform(-100000, 100000) : rng.uniform(kMin, kMax);
        const int32_t multiplier = i % 10 == 0 ? rng.uniform(kMin, kMax) : rng.uniform(1 << 30, kMax);
        const int32_t shift = i % 7 == 0 ? rng.uniform(-70, 40) : rng.uniform(-31, 30);
        const int32_t cxx = pim_multiply_by_quantized_multiplier(acc, multiplier, shift);
        ASSERT_EQ(cxx, cnn_multiply_by_quantized_multiplier(acc, multiplier, shift))
            << acc << " " << multiplier << " " << shift;
        if (shift >= -62) {  // the reference's range
            ASSERT_EQ(cxx, cnnref::mbqm(acc, multiplier, shift)) << acc << " " << multiplier << " " << shift;
        }
    }
    EXPECT_EQ(pim_multiply_by_quantized_multiplier(kMin, kMin, 0), kMax);  // the saturating product
    EXPECT_EQ(pim_multiply_by_quantized_multiplier(kMin, kMax, -63), 0);
}

TEST(CnnRequant, ValueUsesTheChannelEntryAndClamps)
{
    const cnn_requant per_channel[3] = {{kHalf, 0}, {kHalf, -1}, {kHalf, 1}};
    cnn_layer l{};
    l.op = CNN_OP_REQUANTIZE;
    l.requant = per_channel;
    l.per_channel = 1;
    l.act_min = -10;
    l.act_max = 15;
    EXPECT_EQ(cnn_requantize_value(&l, 0, 20), 10);
    EXPECT_EQ(cnn_requantize_value(&l, 1, 20), 5);
    EXPECT_EQ(cnn_requantize_value(&l, 2, 20), 15);    // 20, clamped to act_max
    EXPECT_EQ(cnn_requantize_value(&l, 2, -20), -10);  // -20, clamped to act_min
    l.per_channel = 0;                                 // per tensor: entry 0 for every channel
    EXPECT_EQ(cnn_requantize_value(&l, 2, 20), 10);
    l.act_min = 0;
    l.act_max = 1;  // a 1-bit activation
    EXPECT_EQ(cnn_requantize_value(&l, 1, 3), 1);
    EXPECT_EQ(cnn_requantize_value(&l, 1, 1), 1);   // 0.5 -> 1
    EXPECT_EQ(cnn_requantize_value(&l, 1, -1), 0);  // -0.5 -> 0, clamped anyway
}

TEST(CnnRequant, ValueMatchesTheReferenceForRandomParameters)
{
    // cnn_requantize_value takes the kernels' per-channel fast path for shift <= 0; it must agree
    // with the general arithmetic everywhere, including ties and the out-of-range parameters.
    cnnref::Rng rng(31);
    cnn_requant r{};
    cnn_layer l{};
    l.requant = &r;
    l.act_min = std::numeric_limits<int16_t>::min();
    l.act_max = std::numeric_limits<int16_t>::max();
    int unclamped = 0;
    const int cases = 200000;
    for (int i = 0; i < cases; i++) {
        const int32_t acc = i % 3 == 0 ? rng.uniform(-5000, 5000) : rng.uniform(kMin, kMax);
        r.multiplier = i % 20 == 0 ? rng.pick(std::vector<int32_t>{0, kMin, kMax, -5, kHalf})
                                   : rng.uniform(1 << 30, kMax);
        r.shift = i % 3 == 0 ? rng.uniform(-14, 3) : rng.uniform(-31, -12);
        const int32_t expected =
            std::clamp<int32_t>(cnnref::mbqm(acc, r.multiplier, r.shift), l.act_min, l.act_max);
        ASSERT_EQ(cnn_requantize_value(&l, 0, acc), expected) << acc << " " << r.multiplier << " " << r.shift;
        unclamped += expected > l.act_min && expected < l.act_max;
    }
    EXPECT_GT(unclamped, cases / 2);
    // Ties of the rounding shift on the fast path.
    r = {kHalf, -1};
    EXPECT_EQ(cnn_requantize_value(&l, 0, 6), 2);
    EXPECT_EQ(cnn_requantize_value(&l, 0, -6), -2);
    r = {kHalf, -3};
    EXPECT_EQ(cnn_requantize_value(&l, 0, 8), 1);
    EXPECT_EQ(cnn_requantize_value(&l, 0, -8), -1);
    EXPECT_EQ(cnn_requantize_value(&l, 0, -4), 0);
    // The saturating case with shift 0 and -31 (INT32_MIN * INT32_MIN = INT32_MAX, clamped).
    r = {kMin, 0};
    EXPECT_EQ(cnn_requantize_value(&l, 0, kMin), l.act_max);
    r = {kMin, -31};
    EXPECT_EQ(cnn_requantize_value(&l, 0, kMin), 1);
}
