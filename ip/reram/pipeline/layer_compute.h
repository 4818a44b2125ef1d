#pragma once
// The compute time of one pipeline step of a layer, from the tile model (docs/models/reram.md,
// "Costs"): every copy's crossbars run one MVM in parallel, with the input applied bit-serially
// (ceil(input_bits / dac_bits) reads) and each crossbar's sensed columns shared by its ADCs. The
// VP's ReRAM engine costs its MVMs with the same UnitCosts. Pure C++17, no SystemC.
#include <cstdint>
#include <vector>

#include "network.h"
#include "pim/model/elem_type.h"
#include "reram/model/reram_config.h"

namespace pimsoc::reram {

struct StepPrecision {
    uint32_t input_bits = 16;                                      // the paper's 16-bit data
    pim::ElemType weight_type = pim::ElemType::signed_bits(16);    // the paper's 16-bit weights
};

// ns of one step of each layer: one MVM whose crossbars sense min(Co, columns) outputs (a
// logical crossbar's column block) in the slice layout of `tile`. Throws std::invalid_argument
// when the tile config is invalid or input_bits is outside 1..16.
std::vector<double> layer_compute_ns(const Network& net, const ReramConfig& tile,
                                     const StepPrecision& precision = {});

}  // namespace pimsoc::reram
