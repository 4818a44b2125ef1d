// Arithmetic of the compute cells against plain C++: exhaustive over all 8-bit operand pairs,
// randomized for 16/32 bits; Booth recoding.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "rtm/model/booth.h"
#include "rtm/model/rtm_array.h"

namespace pimsoc::rtm {
namespace {

// One 256 KiB bank (16 subarrays x 64 DBCs x 64 domains x 4 bytes): room for 64 Ki-element vectors.
RtmConfig big_bank()
{
    RtmConfig c;
    c.geometry.banks = 1;
    c.geometry.subarrays_per_bank = 16;
    c.geometry.dbcs_per_subarray = 64;
    return c;
}

constexpr uint32_t kA = 0;
constexpr uint32_t kB = 65536;
constexpr uint32_t kDst = 131072;
constexpr uint32_t kPairs = 65536;

// a[i] = i & 255, b[i] = i >> 8: every 8-bit pair once.
void load_all_byte_pairs(RtmArray& rtm)
{
    std::vector<uint8_t> a(kPairs), b(kPairs);
    for (uint32_t i = 0; i < kPairs; ++i) {
        a[i] = static_cast<uint8_t>(i);
        b[i] = static_cast<uint8_t>(i >> 8);
    }
    ASSERT_TRUE(rtm.load(kA, a.data(), a.size()));
    ASSERT_TRUE(rtm.load(kB, b.data(), b.size()));
}

TEST(RtmArith, ExhaustiveEightBitAddAndMul)
{
    RtmArray rtm(big_bank());
    load_all_byte_pairs(rtm);
    for (ElemType t : {ElemType::u8, ElemType::i8}) {
        for (ElementwiseOp op : {ElementwiseOp::add, ElementwiseOp::mul}) {
            ElementwiseCommand cmd;
            cmd.op = op;
            cmd.type = t;
            cmd.a = kA;
            cmd.b = kB;
            cmd.dst = kDst;
            cmd.length = kPairs;
            const Result r = rtm.run(cmd);
            ASSERT_EQ(r.error, RtmError::none);
            std::vector<uint8_t> out(kPairs);
            ASSERT_TRUE(rtm.dump(kDst, out.data(), out.size()));
            for (uint32_t i = 0; i < kPairs; ++i) {
                uint8_t expected = 0;
                if (t == ElemType::u8) {
                    const uint8_t x = static_cast<uint8_t>(i), y = static_cast<uint8_t>(i >> 8);
                    expected =
                        op == ElementwiseOp::add ? static_cast<uint8_t>(x + y) : static_cast<uint8_t>(x * y);
                } else {
                    const int8_t x = static_cast<int8_t>(i), y = static_cast<int8_t>(i >> 8);
                    expected =
                        op == ElementwiseOp::add ? static_cast<uint8_t>(x + y) : static_cast<uint8_t>(x * y);
                }
                ASSERT_EQ(out[i], expected)
                    << to_string(t) << " op " << static_cast<int>(op) << " pair " << i;
            }
            EXPECT_EQ(op == ElementwiseOp::add ? r.cost.counters.adds : r.cost.counters.mults, kPairs);
        }
    }
}

TEST(RtmArith, ExhaustiveEightBitDotOfLengthOne)
{
    RtmArray rtm(big_bank());
    load_all_byte_pairs(rtm);
    const ElemType types[][2] = {{ElemType::u8, ElemType::u8},
                                 {ElemType::i8, ElemType::i8},
                                 {ElemType::u8, ElemType::i8},
                                 {ElemType::i8, ElemType::u8}};
    for (const auto& ty : types) {
        DotCommand cmd;
        cmd.type_a = ty[0];
        cmd.type_b = ty[1];
        cmd.a = kA;
        cmd.b = kB;
        cmd.length = 1;
        cmd.count = kPairs;
        cmd.stride_a = 1;
        cmd.stride_b = 1;
        cmd.init = -12345;
        cmd.write_result = false;
        std::vector<int32_t> res;
        const Result r = rtm.run(cmd, &res);
        ASSERT_EQ(r.error, RtmError::none);
        ASSERT_EQ(res.size(), kPairs);
        for (uint32_t i = 0; i < kPairs; ++i) {
            const int32_t x = ty[0] == ElemType::u8 ? static_cast<int32_t>(static_cast<uint8_t>(i))
                                                    : static_cast<int32_t>(static_cast<int8_t>(i));
            const int32_t y = ty[1] == ElemType::u8 ? static_cast<int32_t>(static_cast<uint8_t>(i >> 8))
                                                    : static_cast<int32_t>(static_cast<int8_t>(i >> 8));
            ASSERT_EQ(res[i], -12345 + x * y) << i;
        }
        EXPECT_EQ(r.cost.counters.macs, kPairs);
        EXPECT_EQ(r.cost.counters.writes, 0u);
    }
}

template <typename T>
void fill_random(std::mt19937_64& rng, std::vector<T>& v)
{
    for (T& x : v) x = static_cast<T>(rng());
    // Corner values first.
    v[0] = std::numeric_limits<T>::min();
    v[1] = std::numeric_limits<T>::max();
    v[2] = 0;
    v[3] = static_cast<T>(-1);
}

template <typename T>
void check_elementwise(RtmArray& rtm, ElemType type, std::mt19937_64& rng)
{
    constexpr uint32_t n = 4096;
    std::vector<T> a(n), b(n), out(n);
    fill_random(rng, a);
    fill_random(rng, b);
    std::swap(b[0], b[1]);
    ASSERT_TRUE(rtm.load(kA, a.data(), n * sizeof(T)));
    ASSERT_TRUE(rtm.load(kB, b.data(), n * sizeof(T)));
    for (ElementwiseOp op : {ElementwiseOp::add, ElementwiseOp::mul}) {
        ElementwiseCommand cmd{op, type, kA, kB, kDst, n};
        ASSERT_EQ(rtm.run(cmd).error, RtmError::none);
        ASSERT_TRUE(rtm.dump(kDst, out.data(), n * sizeof(T)));
        for (uint32_t i = 0; i < n; ++i) {
            // Wrapping arithmetic through the unsigned type of the same width.
            using U = std::make_unsigned_t<T>;
            const uint64_t x = static_cast<U>(a[i]), y = static_cast<U>(b[i]);
            const U expected = static_cast<U>(op == ElementwiseOp::add ? x + y : x * y);
            ASSERT_EQ(static_cast<U>(out[i]), expected) << to_string(type) << " " << i;
        }
    }
}

TEST(RtmArith, RandomizedSixteenAndThirtyTwoBitAddAndMul)
{
    RtmArray rtm(big_bank());
    std::mt19937_64 rng(20240601);
    check_elementwise<uint16_t>(rtm, ElemType::u16, rng);
    check_elementwise<int16_t>(rtm, ElemType::i16, rng);
    check_elementwise<uint32_t>(rtm, ElemType::u32, rng);
    check_elementwise<int32_t>(rtm, ElemType::i32, rng);
}

int64_t value_of(const std::vector<uint8_t>& bytes, size_t index, ElemType t)
{
    const uint8_t* p = bytes.data() + index * elem_bytes(t);
    // An independent reader (memcpy of the host's little-endian integers), not the model's.
    if (t == ElemType::u8) return p[0];
    if (t == ElemType::i8) return static_cast<int8_t>(p[0]);
    if (t == ElemType::u16 || t == ElemType::i16) {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return t.is_signed() ? static_cast<int16_t>(v) : int64_t{v};
    }
    if (t == ElemType::u32 || t == ElemType::i32) {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return t.is_signed() ? static_cast<int32_t>(v) : int64_t{v};
    }
    return 0;
}

// Batched DOT with every pair of types (16/32-bit included), random data, strides and biases,
// against wrapping int32 arithmetic.
TEST(RtmArith, RandomizedDotBatchesOfEveryTypePair)
{
    RtmArray rtm(big_bank());
    std::mt19937_64 rng(7);
    const ElemType all[] = {ElemType::u8,  ElemType::i8,  ElemType::u16,
                            ElemType::i16, ElemType::u32, ElemType::i32};
    for (ElemType ta : all) {
        for (ElemType tb : all) {
            constexpr uint32_t length = 37, count = 9;
            const uint32_t ea = elem_bytes(ta), eb = elem_bytes(tb);
            const uint32_t stride_a = ea * (length + 3), stride_b = eb * length;
            std::vector<uint8_t> a(stride_a * count), b(stride_b * count), bias(4 * count);
            for (auto& x : a) x = static_cast<uint8_t>(rng());
            for (auto& x : b) x = static_cast<uint8_t>(rng());
            for (auto& x : bias) x = static_cast<uint8_t>(rng());
            ASSERT_TRUE(rtm.load(kA, a.data(), a.size()));
            ASSERT_TRUE(rtm.load(kB, b.data(), b.size()));
            ASSERT_TRUE(rtm.load(kDst + 4096, bias.data(), bias.size()));
            DotCommand cmd;
            cmd.type_a = ta;
            cmd.type_b = tb;
            cmd.a = kA;
            cmd.b = kB;
            cmd.length = length;
            cmd.count = count;
            cmd.stride_a = stride_a;
            cmd.stride_b = stride_b;
            cmd.has_bias = (ea + eb) % 4 == 0;
            cmd.bias = kDst + 4096;
            cmd.init = static_cast<int32_t>(rng());
            cmd.dst = kDst;
            std::vector<int32_t> res;
            ASSERT_EQ(rtm.run(cmd, &res).error, RtmError::none);
            std::vector<int32_t> written(count);
            ASSERT_TRUE(rtm.dump(kDst, written.data(), 4 * count));
            for (uint32_t k = 0; k < count; ++k) {
                uint32_t acc = static_cast<uint32_t>(cmd.init);
                if (cmd.has_bias) std::memcpy(&acc, bias.data() + 4 * k, 4);
                for (uint32_t i = 0; i < length; ++i) {
                    const int64_t x = value_of(a, k * (length + 3) + i, ta);
                    const int64_t y = value_of(b, k * length + i, tb);
                    acc += static_cast<uint32_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(y));
                }
                ASSERT_EQ(res[k], static_cast<int32_t>(acc))
                    << to_string(ta) << " x " << to_string(tb) << " k " << k;
                ASSERT_EQ(written[k], res[k]);
            }
        }
    }
}

TEST(RtmArith, DotWrapsModuloTwoToThe32)
{
    RtmArray rtm(big_bank());
    const int32_t a[2] = {std::numeric_limits<int32_t>::max(), 2};
    const int32_t b[2] = {1, 1};
    ASSERT_TRUE(rtm.load(kA, a, sizeof a));
    ASSERT_TRUE(rtm.load(kB, b, sizeof b));
    DotCommand cmd;
    cmd.type_a = ElemType::i32;
    cmd.type_b = ElemType::i32;
    cmd.a = kA;
    cmd.b = kB;
    cmd.length = 2;
    cmd.init = 0;
    cmd.write_result = false;
    std::vector<int32_t> res;
    ASSERT_EQ(rtm.run(cmd, &res).error, RtmError::none);
    EXPECT_EQ(res[0], std::numeric_limits<int32_t>::min() + 1);
}

// The recoded digits give back the operand, and booth_count() counts them.
void check_booth(uint64_t value, uint32_t bits, bool is_signed, BoothRadix radix)
{
    int8_t digits[max_booth_digits];
    const uint32_t n = booth_digits(value, bits, is_signed, radix, digits);
    ASSERT_LE(n, max_booth_digits);
    const int64_t base = radix == BoothRadix::radix2 ? 2 : 4;
    int64_t sum = 0;
    int64_t weight = 1;
    uint32_t nonzero = 0;
    for (uint32_t i = 0; i < n; ++i) {
        ASSERT_LE(std::abs(digits[i]), radix == BoothRadix::radix2 ? 1 : 2);
        sum += digits[i] * weight;
        weight *= base;
        nonzero += digits[i] != 0;
    }
    ASSERT_EQ(sum, static_cast<int64_t>(value)) << bits << (is_signed ? "s" : "u") << " " << value;
    const BoothCount c = booth_count(value, bits, is_signed, radix);
    ASSERT_EQ(c.digits, n);
    ASSERT_EQ(c.nonzero, nonzero) << value;
}

TEST(RtmArith, BoothDigitsReconstructTheOperand)
{
    EXPECT_EQ(booth_digit_count(8, true, BoothRadix::radix2), 8u);
    EXPECT_EQ(booth_digit_count(8, false, BoothRadix::radix2), 9u);
    EXPECT_EQ(booth_digit_count(8, true, BoothRadix::radix4), 4u);
    EXPECT_EQ(booth_digit_count(8, false, BoothRadix::radix4), 5u);
    EXPECT_EQ(booth_digit_count(32, false, BoothRadix::radix4), 17u);
    for (BoothRadix r : {BoothRadix::radix2, BoothRadix::radix4}) {
        for (int v = -128; v < 128; ++v)
            check_booth(static_cast<uint64_t>(static_cast<int64_t>(v)), 8, true, r);
        for (unsigned v = 0; v < 256; ++v) check_booth(v, 8, false, r);
        std::mt19937_64 rng(3);
        for (int i = 0; i < 20000; ++i) {
            const uint64_t x = rng();
            check_booth(static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(x))), 16, true, r);
            check_booth(static_cast<uint16_t>(x), 16, false, r);
            check_booth(static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(x))), 32, true, r);
            check_booth(static_cast<uint32_t>(x), 32, false, r);
        }
        check_booth(0xFFFFFFFFull, 32, false, r);
        check_booth(static_cast<uint64_t>(static_cast<int64_t>(std::numeric_limits<int32_t>::min())), 32,
                    true, r);
    }
    // 0x55 = 0101 0101: radix-2 recodes every bit transition (8 of 9 digits non-zero),
    // radix-4 gives +1 +1 +1 +1 (4 of 5).
    EXPECT_EQ(booth_count(0x55, 8, false, BoothRadix::radix2).nonzero, 8u);
    EXPECT_EQ(booth_count(0x55, 8, false, BoothRadix::radix4).nonzero, 4u);
    // A run of ones costs two digits in radix-2: 0x0F = 16 - 1.
    EXPECT_EQ(booth_count(0x0F, 8, true, BoothRadix::radix2).nonzero, 2u);
}

TEST(RtmArith, RadixFourNeverTakesMoreStepsThanRadixTwo)
{
    for (bool sgn : {false, true}) {
        for (unsigned v = 0; v < 256; ++v) {
            const uint64_t x = sgn ? static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(v))) : v;
            const BoothCount r2 = booth_count(x, 8, sgn, BoothRadix::radix2);
            const BoothCount r4 = booth_count(x, 8, sgn, BoothRadix::radix4);
            EXPECT_LE(r4.nonzero, r2.nonzero) << v;
            EXPECT_LT(r4.digits, r2.digits);
        }
    }
}

// Through the array: the same MUL command, radix-4 vs radix-2: fewer partial-product steps, less
// cell time and energy. (This layout is access-bound, A and B sharing DBCs, so the command's
// latency is about the same: the cell time is what the radix changes.)
TEST(RtmArith, RadixFourMulCommandTakesFewerStepsAndLessCellTime)
{
    auto run = [](BoothRadix radix, bool skip) {
        RtmConfig c = big_bank();
        c.energy.model = CostModel::legacy;  // positional shifts without the circuit model's return
        c.cells.booth_radix = radix;
        c.cells.booth_skip_zero_digits = skip;
        RtmArray rtm(c);
        std::mt19937_64 rng(11);
        std::vector<uint8_t> a(1024), b(1024);
        for (auto& x : a) x = static_cast<uint8_t>(rng());
        for (auto& x : b) x = static_cast<uint8_t>(rng());
        rtm.load(kA, a.data(), a.size());
        rtm.load(kB, b.data(), b.size());
        const Result r = rtm.run(ElementwiseCommand{ElementwiseOp::mul, ElemType::i8, kA, kB, kDst, 1024});
        std::vector<uint8_t> out(1024);
        rtm.dump(kDst, out.data(), out.size());
        for (size_t i = 0; i < out.size(); ++i)
            EXPECT_EQ(out[i], static_cast<uint8_t>(static_cast<int8_t>(a[i]) * static_cast<int8_t>(b[i])));
        return r.cost;
    };
    for (bool skip : {true, false}) {
        const Cost r2 = run(BoothRadix::radix2, skip);
        const Cost r4 = run(BoothRadix::radix4, skip);
        EXPECT_LT(r4.counters.mult_steps, r2.counters.mult_steps);
        EXPECT_LT(r4.counters.compute_ps, r2.counters.compute_ps);
        EXPECT_LT(r4.energy.mult_pj, r2.energy.mult_pj);
        // Positional shifts: 8 per i8 multiplication either way (8 x 1 or 4 x 2).
        EXPECT_EQ(r2.counters.cell_shifts, 8u * 1024);
        EXPECT_EQ(r4.counters.cell_shifts, 8u * 1024);
        if (!skip) {
            EXPECT_EQ(r2.counters.mult_steps, 8u * 1024);
            EXPECT_EQ(r4.counters.mult_steps, 4u * 1024);
        }
    }
}

}  // namespace
}  // namespace pimsoc::rtm
