// Random (seeded, deterministic) layers and tensors for the CNN kernel tests.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "cnn/cnn.h"
#include "cnn_reference.h"

namespace cnnref {

struct Rng {
    std::mt19937 gen;
    explicit Rng(uint32_t seed) : gen(seed) {}
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
    bool chance(int percent) { return uniform(0, 99) < percent; }
    template <typename T>
    const T& pick(const std::vector<T>& v)
    {
        return v[static_cast<size_t>(uniform(0, int(v.size()) - 1))];
    }
};

// A layer and the arrays it points to.
struct OwnedLayer {
    cnn_layer layer{};
    std::vector<int8_t> weights;
    std::vector<int32_t> bias;
    std::vector<cnn_requant> requant;

    OwnedLayer() = default;
    OwnedLayer(const OwnedLayer& o) : layer(o.layer), weights(o.weights), bias(o.bias), requant(o.requant)
    {
        relink();
    }
    OwnedLayer& operator=(const OwnedLayer& o)
    {
        layer = o.layer;
        weights = o.weights;
        bias = o.bias;
        requant = o.requant;
        relink();
        return *this;
    }
    void relink()
    {
        if (layer.weights) layer.weights = weights.data();
        if (layer.bias) layer.bias = bias.data();
        if (layer.requant) layer.requant = requant.data();
    }
};

inline void random_values(Rng& rng, Tensor& t)
{
    for (size_t i = 0; i < count(t.shape); i++) {
        switch (t.shape.dtype) {
            case CNN_U8:
                t.set(i, rng.uniform(0, 255));
                break;
            case CNN_S8:
                t.set(i, rng.uniform(-128, 127));
                break;
            default:
                t.set(i, rng.uniform(-2000000, 2000000));
                break;
        }
    }
}

// Output clamp of a U8/S8 output: full range, fused ReLU, low-bit (act_max 1, 3, 15) or random.
inline void random_clamp(Rng& rng, cnn_layer& l)
{
    if (l.out.dtype == CNN_U8) {
        static const std::vector<std::pair<int, int>> ranges = {{0, 255}, {0, 1}, {0, 3}, {0, 15}, {0, 255}};
        auto r = rng.pick(ranges);
        if (rng.chance(20)) r = {rng.uniform(0, 100), rng.uniform(101, 255)};
        l.act_min = static_cast<int16_t>(r.first);
        l.act_max = static_cast<int16_t>(r.second);
    } else {
        static const std::vector<std::pair<int, int>> ranges = {{-128, 127}, {0, 127}, {0, 1},     {0, 3},
                                                                {0, 15},     {-8, 7},  {-128, 127}};
        auto r = rng.pick(ranges);
        l.act_min = static_cast<int16_t>(r.first);
        l.act_max = static_cast<int16_t>(r.second);
    }
}

// Requantization entries for `channels` outputs whose accumulators are about `typical` in
// magnitude: maps them to roughly +-2^6..2^8, with some exact zero multipliers and left shifts.
inline void random_requant(Rng& rng, OwnedLayer& o, unsigned channels, int64_t typical)
{
    o.layer.per_channel = rng.chance(60) ? 1 : 0;
    const unsigned n = o.layer.per_channel ? channels : 1;
    int log2_typical = 0;
    while ((int64_t{1} << log2_typical) < typical) log2_typical++;
    o.requant.clear();
    for (unsigned i = 0; i < n; i++) {
        cnn_requant r;
        r.multiplier = rng.chance(5) ? 0 : rng.uniform(1 << 30, std::numeric_limits<int32_t>::max());
        r.shift = std::clamp(7 - log2_typical + rng.uniform(-2, 2), -31, 30);
        o.requant.push_back(r);
    }
    o.layer.requant = o.requant.data();
    random_clamp(rng, o.layer);
}

inline cnn_shape shape(int c, int h, int w, unsigned dtype)
{
    return cnn_shape{static_cast<uint16_t>(c), static_cast<uint16_t>(h), static_cast<uint16_t>(w),
                     static_cast<uint8_t>(dtype)};
}

inline int out_size(int in, int kernel, int stride, int pad)
{
    return (in + 2 * pad - kernel) / stride + 1;
}

// Weights, optional bias and (for U8/S8 outputs) requantization of a conv2d / fc layer with
// reduction length k and `channels` outputs.
inline void random_parameters(Rng& rng, OwnedLayer& o, unsigned channels, size_t k)
{
    o.weights.resize(channels * k);
    for (auto& w : o.weights) w = static_cast<int8_t>(rng.uniform(-128, 127));
    o.layer.weights = o.weights.data();
    if (rng.chance(70)) {
        o.bias.resize(channels);
        for (auto& b : o.bias) b = rng.uniform(-20000, 20000);
        o.layer.bias = o.bias.data();
    }
    if (o.layer.out.dtype != CNN_S32) {
        const int64_t max_x = o.layer.in.dtype == CNN_U8 ? 255 : 128;
        // A random-walk sum of k products: about sqrt(k) * 128 * max_x / 2.
        const int64_t typical = std::max<int64_t>(1, static_cast<int64_t>(std::sqrt(double(k)) * 64 * max_x));
        random_requant(rng, o, channels, typical);
    }
}

inline OwnedLayer random_conv(Rng& rng)
{
    OwnedLayer o;
    cnn_layer& l = o.layer;
    l.name = "conv";
    l.op = CNN_OP_CONV2D;
    l.kernel_h = static_cast<uint8_t>(rng.uniform(1, 7));
    l.kernel_w = static_cast<uint8_t>(rng.chance(70) ? l.kernel_h : rng.uniform(1, 7));
    l.stride_h = static_cast<uint8_t>(rng.uniform(1, 3));
    l.stride_w = static_cast<uint8_t>(rng.chance(70) ? l.stride_h : rng.uniform(1, 3));
    l.pad_h = static_cast<uint8_t>(rng.uniform(0, 3));
    l.pad_w = static_cast<uint8_t>(rng.chance(70) ? l.pad_h : rng.uniform(0, 3));
    const int h = rng.uniform(std::max(1, l.kernel_h - 2 * l.pad_h), l.kernel_h + 11);
    const int w = rng.uniform(std::max(1, l.kernel_w - 2 * l.pad_w), l.kernel_w + 11);
    l.in = shape(rng.uniform(1, 8), h, w, rng.chance(50) ? CNN_U8 : CNN_S8);
    l.out = shape(rng.uniform(1, 8), out_size(h, l.kernel_h, l.stride_h, l.pad_h),
                  out_size(w, l.kernel_w, l.stride_w, l.pad_w), static_cast<unsigned>(rng.uniform(0, 2)));
    random_parameters(rng, o, l.out.c, static_cast<size_t>(l.in.c) * l.kernel_h * l.kernel_w);
    return o;
}

inline OwnedLayer random_fc(Rng& rng)
{
    OwnedLayer o;
    cnn_layer& l = o.layer;
    l.name = "fc";
    l.op = CNN_OP_FC;
    l.in = shape(rng.uniform(1, 8), rng.uniform(1, 7), rng.uniform(1, 7), rng.chance(50) ? CNN_U8 : CNN_S8);
    l.out = shape(rng.uniform(1, 40), 1, 1, static_cast<unsigned>(rng.uniform(0, 2)));
    random_parameters(rng, o, l.out.c, count(l.in));
    return o;
}

inline OwnedLayer random_pool(Rng& rng, cnn_op op)
{
    OwnedLayer o;
    cnn_layer& l = o.layer;
    l.name = "pool";
    l.op = static_cast<uint8_t>(op);
    l.kernel_h = static_cast<uint8_t>(rng.uniform(1, 7));
    l.kernel_w = static_cast<uint8_t>(rng.chance(70) ? l.kernel_h : rng.uniform(1, 7));
    l.stride_h = static_cast<uint8_t>(rng.uniform(1, 3));
    l.stride_w = static_cast<uint8_t>(rng.chance(70) ? l.stride_h : rng.uniform(1, 3));
    l.pad_h = static_cast<uint8_t>(rng.uniform(0, std::min(3, l.kernel_h - 1)));
    l.pad_w = static_cast<uint8_t>(rng.uniform(0, std::min(3, l.kernel_w - 1)));
    const int h = rng.uniform(std::max(1, l.kernel_h - 2 * l.pad_h), l.kernel_h + 11);
    const int w = rng.uniform(std::max(1, l.kernel_w - 2 * l.pad_w), l.kernel_w + 11);
    const unsigned dtype = rng.chance(50) ? CNN_U8 : CNN_S8;
    l.in = shape(rng.uniform(1, 8), h, w, dtype);
    l.out = shape(l.in.c, out_size(h, l.kernel_h, l.stride_h, l.pad_h),
                  out_size(w, l.kernel_w, l.stride_w, l.pad_w), dtype);
    return o;
}

}  // namespace cnnref
