// Command descriptors every PIM device decodes its registers into: batched DOT/MAC, one output
// channel of a 2-D convolution window, and a matrix-vector multiplication (MVM). Plain structs;
// validate() checks what does not depend on the device (types, sizes, strides, the convolution's
// geometry) and returns the first error in a fixed order; each device then checks its own limits
// (supported types, its memory, banks, overlap) without repeating these.
//
// Addresses and strides are byte offsets into the device's memory; a vector of n-bit elements is
// packed from its address (elem_type.h: little-endian bit order), starts at a multiple of
// elem_bytes(type), and strides are multiples of it. Accumulators, biases and results are int32
// (4-byte aligned), every product and sum taken modulo 2^32 (wrapping int32: exact whenever the
// true sum fits). docs/models/pim.md, "Descriptors".
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "elem_type.h"
#include "error.h"

namespace pimsoc::pim {

// `count` dot products; product k reads A at a + k*stride_a and B at b + k*stride_b (0 = the same
// vector for every product: a fully connected layer has one input vector A, stride 0, and one
// weight row per output, B with stride = the row pitch):
//   result[k] = init_k + sum_{i < length} A_k[i] * B_k[i]
// with init_k = the int32 at bias + 4k if has_bias, else init. B is the multiplier operand.
struct DotCommand {
    ElemType type_a = ElemType::u8;
    ElemType type_b = ElemType::i8;
    uint32_t a = 0;
    uint32_t b = 0;
    uint32_t length = 0;  // elements per dot product
    uint32_t count = 1;   // dot products
    uint32_t stride_a = 0;
    uint32_t stride_b = 0;
    int32_t init = 0;
    bool has_bias = false;
    uint32_t bias = 0;         // count int32 initial values when has_bias
    bool write_result = true;  // false: results only returned, nothing written
    uint32_t dst = 0;          // count int32 results, contiguous, when write_result
};

// One output channel of a 2-D convolution:
//   out[y][x] = init + sum_{c, i, j} in[c][y*stride_h + i - pad_h][x*stride_w + j - pad_w] * k[c][i][j]
// input CHW (row pitch = width elements, channel pitch = height*width), kernel C x kh x kw,
// out H' x W' int32 row-major, H' = (height + 2*pad_h - kernel_h) / stride_h + 1 (W' alike).
// Taps in the padding contribute 0 and read nothing. The kernel is the multiplier operand.
struct Conv2dCommand {
    ElemType in_type = ElemType::u8;
    ElemType kernel_type = ElemType::i8;
    uint32_t in = 0;
    uint32_t channels = 0;
    uint32_t height = 0;
    uint32_t width = 0;
    uint32_t kernel = 0;
    uint32_t kernel_h = 0;
    uint32_t kernel_w = 0;
    uint32_t stride_h = 1;
    uint32_t stride_w = 1;
    uint32_t pad_h = 0;
    uint32_t pad_w = 0;
    int32_t init = 0;
    bool write_result = true;
    uint32_t dst = 0;  // H' x W' int32 results when write_result
};

// out[r] = init_r + sum_{c < cols} W[r][c] * x[c], r < rows: row r of the matrix starts at
// matrix + r*row_stride (packed elements), init_r = the int32 at bias + 4r if has_bias, else
// init. The matrix is the multiplier operand (a crossbar's conductances). It is a batched DOT
// with one input vector (to_dot()).
struct MvmCommand {
    ElemType x_type = ElemType::u8;
    ElemType matrix_type = ElemType::i8;
    uint32_t x = 0;        // cols elements
    uint32_t matrix = 0;   // rows x cols elements
    uint32_t rows = 0;
    uint32_t cols = 0;
    uint32_t row_stride = 0;  // bytes from one row to the next: >= packed_bytes(matrix_type, cols)
    int32_t init = 0;
    bool has_bias = false;
    uint32_t bias = 0;
    bool write_result = true;
    uint32_t dst = 0;  // rows int32 results when write_result
};

// Limits of the convolution window that every device shares (a device may have smaller ones).
constexpr uint32_t max_conv_kernel = 64;
constexpr uint32_t max_conv_stride = 64;
constexpr uint32_t max_conv_dim = 65535;

// First failing check, in this order (Error::none when the descriptor is well formed):
//   DOT:  bad_type (a type not 1..32 bits), zero_size (length, count), bad_stride (a stride not a
//         multiple of its elem_bytes)
//   CONV: bad_type, zero_size (channels, height, width, kernel_h, kernel_w), too_large (channels,
//         height or width > max_conv_dim), bad_kernel (kernel_h/w > max_conv_kernel), bad_stride
//         (0 or > max_conv_stride), bad_padding (pad >= kernel), bad_kernel (kernel larger than
//         the padded input)
//   MVM:  bad_type, zero_size (rows, cols), bad_stride (row_stride not a multiple of the matrix
//         type's elem_bytes, or smaller than one packed row: rows would overlap)
Error validate(const DotCommand& cmd);
Error validate(const Conv2dCommand& cmd);
Error validate(const MvmCommand& cmd);

// Output size of a CONV (validated commands only).
inline uint32_t conv_out_height(const Conv2dCommand& c) { return (c.height + 2 * c.pad_h - c.kernel_h) / c.stride_h + 1; }
inline uint32_t conv_out_width(const Conv2dCommand& c) { return (c.width + 2 * c.pad_w - c.kernel_w) / c.stride_w + 1; }

// The MVM as the DOT batch that computes the same results (A = x with stride 0, B = the rows).
DotCommand to_dot(const MvmCommand& cmd);

}  // namespace pimsoc::pim
