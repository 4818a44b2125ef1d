// Helpers of the MRAM model tests: small geometries, packing operands into the window, random
// operands and the plain integer reference the model must equal.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "mram/model/mram_array.h"

namespace pimsoc::mram::test {

inline MramConfig geometry(uint32_t rows, uint32_t columns, uint32_t segment_bits, uint32_t subarrays,
                           uint32_t banks, uint32_t window_bytes_per_bank)
{
    MramConfig c;
    c.geometry = Geometry{rows, columns, segment_bits, subarrays, banks, window_bytes_per_bank};
    return c;
}

// 1 bank of 2 sub-arrays of 16 rows x 8 columns, segments of 4: the worked example's geometry.
inline MramConfig tiny_config()
{
    return geometry(16, 8, 4, 2, 1, 256);
}

// 2 banks of 3 sub-arrays of 64 x 128, segments of 32, 16 KiB windows: odd sizes for the random tests.
inline MramConfig small_config()
{
    return geometry(64, 128, 32, 3, 2, 16384);
}

// A DOT batch: `count` products of `length` elements, A_k at a + k stride_a, B_k at b + k
// stride_b, results at dst.
inline DotCommand dot(ElemType ta, ElemType tb, uint32_t a, uint32_t b, uint32_t length, uint32_t count,
                      uint32_t stride_a, uint32_t stride_b, uint32_t dst)
{
    DotCommand c;
    c.type_a = ta;
    c.type_b = tb;
    c.a = a;
    c.b = b;
    c.length = length;
    c.count = count;
    c.stride_a = stride_a;
    c.stride_b = stride_b;
    c.dst = dst;
    return c;
}

inline void put(MramArray& m, uint64_t address, ElemType t, const std::vector<int64_t>& v)
{
    std::vector<uint8_t> bytes(pim::packed_bytes(t, v.size()), 0);
    pim::pack(bytes.data(), t, v.data(), v.size());
    ASSERT_TRUE(m.load(address, bytes.data(), bytes.size()));
}

inline std::vector<int64_t> random_values(std::mt19937_64& rng, ElemType t, size_t n)
{
    std::uniform_int_distribution<int64_t> d(pim::min_value(t), pim::max_value(t));
    std::vector<int64_t> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

// The weight values a coding stands for (+-1 weights are stored as 0/1).
inline int64_t weight_of(ElemType t, WeightCoding coding, int64_t stored)
{
    return weight_value(t, coding, pim::to_bits(t, stored));
}

// init + sum a[i] w[i], modulo 2^32.
inline int32_t reference_dot(const int64_t* a, const int64_t* w, size_t n, ElemType tw, WeightCoding coding,
                             int64_t init)
{
    int64_t s = init;
    for (size_t i = 0; i < n; ++i) s += a[i] * weight_of(tw, coding, w[i]);
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(s)));
}

}  // namespace pimsoc::mram::test
