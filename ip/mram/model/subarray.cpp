#include "subarray.h"

namespace pimsoc::mram {

namespace {
// The columns a word of the row holds (the last word may be partial).
uint64_t word_mask(uint32_t columns, uint32_t word)
{
    const uint32_t first = word * 64;
    const uint32_t n = columns - first >= 64 ? 64 : columns - first;
    return n == 64 ? ~0ull : (1ull << n) - 1;
}
}  // namespace

Subarray::Subarray(uint32_t rows, uint32_t columns)
    : m_rows(rows),
      m_columns(columns),
      m_words((columns + 63) / 64),
      m_bits(static_cast<size_t>(rows) * m_words, 0)
{
}

void Subarray::write_row(uint32_t row, const RowBits& bits, Counters& counters)
{
    uint64_t* dst = &m_bits[static_cast<size_t>(row) * m_words];
    for (uint32_t w = 0; w < m_words; ++w) dst[w] = bits[w] & word_mask(m_columns, w);
    counters.row_writes += 1;
    counters.write_bits += m_columns;
}

RowBits Subarray::read_row(uint32_t row, Counters& counters) const
{
    RowBits out;
    read_row_into(row, out, counters);
    return out;
}

void Subarray::read_row_into(uint32_t row, RowBits& out, Counters& counters) const
{
    const uint64_t* src = &m_bits[static_cast<size_t>(row) * m_words];
    counters.row_reads += 1;
    counters.read_bits += m_columns;
    out.assign(src, src + m_words);
}

RowBits Subarray::sense(uint32_t row_a, uint32_t row_b, SenseReference reference, Counters& counters) const
{
    RowBits out;
    sense_into(row_a, row_b, reference, out, counters);
    return out;
}

void Subarray::sense_into(uint32_t row_a, uint32_t row_b, SenseReference reference, RowBits& out,
                          Counters& counters) const
{
    const uint64_t* a = &m_bits[static_cast<size_t>(row_a) * m_words];
    const uint64_t* b = &m_bits[static_cast<size_t>(row_b) * m_words];
    out.resize(m_words);
    // Per column: cells in the '1' state among the two = (a & b) ? 2 : (a | b) ? 1 : 0; the AND
    // reference passes 2 only, the OR reference 1 and 2.
    for (uint32_t w = 0; w < m_words; ++w)
        out[w] = reference == SenseReference::and_ref ? a[w] & b[w] : a[w] | b[w];
    (reference == SenseReference::and_ref ? counters.and_senses : counters.or_senses) += 1;
    counters.sense_bits += m_columns;
}

// On x86-64 a second copy uses the POPCNT instruction where the host has it (chosen at load time;
// the baseline x86-64 target has none, and its library popcount is the model's hottest call).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
uint32_t Subarray::popcount(const RowBits& bits, uint32_t first, uint32_t width)
{
    // Whole 64-bit words at a time (the host's popcount), the first and last word masked to the
    // segment: the bit-counter's result, at a fraction of a per-column loop's host time.
    uint32_t n = 0;
    const uint32_t end = first + width;
    for (uint32_t c = first; c < end;) {
        const uint32_t offset = c % 64;
        const uint32_t take = end - c < 64 - offset ? end - c : 64 - offset;
        const uint64_t mask = take == 64 ? ~0ull : ((1ull << take) - 1) << offset;
        n += static_cast<uint32_t>(__builtin_popcountll(bits[c / 64] & mask));
        c += take;
    }
    return n;
}

bool Subarray::bit(uint32_t row, uint32_t column) const
{
    return ((m_bits[static_cast<size_t>(row) * m_words + column / 64] >> (column % 64)) & 1u) != 0;
}

}  // namespace pimsoc::mram
