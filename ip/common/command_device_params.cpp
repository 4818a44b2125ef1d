#include "common/command_device_params.h"

#include "common/power_gate.h"

namespace pimsoc {

void bind_command_device_params(const ParamBinder& b, CommandDeviceParams& p, const std::string& unit,
                                const std::string& when_full)
{
    b.bind("clock_hz", p.clock_hz, "Hz", "controller clock (BUSY_CYCLES counter)");
    b.bind("access_latency_ns", p.access_latency_ns, "ns", "latency of one register access");
    b.bind("queue_depth", p.queue_depth, "",
           "commands that may wait per " + unit + " behind the running one (0..255); " + when_full);
    bind_power_gating(b, p.power_gating);
}

}  // namespace pimsoc
