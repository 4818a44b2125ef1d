// The convolution geometry of a Conv2dCommand from the CONV_IN and CONV_K registers every PIM
// controller shares (pim/pim_conv_regs.h).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "descriptors.h"
#include "pim/pim_conv_regs.h"

namespace pimsoc::pim {

inline void set_conv_geometry(Conv2dCommand& c, uint32_t conv_in, uint32_t conv_k)
{
    c.channels = PIM_CONV_IN_C(conv_in);
    c.height = PIM_CONV_IN_H(conv_in);
    c.width = PIM_CONV_IN_W(conv_in);
    c.kernel_h = PIM_CONV_K_FIELD(conv_k, PIM_CONV_K_KH_SHIFT);
    c.kernel_w = PIM_CONV_K_FIELD(conv_k, PIM_CONV_K_KW_SHIFT);
    c.stride_h = PIM_CONV_K_FIELD(conv_k, PIM_CONV_K_SH_SHIFT);
    c.stride_w = PIM_CONV_K_FIELD(conv_k, PIM_CONV_K_SW_SHIFT);
    c.pad_h = PIM_CONV_K_FIELD(conv_k, PIM_CONV_K_PH_SHIFT);
    c.pad_w = PIM_CONV_K_FIELD(conv_k, PIM_CONV_K_PW_SHIFT);
}

}  // namespace pimsoc::pim
