#pragma once
// The network description lives in ip/reram/pipeline (the pipeline simulator and the VP use it
// too, and ip/ must not include sim/); the allocator spells it pimsoc::alloc::Network.
#include "reram/pipeline/network.h"

namespace pimsoc::alloc {
using reram::crossbar_set;
using reram::crossbar_sets;
using reram::Layer;
using reram::max_copies;
using reram::Network;
using reram::validate;
}  // namespace pimsoc::alloc
