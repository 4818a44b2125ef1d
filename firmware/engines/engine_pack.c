#include "engines/engine_pack.h"

uint32_t engine_pack(uint8_t *out, uint32_t bits, const int8_t *w, const uint8_t *a, uint32_t n, int plus_minus_one)
{
    const uint32_t mask = (1u << bits) - 1u;
    uint32_t acc = 0, fill = 0, bytes = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t value;
        if (!w)
            value = a[i];
        else if (plus_minus_one)
            value = w[i] > 0 ? 1u : 0u;
        else
            value = (uint32_t)(uint8_t)w[i] & mask;
        acc |= value << fill;
        fill += bits;
        while (fill >= 8u) {
            out[bytes++] = (uint8_t)acc;
            acc >>= 8;
            fill -= 8u;
        }
    }
    if (fill)
        out[bytes++] = (uint8_t)acc;
    return bytes;
}
