// Naive reference implementations of the CNN kernels (firmware/cnn) for the tests, written
// independently of the library: plain nested loops with explicit bounds checks, 64-bit
// accumulators, and the requantization arithmetic spelled out as in gemmlowp/TFLite.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "cnn/cnn.h"

namespace cnnref {

// gemmlowp SaturatingRoundingDoublingHighMul, literally (C++ '/' truncates toward zero).
inline int32_t srdhm(int32_t a, int32_t b)
{
    if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
    const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
    const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (int64_t{1} - (int64_t{1} << 30));
    return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero, on magnitudes (exponent 0..62).
inline int64_t round_div_pot(int64_t x, int exponent)
{
    if (exponent == 0) return x;
    const uint64_t mag = x < 0 ? static_cast<uint64_t>(-x) : static_cast<uint64_t>(x);
    const uint64_t q = mag >> exponent;
    const uint64_t r = mag - (q << exponent);
    const uint64_t rounded = q + (2 * r >= (uint64_t{1} << exponent) ? 1 : 0);
    return x < 0 ? -static_cast<int64_t>(rounded) : static_cast<int64_t>(rounded);
}

// MultiplyByQuantizedMultiplier as the library documents it: left shift in 64 bits saturated to
// int32, doubling high multiply, rounding right shift. shift in [-62, 62].
inline int32_t mbqm(int32_t acc, int32_t multiplier, int shift)
{
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    int64_t a = acc;
    for (int i = 0; i < left && a != 0; i++) {  // saturating doubling, one bit at a time
        a *= 2;
        a = std::clamp<int64_t>(a, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
    }
    return static_cast<int32_t>(round_div_pot(srdhm(static_cast<int32_t>(a), multiplier), right));
}

inline int32_t read_value(const void* data, unsigned dtype, size_t i)
{
    switch (dtype) {
        case CNN_U8:
            return static_cast<const uint8_t*>(data)[i];
        case CNN_S8:
            return static_cast<const int8_t*>(data)[i];
        default: {
            int32_t v;
            std::memcpy(&v, static_cast<const uint8_t*>(data) + 4 * i, 4);
            return v;
        }
    }
}

inline size_t count(const cnn_shape& s)
{
    return static_cast<size_t>(s.c) * s.h * s.w;
}
inline size_t bytes(const cnn_shape& s)
{
    return count(s) * (s.dtype == CNN_S32 ? 4 : 1);
}

// A tensor as raw bytes (what the kernels read/write), 4-byte aligned. Inputs are allocated to
// the exact word count (the sanitizer build catches over-reads); outputs get a canary tail that
// canary_intact() checks (catches over-writes in every build).
struct Tensor {
    static constexpr size_t kCanaryWords = 4;
    static constexpr uint8_t kCanary = 0xA5;
    cnn_shape shape{};
    std::vector<int32_t> storage;  // int32 words: aligned for S32
    explicit Tensor(cnn_shape s, bool canary = false)
        : shape(s), storage((bytes(s) + 3) / 4 + (canary ? kCanaryWords : 0), 0)
    {
        if (canary) std::memset(storage.data(), kCanary, storage.size() * 4);
    }
    bool canary_intact() const
    {
        const auto* p = reinterpret_cast<const uint8_t*>(storage.data());
        for (size_t i = bytes(shape); i < storage.size() * 4; i++)
            if (p[i] != kCanary) return false;
        return true;
    }
    void* data() { return storage.data(); }
    const void* data() const { return storage.data(); }
    int32_t get(size_t i) const { return read_value(storage.data(), shape.dtype, i); }
    void set(size_t i, int32_t v)
    {
        auto* p = reinterpret_cast<uint8_t*>(storage.data());
        if (shape.dtype == CNN_S32) {
            std::memcpy(p + 4 * i, &v, 4);
        } else {
            p[i] = static_cast<uint8_t>(v);
        }
    }
    std::vector<int32_t> values() const
    {
        std::vector<int32_t> out(count(shape));
        for (size_t i = 0; i < out.size(); i++) out[i] = get(i);
        return out;
    }
};

inline int32_t requant_clamped(const cnn_layer& l, unsigned channel, int64_t acc)
{
    const cnn_requant& r = l.requant[l.per_channel ? channel : 0];
    const int32_t v = mbqm(static_cast<int32_t>(acc), r.multiplier, r.shift);
    return std::clamp<int32_t>(v, l.act_min, l.act_max);
}

inline int32_t finish(const cnn_layer& l, unsigned channel, int64_t acc)
{
    if (l.bias) acc += l.bias[channel];
    if (l.out.dtype == CNN_S32) return static_cast<int32_t>(acc);
    return requant_clamped(l, channel, acc);
}

inline std::vector<int32_t> conv2d(const cnn_layer& l, const std::vector<int32_t>& x)
{
    std::vector<int32_t> y;
    const int C = l.in.c, H = l.in.h, W = l.in.w;
    for (int oc = 0; oc < l.out.c; oc++)
        for (int oy = 0; oy < l.out.h; oy++)
            for (int ox = 0; ox < l.out.w; ox++) {
                int64_t acc = 0;
                for (int ic = 0; ic < C; ic++)
                    for (int ky = 0; ky < l.kernel_h; ky++)
                        for (int kx = 0; kx < l.kernel_w; kx++) {
                            const int iy = oy * l.stride_h - l.pad_h + ky;
                            const int ix = ox * l.stride_w - l.pad_w + kx;
                            if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;  // zero padding
                            const int64_t w = l.weights[((oc * C + ic) * l.kernel_h + ky) * l.kernel_w + kx];
                            acc += w * x[(ic * H + iy) * W + ix];
                        }
                y.push_back(finish(l, oc, acc));
            }
    return y;
}

inline std::vector<int32_t> fully_connected(const cnn_layer& l, const std::vector<int32_t>& x)
{
    std::vector<int32_t> y;
    const size_t k = x.size();
    for (unsigned n = 0; n < l.out.c; n++) {
        int64_t acc = 0;
        for (size_t i = 0; i < k; i++) acc += int64_t{l.weights[n * k + i]} * x[i];
        y.push_back(finish(l, n, acc));
    }
    return y;
}

inline std::vector<int32_t> pool(const cnn_layer& l, const std::vector<int32_t>& x, bool average)
{
    std::vector<int32_t> y;
    const int H = l.in.h, W = l.in.w;
    for (int c = 0; c < l.out.c; c++)
        for (int oy = 0; oy < l.out.h; oy++)
            for (int ox = 0; ox < l.out.w; ox++) {
                int64_t sum = 0, n = 0, best = std::numeric_limits<int64_t>::min();
                for (int ky = 0; ky < l.kernel_h; ky++)
                    for (int kx = 0; kx < l.kernel_w; kx++) {
                        const int iy = oy * l.stride_h - l.pad_h + ky;
                        const int ix = ox * l.stride_w - l.pad_w + kx;
                        if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;  // padding: ignored
                        const int32_t v = x[(c * H + iy) * W + ix];
                        sum += v;
                        n++;
                        best = std::max<int64_t>(best, v);
                    }
                // std::lround rounds halfway cases away from zero.
                y.push_back(average ? static_cast<int32_t>(std::lround(static_cast<double>(sum) / n))
                                    : static_cast<int32_t>(best));
            }
    return y;
}

}  // namespace cnnref
