// The host-side shortcuts of the model (operands gathered once per row group, word-wise bit
// counts, senses into a reused row) give what the plain per-element, per-plane, per-column forms
// give; and a window changed in the middle of a command is seen by its next row loads, as when
// every load gathered from the window.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/conv_reference.h"
#include "mram/model/plane_rows.h"
#include "mram_test_util.h"

namespace pimsoc::mram {
namespace {

using test::put;
using test::random_values;

TEST(MramHostSpeed, WordWisePopcountEqualsTheColumnLoop)
{
    std::mt19937_64 rng(3);
    RowBits bits(5);
    for (auto& w : bits) w = rng();
    for (uint32_t first = 0; first < 5 * 64; first += 7) {
        for (uint32_t width = 0; first + width <= 5 * 64; width += 13) {
            uint32_t want = 0;
            for (uint32_t c = first; c < first + width; ++c) want += (bits[c / 64] >> (c % 64)) & 1u;
            ASSERT_EQ(Subarray::popcount(bits, first, width), want) << first << "+" << width;
        }
    }
}

TEST(MramHostSpeed, SenseIntoEqualsSense)
{
    Subarray s(4, 100);
    Counters c;
    RowBits a = s.empty_row(), b = s.empty_row();
    a[0] = 0xF0F0F0F0F0F0F0F0ull;
    a[1] = 0x123456789ull;
    b[0] = 0xFF00FF00FF00FF00ull;
    b[1] = ~0ull;
    s.write_row(1, a, c);
    s.write_row(2, b, c);
    RowBits out(7, 0xAAu);  // a reused row of another size is resized and overwritten
    for (SenseReference r : {SenseReference::and_ref, SenseReference::or_ref}) {
        s.sense_into(1, 2, r, out, c);
        EXPECT_EQ(out, s.sense(1, 2, r, c));
    }
    s.read_row_into(2, out, c);
    EXPECT_EQ(out, s.read_row(2, c));
}

// gather() of every chunk of every output equals activation_raw/weight_raw element by element,
// padding, stride and several channels included.
TEST(MramHostSpeed, GatherEqualsElementWiseOperands)
{
    std::mt19937_64 rng(11);
    std::vector<uint8_t> window(8192);
    for (auto& byte : window) byte = static_cast<uint8_t>(rng());
    const Conv2dCommand conv = [] {
        Conv2dCommand c = pimsoc::test::conv_command({ElemType::u4, ElemType::i2, 3, 9, 7, 3, 5, 2, 1, 2, 1});
        c.in = 0;
        c.kernel = 4096;
        return c;
    }();
    const DotCommand dot = test::dot(ElemType::unsigned_bits(3), ElemType::i8, 0, 4096, 37, 5, 29, 40, 0);
    for (const OperandSource& src : {OperandSource(conv), OperandSource(dot)}) {
        for (uint64_t k = 0; k < src.outputs(); ++k) {
            for (uint32_t first = 0; first < src.length(); first += 4) {
                const uint32_t count = std::min<uint32_t>(9, src.length() - first);
                std::vector<uint64_t> a(count), w(count);
                src.gather(window.data(), k, first, count, a.data(), w.data());
                for (uint32_t i = 0; i < count; ++i) {
                    ASSERT_EQ(a[i], src.activation_raw(window.data(), k, first + i)) << k << " " << first + i;
                    ASSERT_EQ(w[i], src.weight_raw(window.data(), k, first + i)) << k << " " << first + i;
                }
            }
        }
    }
}

// A command paused after its first row load: new activations loaded then are what its later
// rows (and so its results) hold, exactly as a model gathering at every row load computes.
TEST(MramHostSpeed, WindowChangedInACommandIsSeenByItsNextRows)
{
    MramArray m(test::small_config());
    const DotCommand cmd = test::dot(ElemType::u4, ElemType::u4, 0, 1024, 40, 3, 20, 20, 2048);
    std::mt19937_64 rng(5);
    const auto a0 = random_values(rng, ElemType::u4, 120);
    const auto a1 = random_values(rng, ElemType::u4, 120);
    const auto w = random_values(rng, ElemType::u4, 120);
    put(m, cmd.a, ElemType::u4, a0);
    put(m, cmd.b, ElemType::u4, w);
    RunOptions o;
    o.max_steps = 1;  // row 0 (activation plane 0) of the first group, from a0
    ASSERT_EQ(m.run(cmd, nullptr, o).error, MramError::none);
    put(m, cmd.a, ElemType::u4, a1);
    std::vector<int32_t> r;
    ASSERT_EQ(m.resume(&r).error, MramError::none);
    // Plane 0 of the activations came from a0, planes 1..3 from a1.
    for (uint32_t k = 0; k < 3; ++k) {
        int64_t want = 0;
        for (uint32_t i = 0; i < 40; ++i) {
            const int64_t mixed = (a0[40 * k + i] & 1) | (a1[40 * k + i] & ~int64_t{1});
            want += mixed * w[40 * k + i];
        }
        EXPECT_EQ(r[k], want) << k;
    }
}

}  // namespace
}  // namespace pimsoc::mram
