// Direct memory access regions: guest ranges the core reads/writes through host pointers,
// bypassing the MemoryInterface.
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

struct DmiRegion {
    uint32_t base = 0;        // first guest address
    uint64_t size = 0;        // bytes (up to 4 GiB)
    uint8_t* host = nullptr;  // host address of `base`
    bool readable = false;
    bool writable = false;
    uint32_t read_latency_cycles = 0;   // added to the cycle count per data access
    uint32_t write_latency_cycles = 0;

    bool contains(uint32_t addr, unsigned len) const { return uint64_t{addr - base} + len <= size && addr >= base; }
};

// The last region hit for one access kind; checked first on every load/store.
struct DmiCacheEntry {
    uint32_t base = 0;
    uint64_t size = 0;  // 0: empty, never hits
    uint8_t* host = nullptr;
    uint32_t latency_cycles = 0;
};

}  // namespace pimsoc::cpu
