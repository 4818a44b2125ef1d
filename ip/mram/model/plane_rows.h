// The bit-plane rows of one row group in every sub-array of a bank (layout.h): the M activation
// rows and N weight rows a group's load steps write. Built in one pass over the group's operands,
// each element gathered from the window once, instead of once per bit plane; the load steps then
// write the prepared rows. A host-side shortcut only: the rows written, and so every result, cost
// and counter, are those of gathering per plane.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "layout.h"
#include "operands.h"
#include "subarray.h"

namespace pimsoc::mram {

class PlaneRows {
public:
    // Prepares the rows of (pass, group) unless they are the ones held.
    void prepare(const Layout& layout, const OperandSource& source, const uint8_t* window, uint64_t pass,
                 uint32_t group, uint32_t words_per_row);
    // Forgets the rows (the window changed).
    void invalidate() { m_pass = no_pass; }

    // Row `row` (0..M+N-1) of the group in sub-array s, and whether any unit of s is in it.
    const RowBits& row(uint32_t subarray, uint32_t row) const { return m_rows[subarray * m_rows_per_group + row]; }
    bool used(uint32_t subarray) const { return m_used[subarray] != 0; }

private:
    static constexpr uint64_t no_pass = std::numeric_limits<uint64_t>::max();
    uint64_t m_pass = no_pass;
    uint32_t m_group = 0;
    uint32_t m_rows_per_group = 0;
    std::vector<RowBits> m_rows;  // sub-array-major, rows_per_group each
    std::vector<uint8_t> m_used;
    std::vector<uint64_t> m_activations;  // one chunk's raw elements (scratch)
    std::vector<uint64_t> m_weights;
};

}  // namespace pimsoc::mram
