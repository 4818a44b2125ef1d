#include "plane_rows.h"

namespace pimsoc::mram {

namespace {
// Bits of raw[0..count) spread over planes: plane p of element i goes to bit (first_column + i) % 64
// of word (first_column + i) / 64 of rows[first_row + p]. A word's plane bits are gathered in
// registers and stored once (the hot loop of a command's row loads).
void scatter_planes(std::vector<RowBits>& rows, size_t first_row, uint32_t planes, const uint64_t* raw,
                    uint32_t count, uint32_t first_column)
{
    uint64_t word_bits[8];  // planes <= 8 (is_supported_activation/weight)
    for (uint32_t i = 0; i < count;) {
        const uint32_t column = first_column + i;
        const uint32_t word = column / 64;
        const uint32_t in_word = count - i < 64 - column % 64 ? count - i : 64 - column % 64;
        for (uint32_t p = 0; p < planes; ++p) word_bits[p] = 0;
        for (uint32_t n = 0; n < in_word; ++n) {
            const uint64_t v = raw[i + n];
            const uint32_t bit = (column + n) % 64;
            for (uint32_t p = 0; p < planes; ++p) word_bits[p] |= ((v >> p) & 1u) << bit;
        }
        for (uint32_t p = 0; p < planes; ++p) rows[first_row + p][word] |= word_bits[p];
        i += in_word;
    }
}
}  // namespace

void PlaneRows::prepare(const Layout& lay, const OperandSource& source, const uint8_t* window, uint64_t pass,
                        uint32_t group, uint32_t words_per_row)
{
    if (pass == m_pass && group == m_group) return;
    m_pass = pass;
    m_group = group;
    m_rows_per_group = lay.rows_per_group();
    const uint32_t planes_i = lay.activation_bits();
    const uint32_t planes_w = lay.weight_bits();
    m_rows.assign(static_cast<size_t>(lay.subarrays()) * m_rows_per_group, RowBits(words_per_row, 0));
    m_used.assign(lay.subarrays(), 0);
    const uint64_t in_pass = lay.units_in_pass(pass);
    const uint32_t k_bits = lay.segment_bits();
    m_activations.resize(k_bits);
    m_weights.resize(k_bits);
    for (uint32_t s = 0; s < lay.subarrays(); ++s) {
        const size_t first_row = static_cast<size_t>(s) * m_rows_per_group;
        for (uint32_t seg = 0; seg < lay.segments(); ++seg) {
            const uint64_t v = lay.unit_index(Slot{s, group, seg});
            if (v >= in_pass) continue;
            m_used[s] = 1;
            const uint64_t unit = pass * lay.slots_per_pass() + v;
            const uint64_t k = unit / lay.chunks();
            const uint32_t first = static_cast<uint32_t>(unit % lay.chunks()) * k_bits;
            const uint32_t count = lay.length() - first < k_bits ? lay.length() - first : k_bits;
            source.gather(window, k, first, count, m_activations.data(), m_weights.data());
            scatter_planes(m_rows, first_row, planes_i, m_activations.data(), count, seg * k_bits);
            scatter_planes(m_rows, first_row + planes_i, planes_w, m_weights.data(), count, seg * k_bits);
        }
    }
}

}  // namespace pimsoc::mram
