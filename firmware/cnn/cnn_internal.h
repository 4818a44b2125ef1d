// Internals of the CNN inference library shared by its kernels (not part of the public API).
//
// The kernels are written once for both activation types: a static inline body takes an
// `is_signed` flag (0: uint8 activations, 1: int8) and is instantiated twice with a constant, so
// the compiler emits two specialised copies (lbu vs lb loads) from one source.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "cnn/cnn.h"
#include "pim/pim_requant.h"

#if defined(__GNUC__) || defined(__clang__)
#define CNN_INLINE static inline __attribute__((always_inline))
// The per-dtype kernel instances stay separate functions (inlined together into the dispatcher
// their register allocation suffers: pooling +35 % instructions).
#define CNN_INSTANCE static __attribute__((noinline))
// Full unrolling of the MAC loops once their trip counts are constants (after inlining).
#define CNN_UNROLL4 _Pragma("GCC unroll 4")
#define CNN_UNROLL8 _Pragma("GCC unroll 8")
#else
#define CNN_INLINE static inline
#define CNN_INSTANCE static
#define CNN_UNROLL4
#define CNN_UNROLL8
#endif

// One activation of a U8 (is_signed = 0) or S8 (is_signed = 1) tensor, read as an int. Signed
// reads go through an int8_t lvalue (a character type: no aliasing issue).
CNN_INLINE int32_t cnn_act(const uint8_t* x, ptrdiff_t i, int is_signed)
{
    return is_signed ? (int32_t)((const int8_t*)x)[i] : (int32_t)x[i];
}

// One output channel's requantization, prepared once per channel outside the kernels' position
// loops. The common case (shift <= 0, multiplier != INT32_MIN: no left shift, no saturation) runs
// inline as one 64-bit multiply-round and a rounding shift with precomputed mask and threshold
// (pim/pim_requant.h's pieces); any other parameters take the general
// cnn_multiply_by_quantized_multiplier().
typedef struct {
    int32_t multiplier, shift;
    int32_t right, mask, threshold;  // simple case: rounding right shift
    int32_t lo, hi;                  // clamp
    int simple;
} cnn_rq;

CNN_INLINE cnn_rq cnn_rq_for(const cnn_layer* layer, unsigned channel)
{
    cnn_rq rq = {0, 0, 0, 0, 0, layer->act_min, layer->act_max, 1};
    if (layer->requant) {
        const cnn_requant* r = &layer->requant[layer->per_channel ? channel : 0];
        rq.multiplier = r->multiplier;
        rq.shift = r->shift;
    }
    rq.simple = rq.shift <= 0 && rq.shift >= -31 && rq.multiplier != INT32_MIN;
    if (rq.simple) {
        rq.right = -rq.shift;
        rq.mask = pim_rq_shift_mask(rq.right);
        rq.threshold = rq.mask >> 1;
    }
    return rq;
}

CNN_INLINE int32_t cnn_rq_apply(const cnn_rq* rq, int32_t acc)
{
    int32_t v;
    if (rq->simple) {
        v = pim_rq_rounding_shift(pim_rq_high_mul(acc, rq->multiplier), rq->right, rq->mask, rq->threshold);
    } else {
        v = cnn_multiply_by_quantized_multiplier(acc, rq->multiplier, rq->shift);
    }
    return v < rq->lo ? rq->lo : v > rq->hi ? rq->hi : v;
}

// Stores accumulator `acc` (bias included) as element i of an output of `dtype`: S32 as is,
// U8/S8 requantized and clamped (the clamp range lies within the dtype for checked layers).
CNN_INLINE void cnn_store(void* out, size_t i, unsigned dtype, const cnn_rq* rq, int32_t acc)
{
    if (dtype == CNN_S32)
        ((int32_t*)out)[i] = acc;
    else
        ((uint8_t*)out)[i] = (uint8_t)cnn_rq_apply(rq, acc);
}

static inline int cnn_is_act_dtype(unsigned dtype) { return dtype == CNN_U8 || dtype == CNN_S8; }

// A kernel instance for one input dtype (the `is_signed` instantiations of a kernel body).
typedef void (*cnn_typed_kernel)(const cnn_layer* layer, const uint8_t* in, void* out);

// Runs the U8 or the S8 instance for the layer's input dtype; any other dtype writes nothing.
static inline void cnn_run_for_input_dtype(const cnn_layer* layer, const void* in, void* out,
                                           cnn_typed_kernel u8, cnn_typed_kernel s8)
{
    if (layer->in.dtype == CNN_U8)
        u8(layer, (const uint8_t*)in, out);
    else if (layer->in.dtype == CNN_S8)
        s8(layer, (const uint8_t*)in, out);
}
