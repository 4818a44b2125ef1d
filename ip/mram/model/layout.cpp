#include "layout.h"

namespace pimsoc::mram {

Layout::Layout(const Geometry& geometry, uint64_t outputs, uint32_t length, uint32_t activation_bits,
               uint32_t weight_bits, uint32_t terms)
    : m_outputs(outputs),
      m_length(length),
      m_segment_bits(geometry.segment_bits),
      m_chunks((length + geometry.segment_bits - 1) / geometry.segment_bits),
      m_activation_bits(activation_bits),
      m_weight_bits(weight_bits),
      m_terms(terms),
      m_groups(geometry.rows / (activation_bits + weight_bits)),
      m_segments(geometry.columns / geometry.segment_bits),
      m_subarrays(geometry.subarrays_per_bank)
{
}

uint64_t Layout::units_in_pass(uint64_t pass) const
{
    const uint64_t first = pass * slots_per_pass();
    const uint64_t left = units() - first;
    return left < slots_per_pass() ? left : slots_per_pass();
}

uint32_t Layout::groups_in_pass(uint64_t pass) const
{
    const uint64_t per_group = static_cast<uint64_t>(m_subarrays) * m_segments;
    return static_cast<uint32_t>((units_in_pass(pass) + per_group - 1) / per_group);
}

uint64_t Layout::steps_in_pass(uint64_t pass) const
{
    return static_cast<uint64_t>(groups_in_pass(pass)) * (rows_per_group() + m_terms) + 1;
}

uint64_t Layout::total_steps() const
{
    // Every pass but the last is full.
    const uint64_t p = passes();
    return (p - 1) * steps_in_pass(0) + steps_in_pass(p - 1);
}

StepKind Layout::step(uint64_t index) const
{
    StepKind s;
    const uint64_t full = steps_in_pass(0);
    s.pass = index / full;
    const uint64_t i = index % full;  // every pass but the last is full
    const uint64_t per_group = rows_per_group() + m_terms;
    if (i >= groups_in_pass(s.pass) * per_group) return s;  // the reduction
    s.group = static_cast<uint32_t>(i / per_group);
    const uint32_t j = static_cast<uint32_t>(i % per_group);
    if (j < rows_per_group()) {
        s.kind = StepKind::Kind::load_row;
        s.index = j;
    } else {
        s.kind = StepKind::Kind::term;
        s.index = j - rows_per_group();
    }
    return s;
}

Slot Layout::slot(uint64_t v) const
{
    Slot s;
    s.subarray = static_cast<uint32_t>(v % m_subarrays);
    const uint64_t w = v / m_subarrays;
    s.segment = static_cast<uint32_t>(w % m_segments);
    s.group = static_cast<uint32_t>(w / m_segments);
    return s;
}

}  // namespace pimsoc::mram
