// The racetrack's 1-, 2- and 4-bit element types (one element per byte, computed at its own
// width) and the input/broadcast buffer of fully connected DOTs (docs/models/rtm.md, "Low-bit
// elements" and "Input buffer").
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "rtm/model/bank_energy.h"
#include "rtm/model/rtm_array.h"
#include "tiny_config.h"

namespace pimsoc::rtm {
namespace {

// `count` dot products of `length` with A shared (stride 0) at `a` and B's rows one after another
// from `b`; results at `dst`.
DotCommand dot_at(ElemType ta, ElemType tb, uint32_t length, uint32_t count, uint32_t a, uint32_t b,
                  uint32_t dst)
{
    DotCommand cmd;
    cmd.type_a = ta;
    cmd.type_b = tb;
    cmd.a = a;
    cmd.stride_a = 0;
    cmd.b = b;
    cmd.stride_b = length * elem_bytes(tb);
    cmd.length = length;
    cmd.count = count;
    cmd.dst = dst;
    return cmd;
}

// A at 0, B rows at 1024, results at 8192 (the default bank of 64 KiB).
DotCommand shared_input_dot(ElemType ta, ElemType tb, uint32_t length, uint32_t count)
{
    return dot_at(ta, tb, length, count, 0, 1024, 8192);
}

// Every value of the type, stored one per byte as the firmware stores it (sign-extended).
std::vector<int64_t> all_values(ElemType t)
{
    std::vector<int64_t> v;
    for (int64_t x = pim::min_value(t); x <= pim::max_value(t); ++x) v.push_back(x);
    return v;
}

}  // namespace

TEST(RtmLowBit, TypesAndRegisterCodes)
{
    for (const ElemType t :
         {ElemType::u1, ElemType::i1, ElemType::u2, ElemType::i2, ElemType::u4, ElemType::i4})
        EXPECT_TRUE(is_supported(t)) << to_string(t);
    EXPECT_FALSE(is_supported(ElemType::unsigned_bits(3)));
    EXPECT_FALSE(is_supported(ElemType::signed_bits(12)));
    EXPECT_EQ(elem_type_from_code(RTM_TYPE_U1), ElemType::u1);
    EXPECT_EQ(elem_type_from_code(RTM_TYPE_S1), ElemType::i1);
    EXPECT_EQ(elem_type_from_code(RTM_TYPE_U2), ElemType::u2);
    EXPECT_EQ(elem_type_from_code(RTM_TYPE_S2), ElemType::i2);
    EXPECT_EQ(elem_type_from_code(RTM_TYPE_U4), ElemType::u4);
    EXPECT_EQ(elem_type_from_code(RTM_TYPE_S4), ElemType::i4);
    EXPECT_FALSE(is_valid(elem_type_from_code(12)));
}

// DOT of length 1 for every pair of values of every low-bit type pair: the exact product. The
// cells read only the element's bits: garbage above them in the byte changes nothing.
TEST(RtmLowBit, EveryProductOfEveryTypePairIsExact)
{
    const ElemType types[] = {ElemType::u1, ElemType::i1, ElemType::u2, ElemType::i2,
                              ElemType::u4, ElemType::i4, ElemType::u8, ElemType::i8};
    RtmArray rtm{RtmConfig{}};
    for (const ElemType ta : types) {
        for (const ElemType tb : types) {
            for (const int64_t a : all_values(ta)) {
                for (const int64_t b : all_values(tb)) {
                    const uint8_t junk = ta.bits() < 8 ? 0xA0 : 0;  // bits above the element
                    const uint8_t ab =
                        static_cast<uint8_t>(pim::to_bits(ta, a) | (junk & ~pim::elem_mask(ta)));
                    const uint8_t bb = static_cast<uint8_t>(b);
                    rtm.load(0, &ab, 1);
                    rtm.load(1024, &bb, 1);
                    std::vector<int32_t> r;
                    ASSERT_EQ(rtm.run(shared_input_dot(ta, tb, 1, 1), &r).error, RtmError::none);
                    ASSERT_EQ(r[0], a * b) << to_string(ta) << " " << a << " x " << to_string(tb) << " " << b;
                }
            }
        }
    }
}

// Element-wise ADD and MUL wrap to the element's width and store it sign- or zero-extended.
TEST(RtmLowBit, ElementwiseWrapsToTheElementWidth)
{
    RtmArray rtm{RtmConfig{}};
    const uint8_t a[2] = {7, 0xFC};  // i4: 7, -4
    const uint8_t b[2] = {3, 0xFD};  // i4: 3, -3
    rtm.load(0, a, 2);
    rtm.load(64, b, 2);
    ElementwiseCommand add{ElementwiseOp::add, ElemType::i4, 0, 64, 128, 2};
    ASSERT_EQ(rtm.run(add).error, RtmError::none);
    uint8_t out[2];
    rtm.dump(128, out, 2);
    EXPECT_EQ(out[0], 0xFA);  // 10 wraps to -6
    EXPECT_EQ(out[1], 0xF9);  // -7
    ElementwiseCommand mul{ElementwiseOp::mul, ElemType::u4, 0, 64, 256, 2};
    ASSERT_EQ(rtm.run(mul).error, RtmError::none);
    rtm.dump(256, out, 2);
    EXPECT_EQ(out[0], 5);               // 21 mod 16
    EXPECT_EQ(out[1], (12 * 13) % 16);  // the low 4 bits of 0xC x 0xD
}

// Fewer Booth digits, narrower partial products, product registers and accumulators: the counters
// follow the element widths term by term. u4 x i4, 4 terms: radix-4 digits of an i4 = 2 (2 steps
// each, and back: 8 positional steps per MAC on a 2 x 8-domain product register); partial
// products of 4 + 2 bits; accumulator 8 + ceil(log2 4) = 10 bits.
TEST(RtmLowBit, CellsComputeAtTheElementWidth)
{
    RtmConfig c = tiny_config(CostModel::circuit);
    c.cells.booth_skip_zero_digits = false;  // every digit performed: counts independent of values
    auto run = [&c](ElemType ta, ElemType tb) {
        RtmArray rtm(c);
        const uint8_t ones[4] = {1, 1, 1, 1};
        rtm.load(0, ones, 4);
        rtm.load(32, ones, 4);
        return rtm.run(dot_at(ta, tb, 4, 1, 0, 32, 64)).cost;  // the tiny bank's 128 bytes
    };
    const Cost c4 = run(ElemType::u4, ElemType::i4);
    EXPECT_EQ(c4.counters.macs, 4u);
    EXPECT_EQ(c4.counters.cell_shifts, 4u * 2 * 2 * 2);
    EXPECT_EQ(c4.counters.cell_shift_domains, c4.counters.cell_shifts * 2 * 8);
    EXPECT_EQ(c4.counters.mult_steps, 4u * 2);
    EXPECT_EQ(c4.counters.mult_bits, 4u * 2 * 6);
    EXPECT_EQ(c4.counters.add_bits, 4u * 10);
    // 2-bit: one digit, 4-bit partial products, 4 + 2 = 6 accumulator bits.
    const Cost c2 = run(ElemType::u2, ElemType::i2);
    EXPECT_EQ(c2.counters.cell_shifts, 4u * 1 * 2 * 2);
    EXPECT_EQ(c2.counters.mult_bits, 4u * 1 * 4);
    EXPECT_EQ(c2.counters.add_bits, 4u * 6);
    // 1-bit activations x {-1,+1} weights (i2): one digit, a 3-bit partial product, 3 + 2 bits.
    const Cost c1 = run(ElemType::u1, ElemType::i2);
    EXPECT_EQ(c1.counters.mult_bits, 4u * 3);
    EXPECT_EQ(c1.counters.add_bits, 4u * 5);
    // int8 for comparison: 4 (i8) digits, 10-bit partial products, 18-bit accumulator.
    const Cost c8 = run(ElemType::u8, ElemType::i8);
    EXPECT_EQ(c8.counters.mult_bits, 4u * 4 * 10);
    EXPECT_EQ(c8.counters.add_bits, 4u * 18);
    // Energy and latency fall with the width, the array accesses (one byte per element) do not.
    EXPECT_LT(c1.energy.total_pj(), c2.energy.total_pj());
    EXPECT_LT(c2.energy.total_pj(), c4.energy.total_pj());
    EXPECT_LT(c4.energy.total_pj(), c8.energy.total_pj());
    EXPECT_LT(c2.latency_ps, c4.latency_ps);
    EXPECT_LT(c4.latency_ps, c8.latency_ps);
    EXPECT_EQ(c2.counters.reads, c8.counters.reads);
}

// A conv with 4-bit operands against a naive loop nest (random values, padding).
TEST(RtmLowBit, Conv2dWithFourBitOperandsMatchesTheLoopNest)
{
    RtmArray rtm{RtmConfig{}};
    std::mt19937 rng(7);
    const uint32_t C = 2, H = 6, W = 5, K = 3;
    std::vector<uint8_t> in(C * H * W), k(C * K * K);
    std::vector<int64_t> vin(in.size()), vk(k.size());
    for (size_t i = 0; i < in.size(); ++i) {
        vin[i] = static_cast<int64_t>(rng() % 16);
        in[i] = static_cast<uint8_t>(vin[i]);
    }
    for (size_t i = 0; i < k.size(); ++i) {
        vk[i] = static_cast<int64_t>(rng() % 16) - 8;
        k[i] = static_cast<uint8_t>(vk[i]);
    }
    rtm.load(0, in.data(), in.size());
    rtm.load(256, k.data(), k.size());
    Conv2dCommand cmd;
    cmd.in_type = ElemType::u4;
    cmd.kernel_type = ElemType::i4;
    cmd.in = 0;
    cmd.channels = C;
    cmd.height = H;
    cmd.width = W;
    cmd.kernel = 256;
    cmd.kernel_h = cmd.kernel_w = K;
    cmd.stride_h = cmd.stride_w = 1;
    cmd.pad_h = cmd.pad_w = 1;
    cmd.init = -5;
    cmd.dst = 1024;
    std::vector<int32_t> r;
    ASSERT_EQ(rtm.run(cmd, &r).error, RtmError::none);
    for (uint32_t y = 0; y < H; ++y)
        for (uint32_t x = 0; x < W; ++x) {
            int64_t acc = -5;
            for (uint32_t c = 0; c < C; ++c)
                for (uint32_t i = 0; i < K; ++i)
                    for (uint32_t j = 0; j < K; ++j) {
                        const int64_t iy = int64_t(y) + i - 1, ix = int64_t(x) + j - 1;
                        if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                        acc += vin[(c * H + iy) * W + ix] * vk[(c * K + i) * K + j];
                    }
            EXPECT_EQ(r[y * W + x], acc) << y << "," << x;
        }
}

// The input buffer: a shared A vector is read from the array by the first output only; the other
// outputs read the buffer (no DBC moves, a cheap SRAM word). Off (0 bytes): every output re-reads.
TEST(RtmInputBuffer, SharedInputIsReadFromTheArrayOnce)
{
    auto run = [](uint32_t buffer_bytes) {
        RtmConfig c;
        c.cells.input_buffer_bytes = buffer_bytes;
        RtmArray rtm(c);
        std::vector<uint8_t> bytes(4096);
        for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 37 + 11);
        rtm.load(0, bytes.data(), bytes.size());
        std::vector<int32_t> r;
        const Result res = rtm.run(shared_input_dot(ElemType::u8, ElemType::i8, 100, 10), &r);
        EXPECT_EQ(res.error, RtmError::none);
        return std::make_pair(res.cost, r);
    };
    const auto [off, r_off] = run(0);
    const auto [on, r_on] = run(512);
    EXPECT_EQ(r_on, r_off);  // the same results
    // A: 100 bytes = 25 words; B: 10 rows x 25 words.
    EXPECT_EQ(off.counters.reads, 10u * 25 + 10 * 25);
    EXPECT_EQ(on.counters.reads, 25u + 10 * 25);
    EXPECT_EQ(on.counters.buffer_writes, 25u);
    EXPECT_EQ(on.counters.buffer_reads, 9u * 25);
    EXPECT_EQ(off.counters.buffer_reads + off.counters.buffer_writes, 0u);
    EXPECT_LT(on.counters.access_shifts, off.counters.access_shifts);
    EXPECT_LT(on.energy.total_pj(), off.energy.total_pj());
    // Energy: every buffer word at one read of a 512 B SRAM (the per-bank estimate,
    // test_rtm_bank_energy.cpp), fills included.
    const RtmConfig d;
    const double word_pj = access_energy(sram_organisation(512, 32, d), d, AccessKind::read).total_pj();
    EXPECT_NEAR(on.energy.buffer_pj, (25 + 9 * 25) * word_pj, 1e-9);
    EXPECT_DOUBLE_EQ(off.energy.buffer_pj, 0.0);
}

// No buffering when A is not shared (stride != 0), does not fit, or there is one output only.
TEST(RtmInputBuffer, OnlySharedInputsThatFit)
{
    RtmConfig c;
    c.cells.input_buffer_bytes = 64;
    RtmArray rtm(c);
    const Cost fits = rtm.run(shared_input_dot(ElemType::u8, ElemType::i8, 64, 4)).cost;
    EXPECT_EQ(fits.counters.buffer_reads, 3u * 16);
    const Cost too_long = rtm.run(shared_input_dot(ElemType::u8, ElemType::i8, 68, 4)).cost;
    EXPECT_EQ(too_long.counters.buffer_reads + too_long.counters.buffer_writes, 0u);
    const Cost single = rtm.run(shared_input_dot(ElemType::u8, ElemType::i8, 64, 1)).cost;
    EXPECT_EQ(single.counters.buffer_writes, 0u);
    DotCommand strided = shared_input_dot(ElemType::u8, ElemType::i8, 16, 4);
    strided.stride_a = 16;
    const Cost not_shared = rtm.run(strided).cost;
    EXPECT_EQ(not_shared.counters.buffer_reads + not_shared.counters.buffer_writes, 0u);
}

// Area: the buffer's SRAM bits; validation names the key.
TEST(RtmInputBuffer, AreaAndValidation)
{
    RtmConfig c;
    c.cells.input_buffer_bytes = 1024;
    const double f2 = 0.032 * 0.032;
    EXPECT_NEAR(bank_area(c).input_buffer_um2, 1024 * 8 * 146 * f2, 1e-9);
    c.cells.input_buffer_bytes = 0;
    EXPECT_DOUBLE_EQ(bank_area(c).input_buffer_um2, 0.0);
    c.cells.input_buffer_bytes = 65537;
    EXPECT_EQ(validate(c), "rtm.input_buffer_bytes: 65537 is not in 0..65536");
    c.cells.input_buffer_bytes = 512;
    c.cells.buffer_read_ns = -1;
    EXPECT_EQ(validate(c), "rtm.buffer_read_ns: -1 is not a latency in 0..1e6 ns");
}

}  // namespace pimsoc::rtm
