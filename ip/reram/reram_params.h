// Parameters of the ReRAM crossbar tiles (config keys "reram.*"): every member of the model's
// config (ip/reram/model/reram_config.h; units, defaults and sources in docs/models/reram.md),
// bound flat under its own name (reram.cell_bits, reram.ideal, ...), with the model's enums as
// strings, and the controller's own keys (clock, register latency, queue depth, buffer access
// time; docs/models/reram_controller.md).
#pragma once

#include <cstdint>
#include <string>

#include "common/command_device_params.h"
#include "common/params.h"
#include "reram/model/reram_config.h"

namespace pimsoc {

// The controller keys clock_hz, access_latency_ns, power_gating and queue_depth (per tile) are
// CommandDeviceParams'.
struct ReramParams : CommandDeviceParams {
    reram::ReramConfig model;
    std::string signed_scheme = "differential";  // differential | offset
    std::string slice_placement = "crossbars";   // crossbars | columns
    std::string variation_model = "gaussian";    // gaussian | lognormal
    // One bus access to a tile's eDRAM buffer [E: one cycle of ISAAC's 1.2 GHz eDRAM, rounded up;
    // its 256-bit buffer bus moves a 32-bit access at once].
    double buffer_access_ns = 1.0;

    // The PIPELINE command (docs/models/reram_controller.md, "PIPELINE"): its own block, bound by
    // bind_pipeline().
    // The output unit's time per step of a layer: requantize and clamp, then max-pool, the outputs of
    // its copies [E: ISAAC's tile gives its sigmoid unit and its max-pool unit one 100 ns cycle each].
    double pipeline_output_ns = 200.0;
    bool pipeline_bandwidth = false;      // false: data moves in no time (pimsoc-alloc's default --no-bandwidth)
    double pipeline_buffer_gbps = 128.0;  // a tile's buffer (TODAES Table 3, ISAAC)
    double pipeline_bus_gbps = 12.8;      // the inter-tile bus (TODAES Table 3)
    bool pipeline_bus_broadcast = false;  // false: each consumer tile gets its own copy (the time model's)

    void bind(const ParamBinder& b);
    void bind_pipeline(const ParamBinder& b);
    // Throws std::invalid_argument naming a pipeline key whose value is out of range.
    void check_pipeline() const;

    // The model config with the enum strings applied; throws std::invalid_argument
    // "reram.<key>: '<value>' is not ..." for a bad string, or validate()'s message.
    reram::ReramConfig to_model() const;
};

}  // namespace pimsoc
