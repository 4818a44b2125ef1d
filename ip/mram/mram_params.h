// Parameters of the SOT-MRAM accelerator (config keys "mram.*"): the model's geometry, operation
// costs, leakage, non-volatile partial state and area (ip/mram/model/mram_config.h, defaults and
// sources in docs/models/mram.md) and the controller's own keys (clock, register latency, queue
// depth; docs/models/mram_controller.md).
#pragma once

#include <cstdint>
#include <string>

#include "common/command_device_params.h"
#include "common/params.h"
#include "mram/model/mram_config.h"

namespace pimsoc {

// The controller keys clock_hz, access_latency_ns, power_gating and queue_depth (per bank) are
// CommandDeviceParams'.
struct MramParams : CommandDeviceParams {
    mram::MramConfig model;

    void bind(const ParamBinder& b);

    // The model config; throws std::invalid_argument with validate()'s message
    // ("mram.<key>: <value> <problem>") when it is not valid.
    mram::MramConfig to_model() const;
};

}  // namespace pimsoc
