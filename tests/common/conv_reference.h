// The textbook CONV loop nest that the PIM models' tests compare with, and the shared descriptor
// of a convolution shape, so each technology's test states only its cases and its operand storage.
#pragma once

#include <cstdint>
#include <vector>

#include "pim/model/descriptors.h"

namespace pimsoc::test {

struct ConvShape {
    pim::ElemType in_type, kernel_type;
    uint32_t channels, height, width, kh, kw, sh, sw, ph, pw;
};

// The descriptor of a shape (addresses and init 0: the test sets them).
inline pim::Conv2dCommand conv_command(const ConvShape& s)
{
    pim::Conv2dCommand c;
    c.in_type = s.in_type;
    c.kernel_type = s.kernel_type;
    c.channels = s.channels;
    c.height = s.height;
    c.width = s.width;
    c.kernel_h = s.kh;
    c.kernel_w = s.kw;
    c.stride_h = s.sh;
    c.stride_w = s.sw;
    c.pad_h = s.ph;
    c.pad_w = s.pw;
    return c;
}

// out[y][x] = init + sum in(CHW index) * weight(kernel index), taps in the padding skipped; the
// sum modulo 2^64 (32-bit operand products overflow int64 sums), then wrapped to int32.
// in(size_t) and weight(size_t) return the elements' values as int64.
template <class In, class Weight>
std::vector<int32_t> reference_conv(const pim::Conv2dCommand& c, In in, Weight weight)
{
    const uint32_t oh = pim::conv_out_height(c), ow = pim::conv_out_width(c);
    std::vector<int32_t> out(static_cast<size_t>(oh) * ow);
    for (uint32_t y = 0; y < oh; ++y)
        for (uint32_t x = 0; x < ow; ++x) {
            uint64_t acc = static_cast<uint64_t>(static_cast<int64_t>(c.init));
            for (uint32_t ch = 0; ch < c.channels; ++ch)
                for (uint32_t i = 0; i < c.kernel_h; ++i)
                    for (uint32_t j = 0; j < c.kernel_w; ++j) {
                        const int64_t iy = static_cast<int64_t>(y) * c.stride_h + i - c.pad_h;
                        const int64_t ix = static_cast<int64_t>(x) * c.stride_w + j - c.pad_w;
                        if (iy < 0 || ix < 0 || iy >= c.height || ix >= c.width) continue;
                        const int64_t v = in((static_cast<size_t>(ch) * c.height + iy) * c.width + ix);
                        const int64_t w = weight((static_cast<size_t>(ch) * c.kernel_h + i) * c.kernel_w + j);
                        acc += static_cast<uint64_t>(v) * static_cast<uint64_t>(w);
                    }
            out[static_cast<size_t>(y) * ow + x] = static_cast<int32_t>(static_cast<uint32_t>(acc));
        }
    return out;
}

}  // namespace pimsoc::test
