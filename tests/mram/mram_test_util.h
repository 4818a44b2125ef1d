// Helpers of the MRAM model tests: small geometries, packing operands into the window, random
// operands and the plain integer reference the model must equal.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "mram/model/mram_array.h"

namespace pimsoc::mram::test {

// 1 bank of 2 sub-arrays of 16 rows x 8 columns, segments of 4: the worked example's geometry.
inline MramConfig tiny_config()
{
    MramConfig c;
    c.geometry.rows = 16;
    c.geometry.columns = 8;
    c.geometry.segment_bits = 4;
    c.geometry.subarrays_per_bank = 2;
    c.geometry.banks = 1;
    c.geometry.window_bytes_per_bank = 256;
    return c;
}

// 2 banks of 3 sub-arrays of 64 x 128, segments of 32, 16 KiB windows: odd sizes for the random tests.
inline MramConfig small_config()
{
    MramConfig c;
    c.geometry.rows = 64;
    c.geometry.columns = 128;
    c.geometry.segment_bits = 32;
    c.geometry.subarrays_per_bank = 3;
    c.geometry.banks = 2;
    c.geometry.window_bytes_per_bank = 16384;
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
