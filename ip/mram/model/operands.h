// Where the elements of a command's dot products are in the operand window: element e of output
// k's activation and weight vectors, as raw bit patterns (the bit planes are their bits). A DOT
// (and an MVM, as its DOT batch) reads packed vectors at a + k*stride_a and b + k*stride_b; a
// CONV reads output pixel k's window in (channel, kernel row, kernel column) order, taps in the
// padding being 0, and the same kernel for every pixel.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "pim/model/descriptors.h"

namespace pimsoc::mram {

class OperandSource {
public:
    explicit OperandSource(const pim::DotCommand& dot);
    explicit OperandSource(const pim::Conv2dCommand& conv);

    uint64_t outputs() const { return m_outputs; }
    uint32_t length() const { return m_length; }
    pim::ElemType activation_type() const { return m_act_type; }
    pim::ElemType weight_type() const { return m_weight_type; }

    // Raw bits (the low type-width bits) of element e < length() of output k < outputs().
    uint64_t activation_raw(const uint8_t* window, uint64_t k, uint32_t e) const;
    uint64_t weight_raw(const uint8_t* window, uint64_t k, uint32_t e) const;
    // Elements first..first+count-1 of output k at once (count <= length() - first): the same
    // values as activation_raw/weight_raw, with the conv window's indices stepped, not divided.
    void gather(const uint8_t* window, uint64_t k, uint32_t first, uint32_t count, uint64_t* activations,
                uint64_t* weights) const;

private:
    bool m_is_conv;
    pim::DotCommand m_dot;
    pim::Conv2dCommand m_conv;
    uint64_t m_outputs;
    uint32_t m_length;
    uint32_t m_out_width = 0;
    pim::ElemType m_act_type;
    pim::ElemType m_weight_type;
};

}  // namespace pimsoc::mram
