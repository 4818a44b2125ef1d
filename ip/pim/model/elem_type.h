// Element types of PIM operands: signed or unsigned integers of 1..32 bits (two's complement for
// signed: an i1 holds -1 or 0), from the binary/ternary-friendly low-bit types of the SOT-MRAM
// (u1, u2, u4) to the int32 accumulators. Ranges, wrapping and saturating conversions, and the
// packing of n-bit elements in byte buffers.
//
// Packing (docs/models/pim.md, "Packing"): little-endian bit order. Bit k of a buffer is bit
// k % 8 of byte k / 8; element i of an n-bit vector occupies buffer bits [i*n, i*n + n), its
// least significant bit first. For n = 8, 16, 32 this is plain little-endian byte storage, so an
// int8 or int32 vector packs exactly as the CPU stores it; for n = 4 element 0 is the low nibble
// of byte 0, element 1 its high nibble.
// Pure C++17, no SystemC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pimsoc::pim {

constexpr uint32_t max_elem_bits = 32;

class ElemType {
public:
    constexpr ElemType() = default;  // invalid: 0 bits
    // bits outside 1..32 give an invalid type (is_valid() false), never an exception.
    static constexpr ElemType unsigned_bits(uint32_t bits) { return ElemType(bits, false); }
    static constexpr ElemType signed_bits(uint32_t bits) { return ElemType(bits, true); }

    constexpr uint32_t bits() const { return m_bits; }
    constexpr bool is_signed() const { return m_signed; }
    constexpr bool is_valid() const { return m_bits >= 1 && m_bits <= max_elem_bits; }

    friend constexpr bool operator==(ElemType a, ElemType b) { return a.m_bits == b.m_bits && a.m_signed == b.m_signed; }
    friend constexpr bool operator!=(ElemType a, ElemType b) { return !(a == b); }

    // The common types by name (ElemType::i8, ...).
    static const ElemType u1, u2, u4, u8, u16, u32, i1, i2, i4, i8, i16, i32;

private:
    constexpr ElemType(uint32_t bits, bool is_signed)
        : m_bits(bits >= 1 && bits <= max_elem_bits ? static_cast<uint8_t>(bits) : 0), m_signed(is_signed)
    {
    }
    uint8_t m_bits = 0;
    bool m_signed = false;
};

inline constexpr ElemType ElemType::u1 = ElemType::unsigned_bits(1);
inline constexpr ElemType ElemType::u2 = ElemType::unsigned_bits(2);
inline constexpr ElemType ElemType::u4 = ElemType::unsigned_bits(4);
inline constexpr ElemType ElemType::u8 = ElemType::unsigned_bits(8);
inline constexpr ElemType ElemType::u16 = ElemType::unsigned_bits(16);
inline constexpr ElemType ElemType::u32 = ElemType::unsigned_bits(32);
inline constexpr ElemType ElemType::i1 = ElemType::signed_bits(1);
inline constexpr ElemType ElemType::i2 = ElemType::signed_bits(2);
inline constexpr ElemType ElemType::i4 = ElemType::signed_bits(4);
inline constexpr ElemType ElemType::i8 = ElemType::signed_bits(8);
inline constexpr ElemType ElemType::i16 = ElemType::signed_bits(16);
inline constexpr ElemType ElemType::i32 = ElemType::signed_bits(32);

// Free-function spellings (the models' style: is_valid(t), elem_bits(t), ...).
constexpr bool is_valid(ElemType t) { return t.is_valid(); }
constexpr bool is_signed(ElemType t) { return t.is_signed(); }
constexpr uint32_t elem_bits(ElemType t) { return t.bits(); }

// Bytes of one element stored on its own, which is also the alignment of addresses and strides
// of vectors of this type: 1 for 1..8 bits, 2 for 9..16, 4 for 17..32 (valid types only).
constexpr uint32_t elem_bytes(ElemType t) { return t.bits() <= 8 ? 1u : t.bits() <= 16 ? 2u : 4u; }

// Bytes that `count` packed elements occupy: ceil(count * bits / 8).
constexpr uint64_t packed_bytes(ElemType t, uint64_t count) { return (count * t.bits() + 7) / 8; }

// The raw bit pattern's mask: the low `bits` bits.
constexpr uint64_t elem_mask(ElemType t) { return t.bits() >= 64 ? ~0ull : (1ull << t.bits()) - 1; }

// Range: unsigned [0, 2^n - 1], signed [-2^(n-1), 2^(n-1) - 1] (valid types only).
constexpr int64_t min_value(ElemType t) { return t.is_signed() ? -(int64_t{1} << (t.bits() - 1)) : 0; }
constexpr int64_t max_value(ElemType t)
{
    return t.is_signed() ? (int64_t{1} << (t.bits() - 1)) - 1 : static_cast<int64_t>(elem_mask(t));
}
constexpr bool fits(ElemType t, int64_t v) { return v >= min_value(t) && v <= max_value(t); }

// The value of the low `bits` bits of `raw` (sign-extended for signed types).
constexpr int64_t from_bits(ElemType t, uint64_t raw)
{
    const uint64_t low = raw & elem_mask(t);
    if (t.is_signed() && (low >> (t.bits() - 1)) != 0) return static_cast<int64_t>(low | ~elem_mask(t));
    return static_cast<int64_t>(low);
}
// The low `bits` bits of v's two's complement: what storing v in the element keeps.
constexpr uint64_t to_bits(ElemType t, int64_t v) { return static_cast<uint64_t>(v) & elem_mask(t); }

// Conversions of an int64 into the type's range: wrapping keeps the low bits (modulo 2^n, like
// the hardware's adders), saturating clamps to [min_value, max_value] (like a requantizer).
constexpr int64_t wrap(ElemType t, int64_t v) { return from_bits(t, to_bits(t, v)); }
constexpr int64_t saturate(ElemType t, int64_t v)
{
    return v < min_value(t) ? min_value(t) : v > max_value(t) ? max_value(t) : v;
}

// Element `index` of the packed vector at `buf` (reads only the bytes that hold its bits).
int64_t unpack(const uint8_t* buf, uint64_t index, ElemType t);
// Stores wrap(t, value) as element `index`; every other bit of the buffer is left as it was.
void pack(uint8_t* buf, uint64_t index, ElemType t, int64_t value);
// Whole vectors: values[i] <-> element i, i < count.
void unpack(const uint8_t* buf, ElemType t, int64_t* values, uint64_t count);
void pack(uint8_t* buf, ElemType t, const int64_t* values, uint64_t count);

// "u8", "i4", ...; "invalid" for an invalid type.
std::string to_string(ElemType t);

}  // namespace pimsoc::pim
