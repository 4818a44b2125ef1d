// Commands of the RTM compute cells and their error codes.
//
// All addresses are byte offsets into the data window. Operands are little-endian elements of one
// ElemType each; every operand, bias and result region of a command must lie in the window and
// in one bank, be aligned to its element size, and no result region may overlap an operand or
// bias region. A command that breaks a rule returns its RtmError and changes nothing (contents,
// offsets, counters). Arithmetic (docs/models/rtm.md, "Commands"):
//   ADD, MUL: results have the operands' width and wrap (two's complement; the low n bits of the
//             sum / product, the same bits for signed and unsigned operands);
//   DOT, CONV2D: int32 accumulators, acc = init + sum a_i * b_i, every product and sum taken
//             modulo 2^32 (wrapping int32; exact whenever the true sum fits in int32).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

namespace pimsoc::rtm {

enum class ElemType : uint8_t { u8 = 0, i8 = 1, u16 = 2, i16 = 3, u32 = 4, i32 = 5 };

inline bool is_valid(ElemType t)
{
    return static_cast<uint8_t>(t) <= static_cast<uint8_t>(ElemType::i32);
}
// Size of an element of a valid type (is_valid(t)).
inline uint32_t elem_bytes(ElemType t)
{
    return 1u << (static_cast<uint8_t>(t) >> 1);
}
inline uint32_t elem_bits(ElemType t)
{
    return 8 * elem_bytes(t);
}
inline bool is_signed(ElemType t)
{
    return (static_cast<uint8_t>(t) & 1u) != 0;
}
const char* to_string(ElemType t);

enum class ElementwiseOp : uint8_t { add = 0, mul = 1 };

// Values are stable: the wrapper's ERR_CODE register reports them.
enum class RtmError : uint8_t {
    none = 0,
    bad_op = 1,        // ElementwiseOp not add or mul
    bad_type = 2,      // an ElemType outside u8..i32
    zero_length = 3,   // a length, count or dimension (channels, height, width, kernel) is 0
    out_of_range = 4,  // a region does not lie inside the window (also: its size overflows)
    cross_bank = 5,    // the regions of one command are not all in one bank
    misaligned = 6,    // a region's address is not a multiple of its element size (int32: 4)
    bad_stride = 7,    // DOT: a stride not a multiple of its element size; CONV2D: stride 0 or > 64
    bad_kernel = 8,    // CONV2D: kernel larger than the padded input, or kernel_h/kernel_w > 64
    bad_padding = 9,   // CONV2D: pad_h >= kernel_h or pad_w >= kernel_w
    overlap = 10,      // a result region overlaps an operand or bias region
    too_large = 11,    // CONV2D: channels, height or width > 65535
};
const char* to_string(RtmError e);

// dst[i] = a[i] op b[i], i < length, all of `type`. B is the multiplier operand of MUL.
struct ElementwiseCommand {
    ElementwiseOp op = ElementwiseOp::add;
    ElemType type = ElemType::i8;
    uint32_t a = 0;
    uint32_t b = 0;
    uint32_t dst = 0;
    uint32_t length = 0;  // elements
};

// `count` dot products; product k reads A at a + k*stride_a and B at b + k*stride_b (strides in
// bytes, 0 = the same vector for every product: a fully connected layer has one input vector A,
// stride 0, and one weight row per output, B with stride = the row pitch):
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
    bool write_result = true;  // false: results only returned, nothing written, no write cost
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
    uint32_t dst = 0;
};

// Output size of a CONV2D (valid commands only).
inline uint32_t conv_out_height(const Conv2dCommand& c)
{
    return (c.height + 2 * c.pad_h - c.kernel_h) / c.stride_h + 1;
}
inline uint32_t conv_out_width(const Conv2dCommand& c)
{
    return (c.width + 2 * c.pad_w - c.kernel_w) / c.stride_w + 1;
}

constexpr uint32_t max_conv_kernel = 64;
constexpr uint32_t max_conv_stride = 64;
constexpr uint32_t max_conv_dim = 65535;

}  // namespace pimsoc::rtm
