// AND-accumulation against plain integer dot products: the term list, exhaustive products of every
// value pair for small widths (unsigned, two's complement, +-1 weights), and random vectors of
// every width 1..8 with both signs.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "mram_test_util.h"

namespace pimsoc::mram {
namespace {

using test::put;
using test::reference_dot;

ElemType type_of(uint32_t bits, bool is_signed)
{
    return is_signed ? ElemType::signed_bits(bits) : ElemType::unsigned_bits(bits);
}

// The formula, evaluated on the terms alone (no sub-array): must equal a * w for single elements.
int64_t evaluate_terms(const std::vector<Term>& terms, ElemType ta, ElemType tw, int64_t a, int64_t w)
{
    const uint64_t ra = pim::to_bits(ta, a), rw = pim::to_bits(tw, w);
    int64_t s = 0;
    for (const Term& t : terms) {
        const uint64_t bit_a = (ra >> t.m) & 1u;
        const uint64_t count = t.kind == Term::Kind::activation_sum ? bit_a : bit_a & ((rw >> t.n) & 1u);
        const int64_t v = static_cast<int64_t>(count) << t.shift;
        s += t.negative ? -v : v;
    }
    return s;
}

TEST(MramAndAccumulate, TermsOfTheSignedSchemes)
{
    // u2 x i2: the weight's top plane n = 1 is negative.
    const std::vector<Term> t = and_accumulation_terms(ElemType::u2, ElemType::i2, WeightCoding::plain);
    ASSERT_EQ(t.size(), 4u);
    EXPECT_FALSE(t[0].negative);  // m0 n0
    EXPECT_TRUE(t[1].negative);   // m0 n1
    EXPECT_FALSE(t[2].negative);  // m1 n0
    EXPECT_TRUE(t[3].negative);   // m1 n1
    EXPECT_EQ(t[3].shift, 2u);
    // i2 x i2: top x top is positive again.
    EXPECT_FALSE(and_accumulation_terms(ElemType::i2, ElemType::i2, WeightCoding::plain)[3].negative);
    // u2 x +-1: (AND m0, shift 1, +), (sum m0, shift 0, -), (AND m1, shift 2, +), (sum m1, shift 1, -).
    const std::vector<Term> pm =
        and_accumulation_terms(ElemType::u2, ElemType::u1, WeightCoding::plus_minus_one);
    ASSERT_EQ(pm.size(), 4u);
    EXPECT_EQ(pm[1].kind, Term::Kind::activation_sum);
    EXPECT_EQ(pm[1].shift, 0u);
    EXPECT_TRUE(pm[1].negative);
    EXPECT_EQ(pm[2].shift, 2u);
    EXPECT_FALSE(pm[2].negative);
    for (uint32_t ma = 1; ma <= 8; ++ma)
        for (uint32_t nw = 1; nw <= 8; ++nw)
            for (int sa = 0; sa < 2; ++sa)
                for (int sw = 0; sw < 2; ++sw) {
                    const ElemType ta = type_of(ma, sa), tw = type_of(nw, sw);
                    const auto terms = and_accumulation_terms(ta, tw, WeightCoding::plain);
                    for (int64_t a : {pim::min_value(ta), int64_t{0}, pim::max_value(ta)})
                        for (int64_t w : {pim::min_value(tw), pim::max_value(tw), int64_t{1} - sw})
                            ASSERT_EQ(evaluate_terms(terms, ta, tw, a, w), a * w)
                                << to_string(ta) << to_string(tw);
                }
}

// Every (a, w) value pair of the types as a DOT batch of length-1 products, on the sub-arrays.
void exhaustive_pairs(ElemType ta, ElemType tw, WeightCoding coding)
{
    MramArray m(test::small_config());
    std::vector<int64_t> a, w;
    for (int64_t x = pim::min_value(ta); x <= pim::max_value(ta); ++x)
        for (int64_t y = pim::min_value(tw); y <= pim::max_value(tw); ++y) {
            a.push_back(x);
            w.push_back(y);
        }
    // One element per byte (element 0 of a packed vector at each byte): strides of one byte.
    auto one_per_byte = [&m](uint64_t address, ElemType t, const std::vector<int64_t>& v) {
        std::vector<uint8_t> bytes(v.size());
        for (size_t i = 0; i < v.size(); ++i) bytes[i] = static_cast<uint8_t>(pim::to_bits(t, v[i]));
        ASSERT_TRUE(m.load(address, bytes.data(), bytes.size()));
    };
    one_per_byte(0, ta, a);
    one_per_byte(4096, tw, w);
    DotCommand cmd = test::dot(ta, tw, 0, 4096, 1, static_cast<uint32_t>(a.size()), 1, 1, 0);
    cmd.write_result = false;
    std::vector<int32_t> r;
    RunOptions o;
    o.coding = coding;
    ASSERT_EQ(m.run(cmd, &r, o).error, MramError::none);
    ASSERT_EQ(r.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i)
        ASSERT_EQ(r[i], reference_dot(&a[i], &w[i], 1, tw, coding, 0))
            << to_string(ta) << " x " << to_string(tw) << ": " << a[i] << " * " << w[i];
}

TEST(MramAndAccumulate, ExhaustiveSmallWidths)
{
    for (uint32_t ma = 1; ma <= 4; ++ma)
        for (uint32_t nw = 1; nw <= 4; ++nw)
            for (int sa = 0; sa < 2; ++sa)
                for (int sw = 0; sw < 2; ++sw)
                    exhaustive_pairs(type_of(ma, sa), type_of(nw, sw), WeightCoding::plain);
}

TEST(MramAndAccumulate, ExhaustivePlusMinusOneWeights)
{
    for (uint32_t ma = 1; ma <= 8; ++ma)
        for (int sa = 0; sa < 2; ++sa)
            exhaustive_pairs(type_of(ma, sa), ElemType::u1, WeightCoding::plus_minus_one);
}

// Random vectors of every width pair and sign, lengths across several segments, a batch of
// products with their own A and B vectors (packed, byte-aligned strides).
TEST(MramAndAccumulate, RandomVectorsEveryWidth)
{
    std::mt19937_64 rng(13);
    MramArray m(test::small_config());
    for (uint32_t ma = 1; ma <= 8; ++ma)
        for (uint32_t nw = 1; nw <= 8; ++nw)
            for (int signs = 0; signs < 4; ++signs) {
                const ElemType ta = type_of(ma, signs & 1), tw = type_of(nw, signs & 2);
                const uint32_t length = 1 + static_cast<uint32_t>(rng() % 90);
                const uint32_t count = 1 + static_cast<uint32_t>(rng() % 7);
                const uint32_t sa = static_cast<uint32_t>(pim::packed_bytes(ta, length));
                const uint32_t sb = static_cast<uint32_t>(pim::packed_bytes(tw, length));
                std::vector<std::vector<int64_t>> a(count), w(count);
                for (uint32_t k = 0; k < count; ++k) {
                    a[k] = test::random_values(rng, ta, length);
                    w[k] = test::random_values(rng, tw, length);
                    put(m, k * sa, ta, a[k]);
                    put(m, 4096 + k * sb, tw, w[k]);
                }
                DotCommand cmd = test::dot(ta, tw, 0, 4096, length, count, sa, sb, 12288);
                cmd.init = static_cast<int32_t>(rng() % 1000) - 500;
                std::vector<int32_t> r;
                ASSERT_EQ(m.run(cmd, &r).error, MramError::none);
                for (uint32_t k = 0; k < count; ++k) {
                    const int32_t want =
                        reference_dot(a[k].data(), w[k].data(), length, tw, WeightCoding::plain, cmd.init);
                    ASSERT_EQ(r[k], want) << to_string(ta) << " x " << to_string(tw) << " product " << k;
                    int32_t written = 0;
                    ASSERT_TRUE(m.dump(12288 + 4 * k, &written, 4));
                    EXPECT_EQ(written, want);
                }
            }
}

}  // namespace
}  // namespace pimsoc::mram
