// The memory regions a command reads and writes, and the checks every PIM device whose memory is
// a window of contiguous banks runs on them (a command works inside one bank, so banks can run in
// parallel). docs/models/pim.md, "Regions".
// Pure C++17, no SystemC.
#pragma once

#include <cstddef>
#include <cstdint>

#include "descriptors.h"
#include "error.h"

namespace pimsoc::pim {

struct Region {
    uint64_t address = 0;
    uint64_t length = 0;  // bytes, >= 1
    uint32_t align = 1;   // the address must be a multiple of this
};

// What one command touches: operands (and bias) it reads, results it writes.
struct CommandRegions {
    static constexpr size_t max_in = 3;  // A, B, bias
    static constexpr size_t max_out = 1;
    Region in[max_in];
    size_t n_in = 0;
    Region out[max_out];
    size_t n_out = 0;
    bool overflow = false;  // a region's size exceeds the memory: out_of_range

    void add_in(const Region& r) { in[n_in++] = r; }
    void add_out(const Region& r) { out[n_out++] = r; }
};

// A device's memory: `capacity` bytes, banks of `bank_bytes` contiguous bytes (bank b is
// [b * bank_bytes, (b + 1) * bank_bytes)).
struct BankedMemory {
    uint64_t capacity = 0;
    uint64_t bank_bytes = 1;

    bool contains(uint64_t address, uint64_t length) const { return address <= capacity && length <= capacity - address; }
    uint64_t bank_of(uint64_t address) const { return address / bank_bytes; }
};

// The regions of a validated descriptor (validate() == none). Vectors are packed
// (packed_bytes()), aligned to elem_bytes(); biases and results are int32.
//   DOT: A = (count - 1) * stride_a + packed length (B alike), bias if has_bias, result if
//        write_result (4 * count bytes each); overflow when the strides run past `capacity`.
//   CONV: the C x H x W input, the C x kh x kw kernel, the H' x W' int32 result if write_result.
CommandRegions regions(const DotCommand& cmd, uint64_t capacity);
CommandRegions regions(const Conv2dCommand& cmd);

// The first failing check, in this order, each over all regions: out_of_range (a region not
// inside the memory, or overflow), misaligned, cross_bank (a region not in the first region's
// bank, or straddling a bank boundary), overlap (a result region overlapping an input region).
Error check_regions(const CommandRegions& regions, const BankedMemory& memory);

}  // namespace pimsoc::pim
