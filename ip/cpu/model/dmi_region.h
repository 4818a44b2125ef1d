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
    uint32_t traffic_slot = 0;  // index into the core's DMI traffic counters (set by add_dmi_region)

    bool contains(uint32_t addr, unsigned len) const { return uint64_t{addr - base} + len <= size && addr >= base; }
};

// The last region hit for one access kind; checked first on every load/store.
struct DmiCacheEntry {
    uint32_t base = 0;
    uint64_t size = 0;  // 0: empty, never hits
    uint8_t* host = nullptr;
    uint32_t latency_cycles = 0;
    uint32_t traffic_slot = 0;  // not used by the fast path: fast hits are credited in bulk
};

// Loads/stores/fetches the core served through DMI pointers to one region (by guest base
// address), which the memory behind it never sees. Index = access width: 0 = 1 byte, 1 = 2 bytes,
// 2 = 4 bytes. Instruction fetches count as 2-byte reads (one per halfword decoded).
struct DmiTraffic {
    static constexpr unsigned widths = 3;
    uint32_t base = 0;
    uint64_t reads[widths] = {};
    uint64_t writes[widths] = {};

    static unsigned width_index(unsigned len) { return len >= 4 ? 2 : len - 1; }
    static unsigned width_bytes(unsigned index) { return 1u << index; }
    bool empty() const
    {
        for (unsigned i = 0; i < widths; ++i) {
            if (reads[i] != 0 || writes[i] != 0) {
                return false;
            }
        }
        return true;
    }
};

}  // namespace pimsoc::cpu
