// The configuration keys every command-driven accelerator (RTM, MRAM, ReRAM) has alike: the
// controller's clock, the latency of a register access, its power domain and the depth of the
// command queue per parallel unit (docs/models/command_device.md). A device's params struct
// derives from CommandDeviceParams and binds these keys with bind_command_device_params().
#pragma once

#include <cstdint>
#include <string>

#include "common/params.h"

namespace pimsoc {

struct CommandDeviceParams {
    // User-provided, so that value-initializing a struct holding a derived params struct
    // (`SocParams{}`) does not zero the base first: GCC 12 reports the zeroed string as "maybe
    // uninitialized" (-Wmaybe-uninitialized, a false positive) otherwise.
    CommandDeviceParams() {}
    uint64_t clock_hz = 100'000'000;      // controller clock: BUSY_CYCLES counts its cycles
    uint32_t access_latency_ns = 10;      // per register access: one cycle of a 100 MHz peripheral bus
    std::string power_gating = "unused";  // unused | off: the power domain (common/power_gate.h)
    uint32_t queue_depth = 4;             // commands that may wait per unit behind the running one
};

// Binds "<scope>.clock_hz", "access_latency_ns", "queue_depth" and "power_gating" to `p`.
// `unit` names the parallel unit in queue_depth's doc ("bank", "tile") and `when_full` says what
// happens to one command more ("one more START is ERR_BUSY").
void bind_command_device_params(const ParamBinder& b, CommandDeviceParams& p, const std::string& unit,
                                const std::string& when_full);

}  // namespace pimsoc
