// One computational SOT-MRAM sub-array: R rows x C columns of bits with the operations of the
// paper's sub-array (Roohi et al., ISQED 2019): a row write through the SOT write path, a
// single-row read, and a dual-row activation whose sense amplifiers compare each column's
// bit-line current against a selectable reference, giving AND or OR of the two rows in one sense
// cycle. Each operation counts itself into the caller's Counters (one row, C columns); its time is
// the caller's (the bank runs its sub-arrays in lock step).
//
// Sensing: a column's current grows with the number of its activated cells in the low-resistance
// (parallel, '1') state: 0, 1 or 2 of the two. The AND reference lies between 1 and 2 cells, the
// OR reference between 0 and 1, the read reference (one row) between 0 and 1.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <vector>

#include "cost.h"

namespace pimsoc::mram {

enum class SenseReference : uint8_t { and_ref, or_ref };

// The bits of one row, column c = bit c % 64 of word c / 64; bits beyond C are 0.
using RowBits = std::vector<uint64_t>;

class Subarray {
public:
    Subarray(uint32_t rows, uint32_t columns);

    uint32_t rows() const { return m_rows; }
    uint32_t columns() const { return m_columns; }
    uint32_t words_per_row() const { return m_words; }
    RowBits empty_row() const { return RowBits(m_words, 0); }

    // Row operations (row < rows(); bits.size() == words_per_row(), bits beyond C ignored).
    void write_row(uint32_t row, const RowBits& bits, Counters& counters);
    RowBits read_row(uint32_t row, Counters& counters) const;
    RowBits sense(uint32_t row_a, uint32_t row_b, SenseReference reference, Counters& counters) const;
    // The same two operations into a caller's row (resized to words_per_row()), so that a loop of
    // senses allocates nothing.
    void read_row_into(uint32_t row, RowBits& out, Counters& counters) const;
    void sense_into(uint32_t row_a, uint32_t row_b, SenseReference reference, RowBits& out,
                    Counters& counters) const;

    // The bit-counter of the segment [first, first + width) of a sensed row (not counted here: the
    // caller counts its segments).
    static uint32_t popcount(const RowBits& bits, uint32_t first, uint32_t width);

    // Contents without cost (tests, traces).
    bool bit(uint32_t row, uint32_t column) const;

private:
    uint32_t m_rows;
    uint32_t m_columns;
    uint32_t m_words;
    std::vector<uint64_t> m_bits;  // row-major, words_per_row words per row
};

}  // namespace pimsoc::mram
