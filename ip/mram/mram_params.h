// Parameters of the SOT-MRAM accelerator (config keys "mram.*"): the model's geometry, operation
// costs, leakage, non-volatile partial state and area (ip/mram/model/mram_config.h, defaults and
// sources in docs/models/mram.md) and the controller's own keys (clock, register latency, queue
// depth; docs/models/mram_controller.md).
#pragma once

#include <cstdint>
#include <string>

#include "common/params.h"
#include "mram/model/mram_config.h"

namespace pimsoc {

struct MramParams {
    mram::MramConfig model;
    uint64_t clock_hz = 100'000'000;  // controller clock: BUSY_CYCLES counts its cycles
    uint32_t access_latency_ns = 10;  // per register access: one cycle of a 100 MHz peripheral bus
    std::string power_gating = "unused";  // unused | off: the power domain (common/power_gate.h)
    uint32_t queue_depth = 4;         // commands that may wait per bank behind the running one

    void bind(const ParamBinder& b);

    // The model config; throws std::invalid_argument with validate()'s message
    // ("mram.<key>: <value> <problem>") when it is not valid.
    mram::MramConfig to_model() const;
};

}  // namespace pimsoc
