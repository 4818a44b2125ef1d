#include "elem_type.h"

namespace pimsoc::pim {

namespace {

// An element spans at most 5 bytes (32 bits starting at bit 7 of a byte).
constexpr uint32_t max_span_bytes = 5;

inline uint32_t span_bytes(uint32_t first_bit, uint32_t bits) { return (first_bit + bits + 7) / 8; }

}  // namespace

int64_t unpack(const uint8_t* buf, uint64_t index, ElemType t)
{
    const uint64_t bit = index * t.bits();
    const uint8_t* p = buf + bit / 8;
    const uint32_t shift = static_cast<uint32_t>(bit % 8);
    const uint32_t n = span_bytes(shift, t.bits());
    uint64_t word = 0;
    for (uint32_t i = 0; i < n && i < max_span_bytes; ++i) word |= static_cast<uint64_t>(p[i]) << (8 * i);
    return from_bits(t, word >> shift);
}

void pack(uint8_t* buf, uint64_t index, ElemType t, int64_t value)
{
    const uint64_t bit = index * t.bits();
    uint8_t* p = buf + bit / 8;
    const uint32_t shift = static_cast<uint32_t>(bit % 8);
    const uint32_t n = span_bytes(shift, t.bits());
    const uint64_t mask = elem_mask(t) << shift;
    const uint64_t bits = to_bits(t, value) << shift;
    for (uint32_t i = 0; i < n && i < max_span_bytes; ++i) {
        const auto keep = static_cast<uint8_t>(~(mask >> (8 * i)));
        p[i] = static_cast<uint8_t>((p[i] & keep) | static_cast<uint8_t>(bits >> (8 * i)));
    }
}

void unpack(const uint8_t* buf, ElemType t, int64_t* values, uint64_t count)
{
    for (uint64_t i = 0; i < count; ++i) values[i] = unpack(buf, i, t);
}

void pack(uint8_t* buf, ElemType t, const int64_t* values, uint64_t count)
{
    for (uint64_t i = 0; i < count; ++i) pack(buf, i, t, values[i]);
}

std::string to_string(ElemType t)
{
    if (!t.is_valid()) return "invalid";
    return (t.is_signed() ? "i" : "u") + std::to_string(t.bits());
}

}  // namespace pimsoc::pim
