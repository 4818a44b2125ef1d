// Commands of the RTM compute cells and their error codes.
//
// DOT and CONV2D are the shared PIM descriptors (pim/model/descriptors.h), element types and
// error codes the shared ones (pim/model/elem_type.h, pim/model/error.h); the names below keep
// the racetrack model's spelling. The racetrack supports the 1-, 2-, 4-, 8-, 16- and 32-bit types
// (is_supported()); the others are rejected with bad_type. An element narrower than a byte is
// stored one per byte (its low bits; elem_bytes() = 1), and the cells compute at its own width.
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

#include "pim/model/descriptors.h"
#include "pim/model/elem_type.h"
#include "pim/model/error.h"
#include "rtm/rtm_regs.h"

namespace pimsoc::rtm {

using ElemType = pim::ElemType;
using RtmError = pim::Error;  // values = ERR_CODE (pim/pim_errors.h)
using DotCommand = pim::DotCommand;
using Conv2dCommand = pim::Conv2dCommand;
using pim::conv_out_height;
using pim::conv_out_width;
using pim::elem_bits;
using pim::elem_bytes;
using pim::is_signed;
using pim::max_conv_dim;
using pim::max_conv_kernel;
using pim::max_conv_stride;
using pim::to_string;

// The element types the racetrack's cells and words handle: 1, 2, 4, 8, 16 and 32 bits, either sign.
constexpr bool is_supported(ElemType t)
{
    const uint32_t n = t.bits();
    return n == 1 || n == 2 || n == 4 || n == 8 || n == 16 || n == 32;
}

// The element type of an RTM_TYPE_* code of the OP register; an invalid type for any other
// code, which the command checks reject as bad_type.
constexpr ElemType elem_type_from_code(uint32_t code)
{
    switch (code) {
        case RTM_TYPE_U8: return ElemType::u8;
        case RTM_TYPE_S8: return ElemType::i8;
        case RTM_TYPE_U16: return ElemType::u16;
        case RTM_TYPE_S16: return ElemType::i16;
        case RTM_TYPE_U32: return ElemType::u32;
        case RTM_TYPE_S32: return ElemType::i32;
        case RTM_TYPE_U1: return ElemType::u1;
        case RTM_TYPE_S1: return ElemType::i1;
        case RTM_TYPE_U2: return ElemType::u2;
        case RTM_TYPE_S2: return ElemType::i2;
        case RTM_TYPE_U4: return ElemType::u4;
        case RTM_TYPE_S4: return ElemType::i4;
        default: return ElemType{};
    }
}

enum class ElementwiseOp : uint8_t { add = 0, mul = 1 };

// dst[i] = a[i] op b[i], i < length, all of `type`. B is the multiplier operand of MUL.
struct ElementwiseCommand {
    ElementwiseOp op = ElementwiseOp::add;
    ElemType type = ElemType::i8;
    uint32_t a = 0;
    uint32_t b = 0;
    uint32_t dst = 0;
    uint32_t length = 0;  // elements
};

}  // namespace pimsoc::rtm
