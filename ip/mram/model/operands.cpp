#include "operands.h"

namespace pimsoc::mram {

namespace {
uint64_t raw_at(const uint8_t* window, uint64_t vector_address, uint64_t index, pim::ElemType t)
{
    const uint32_t bits = t.bits();
    if (bits > 8) return pim::to_bits(t, pim::unpack(window + vector_address, index, t));
    // The sub-arrays' operands (1..8 bits) span one or two bytes: read just those (as unpack does),
    // without its sign extension and back (the hot path of the row loads).
    const uint64_t bit = index * bits;
    const uint8_t* p = window + vector_address + bit / 8;
    const uint32_t shift = static_cast<uint32_t>(bit % 8);
    uint32_t word = p[0];
    if (shift + bits > 8) word |= static_cast<uint32_t>(p[1]) << 8;
    return (word >> shift) & ((1u << bits) - 1);
}
}  // namespace

OperandSource::OperandSource(const pim::DotCommand& dot)
    : m_is_conv(false),
      m_dot(dot),
      m_outputs(dot.count),
      m_length(dot.length),
      m_act_type(dot.type_a),
      m_weight_type(dot.type_b)
{
}

OperandSource::OperandSource(const pim::Conv2dCommand& conv)
    : m_is_conv(true),
      m_conv(conv),
      m_outputs(static_cast<uint64_t>(pim::conv_out_height(conv)) * pim::conv_out_width(conv)),
      m_length(conv.channels * conv.kernel_h * conv.kernel_w),
      m_out_width(pim::conv_out_width(conv)),
      m_act_type(conv.in_type),
      m_weight_type(conv.kernel_type)
{
}

uint64_t OperandSource::activation_raw(const uint8_t* window, uint64_t k, uint32_t e) const
{
    if (!m_is_conv) return raw_at(window, m_dot.a + k * m_dot.stride_a, e, m_act_type);
    const pim::Conv2dCommand& c = m_conv;
    const uint32_t taps = c.kernel_h * c.kernel_w;
    const uint32_t channel = e / taps;
    const uint32_t i = e % taps / c.kernel_w;
    const uint32_t j = e % c.kernel_w;
    const int64_t y = static_cast<int64_t>(k / m_out_width) * c.stride_h + i - c.pad_h;
    const int64_t x = static_cast<int64_t>(k % m_out_width) * c.stride_w + j - c.pad_w;
    if (y < 0 || x < 0 || y >= c.height || x >= c.width) return 0;  // padding
    const uint64_t index = (static_cast<uint64_t>(channel) * c.height + static_cast<uint64_t>(y)) * c.width +
                           static_cast<uint64_t>(x);
    return raw_at(window, c.in, index, m_act_type);
}

uint64_t OperandSource::weight_raw(const uint8_t* window, uint64_t k, uint32_t e) const
{
    if (!m_is_conv) return raw_at(window, m_dot.b + k * m_dot.stride_b, e, m_weight_type);
    return raw_at(window, m_conv.kernel, e, m_weight_type);
}

void OperandSource::gather(const uint8_t* window, uint64_t k, uint32_t first, uint32_t count,
                           uint64_t* activations, uint64_t* weights) const
{
    if (!m_is_conv) {
        const uint64_t a = m_dot.a + k * m_dot.stride_a;
        const uint64_t b = m_dot.b + k * m_dot.stride_b;
        for (uint32_t i = 0; i < count; ++i) {
            activations[i] = raw_at(window, a, first + i, m_act_type);
            weights[i] = raw_at(window, b, first + i, m_weight_type);
        }
        return;
    }
    const pim::Conv2dCommand& c = m_conv;
    const uint32_t taps = c.kernel_h * c.kernel_w;
    uint32_t channel = first / taps;
    uint32_t i = first % taps / c.kernel_w;
    uint32_t j = first % c.kernel_w;
    const int64_t y0 = static_cast<int64_t>(k / m_out_width) * c.stride_h - c.pad_h;
    const int64_t x0 = static_cast<int64_t>(k % m_out_width) * c.stride_w - c.pad_w;
    for (uint32_t n = 0; n < count; ++n) {
        const int64_t y = y0 + i;
        const int64_t x = x0 + j;
        if (y < 0 || x < 0 || y >= c.height || x >= c.width) {
            activations[n] = 0;  // padding
        } else {
            const uint64_t index = (static_cast<uint64_t>(channel) * c.height + static_cast<uint64_t>(y)) * c.width +
                                   static_cast<uint64_t>(x);
            activations[n] = raw_at(window, c.in, index, m_act_type);
        }
        weights[n] = raw_at(window, c.kernel, first + n, m_weight_type);
        if (++j == c.kernel_w) {
            j = 0;
            if (++i == c.kernel_h) {
                i = 0;
                ++channel;
            }
        }
    }
}

}  // namespace pimsoc::mram
