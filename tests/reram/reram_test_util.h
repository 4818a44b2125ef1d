// Helpers of the ReRAM model tests: small geometries, configs with one non-ideality on, random
// weight blocks and inputs, and the plain integer reference the ideal model must equal.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "reram/model/reram_array.h"

namespace pimsoc::reram::test {

// 1 tile of 16 crossbars of 64 x 64: room for w = 8 on 1-bit cells with differential pairs.
inline ReramConfig small_config()
{
    ReramConfig c;
    c.geometry.rows = 64;
    c.geometry.columns = 64;
    c.geometry.tiles = 1;
    c.geometry.crossbars_per_tile = 16;
    return c;
}

inline ReramConfig ideal(ReramConfig c)
{
    c.non_ideal.ideal = true;
    return c;
}

// Non-ideal mode with every non-ideality at zero and an ADC that resolves every level: the analog
// path with nothing wrong in it. Tests switch one effect on at a time from here.
inline ReramConfig clean(ReramConfig c)
{
    c.non_ideal = switched_off(c.non_ideal);
    c.geometry.adc_bits = 16;
    return c;
}

inline std::vector<int64_t> random_values(std::mt19937_64& rng, ElemType t, size_t n)
{
    std::uniform_int_distribution<int64_t> dist(pim::min_value(t), pim::max_value(t));
    std::vector<int64_t> v(n);
    for (int64_t& x : v) x = dist(rng);
    return v;
}

inline WeightBlock random_block(std::mt19937_64& rng, ElemType t, uint32_t inputs, uint32_t outputs)
{
    return WeightBlock{t, inputs, outputs, random_values(rng, t, static_cast<size_t>(inputs) * outputs)};
}

// out[o] = sum_i W[o][i] x[i]
inline std::vector<int64_t> reference_mvm(const WeightBlock& w, const std::vector<int64_t>& x)
{
    std::vector<int64_t> out(w.outputs, 0);
    for (uint32_t o = 0; o < w.outputs; ++o)
        for (uint32_t i = 0; i < w.inputs; ++i) out[o] += w.weights[o * w.inputs + i] * x[i];
    return out;
}

// The largest output count a block of `t` weights can have in the config's crossbars.
inline uint32_t max_outputs(const ReramConfig& c, ElemType t)
{
    uint32_t outputs = c.geometry.columns;
    while (outputs > 1 && plan_slices(c.geometry, t, outputs).columns_used > c.geometry.columns) --outputs;
    return outputs;
}

}  // namespace pimsoc::reram::test
