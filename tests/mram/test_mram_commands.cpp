// The descriptors on the sub-arrays: CONV windows (stride, padding, channels) and MVM rows
// against plain integer references, biases, commands that need several passes, banks, the
// bit-plane layout in the rows, and every rejection.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/conv_reference.h"
#include "mram_test_util.h"

namespace pimsoc::mram {
namespace {

using test::put;
using test::random_values;

struct ConvCase {
    pimsoc::test::ConvShape shape;
    WeightCoding coding;
};

TEST(MramCommands, ConvWindowsEqualTheReference)
{
    const ConvCase cases[] = {
        {{ElemType::u1, ElemType::u1, 1, 12, 12, 5, 5, 1, 1, 0, 0}, WeightCoding::plus_minus_one},  // 1:1
        {{ElemType::u2, ElemType::u1, 3, 9, 7, 3, 3, 1, 2, 1, 1}, WeightCoding::plus_minus_one},    // 1:2
        {{ElemType::u4, ElemType::i1, 2, 8, 8, 3, 3, 2, 2, 1, 2}, WeightCoding::plain},
        {{ElemType::u2, ElemType::i2, 6, 10, 10, 5, 5, 1, 1, 2, 2}, WeightCoding::plain},  // 2:2
        {{ElemType::u4, ElemType::i4, 4, 7, 9, 3, 5, 1, 1, 1, 0}, WeightCoding::plain},    // 4:4
        {{ElemType::i8, ElemType::i8, 2, 6, 6, 3, 3, 1, 1, 0, 0}, WeightCoding::plain},    // 8:8
    };
    std::mt19937_64 rng(7);
    for (const ConvCase& cc : cases) {
        MramArray m(test::small_config());
        Conv2dCommand c = pimsoc::test::conv_command(cc.shape);
        c.init = -17;
        c.in = 0;
        c.kernel = 2048;
        c.dst = 4096;
        const auto in = random_values(rng, c.in_type, size_t{c.channels} * c.height * c.width);
        const auto k = random_values(rng, c.kernel_type, size_t{c.channels} * c.kernel_h * c.kernel_w);
        put(m, c.in, c.in_type, in);
        put(m, c.kernel, c.kernel_type, k);
        std::vector<int32_t> r;
        RunOptions o;
        o.coding = cc.coding;
        const Result res = m.run(c, &r, o);
        ASSERT_EQ(res.error, MramError::none) << to_string(c.in_type);
        const std::vector<int32_t> want = pimsoc::test::reference_conv(
            c, [&in](size_t i) { return in[i]; },
            [&](size_t i) { return test::weight_of(c.kernel_type, cc.coding, k[i]); });
        EXPECT_EQ(r, want) << to_string(c.in_type) << " x " << to_string(c.kernel_type);
        std::vector<int32_t> written(want.size());
        ASSERT_TRUE(m.dump(c.dst, written.data(), 4 * written.size()));
        EXPECT_EQ(written, want);
        EXPECT_EQ(res.cost.counters.commands, 1u);
    }
}

// An fc layer as an MVM with biases, in bank 1; with one sub-array of 16 x 8 bits the 30 x 20
// matrix needs several passes, each rewriting the rows.
TEST(MramCommands, MvmWithBiasesOverSeveralPasses)
{
    MramConfig config = test::tiny_config();
    config.geometry.banks = 2;
    config.geometry.subarrays_per_bank = 1;
    config.geometry.window_bytes_per_bank = 4096;
    MramArray m(config);
    std::mt19937_64 rng(3);
    MvmCommand c;
    c.x_type = ElemType::u4;
    c.matrix_type = ElemType::i4;
    c.rows = 20;
    c.cols = 30;
    c.row_stride = 15;  // packed i4 rows
    c.x = 4096;
    c.matrix = 4096 + 64;
    c.has_bias = true;
    c.bias = 4096 + 1024;
    c.dst = 4096 + 2048;
    const auto x = random_values(rng, c.x_type, c.cols);
    const auto w = random_values(rng, c.matrix_type, size_t{c.rows} * c.cols);
    put(m, c.x, c.x_type, x);
    put(m, c.matrix, c.matrix_type, w);
    std::vector<int32_t> bias(c.rows);
    for (auto& b : bias) b = static_cast<int32_t>(rng() % 2000) - 1000;
    ASSERT_TRUE(m.load(c.bias, bias.data(), 4 * bias.size()));
    std::vector<int32_t> r;
    const Result res = m.run(c, &r);
    ASSERT_EQ(res.error, MramError::none);
    EXPECT_EQ(res.bank, 1u);
    for (uint32_t row = 0; row < c.rows; ++row)
        EXPECT_EQ(r[row], test::reference_dot(x.data(), &w[row * c.cols], c.cols, c.matrix_type,
                                              WeightCoding::plain, bias[row]))
            << row;
    // 20 outputs x ceil(30 / 4) = 8 chunks = 160 units; a pass holds 1 x (16 / 8) x 2 = 4 units.
    const Layout lay(config.geometry, 20, 30, 4, 4, 16);
    EXPECT_EQ(lay.passes(), 40u);
    EXPECT_EQ(res.cost.counters.steps, lay.total_steps());
    EXPECT_EQ(res.cost.counters.row_writes, 40u * 2 * 8);  // every pass: 2 groups x 8 rows
    EXPECT_EQ(res.cost.counters.and_senses, 40u * 2 * 16);
}

// Where the planes go: u2 activations x u1 weights, K = 4, 2 sub-arrays of 16 x 8 bits. Unit v
// (= output k, chunk j) sits in sub-array v % 2, segment (v / 2) % 2, group v / 4; a group is
// rows 3g..3g+2: activation planes 0 and 1, then the weight plane.
TEST(MramCommands, BitPlaneLayoutInTheRows)
{
    MramArray m(test::tiny_config());
    // Length 6 = 2 chunks (elements 0..3, 4..5); one activation vector (an fc layer, stride 0);
    // weight rows of 6 u1 bits, one byte apart.
    const DotCommand c = test::dot(ElemType::u2, ElemType::u1, 0, 64, 6, 2, 0, 1, 128);
    put(m, 0, ElemType::u2, {1, 2, 3, 0, 1, 2});
    put(m, 64, ElemType::u1, {1, 0, 1, 1, 0, 1});
    put(m, 65, ElemType::u1, {0, 1, 1, 0, 1, 1});
    std::vector<int32_t> r;
    ASSERT_EQ(m.run(c, &r).error, MramError::none);
    EXPECT_EQ(r, (std::vector<int32_t>{1 + 3 + 2, 2 + 3 + 1 + 2}));
    // Unit 0 (output 0, chunk 0): sub-array 0, segment 0, group 0. Unit 1 (output 0, chunk 1):
    // sub-array 1, segment 0. Unit 2 (output 1, chunk 0): sub-array 0, segment 1 (columns 4..7).
    const Subarray& s0 = m.subarray(0, 0);
    const Subarray& s1 = m.subarray(0, 1);
    auto row_bits = [](const Subarray& s, uint32_t row) {
        uint32_t v = 0;
        for (uint32_t col = 0; col < 8; ++col) v |= (s.bit(row, col) ? 1u : 0u) << col;
        return v;
    };
    // Activation {1,2,3,0} plane 0 = 1,0,1,0; plane 1 = 0,1,1,0; both segments of sub-array 0
    // hold chunk 0 (outputs 0 and 1).
    EXPECT_EQ(row_bits(s0, 0), 0x55u);
    EXPECT_EQ(row_bits(s0, 1), 0x66u);
    // Weights: output 0 chunk 0 = 1,0,1,1 (segment 0), output 1 chunk 0 = 0,1,1,0 (segment 1).
    EXPECT_EQ(row_bits(s0, 2), 0x6Du);
    // Sub-array 1: chunk 1 = {1, 2} of outputs 0 (segment 0) and 1 (segment 1); weights 0,1 / 1,1.
    EXPECT_EQ(row_bits(s1, 0), 0x11u);
    EXPECT_EQ(row_bits(s1, 1), 0x22u);
    EXPECT_EQ(row_bits(s1, 2), 0x32u);
}

TEST(MramCommands, Rejections)
{
    MramArray m(test::tiny_config());
    const DotCommand ok = test::dot(ElemType::u2, ElemType::i2, 0, 16, 8, 1, 0, 0, 32);
    EXPECT_EQ(m.check(ok), MramError::none);
    auto with = [&ok](auto change) {
        DotCommand c = ok;
        change(c);
        return c;
    };
    EXPECT_EQ(m.check(with([](DotCommand& c) { c.type_a = ElemType::u16; })), MramError::bad_type);
    EXPECT_EQ(m.check(with([](DotCommand& c) { c.type_b = ElemType{}; })), MramError::bad_type);
    EXPECT_EQ(m.check(ok, WeightCoding::plus_minus_one), MramError::bad_type);  // +-1 weights are u1
    EXPECT_EQ(m.check(with([](DotCommand& c) { c.length = 0; })), MramError::zero_size);
    EXPECT_EQ(m.check(with([](DotCommand& c) { c.dst = 254; })), MramError::out_of_range);
    EXPECT_EQ(m.check(with([](DotCommand& c) { c.dst = 33; })), MramError::misaligned);
    EXPECT_EQ(m.check(with([](DotCommand& c) { c.dst = 16; })), MramError::overlap);
    DotCommand huge = with([](DotCommand& c) {
        c.count = (1u << 24) + 1;
        c.write_result = false;
    });
    EXPECT_EQ(m.check(huge), MramError::too_large);
    // A rejected command changes nothing and costs nothing.
    const Result r = m.run(with([](DotCommand& c) { c.length = 0; }));
    EXPECT_EQ(r.error, MramError::zero_size);
    EXPECT_EQ(r.cost.latency_ps, 0u);
    EXPECT_EQ(m.counters(), Counters{});
    Conv2dCommand conv;
    conv.in_type = ElemType::u1;
    conv.kernel_type = ElemType::u1;
    conv.channels = 1;
    conv.height = 4;
    conv.width = 4;
    conv.kernel_h = 3;
    conv.kernel_w = 3;
    conv.pad_h = 3;
    EXPECT_EQ(m.check(conv), MramError::bad_padding);
    MvmCommand mvm;
    mvm.x_type = ElemType::u4;
    mvm.matrix_type = ElemType::i4;
    mvm.rows = 2;
    mvm.cols = 8;
    mvm.row_stride = 3;  // less than a packed row of 4 bytes
    EXPECT_EQ(m.check(mvm), MramError::bad_stride);
}

TEST(MramCommands, CrossBankAndBusy)
{
    MramConfig config = test::tiny_config();
    config.geometry.banks = 2;
    MramArray m(config);
    DotCommand c = test::dot(ElemType::u1, ElemType::u1, 0, 256 + 16, 8, 1, 0, 0, 32);  // B in bank 1
    EXPECT_EQ(m.check(c), MramError::cross_bank);
    c.b = 16;
    RunOptions paused;
    paused.max_steps = 1;
    const Result first = m.run(c, nullptr, paused);
    EXPECT_EQ(first.error, MramError::none);
    EXPECT_TRUE(m.progress().active);
    EXPECT_EQ(m.run(c).error, MramError::busy);
    std::vector<int32_t> r;
    EXPECT_EQ(m.resume(&r).error, MramError::none);
    EXPECT_FALSE(m.progress().active);
    EXPECT_EQ(m.resume().error, MramError::bad_cmd);  // nothing left to resume
}

}  // namespace
}  // namespace pimsoc::mram
