// Bit counting shared by the PMP and the debug triggers (both decode NAPOT ranges: yyyy0111).
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

// Number of consecutive 1 bits from bit 0 (32 for all ones).
constexpr unsigned trailing_ones(uint32_t v)
{
    unsigned n = 0;
    while (n < 32 && (v >> n & 1u) != 0) {
        ++n;
    }
    return n;
}

}  // namespace pimsoc::cpu
