// The small array the hand-computed cost tests (test_rtm_cost.cpp, test_rtm_energy.cpp) work out
// by hand: one bank, one subarray of 4 DBCs of 8 domains x 32 tracks, 2 static ports (rest at
// domains 1 and 5; overhead 3, an 11-domain track), sequential placement: word w is DBC w / 8,
// domain w % 8.
#pragma once

#include "rtm/model/rtm_config.h"

namespace pimsoc::rtm {

inline RtmConfig tiny_config(CostModel model)
{
    RtmConfig c;
    c.energy.model = model;
    c.geometry.banks = 1;
    c.geometry.subarrays_per_bank = 1;
    c.geometry.dbcs_per_subarray = 4;
    c.geometry.domains_per_track = 8;
    c.geometry.ports_per_track = 2;
    c.geometry.port_policy = PortPolicy::static_ports;
    c.geometry.placement = Placement::sequential;
    return c;
}

}  // namespace pimsoc::rtm
