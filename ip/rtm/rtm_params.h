// Parameters of the RTM controller (config keys "rtm.*"): the model's geometry, costs, cells and
// area (ip/rtm/model/rtm_config.h, defaults and sources in docs/models/rtm.md) plus the
// controller's own clock, register latency and leakage. Policies are strings in the config tree
// and become the model's enums in to_model(), which names a bad key.
#pragma once

#include <cstdint>
#include <string>

#include "common/command_device_params.h"
#include "common/params.h"
#include "rtm/model/rtm_config.h"

namespace pimsoc {

// The controller keys clock_hz, access_latency_ns, power_gating and queue_depth (per bank) are
// CommandDeviceParams'.
struct RtmParams : CommandDeviceParams {
    rtm::RtmConfig model;
    std::string port_policy = "static";         // static | dynamic
    std::string return_policy = "lazy";         // lazy | eager
    std::string placement = "interleaved";      // sequential | interleaved
    std::string adder_mode = "bit_serial";      // bit_serial | word_parallel
    std::string booth_radix = "radix4";         // radix2 | radix4
    std::string cost_model = "circuit";         // circuit | legacy (docs/models/rtm.md, "Energy models")
    std::string accumulator = "bound";          // bound | fused | int32 (circuit model)
    std::string periphery_model = "estimate";   // estimate | sqrt (circuit model)
    // Static power of the controller, decoders and sense amplifiers per bank [E]: racetrack cells
    // are non-volatile and do not leak; the CMOS periphery does (docs/models/rtm.md).
    double leakage_uw_per_bank = 5.0;

    void bind(const ParamBinder& b);

    // The model config with the policy strings applied; throws std::invalid_argument
    // "rtm.<key>: '<value>' is not ..." for a bad string or validate()'s message.
    rtm::RtmConfig to_model() const;
};

}  // namespace pimsoc
