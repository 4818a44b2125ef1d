/* Integer requantization of an int32 accumulator: TFLite's MultiplyByQuantizedMultiplier (gemmlowp
 * rounding), defined for every shift. The one definition of this arithmetic: the firmware's CNN
 * library (firmware/cnn, the CPU kernels and, built for the host, the golden model) and the ReRAM
 * controller's PIPELINE output unit (ip/reram/reram_pipeline.cpp) both include it, so the device
 * requantizes as the golden model does by construction. Header-only plain C (static inline, only
 * <stdint.h>): C11 on RV32 and C++17 on the host. Semantics: docs/cnn.md, "Requantization and
 * rounding". Relies on >> of a negative int being arithmetic (implementation-defined in C11 and
 * before C++20; GCC and Clang). */
#ifndef PIMSOC_PIM_REQUANT_H
#define PIMSOC_PIM_REQUANT_H

#include <stdint.h>

/* Inlined wherever used, as the CNN kernels' own helpers (firmware/cnn/cnn_internal.h): the
 * firmware's cycle counts depend on it. */
#if defined(__GNUC__) || defined(__clang__)
#define PIM_RQ_INLINE static inline __attribute__((always_inline))
#else
#define PIM_RQ_INLINE static inline
#endif

/* SaturatingRoundingDoublingHighMul without its one saturating case (a = m = INT32_MIN): with
 * nudge = ab >= 0 ? 2^30 : 1 - 2^30 and a division that truncates toward zero, (ab + nudge) / 2^31
 * equals floor((ab + 2^30) / 2^31) for every ab: one 64-bit multiply, an add and an arithmetic
 * shift. */
PIM_RQ_INLINE int32_t pim_rq_high_mul(int32_t a, int32_t multiplier)
{
    return (int32_t)(((int64_t)a * multiplier + ((int64_t)1 << 30)) >> 31);
}

/* 2^exponent - 1 for exponent 0..31: the remainder mask of a rounding shift. */
PIM_RQ_INLINE int32_t pim_rq_shift_mask(int32_t exponent)
{
    return (int32_t)(((uint32_t)1 << exponent) - 1u);
}

/* x / 2^exponent rounded to nearest, ties away from zero, for exponent 0..31 with
 * mask = 2^exponent - 1 and half = mask >> 1 given (callers that requantize many values with one
 * exponent compute them once). */
PIM_RQ_INLINE int32_t pim_rq_rounding_shift(int32_t x, int32_t exponent, int32_t mask, int32_t half)
{
    return (x >> exponent) + ((x & mask) > half + (x < 0));
}

/* gemmlowp RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero, for any
 * exponent >= 0 (exact also beyond 31, where gemmlowp would shift out of range). */
PIM_RQ_INLINE int32_t pim_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    if (exponent <= 31) {
        const int32_t mask = pim_rq_shift_mask(exponent);
        return pim_rq_rounding_shift(x, exponent, mask, mask >> 1);
    }
    /* |x| <= 2^31 <= 2^(exponent - 1): only -2^31 / 2^32 = -0.5 rounds (away from zero) to -1. */
    return (exponent == 32 && x == INT32_MIN) ? -1 : 0;
}

/* TFLite MultiplyByQuantizedMultiplier: acc * multiplier * 2^(shift - 31), exact, rounded as
 * gemmlowp. The left shift (shift > 0) is done in 64 bits and saturated to int32 before the
 * doubling high multiply, so it is defined for every shift (TFLite overflows there; the results
 * agree whenever TFLite's int32 shift does not overflow); a right shift beyond 31 rounds to 0 (or
 * -1 for -0.5). */
PIM_RQ_INLINE int32_t pim_multiply_by_quantized_multiplier(int32_t acc, int32_t multiplier, int32_t shift)
{
    int32_t a = acc;
    int32_t right = 0;
    if (shift > 0) {
        const int64_t wide = (int64_t)acc * ((int64_t)1 << (shift < 32 ? shift : 32));
        a = wide > INT32_MAX ? INT32_MAX : wide < INT32_MIN ? INT32_MIN : (int32_t)wide;
    } else {
        right = shift < -63 ? 63 : -shift;
    }
    int32_t high;
    if (a == INT32_MIN && multiplier == INT32_MIN)
        high = INT32_MAX;
    else
        high = pim_rq_high_mul(a, multiplier);
    return pim_rounding_divide_by_pot(high, right);
}

#endif /* PIMSOC_PIM_REQUANT_H */
