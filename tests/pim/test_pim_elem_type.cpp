// Element types of the shared PIM layer: ranges, conversions and packing, for every width 1..32
// of either sign (docs/models/pim.md, "Element types" and "Packing").
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "pim/model/elem_type.h"

using namespace pimsoc::pim;

namespace {

std::vector<ElemType> every_type()
{
    std::vector<ElemType> types;
    for (uint32_t bits = 1; bits <= 32; ++bits) {
        types.push_back(ElemType::unsigned_bits(bits));
        types.push_back(ElemType::signed_bits(bits));
    }
    return types;
}

// Reference packing, one bit at a time, straight from the definition: element i's bit j is
// buffer bit i*n + j, buffer bit k is bit k % 8 of byte k / 8.
void reference_pack(std::vector<uint8_t>& buf, uint64_t index, ElemType t, int64_t value)
{
    const auto raw = static_cast<uint64_t>(value);
    for (uint32_t j = 0; j < t.bits(); ++j) {
        const uint64_t k = index * t.bits() + j;
        const auto bit = static_cast<uint8_t>(1u << (k % 8));
        if ((raw >> j) & 1u)
            buf[k / 8] = static_cast<uint8_t>(buf[k / 8] | bit);
        else
            buf[k / 8] = static_cast<uint8_t>(buf[k / 8] & ~bit);
    }
}

}  // namespace

TEST(PimElemType, RangesOfEveryWidth)
{
    for (const ElemType t : every_type()) {
        SCOPED_TRACE(to_string(t));
        ASSERT_TRUE(t.is_valid());
        const uint32_t n = t.bits();
        if (t.is_signed()) {
            EXPECT_EQ(min_value(t), -(int64_t{1} << (n - 1)));
            EXPECT_EQ(max_value(t), (int64_t{1} << (n - 1)) - 1);
        } else {
            EXPECT_EQ(min_value(t), 0);
            EXPECT_EQ(max_value(t), (int64_t{1} << n) - 1);
        }
        EXPECT_EQ(max_value(t) - min_value(t), (int64_t{1} << n) - 1) << "2^n values";
        EXPECT_TRUE(fits(t, min_value(t)));
        EXPECT_TRUE(fits(t, max_value(t)));
        EXPECT_FALSE(fits(t, min_value(t) - 1));
        EXPECT_FALSE(fits(t, max_value(t) + 1));
        EXPECT_EQ(elem_bytes(t), n <= 8 ? 1u : n <= 16 ? 2u : 4u);
        EXPECT_EQ(packed_bytes(t, 3), (3 * n + 7) / 8);
    }
}

TEST(PimElemType, NamedTypesAndNames)
{
    EXPECT_EQ(ElemType::i8, ElemType::signed_bits(8));
    EXPECT_EQ(ElemType::u1, ElemType::unsigned_bits(1));
    EXPECT_NE(ElemType::u8, ElemType::i8);
    EXPECT_EQ(to_string(ElemType::u4), "u4");
    EXPECT_EQ(to_string(ElemType::i32), "i32");
    EXPECT_EQ(to_string(ElemType::signed_bits(13)), "i13");
    EXPECT_EQ(min_value(ElemType::i1), -1);  // two's complement: {-1, 0}
    EXPECT_EQ(max_value(ElemType::i1), 0);
    EXPECT_EQ(max_value(ElemType::u32), 4294967295);
}

TEST(PimElemType, WidthsOutsideOneToThirtyTwoAreInvalid)
{
    EXPECT_FALSE(ElemType{}.is_valid());
    EXPECT_FALSE(ElemType::unsigned_bits(0).is_valid());
    EXPECT_FALSE(ElemType::signed_bits(33).is_valid());
    EXPECT_FALSE(ElemType::unsigned_bits(64).is_valid());
    EXPECT_EQ(to_string(ElemType::signed_bits(33)), "invalid");
}

TEST(PimElemType, WrapKeepsTheLowBitsAndSaturateClamps)
{
    for (const ElemType t : every_type()) {
        SCOPED_TRACE(to_string(t));
        const int64_t span = int64_t{1} << t.bits();
        const int64_t probes[] = {0, 1, -1, max_value(t), min_value(t), max_value(t) + 1, min_value(t) - 1,
                                  3 * span + 5, -7 * span - 3, INT64_C(123456789012)};
        for (const int64_t v : probes) {
            const int64_t w = wrap(t, v);
            EXPECT_TRUE(fits(t, w)) << v;
            EXPECT_EQ((v - w) % span, 0) << v << ": wrapping is modulo 2^n";
            if (fits(t, v)) {
                EXPECT_EQ(w, v);
            }
            const int64_t s = saturate(t, v);
            EXPECT_EQ(s, v < min_value(t) ? min_value(t) : v > max_value(t) ? max_value(t) : v) << v;
            EXPECT_EQ(from_bits(t, to_bits(t, v)), w) << v;
        }
    }
    EXPECT_EQ(wrap(ElemType::i8, 128), -128);
    EXPECT_EQ(wrap(ElemType::u4, 17), 1);
    EXPECT_EQ(wrap(ElemType::i2, 2), -2);
    EXPECT_EQ(saturate(ElemType::i4, 100), 7);
    EXPECT_EQ(saturate(ElemType::u2, -5), 0);
}

TEST(PimElemType, PackUnpackMatchesTheBitOrderForEveryWidth)
{
    for (const ElemType t : every_type()) {
        SCOPED_TRACE(to_string(t));
        const uint64_t count = 37;  // odd: elements straddle bytes at every offset
        std::vector<int64_t> values(count);
        uint64_t x = 0x9E3779B97F4A7C15ull;
        for (uint64_t i = 0; i < count; ++i) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            values[i] = wrap(t, static_cast<int64_t>(x >> 17));
        }
        values[0] = min_value(t);
        values[1] = max_value(t);
        // Surrounding bytes that must survive: a guard before and after, and every bit of the
        // buffer preset to 1 so that pack() must clear the zeros itself.
        std::vector<uint8_t> packed(packed_bytes(t, count) + 2, 0xFF);
        std::vector<uint8_t> expected(packed);
        pack(packed.data() + 1, t, values.data(), count);
        std::vector<uint8_t> ref_body(expected.begin() + 1, expected.end());
        for (uint64_t i = 0; i < count; ++i) reference_pack(ref_body, i, t, values[i]);
        std::copy(ref_body.begin(), ref_body.end(), expected.begin() + 1);
        EXPECT_EQ(packed, expected);
        EXPECT_EQ(packed.front(), 0xFF);
        EXPECT_EQ(packed.back(), 0xFF);

        std::vector<int64_t> back(count);
        unpack(packed.data() + 1, t, back.data(), count);
        EXPECT_EQ(back, values);
        for (uint64_t i = 0; i < count; ++i) EXPECT_EQ(unpack(packed.data() + 1, i, t), values[i]) << i;
    }
}

TEST(PimElemType, PackingExamplesByHand)
{
    // u4 {1, 2, 15}: low nibble first -> 0x21, 0x0F.
    uint8_t nibbles[2] = {0, 0};
    const int64_t v4[] = {1, 2, 15};
    pack(nibbles, ElemType::u4, v4, 3);
    EXPECT_EQ(nibbles[0], 0x21);
    EXPECT_EQ(nibbles[1], 0x0F);
    // i2 {-1, 1, -2, 0} -> bits 11, 01, 10, 00 from bit 0: 0b00100111.
    uint8_t twos = 0xFF;
    const int64_t v2[] = {-1, 1, -2, 0};
    pack(&twos, ElemType::i2, v2, 4);
    EXPECT_EQ(twos, 0x27);
    // i32 is the CPU's little-endian int32.
    uint8_t word[4];
    pack(word, 0, ElemType::i32, -2);
    EXPECT_EQ(word[0], 0xFE);
    EXPECT_EQ(word[3], 0xFF);
    // u1 bits: element 9 is bit 1 of byte 1; storing 1 there leaves the rest.
    uint8_t bits[2] = {0, 0};
    pack(bits, 9, ElemType::u1, 1);
    EXPECT_EQ(bits[0], 0);
    EXPECT_EQ(bits[1], 0x02);
    // Storing an out-of-range value wraps it.
    uint8_t one = 0;
    pack(&one, 0, ElemType::u4, 0x1F);
    EXPECT_EQ(unpack(&one, 0, ElemType::u4), 15);
    EXPECT_EQ(one, 0x0F);
}
