// cnn_check_model: the valid test model passes; each kind of bad layer is caught at its index.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>

#include "cnn/cnn.h"
#include "cnn_test_model.h"

using cnnref::shape;
using cnnref::TestModel;

namespace {

// Layer indices of the test model (cnn_test_model.h).
enum { kConv0 = 0, kRelu = 1, kMaxpool = 2, kAvgpool = 3, kConvS32 = 4, kRequant = 5, kFc = 6 };

// Applies `edit` to a fresh copy of the valid test model and returns (status, bad index).
std::pair<int, unsigned> check_edited(const std::function<void(TestModel&)>& edit)
{
    TestModel m;
    edit(m);
    m.link();
    unsigned bad = 12345;
    const int status = cnn_check_model(&m.model, &bad);
    return {status, bad};
}

#define EXPECT_BAD_AT(index, edit)                              \
    do {                                                        \
        const auto result = check_edited(edit);                 \
        EXPECT_EQ(result.first, CNN_ERR_BAD_LAYER);             \
        EXPECT_EQ(result.second, static_cast<unsigned>(index)); \
    } while (0)

}  // namespace

TEST(CnnCheckModel, ValidModelPasses)
{
    TestModel m;
    unsigned bad = 12345;
    EXPECT_EQ(cnn_check_model(&m.model, &bad), CNN_OK);
    EXPECT_EQ(bad, 12345u);  // untouched on success
    EXPECT_EQ(cnn_check_model(&m.model, nullptr), CNN_OK);
}

TEST(CnnCheckModel, EdgeValuesThatArePassable)
{
    // Multiplier 0, the multiplier range ends, shift ends, clamp ends, windows in the padding.
    const auto ok = [](const std::function<void(TestModel&)>& edit) { return check_edited(edit).first; };
    EXPECT_EQ(ok([](TestModel& m) { m.owned[kConv0].requant[1].multiplier = 0; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.owned[kConv0].requant[1].multiplier = 1 << 30; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.owned[kConv0].requant[1].multiplier = 0x7fffffff; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.owned[kConv0].requant[1].shift = -31; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.owned[kConv0].requant[1].shift = 30; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.layers[kRequant].act_min = m.layers[kRequant].act_max = 255; }),
              CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.layers[kFc].bias = nullptr; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) { m.model.num_classes = 5; }), CNN_OK);
    EXPECT_EQ(ok([](TestModel& m) {
                  m.layers[kConv0].pad_h = 4;  // conv: rows entirely in the padding are allowed
                  m.layers[kConv0].out.h = 14;
                  m.layers[kRelu].in.h = m.layers[kRelu].out.h = 14;
                  m.layers[kMaxpool].in.h = 14;
                  m.layers[kMaxpool].out.h = 7;
                  m.layers[kAvgpool].in.h = 7;
                  m.layers[kAvgpool].out.h = 4;
                  m.layers[kConvS32].in.h = m.layers[kConvS32].out.h = 4;
                  m.layers[kRequant].in.h = m.layers[kRequant].out.h = 4;
                  m.layers[kFc].in.h = 4;
                  m.owned[kFc].weights.resize(5 * 24);
                  m.layers[kFc].weights = m.owned[kFc].weights.data();
                  m.model.max_activation_bytes = 4 * 14 * 8;
              }),
              CNN_OK);
}

TEST(CnnCheckModel, FirstLayerInputMustBeTheModelInput)
{
    EXPECT_BAD_AT(0, [](TestModel& m) { m.model.input.w = 9; });
    EXPECT_BAD_AT(0, [](TestModel& m) { m.model.input.dtype = CNN_S8; });
}

TEST(CnnCheckModel, ShapesMustChain)
{
    EXPECT_BAD_AT(kMaxpool, [](TestModel& m) { m.layers[kMaxpool].in.c = 5; });
    EXPECT_BAD_AT(kAvgpool, [](TestModel& m) { m.layers[kAvgpool].in.h = 5; });
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.layers[kFc].in.dtype = CNN_S8; });
}

TEST(CnnCheckModel, ChainDtypeMismatch)
{
    // Layer 2 changes its dtypes consistently (S8 -> S8 becomes U8 -> U8), so 2 is fine and the
    // mismatch is its input against layer 1's S8 output: reported at 2.
    EXPECT_BAD_AT(kMaxpool, [](TestModel& m) {
        m.layers[kMaxpool].in.dtype = CNN_U8;
        m.layers[kMaxpool].out.dtype = CNN_U8;
    });
}

TEST(CnnCheckModel, OutputSizeMustFollowTheGeometry)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].out.h = 7; });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].out.w = 9; });
    EXPECT_BAD_AT(kMaxpool, [](TestModel& m) { m.layers[kMaxpool].out.w = 5; });
    EXPECT_BAD_AT(kAvgpool, [](TestModel& m) { m.layers[kAvgpool].stride_h = 1; });
}

TEST(CnnCheckModel, KernelAndStrideMustBePositiveAndFit)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].stride_w = 0; });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].kernel_h = 0; });
    EXPECT_BAD_AT(kConvS32, [](TestModel& m) { m.layers[kConvS32].kernel_w = 3; });  // 3 > 2 + 0
}

TEST(CnnCheckModel, PoolPaddingMustBeSmallerThanTheKernel)
{
    // 3x3 stride 2 pad 3 on 4x4 gives (4 + 6 - 3) / 2 + 1 = 4: a window entirely in the padding.
    EXPECT_BAD_AT(kAvgpool, [](TestModel& m) {
        m.layers[kAvgpool].pad_h = 3;
        m.layers[kAvgpool].out.h = 4;
    });
}

TEST(CnnCheckModel, DtypesPerOp)
{
    EXPECT_BAD_AT(kRelu, [](TestModel& m) { m.layers[kRelu].out.dtype = CNN_U8; });
    EXPECT_BAD_AT(kMaxpool, [](TestModel& m) { m.layers[kMaxpool].out.dtype = CNN_S32; });
    EXPECT_BAD_AT(kRequant, [](TestModel& m) { m.layers[kRequant].out.dtype = CNN_S32; });
}

TEST(CnnCheckModel, ConvAndFcInputMustBeU8OrS8)
{
    // The fc reads the S32 output of layer 4 directly (requantize layer removed).
    EXPECT_BAD_AT(kRequant, [](TestModel& m) {
        m.layers.erase(m.layers.begin() + kRequant);
        m.layers[kRequant].in.dtype = CNN_S32;
    });
}

TEST(CnnCheckModel, RequantizeInputMustBeS32)
{
    EXPECT_BAD_AT(kRequant,
                  [](TestModel& m) {
                      // conv 4 now outputs S8 (with its requant), so the requantize layer reads S8.
                      m.layers[kConvS32].out.dtype = CNN_S8;
                      m.owned[kConvS32].requant.push_back(cnn_requant{1 << 30, -5});
                      m.layers[kConvS32].requant = m.owned[kConvS32].requant.data();
                      m.layers[kConvS32].act_min = -128;
                      m.layers[kConvS32].act_max = 127;
                      m.layers[kRequant].in.dtype = CNN_S8;
                  }
                  // (layer 4 itself is now valid; the first bad one is 5)
    );
}

TEST(CnnCheckModel, ShapeMismatchOfElementwiseOps)
{
    EXPECT_BAD_AT(kRelu, [](TestModel& m) {
        m.layers[kRelu].out.w = 4;
        m.layers[kMaxpool].in.w = 4;
    });
    EXPECT_BAD_AT(kRequant, [](TestModel& m) {
        m.layers[kRequant].out.c = 2;
        m.layers[kFc].in.c = 2;
    });
    EXPECT_BAD_AT(kMaxpool, [](TestModel& m) {
        m.layers[kMaxpool].out.c = 3;
        m.layers[kAvgpool].in.c = 3;
    });
}

TEST(CnnCheckModel, WeightsMustBePresent)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].weights = nullptr; });
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.layers[kFc].weights = nullptr; });
}

TEST(CnnCheckModel, RequantPresentIffOutputIsU8OrS8)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].requant = nullptr; });
    EXPECT_BAD_AT(kConvS32,
                  [](TestModel& m) { m.layers[kConvS32].requant = m.owned[kConv0].requant.data(); });
    EXPECT_BAD_AT(kRequant, [](TestModel& m) { m.layers[kRequant].requant = nullptr; });
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.layers[kFc].requant = m.owned[kConv0].requant.data(); });
}

TEST(CnnCheckModel, MultiplierMustBeZeroOrInRange)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.owned[kConv0].requant[0].multiplier = (1 << 30) - 1; });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.owned[kConv0].requant[2].multiplier = -(1 << 30); });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.owned[kConv0].requant[3].multiplier = 1; });  // last channel
    EXPECT_BAD_AT(kRequant, [](TestModel& m) { m.owned[kRequant].requant[0].multiplier = 12345; });
}

TEST(CnnCheckModel, ShiftMustBeInTfliteRange)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.owned[kConv0].requant[3].shift = -32; });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.owned[kConv0].requant[0].shift = 31; });
}

TEST(CnnCheckModel, ClampMustBeOrderedAndWithinTheDtype)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) {
        m.layers[kConv0].act_min = 5;
        m.layers[kConv0].act_max = 4;
    });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].act_min = -129; });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].act_max = 128; });
    EXPECT_BAD_AT(kRequant, [](TestModel& m) { m.layers[kRequant].act_max = 256; });
    EXPECT_BAD_AT(kRequant, [](TestModel& m) { m.layers[kRequant].act_min = -1; });
}

TEST(CnnCheckModel, EngineIdMustExist)
{
    EXPECT_BAD_AT(kAvgpool, [](TestModel& m) { m.layers[kAvgpool].engine = CNN_ENGINE_COUNT; });
}

TEST(CnnCheckModel, OpMustExist)
{
    EXPECT_BAD_AT(kRelu, [](TestModel& m) { m.layers[kRelu].op = CNN_OP_COUNT; });
}

TEST(CnnCheckModel, ArenaHalfMustHoldEveryTensor)
{
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.model.max_activation_bytes = 255; });  // conv0 out: 256
    // Layer 4 writes 30 x 2 x 2 S32 = 480 bytes (its parameters resized to match).
    EXPECT_BAD_AT(kConvS32, [](TestModel& m) {
        m.layers[kConvS32].out.c = 30;
        m.owned[kConvS32].weights.resize(30 * 4);
        m.owned[kConvS32].bias.resize(30);
        m.layers[kConvS32].weights = m.owned[kConvS32].weights.data();
        m.layers[kConvS32].bias = m.owned[kConvS32].bias.data();
    });
}

TEST(CnnCheckModel, ShapesMustBeNonEmptyWithAKnownDtype)
{
    EXPECT_BAD_AT(0, [](TestModel& m) {
        m.model.input.c = 0;
        m.layers[0].in.c = 0;
    });
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.layers[kFc].out.dtype = 3; });
}

TEST(CnnCheckModel, FcOutputIsNx1x1)
{
    EXPECT_BAD_AT(kFc, [](TestModel& m) {
        m.layers[kFc].out.c = 1;
        m.layers[kFc].out.w = 5;
    });
}

TEST(CnnCheckModel, AccumulatorsMustNotOverflow)
{
    // Bias near INT32_MAX: |bias| + sum |w| * 255 exceeds int32 for some input.
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.owned[kFc].bias[4] = 0x7fffffff - 1000; });
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.owned[kConv0].bias[0] = -0x7fffffff; });
    // Exactly at the limit is fine: the worst-case sum equals INT32_MAX.
    const auto result = check_edited([](TestModel& m) {
        int64_t sum = 0;
        for (size_t i = 4 * 12; i < 5 * 12; i++) sum += std::abs(int{m.owned[kFc].weights[i]}) * 255;
        m.owned[kFc].bias[4] = static_cast<int32_t>(0x7fffffff - sum);
    });
    EXPECT_EQ(result.first, CNN_OK);
}

TEST(CnnCheckModel, NumClassesFitTheLastOutput)
{
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.model.num_classes = 6; });
}

TEST(CnnCheckModel, EmptyModel)
{
    EXPECT_BAD_AT(0, [](TestModel& m) { m.layers.clear(); });
}

TEST(CnnCheckModel, LowBitWeightsMustBeWithinTheirLevels)
{
    const auto set_weights = [](TestModel& m, std::initializer_list<int> cycle, unsigned bits) {
        auto& w = m.owned[kFc].weights;
        size_t i = 0;
        for (auto& v : w) v = static_cast<int8_t>(cycle.begin()[i++ % cycle.size()]);
        m.layers[kFc].weight_bits = static_cast<uint8_t>(bits);
    };
    const auto status = [](const std::function<void(TestModel&)>& edit) { return check_edited(edit).first; };
    // The levels of each width pass: -1/+1 (1 bit), [-2, 1] (2 bits), [-8, 7] (4 bits), int8 (8 and 0).
    EXPECT_EQ(status([&](TestModel& m) { set_weights(m, {-1, 1}, 1); }), CNN_OK);
    EXPECT_EQ(status([&](TestModel& m) { set_weights(m, {-2, -1, 0, 1}, 2); }), CNN_OK);
    EXPECT_EQ(status([&](TestModel& m) { set_weights(m, {-8, 7, 0}, 4); }), CNN_OK);
    EXPECT_EQ(status([&](TestModel& m) { set_weights(m, {-128, 127}, 8); }), CNN_OK);
    EXPECT_EQ(status([&](TestModel& m) { set_weights(m, {-128, 127}, 0); }), CNN_OK);
    // One level outside: 0 is no 1-bit weight, 2 no 2-bit one, -9 no 4-bit one; 9 bits do not exist.
    EXPECT_BAD_AT(kFc, [&](TestModel& m) { set_weights(m, {-1, 1, 1, 0}, 1); });
    EXPECT_BAD_AT(kFc, [&](TestModel& m) { set_weights(m, {-2, 1, 2}, 2); });
    EXPECT_BAD_AT(kFc, [&](TestModel& m) { set_weights(m, {7, -9}, 4); });
    EXPECT_BAD_AT(kFc, [&](TestModel& m) { set_weights(m, {1}, 9); });
    // The last weight of the last channel counts too.
    EXPECT_BAD_AT(kFc, [&](TestModel& m) {
        set_weights(m, {-1, 1}, 1);
        m.owned[kFc].weights.back() = 3;
    });
    // Conv2d the same.
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].weight_bits = 1; });
}

TEST(CnnCheckModel, LowBitInputMustFitItsBits)
{
    const auto status = [](const std::function<void(TestModel&)>& edit) { return check_edited(edit).first; };
    // fc reads the requantize layer's U8 output clamped to [0, 15]: 4 bits (or more) hold it.
    EXPECT_EQ(status([](TestModel& m) { m.layers[kFc].input_bits = 4; }), CNN_OK);
    EXPECT_EQ(status([](TestModel& m) { m.layers[kFc].input_bits = 7; }), CNN_OK);
    EXPECT_EQ(status([](TestModel& m) { m.layers[kConv0].input_bits = 8; }), CNN_OK);
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.layers[kFc].input_bits = 3; });
    EXPECT_BAD_AT(kFc, [](TestModel& m) { m.layers[kFc].input_bits = 9; });
    // The model input is a whole uint8; S8 input has no M-bit unsigned form.
    EXPECT_BAD_AT(kConv0, [](TestModel& m) { m.layers[kConv0].input_bits = 7; });
    EXPECT_BAD_AT(kConvS32, [](TestModel& m) { m.layers[kConvS32].input_bits = 4; });
}
