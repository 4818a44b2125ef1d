// The shared command descriptors' validate(): every error each one can return, in its order
// (docs/models/pim.md, "Descriptors").
#include <gtest/gtest.h>

#include <functional>

#include "pim/model/descriptors.h"

using namespace pimsoc::pim;

namespace {

DotCommand good_dot()
{
    DotCommand c;
    c.type_a = ElemType::u4;
    c.type_b = ElemType::i2;
    c.length = 100;
    c.count = 3;
    c.stride_a = 0;
    c.stride_b = 25;  // 100 i2 weights = 25 bytes per row: any byte stride for sub-byte types
    return c;
}

Conv2dCommand good_conv()
{
    Conv2dCommand c;
    c.channels = 3;
    c.height = 28;
    c.width = 28;
    c.kernel_h = 5;
    c.kernel_w = 5;
    c.pad_h = 2;
    c.pad_w = 2;
    return c;
}

MvmCommand good_mvm()
{
    MvmCommand c;
    c.x_type = ElemType::u8;
    c.matrix_type = ElemType::i16;
    c.rows = 10;
    c.cols = 7;
    c.row_stride = 14;
    return c;
}

template <typename Cmd>
Error with(Cmd (*make)(), const std::function<void(Cmd&)>& change)
{
    Cmd c = make();
    change(c);
    return validate(c);
}

}  // namespace

TEST(PimDescriptors, DotChecks)
{
    EXPECT_EQ(validate(good_dot()), Error::none);
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) { c.type_a = ElemType{}; }), Error::bad_type);
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) { c.type_b = ElemType::signed_bits(40); }), Error::bad_type);
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) { c.length = 0; }), Error::zero_size);
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) { c.count = 0; }), Error::zero_size);
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) { c.type_b = ElemType::i16; }), Error::bad_stride)
        << "stride 25 is not a multiple of 2";
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) {
                  c.type_a = ElemType::i32;
                  c.stride_a = 6;
              }),
              Error::bad_stride);
    // Order: the type before the sizes before the strides.
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) {
                  c.type_a = ElemType{};
                  c.length = 0;
              }),
              Error::bad_type);
    EXPECT_EQ(with<DotCommand>(good_dot, [](DotCommand& c) {
                  c.count = 0;
                  c.stride_a = 1;
                  c.type_a = ElemType::u16;
              }),
              Error::zero_size);
}

TEST(PimDescriptors, ConvChecks)
{
    EXPECT_EQ(validate(good_conv()), Error::none);
    using C = Conv2dCommand;
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.kernel_type = ElemType{}; }), Error::bad_type);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.channels = 0; }), Error::zero_size);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.height = 0; }), Error::zero_size);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.width = 0; }), Error::zero_size);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.kernel_h = 0; }), Error::zero_size);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.kernel_w = 0; }), Error::zero_size);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.channels = max_conv_dim + 1; }), Error::too_large);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.width = max_conv_dim + 1; }), Error::too_large);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.kernel_h = max_conv_kernel + 1; }), Error::bad_kernel);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.stride_w = 0; }), Error::bad_stride);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.stride_h = max_conv_stride + 1; }), Error::bad_stride);
    EXPECT_EQ(with<C>(good_conv, [](C& c) { c.pad_h = 5; }), Error::bad_padding);
    EXPECT_EQ(with<C>(good_conv, [](C& c) {
                  c.height = 2;
                  c.pad_h = 1;
              }),
              Error::bad_kernel)
        << "5 rows of kernel over 2 + 2 * 1 padded rows";
    EXPECT_EQ(with<C>(good_conv, [](C& c) {
                  c.height = 1;
                  c.pad_h = 2;
              }),
              Error::none)
        << "5 = 1 + 2 * 2 fits";
    Conv2dCommand c = good_conv();
    EXPECT_EQ(conv_out_height(c), 28u);
    c.stride_w = 2;
    c.pad_w = 0;
    EXPECT_EQ(conv_out_width(c), 12u);
}

TEST(PimDescriptors, MvmChecksAndItsDot)
{
    EXPECT_EQ(validate(good_mvm()), Error::none);
    using M = MvmCommand;
    EXPECT_EQ(with<M>(good_mvm, [](M& c) { c.x_type = ElemType::unsigned_bits(0); }), Error::bad_type);
    EXPECT_EQ(with<M>(good_mvm, [](M& c) { c.rows = 0; }), Error::zero_size);
    EXPECT_EQ(with<M>(good_mvm, [](M& c) { c.cols = 0; }), Error::zero_size);
    EXPECT_EQ(with<M>(good_mvm, [](M& c) { c.row_stride = 15; }), Error::bad_stride) << "odd stride for i16";
    EXPECT_EQ(with<M>(good_mvm, [](M& c) { c.row_stride = 12; }), Error::bad_stride) << "rows would overlap";
    EXPECT_EQ(with<M>(good_mvm, [](M& c) {
                  c.matrix_type = ElemType::i1;
                  c.cols = 9;
                  c.row_stride = 2;
              }),
              Error::none)
        << "9 one-bit weights fit 2 bytes";

    MvmCommand m = good_mvm();
    m.x = 64;
    m.matrix = 128;
    m.init = -5;
    m.has_bias = true;
    m.bias = 512;
    m.dst = 1024;
    const DotCommand d = to_dot(m);
    EXPECT_EQ(d.type_a, m.x_type);
    EXPECT_EQ(d.type_b, m.matrix_type);
    EXPECT_EQ(d.a, 64u);
    EXPECT_EQ(d.b, 128u);
    EXPECT_EQ(d.length, m.cols);
    EXPECT_EQ(d.count, m.rows);
    EXPECT_EQ(d.stride_a, 0u);
    EXPECT_EQ(d.stride_b, m.row_stride);
    EXPECT_EQ(d.init, -5);
    EXPECT_TRUE(d.has_bias);
    EXPECT_EQ(d.bias, 512u);
    EXPECT_EQ(d.dst, 1024u);
    EXPECT_EQ(validate(d), Error::none);
}
