// The regions of the shared descriptors and the banked-memory checks (docs/models/pim.md,
// "Regions"): each error, their order, packed lengths of low-bit vectors, overflowing strides.
#include <gtest/gtest.h>

#include <cstdint>

#include "pim/model/regions.h"

using namespace pimsoc::pim;

namespace {

const BankedMemory memory{4096, 1024};  // 4 banks of 1 KiB

DotCommand dot()
{
    DotCommand c;
    c.type_a = ElemType::u8;
    c.type_b = ElemType::i8;
    c.a = 0;
    c.b = 100;
    c.length = 10;
    c.count = 4;
    c.stride_b = 10;
    c.dst = 200;
    return c;
}

}  // namespace

TEST(PimRegions, DotRegionsAndTheirLengths)
{
    DotCommand c = dot();
    c.has_bias = true;
    c.bias = 300;
    const CommandRegions r = regions(c, memory.capacity);
    ASSERT_EQ(r.n_in, 3u);
    ASSERT_EQ(r.n_out, 1u);
    EXPECT_FALSE(r.overflow);
    EXPECT_EQ(r.in[0].length, 10u) << "stride 0: one vector";
    EXPECT_EQ(r.in[1].length, 40u) << "3 strides of 10 + 10";
    EXPECT_EQ(r.in[2].length, 16u);
    EXPECT_EQ(r.in[2].align, 4u);
    EXPECT_EQ(r.out[0].length, 16u);
    EXPECT_EQ(check_regions(r, memory), Error::none);

    c.type_a = ElemType::u4;  // 10 nibbles = 5 bytes
    c.type_b = ElemType::i1;  // 10 bits = 2 bytes
    c.stride_b = 2;
    c.write_result = false;
    c.has_bias = false;
    const CommandRegions low = regions(c, memory.capacity);
    EXPECT_EQ(low.in[0].length, 5u);
    EXPECT_EQ(low.in[1].length, 8u);
    EXPECT_EQ(low.in[1].align, 1u);
    EXPECT_EQ(low.n_in, 2u);
    EXPECT_EQ(low.n_out, 0u);
}

TEST(PimRegions, ConvRegions)
{
    Conv2dCommand c;
    c.in_type = ElemType::u2;
    c.kernel_type = ElemType::i16;
    c.channels = 2;
    c.height = 5;
    c.width = 5;
    c.kernel_h = 3;
    c.kernel_w = 3;
    c.kernel = 64;
    c.dst = 128;
    const CommandRegions r = regions(c);
    ASSERT_EQ(r.n_in, 2u);
    EXPECT_EQ(r.in[0].length, 13u) << "50 two-bit elements";
    EXPECT_EQ(r.in[1].length, 36u);
    EXPECT_EQ(r.in[1].align, 2u);
    EXPECT_EQ(r.out[0].length, 36u) << "3 x 3 int32";
    EXPECT_EQ(check_regions(r, memory), Error::none);
}

TEST(PimRegions, EachCheckInItsOrder)
{
    auto check = [](const DotCommand& c) { return check_regions(regions(c, memory.capacity), memory); };
    DotCommand c = dot();
    c.b = 4090;
    EXPECT_EQ(check(c), Error::out_of_range);
    c = dot();
    c.stride_b = 0xFFFFFFF0u;
    EXPECT_EQ(check(c), Error::out_of_range) << "the strides overflow the memory";
    EXPECT_TRUE(regions(c, memory.capacity).overflow);
    c = dot();
    c.dst = 202;
    EXPECT_EQ(check(c), Error::misaligned);
    c = dot();
    c.dst = 1024;
    EXPECT_EQ(check(c), Error::cross_bank);
    c = dot();
    c.b = 1020;
    EXPECT_EQ(check(c), Error::cross_bank) << "a region straddling two banks";
    c = dot();
    c.dst = 104;
    EXPECT_EQ(check(c), Error::overlap);
    c = dot();
    c.dst = 140;
    EXPECT_EQ(check(c), Error::none) << "right after B's last byte (139)";
    // Order: out_of_range before misaligned before cross_bank before overlap.
    c = dot();
    c.a = 4095;
    c.dst = 1026;
    EXPECT_EQ(check(c), Error::out_of_range);
    c = dot();
    c.dst = 1026;
    EXPECT_EQ(check(c), Error::misaligned);
    c = dot();
    c.dst = 1024;
    c.b = 1000;
    EXPECT_EQ(check(c), Error::cross_bank);
}

TEST(PimRegions, NoRegionsPassAndOneByteAtTheEndFits)
{
    EXPECT_EQ(check_regions(CommandRegions{}, memory), Error::none);
    CommandRegions r;
    r.add_in({4095, 1, 1});
    EXPECT_EQ(check_regions(r, memory), Error::none);
    r.in[0].length = 2;
    EXPECT_EQ(check_regions(r, memory), Error::out_of_range);
}
