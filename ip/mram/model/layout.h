// Where a command's bit planes go in a bank's sub-arrays, and the order of the bank's lock-step
// steps (docs/models/mram.md, "Layout").
//
// A command is `outputs` dot products of length L (a DOT batch, the rows of an MVM, the output
// pixels of a CONV window). Each dot product is cut into chunks of K = segment_bits elements; a
// unit = (output, chunk) occupies one segment (K columns) of one row group: M rows holding the
// activation chunk's planes 0..M-1, then N rows holding the weight chunk's planes 0..N-1,
// element i of the chunk in column i of the segment (unused columns 0, so they count nothing).
// A sub-array has R / (M + N) row groups of C / K segments; units fill the sub-arrays first (unit
// v of a pass: sub-array v % S, then segment, then group), so a small command spreads over every
// sub-array. When a bank's S x groups x segments slots are not enough, the command runs in
// passes, each rewriting the rows.
//
// Steps of a pass, each one operation time of all sub-arrays together:
//   for each used group g: M + N row writes (load), then one step per term (bit_planes.h)
//   then one reduction step: every unit's accumulator added into its output.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "mram_config.h"

namespace pimsoc::mram {

struct Slot {
    uint32_t subarray = 0;
    uint32_t group = 0;
    uint32_t segment = 0;
};

// What one step of a command does.
struct StepKind {
    enum class Kind : uint8_t { load_row, term, reduce };
    Kind kind = Kind::reduce;
    uint64_t pass = 0;
    uint32_t group = 0;
    uint32_t index = 0;  // load_row: row of the group (0..M+N-1); term: term index
};

class Layout {
public:
    // outputs, length >= 1; terms = the number of AND-accumulation terms per group.
    Layout(const Geometry& geometry, uint64_t outputs, uint32_t length, uint32_t activation_bits,
           uint32_t weight_bits, uint32_t terms);

    uint64_t outputs() const { return m_outputs; }
    uint32_t length() const { return m_length; }
    uint32_t segment_bits() const { return m_segment_bits; }
    uint32_t chunks() const { return m_chunks; }
    uint32_t activation_bits() const { return m_activation_bits; }
    uint32_t weight_bits() const { return m_weight_bits; }
    uint32_t rows_per_group() const { return m_activation_bits + m_weight_bits; }
    uint32_t groups_per_subarray() const { return m_groups; }
    uint32_t segments() const { return m_segments; }
    uint32_t subarrays() const { return m_subarrays; }
    uint64_t units() const { return m_outputs * m_chunks; }
    uint64_t slots_per_pass() const { return static_cast<uint64_t>(m_subarrays) * m_groups * m_segments; }
    uint64_t passes() const { return (units() + slots_per_pass() - 1) / slots_per_pass(); }

    uint64_t units_in_pass(uint64_t pass) const;
    uint32_t groups_in_pass(uint64_t pass) const;
    uint64_t steps_in_pass(uint64_t pass) const;
    uint64_t total_steps() const;
    StepKind step(uint64_t index) const;  // index < total_steps()

    // The slot of the pass-relative unit v, and back (units_in_pass(pass) bounds v).
    Slot slot(uint64_t v) const;
    uint64_t unit_index(const Slot& s) const  // pass-relative; inline: the sense loop's hot path
    {
        return (static_cast<uint64_t>(s.group) * m_segments + s.segment) * m_subarrays + s.subarray;
    }
    // The first row of a group in its sub-array.
    uint32_t group_row(uint32_t group) const { return group * rows_per_group(); }

private:
    uint64_t m_outputs;
    uint32_t m_length;
    uint32_t m_segment_bits;
    uint32_t m_chunks;
    uint32_t m_activation_bits;
    uint32_t m_weight_bits;
    uint32_t m_terms;
    uint32_t m_groups;
    uint32_t m_segments;
    uint32_t m_subarrays;
};

}  // namespace pimsoc::mram
