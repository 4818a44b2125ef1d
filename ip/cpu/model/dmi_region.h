// Direct memory access regions: guest ranges the core reads/writes through host pointers,
// bypassing the MemoryInterface.
#pragma once

#include <algorithm>
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

// The two regions last hit for one access kind, most recent first: code that alternates between
// two memories (e.g. a data ROM and main memory) stays on the fast path. Translated code counts
// every access at `recent`'s latency and adds `previous_extra_cycles` per hit in `previous`.
struct DmiCache {
    DmiCacheEntry recent;    // checked first
    DmiCacheEntry previous;  // checked when `recent` misses
    uint64_t previous_extra_cycles = 0;  // previous.latency_cycles - recent.latency_cycles (mod 2^64)
    uint32_t worst_latency_cycles = 0;   // the larger latency (budget checks)
    uint64_t previous_hits[DmiTraffic::widths] = {};      // fast hits in `previous` not yet credited, by access width

    // Makes `entry` the recent one; the old recent one becomes the previous one.
    void install(const DmiCacheEntry& entry)
    {
        if (entry.base != recent.base || recent.size == 0) {
            previous = recent;
        }
        recent = entry;
        update_latencies();
    }
    void clear()
    {
        recent = DmiCacheEntry{};
        previous = DmiCacheEntry{};
        update_latencies();
    }

private:
    void update_latencies()
    {
        previous_extra_cycles = uint64_t{previous.latency_cycles} - recent.latency_cycles;
        worst_latency_cycles = std::max(recent.latency_cycles, previous.latency_cycles);
    }
};

}  // namespace pimsoc::cpu
