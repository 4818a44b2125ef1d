#pragma once
// The layer-pipelined accelerator's organisation and bandwidths (TODAES 2024, Table 3; ISAAC
// tiles), shared by the allocator's time model (sim/alloc, pimsoc::alloc::Hardware) and the
// pipeline simulator (pipeline_sim.h). Pure C++17, no SystemC.
#include <cstdint>

namespace pimsoc::reram {

struct Hardware {
    int64_t crossbar_size = 128;
    int64_t crossbars_per_tile = 72;
    // The time model's constant computation stage TC: 21 cycles of 100 ns. The pipeline simulator
    // takes each layer's compute time from the tile model instead (layer_compute.h).
    double stage_ns = 2100.0;
    bool bandwidth_limited = false;    // false: data moves in no time (the paper's "no bandwidth limit")
    double buffer_bytes_per_ns = 128.0;  // on-chip buffer (intra-tile), 128 GB/s
    double bus_bytes_per_ns = 12.8;      // inter-tile bus, 12.8 GB/s
    int64_t bytes_per_element = 2;       // 16-bit activations
};

}  // namespace pimsoc::reram
