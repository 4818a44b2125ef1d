// Multiply-accumulate blocks of int8 weights with U8/S8 activations: the inner loops of conv2d and
// fully connected (internal to the library).
//
// Both compute `block` (1..4) dot products at once so that one load is shared by several outputs
// (RV32IM has no multiply-accumulate: a MAC is load, load, mul, add; sharing one of the two loads
// brings that towards 3). With constant `block` and `n` (after inlining) the loops unroll fully
// into straight-line code; a run-time n unrolls by 8 with a remainder.
#pragma once

#include "cnn_internal.h"

#define CNN_MAX_BLOCK 4

// acc[j] += sum_{k<n} x[j*step + k] * w[k], j < block: one weight row against `block` input rows
// `step` apart (adjacent outputs of a convolution: step = stride).
CNN_INLINE void cnn_mac_shared_weights(int32_t* acc, int block, const uint8_t* x, ptrdiff_t step,
                                       const int8_t* w, int n, int is_signed)
{
    CNN_UNROLL8
    for (int k = 0; k < n; k++) {
        const int32_t wk = w[k];
        CNN_UNROLL4
        for (int j = 0; j < block; j++)
            acc[j] += cnn_act(x, j * step + k, is_signed) * wk;
    }
}

// acc[j] += sum_{k<n} x[k] * w[j*w_step + k], j < block: `block` weight rows (fully connected
// neurons) against one input.
CNN_INLINE void cnn_mac_shared_input(int32_t* acc, int block, const uint8_t* x, const int8_t* w,
                                     ptrdiff_t w_step, int n, int is_signed)
{
    CNN_UNROLL8
    for (int k = 0; k < n; k++) {
        const int32_t xk = cnn_act(x, k, is_signed);
        CNN_UNROLL4
        for (int j = 0; j < block; j++)
            acc[j] += xk * w[j * w_step + k];
    }
}

// cnn_mac_shared_input() for a run-time n: blocks of 8 with immediate offsets, then a switch to the
// straight-line code for the 0..7 remaining columns.
CNN_INLINE void cnn_mac_shared_input_any(int32_t* acc, int block, const uint8_t* x, const int8_t* w,
                                         ptrdiff_t w_step, int n, int is_signed)
{
    const uint8_t* const x_end = x + (n & ~7);
    for (; x != x_end; x += 8, w += 8)
        cnn_mac_shared_input(acc, block, x, w, w_step, 8, is_signed);
    switch (n & 7) {
    case 1: cnn_mac_shared_input(acc, block, x, w, w_step, 1, is_signed); break;
    case 2: cnn_mac_shared_input(acc, block, x, w, w_step, 2, is_signed); break;
    case 3: cnn_mac_shared_input(acc, block, x, w, w_step, 3, is_signed); break;
    case 4: cnn_mac_shared_input(acc, block, x, w, w_step, 4, is_signed); break;
    case 5: cnn_mac_shared_input(acc, block, x, w, w_step, 5, is_signed); break;
    case 6: cnn_mac_shared_input(acc, block, x, w, w_step, 6, is_signed); break;
    case 7: cnn_mac_shared_input(acc, block, x, w, w_step, 7, is_signed); break;
    default: break;
    }
}
