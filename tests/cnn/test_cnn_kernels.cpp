// The CNN kernels (firmware/cnn, host build) against the naive references of cnn_reference.h on
// many random (seeded) shapes, dtypes, requantizations and clamps.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cnn/cnn.h"
#include "cnn_random.h"
#include "cnn_reference.h"

using namespace cnnref;

namespace {

std::string describe(const cnn_layer& l)
{
    char text[256];
    std::snprintf(text, sizeof text,
                  "in %ux%ux%u dt%u -> out %ux%ux%u dt%u, k %ux%u s %ux%u p %ux%u, bias %d, per_channel %u, "
                  "clamp [%d, %d]",
                  l.in.c, l.in.h, l.in.w, l.in.dtype, l.out.c, l.out.h, l.out.w, l.out.dtype, l.kernel_h,
                  l.kernel_w, l.stride_h, l.stride_w, l.pad_h, l.pad_w, l.bias != nullptr, l.per_channel,
                  l.act_min, l.act_max);
    return text;
}

using Kernel = void (*)(const cnn_layer*, const void*, void*);

// Runs `kernel` on a random input and returns (input values, output values); checks the output
// canary.
std::pair<std::vector<int32_t>, std::vector<int32_t>> run_kernel(Rng& rng, const cnn_layer& l, Kernel kernel)
{
    Tensor in(l.in), out(l.out, true);
    random_values(rng, in);
    kernel(&l, in.data(), out.data());
    EXPECT_TRUE(out.canary_intact()) << "wrote past the output: " << describe(l);
    return {in.values(), out.values()};
}

constexpr int kCases = 400;

}  // namespace

TEST(CnnConv2d, MatchesReferenceOnRandomShapes)
{
    Rng rng(20240611);
    std::set<std::string> covered;
    for (int i = 0; i < kCases; i++) {
        const OwnedLayer o = random_conv(rng);
        const cnn_layer& l = o.layer;
        const auto [x, y] = run_kernel(rng, l, cnn_conv2d);
        ASSERT_EQ(y, conv2d(l, x)) << "case " << i << ": " << describe(l);
        covered.insert("in" + std::to_string(l.in.dtype) + "out" + std::to_string(l.out.dtype));
        covered.insert("k" + std::to_string(l.kernel_w));
        if (l.pad_h >= l.kernel_h) covered.insert("pad>=kernel");
    }
    // Every input/output dtype pair, every row width 1..7 and windows entirely in the padding.
    EXPECT_EQ(covered.size(), 6u + 7u + 1u);
}

TEST(CnnConv2d, WideRowsUseTheGenericPath)
{
    // Rows wider than 8 (blocks of 8 + tail) and a window clipped to widths 9..12.
    Rng rng(7);
    for (int kw : {9, 12, 16, 17}) {
        OwnedLayer o;
        cnn_layer& l = o.layer;
        l.op = CNN_OP_CONV2D;
        l.kernel_h = 2;
        l.kernel_w = static_cast<uint8_t>(kw);
        l.stride_h = l.stride_w = 1;
        l.pad_h = 1;
        l.pad_w = 3;
        l.in = shape(3, 5, kw + 4, CNN_S8);
        l.out = shape(2, out_size(5, 2, 1, 1), out_size(kw + 4, kw, 1, 3), CNN_S32);
        random_parameters(rng, o, 2, 3u * 2u * static_cast<unsigned>(kw));
        const auto [x, y] = run_kernel(rng, l, cnn_conv2d);
        EXPECT_EQ(y, conv2d(l, x)) << describe(l);
    }
}

TEST(CnnConv2d, LeNetShapes)
{
    // The Fashion-MNIST LeNet-5 convolutions: 5x5 1->6 pad 2 on 28x28 U8, 5x5 6->16 on 14x14.
    Rng rng(5);
    for (int layer = 0; layer < 2; layer++) {
        OwnedLayer o;
        cnn_layer& l = o.layer;
        l.op = CNN_OP_CONV2D;
        l.kernel_h = l.kernel_w = 5;
        l.stride_h = l.stride_w = 1;
        l.pad_h = l.pad_w = layer == 0 ? 2 : 0;
        l.in = layer == 0 ? shape(1, 28, 28, CNN_U8) : shape(6, 14, 14, CNN_U8);
        l.out = layer == 0 ? shape(6, 28, 28, CNN_U8) : shape(16, 10, 10, CNN_U8);
        random_parameters(rng, o, l.out.c, static_cast<size_t>(l.in.c) * 25);
        const auto [x, y] = run_kernel(rng, l, cnn_conv2d);
        EXPECT_EQ(y, conv2d(l, x)) << describe(l);
    }
}

TEST(CnnFullyConnected, MatchesReferenceOnRandomShapes)
{
    Rng rng(99);
    std::set<int> tails;
    for (int i = 0; i < kCases; i++) {
        const OwnedLayer o = random_fc(rng);
        const auto [x, y] = run_kernel(rng, o.layer, cnn_fully_connected);
        ASSERT_EQ(y, fully_connected(o.layer, x)) << "case " << i << ": " << describe(o.layer);
        tails.insert(static_cast<int>(x.size() % 8));
    }
    EXPECT_EQ(tails.size(), 8u);  // every remainder of the unroll by 8
}

TEST(CnnPool, MaxMatchesReferenceOnRandomShapes)
{
    Rng rng(3);
    for (int i = 0; i < kCases; i++) {
        const OwnedLayer o = random_pool(rng, CNN_OP_MAXPOOL);
        const auto [x, y] = run_kernel(rng, o.layer, cnn_maxpool);
        ASSERT_EQ(y, pool(o.layer, x, false)) << "case " << i << ": " << describe(o.layer);
    }
}

TEST(CnnPool, AverageMatchesReferenceOnRandomShapes)
{
    Rng rng(4);
    for (int i = 0; i < kCases; i++) {
        const OwnedLayer o = random_pool(rng, CNN_OP_AVGPOOL);
        const auto [x, y] = run_kernel(rng, o.layer, cnn_avgpool);
        ASSERT_EQ(y, pool(o.layer, x, true)) << "case " << i << ": " << describe(o.layer);
    }
}

TEST(CnnPool, AverageRoundsHalfAwayFromZeroOverValidInputsOnly)
{
    // 2x2 windows, stride 2, pad 1 on a 1x2x2 input: each window sees exactly one valid input
    // (the padding does not count). Then 1x1x2 / kernel 1x2: averages of pairs.
    cnn_layer l{};
    l.op = CNN_OP_AVGPOOL;
    l.kernel_h = 1;
    l.kernel_w = 2;
    l.stride_h = 1;
    l.stride_w = 2;
    l.in = shape(1, 1, 8, CNN_S8);
    l.out = shape(1, 1, 4, CNN_S8);
    const int8_t in[8] = {1, 2, -1, -2, 3, 4, -3, -4};
    int8_t out[4] = {};
    cnn_avgpool(&l, in, out);
    EXPECT_EQ(out[0], 2);   // 1.5 -> 2
    EXPECT_EQ(out[1], -2);  // -1.5 -> -2
    EXPECT_EQ(out[2], 4);   // 3.5 -> 4
    EXPECT_EQ(out[3], -4);  // -3.5 -> -4

    l.kernel_h = l.kernel_w = 2;
    l.stride_h = l.stride_w = 2;
    l.pad_h = l.pad_w = 1;
    l.in = shape(1, 2, 2, CNN_U8);
    l.out = shape(1, 2, 2, CNN_U8);
    const uint8_t in2[4] = {10, 20, 30, 255};
    uint8_t out2[4] = {};
    cnn_avgpool(&l, in2, out2);
    EXPECT_EQ(out2[0], 10);
    EXPECT_EQ(out2[1], 20);
    EXPECT_EQ(out2[2], 30);
    EXPECT_EQ(out2[3], 255);
}

TEST(CnnPool, MaxIgnoresPaddingForNegativeValues)
{
    // All inputs negative: a zero-padded max would give 0.
    cnn_layer l{};
    l.op = CNN_OP_MAXPOOL;
    l.kernel_h = l.kernel_w = 3;
    l.stride_h = l.stride_w = 1;
    l.pad_h = l.pad_w = 1;
    l.in = shape(1, 2, 2, CNN_S8);
    l.out = shape(1, 2, 2, CNN_S8);
    const int8_t in[4] = {-5, -7, -128, -6};
    int8_t out[4] = {};
    cnn_maxpool(&l, in, out);
    for (int8_t v : out) EXPECT_EQ(v, -5);
}

TEST(CnnRelu, ClampsNegativesOnly)
{
    Rng rng(11);
    cnn_layer l{};
    l.op = CNN_OP_RELU;
    l.in = l.out = shape(3, 7, 5, CNN_S8);
    const auto [x, y] = run_kernel(rng, l, cnn_relu);
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); i++) EXPECT_EQ(y[i], std::max(0, x[i])) << i;
}

TEST(CnnRequantize, MatchesReferencePerChannelAndPerTensor)
{
    Rng rng(12);
    for (int i = 0; i < kCases; i++) {
        OwnedLayer o;
        cnn_layer& l = o.layer;
        l.op = CNN_OP_REQUANTIZE;
        l.in = shape(rng.uniform(1, 8), rng.uniform(1, 6), rng.uniform(1, 6), CNN_S32);
        l.out = shape(l.in.c, l.in.h, l.in.w, rng.chance(50) ? CNN_U8 : CNN_S8);
        // Small accumulators exercise left shifts (shift > 0), large ones right shifts.
        const int32_t range =
            rng.pick(std::vector<int32_t>{40, 3000, 2000000, std::numeric_limits<int32_t>::max()});
        random_requant(rng, o, l.out.c, range / 2 + 1);
        Tensor in(l.in), out(l.out, true);
        for (size_t j = 0; j < count(l.in); j++) in.set(j, rng.uniform(-range, range));
        cnn_requantize(&l, in.data(), out.data());
        ASSERT_TRUE(out.canary_intact());
        const size_t plane = static_cast<size_t>(l.in.h) * l.in.w;
        for (size_t j = 0; j < count(l.in); j++)
            ASSERT_EQ(out.get(j), requant_clamped(l, static_cast<unsigned>(j / plane), in.get(j)))
                << "case " << i << " element " << j << ": " << describe(l);
    }
}

TEST(CnnArgmax, FirstMaximumWinsForEveryDtype)
{
    const uint8_t u8[6] = {3, 200, 7, 200, 0, 199};
    EXPECT_EQ(cnn_argmax(u8, CNN_U8, 6), 1u);
    EXPECT_EQ(cnn_argmax(u8, CNN_U8, 1), 0u);
    const int8_t s8[5] = {-100, -3, -128, -3, -50};  // as U8 bytes, 0x80 (-128) would be the largest
    EXPECT_EQ(cnn_argmax(s8, CNN_S8, 5), 1u);
    const int32_t s32[4] = {std::numeric_limits<int32_t>::min(), -5, 1 << 30, 1 << 30};
    EXPECT_EQ(cnn_argmax(s32, CNN_S32, 4), 2u);
    const int32_t all_min[3] = {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::min(),
                                std::numeric_limits<int32_t>::min()};
    EXPECT_EQ(cnn_argmax(all_min, CNN_S32, 3), 0u);
    EXPECT_EQ(cnn_argmax(all_min, CNN_S32, 0), 0u);
}

TEST(CnnShapes, BytesPerDtype)
{
    const cnn_shape u8 = shape(3, 4, 5, CNN_U8), s8 = shape(3, 4, 5, CNN_S8), s32 = shape(3, 4, 5, CNN_S32);
    EXPECT_EQ(cnn_shape_bytes(&u8), 60u);
    EXPECT_EQ(cnn_shape_bytes(&s8), 60u);
    EXPECT_EQ(cnn_shape_bytes(&s32), 240u);
    EXPECT_EQ(cnn_dtype_bytes(CNN_S32), 4u);
    EXPECT_EQ(cnn_dtype_bytes(7), 0u);
}
