// The small RTM the device tests and the conformance kit run: two banks of 2 subarrays x 4 DBCs x
// 16 domains x 32 tracks, 512 bytes per bank.
#pragma once

#include "rtm/rtm_params.h"

namespace pimsoc::test {

inline RtmParams rtm_small_params()
{
    RtmParams p;
    p.model.geometry.banks = 2;
    p.model.geometry.subarrays_per_bank = 2;
    p.model.geometry.dbcs_per_subarray = 4;
    p.model.geometry.domains_per_track = 16;
    p.model.geometry.tracks_per_dbc = 32;
    p.model.geometry.ports_per_track = 2;
    return p;
}

}  // namespace pimsoc::test
