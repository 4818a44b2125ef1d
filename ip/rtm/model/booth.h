// Booth recoding of the multiplier operand, as the multiplier cell does it (docs/models/rtm.md,
// "Multiplier cell"). The operand is given as its value sign- or zero-extended to 64 bits.
// A `bits`-bit signed operand is recoded as a `bits`-bit two's complement number; an unsigned one
// as the (bits + 1)-bit signed number with a 0 on top. With w that width and b_-1 = 0:
//   radix-2: w digits,            digit i = b_(i-1) - b_i                   in {-1, 0, 1}
//   radix-4: ceil(w / 2) digits,  digit j = b_(2j-1) + b_(2j) - 2 b_(2j+1)  in {-2..2}
// and value = sum of digit_i * radix^i. A digit is 0 exactly when the bits it reads are equal, so
// the non-zero digits are counted with a popcount of b ^ (b << 1).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "rtm_config.h"

namespace pimsoc::rtm {

constexpr uint32_t max_booth_digits = 33;  // radix-2, unsigned 32-bit operand

struct BoothCount {
    uint32_t digits = 0;   // partial-product positions
    uint32_t nonzero = 0;  // digits that need an addition
};

inline uint32_t booth_width(uint32_t bits, bool is_signed)
{
    return is_signed ? bits : bits + 1;
}

inline uint32_t booth_digit_count(uint32_t bits, bool is_signed, BoothRadix radix)
{
    const uint32_t w = booth_width(bits, is_signed);
    return radix == BoothRadix::radix2 ? w : (w + 1) / 2;
}

inline BoothCount booth_count(uint64_t value, uint32_t bits, bool is_signed, BoothRadix radix)
{
    const uint32_t digits = booth_digit_count(bits, is_signed, radix);
    const uint64_t t = value ^ (value << 1);  // bit i set: b_i != b_(i-1)
    if (radix == BoothRadix::radix2) {
        const uint64_t mask = (1ull << digits) - 1;  // digits <= 33
        return BoothCount{digits, static_cast<uint32_t>(__builtin_popcountll(t & mask))};
    }
    const uint64_t pairs = (t | (t >> 1)) & 0x5555555555555555ull;  // bit 2j: digit j is non-zero
    const uint64_t mask = (1ull << (2 * digits)) - 1;               // 2 * digits <= 34
    return BoothCount{digits, static_cast<uint32_t>(__builtin_popcountll(pairs & mask))};
}

// The digits themselves, least significant first, into digits[0..n) (n = the return value,
// at most max_booth_digits). For tests and documentation; the model only counts them.
inline uint32_t booth_digits(uint64_t value, uint32_t bits, bool is_signed, BoothRadix radix, int8_t* digits)
{
    const uint32_t n = booth_digit_count(bits, is_signed, radix);
    auto bit = [value](int32_t i) -> int8_t {
        if (i < 0) return 0;
        return static_cast<int8_t>((value >> (i > 63 ? 63 : i)) & 1u);
    };
    for (uint32_t i = 0; i < n; ++i) {
        const int32_t k = static_cast<int32_t>(i);
        if (radix == BoothRadix::radix2)
            digits[i] = static_cast<int8_t>(bit(k - 1) - bit(k));
        else
            digits[i] = static_cast<int8_t>(bit(2 * k - 1) + bit(2 * k) - 2 * bit(2 * k + 1));
    }
    return n;
}

}  // namespace pimsoc::rtm
