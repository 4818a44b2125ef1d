// One sub-array's operations: the sense amplifier's AND and OR references and the single-row read
// (truth tables), row writes, per-segment bit-counts and what each operation counts.
#include <gtest/gtest.h>

#include "mram/model/subarray.h"

namespace pimsoc::mram {
namespace {

// Rows 0 and 1 hold the four column combinations (a, b) = (0,0), (0,1), (1,0), (1,1) in columns
// 0..3, repeated over 100 columns (two words, the second partial).
Subarray truth_table_rows(Counters& c)
{
    Subarray s(16, 100);
    RowBits a = s.empty_row(), b = s.empty_row();
    for (uint32_t col = 0; col < 100; ++col) {
        if (col % 4 >= 2) a[col / 64] |= 1ull << (col % 64);
        if (col % 2 == 1) b[col / 64] |= 1ull << (col % 64);
    }
    s.write_row(0, a, c);
    s.write_row(1, b, c);
    return s;
}

TEST(MramSubarray, SenseTruthTables)
{
    Counters c;
    const Subarray s = truth_table_rows(c);
    const RowBits and_bits = s.sense(0, 1, SenseReference::and_ref, c);
    const RowBits or_bits = s.sense(0, 1, SenseReference::or_ref, c);
    const RowBits read_a = s.read_row(0, c);
    for (uint32_t col = 0; col < 100; ++col) {
        const bool a = col % 4 >= 2, b = col % 2 == 1;
        EXPECT_EQ(Subarray::popcount(and_bits, col, 1), (a && b) ? 1u : 0u) << col;
        EXPECT_EQ(Subarray::popcount(or_bits, col, 1), (a || b) ? 1u : 0u) << col;
        EXPECT_EQ(Subarray::popcount(read_a, col, 1), a ? 1u : 0u) << col;
    }
    EXPECT_EQ(c.row_writes, 2u);
    EXPECT_EQ(c.write_bits, 200u);
    EXPECT_EQ(c.and_senses, 1u);
    EXPECT_EQ(c.or_senses, 1u);
    EXPECT_EQ(c.sense_bits, 200u);
    EXPECT_EQ(c.row_reads, 1u);
    EXPECT_EQ(c.read_bits, 100u);
}

TEST(MramSubarray, SegmentCountsAndColumnsBeyondTheRow)
{
    Counters c;
    Subarray s(16, 100);
    RowBits ones(s.words_per_row(), ~0ull);  // bits beyond column 99 are not stored
    s.write_row(5, ones, c);
    const RowBits r = s.read_row(5, c);
    EXPECT_EQ(r[1] >> 36, 0u);
    EXPECT_EQ(Subarray::popcount(r, 0, 100), 100u);
    EXPECT_EQ(Subarray::popcount(r, 60, 8), 8u);  // a segment across the word boundary
    EXPECT_TRUE(s.bit(5, 99));
    EXPECT_FALSE(s.bit(4, 99));
    // The AND of a row with itself is the row; with an empty row nothing.
    EXPECT_EQ(Subarray::popcount(s.sense(5, 5, SenseReference::and_ref, c), 0, 100), 100u);
    EXPECT_EQ(Subarray::popcount(s.sense(5, 6, SenseReference::and_ref, c), 0, 100), 0u);
    EXPECT_EQ(Subarray::popcount(s.sense(5, 6, SenseReference::or_ref, c), 0, 100), 100u);
}

}  // namespace
}  // namespace pimsoc::mram
