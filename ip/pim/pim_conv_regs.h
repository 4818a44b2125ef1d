/* The CONV2D geometry registers every PIM controller shares (the RTM's and the MRAM's CONV_IN and
 * CONV_K): field layouts, value macros and the check of what the fields can encode, so that the
 * controllers (C++) and the firmware drivers (C11) pack and unpack them alike. Plain C; includes
 * only the shared error codes. See docs/models/pim.md, "Descriptors".
 *
 * CONV_IN: channels 1..255 (bits 0..7), height 1..4095 (bits 8..19), width 1..4095 (bits 20..31).
 * CONV_K: kernel height/width 1..15, stride 1..15, padding 0..15, 4 bits each, from bit 0: kh,
 * kw, stride_h, stride_w, pad_h, pad_w. */
#ifndef PIMSOC_PIM_CONV_REGS_H
#define PIMSOC_PIM_CONV_REGS_H

#include "pim/pim_errors.h"

#define PIM_CONV_IN_C_MASK 0x000000FFu
#define PIM_CONV_IN_H_SHIFT 8u
#define PIM_CONV_IN_H_MASK 0x000FFF00u
#define PIM_CONV_IN_W_SHIFT 20u
#define PIM_CONV_IN_W_MASK 0xFFF00000u
#define PIM_CONV_IN_VALUE(c, h, w) ((c) | ((h) << PIM_CONV_IN_H_SHIFT) | ((w) << PIM_CONV_IN_W_SHIFT))
#define PIM_CONV_IN_C(value) ((value) & PIM_CONV_IN_C_MASK)
#define PIM_CONV_IN_H(value) (((value) & PIM_CONV_IN_H_MASK) >> PIM_CONV_IN_H_SHIFT)
#define PIM_CONV_IN_W(value) (((value) & PIM_CONV_IN_W_MASK) >> PIM_CONV_IN_W_SHIFT)

#define PIM_CONV_K_FIELD_MASK 0xFu /* each field is 4 bits */
#define PIM_CONV_K_KH_SHIFT 0u
#define PIM_CONV_K_KW_SHIFT 4u
#define PIM_CONV_K_SH_SHIFT 8u
#define PIM_CONV_K_SW_SHIFT 12u
#define PIM_CONV_K_PH_SHIFT 16u
#define PIM_CONV_K_PW_SHIFT 20u
#define PIM_CONV_K_FIELD(value, shift) (((value) >> (shift)) & PIM_CONV_K_FIELD_MASK)
#define PIM_CONV_K_VALUE(kh, kw, sh, sw, ph, pw)                                                   \
    (((kh) << PIM_CONV_K_KH_SHIFT) | ((kw) << PIM_CONV_K_KW_SHIFT) | ((sh) << PIM_CONV_K_SH_SHIFT) | \
     ((sw) << PIM_CONV_K_SW_SHIFT) | ((ph) << PIM_CONV_K_PH_SHIFT) | ((pw) << PIM_CONV_K_PW_SHIFT))

/* PIM_ERR_NONE when the geometry fits the fields, else the code a device gives for the same kind
 * of problem: a value that does not fit would spill into the neighbouring field and run a
 * different convolution, so a driver refuses it without writing CMD. */
static inline unsigned pim_conv_fields_check(unsigned channels, unsigned height, unsigned width, unsigned kh,
                                             unsigned kw, unsigned stride_h, unsigned stride_w, unsigned pad_h,
                                             unsigned pad_w)
{
    if (channels > 0xFFu || height > 0xFFFu || width > 0xFFFu)
        return PIM_ERR_TOO_LARGE;
    if (kh > 15u || kw > 15u)
        return PIM_ERR_BAD_KERNEL;
    if (stride_h > 15u || stride_w > 15u)
        return PIM_ERR_BAD_STRIDE;
    if (pad_h > 15u || pad_w > 15u)
        return PIM_ERR_BAD_PADDING;
    return PIM_ERR_NONE;
}

#endif /* PIMSOC_PIM_CONV_REGS_H */
