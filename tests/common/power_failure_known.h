// How a device test's power failure at `cut` reaches an accelerator: known at the command's
// acceptance (BankedCommandDevice::set_power_cut: the times/periodic/random modes, or a harvest
// forecast made then), foreseen only after it (the harvest mode: the device keeps its undo
// records while a charge listener is set, and cut_at_power_failure() cuts at the failure), or
// planned later at the acceptance and brought earlier after it (a later harvest forecast).
// All must leave the same state (docs/power.md, "The harvest mode's brown-out").
#pragma once

#include <systemc>

#include "common/banked_command_device.h"

namespace pimsoc::test {

enum class FailureKnown { ahead, later, brought_earlier };

// Before the command: tells `device` of the failure at `cut` (ahead), or makes it keep what a
// later cut needs (later: a forecast that foresees nothing yet; brought_earlier: one that plans
// the failure half as far again past `cut`).
inline void announce_failure(BankedCommandDevice& device, const sc_core::sc_time& cut, FailureKnown known)
{
    if (known == FailureKnown::ahead) {
        device.set_power_cut(cut);
        return;
    }
    device.set_charge_listener([](const sc_core::sc_time&) {});
    if (known == FailureKnown::brought_earlier) {
        device.set_power_cut(cut + (cut - sc_core::sc_time_stamp()) / 2);
    }
}

// Waits until `cut` (from the calling thread) and, unless the failure was known ahead, cuts
// there as the SoC's lose_power does first.
inline void reach_failure(BankedCommandDevice& device, const sc_core::sc_time& cut, FailureKnown known)
{
    sc_core::wait(cut - sc_core::sc_time_stamp());
    if (known != FailureKnown::ahead) {
        device.cut_at_power_failure(cut);
    }
}

}  // namespace pimsoc::test
