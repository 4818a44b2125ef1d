// What translated blocks (block_jit.h) read and write: the guest registers, the counters the hot
// loop keeps, the last-hit DMI entries and the per-page "holds code" bytes. One per core; the hot
// loop copies its counters in before a call and out after it.
#pragma once

#include <cstdint>

#include "dmi_region.h"

namespace pimsoc::cpu {

struct JitContext;
enum class JitExit : uint32_t;
using JitBlockFn = JitExit (*)(JitContext*);

// A computed jump's target (jalr) -> the page slot holding its translation, filled by the hot loop
// as it enters translations. Slots stay valid (pages are never freed) and read null once their
// translation is dropped, so an entry never leads to stale code. pc 1 (odd) matches no target.
struct JitTargetCacheEntry {
    uint32_t pc = 1;
    const JitBlockFn* slot = nullptr;
};

struct JitContext {
    uint32_t* x = nullptr;           // guest registers (33: x0..x31 and the scratch rd of x0 writes)
    uint64_t* op_counts = nullptr;   // retired instructions per Op
    const uint8_t* code_page = nullptr;  // per 4 KiB guest page: nonzero when it holds decoded code
    uint64_t cycles = 0;
    uint64_t instret = 0;
    uint64_t cycle_limit = 0;  // copies of the hot loop's budget limits
    uint64_t instret_limit = 0;
    DmiCache dmi_read;  // the core's last-hit DMI regions (the hot loop keeps a copy of `recent`)
    DmiCache dmi_write;
    uint32_t pc = 0;  // written by every exit
    static constexpr unsigned target_cache_size = 256;  // a power of two
    JitTargetCacheEntry target_cache[target_cache_size];
    static unsigned target_index(uint32_t pc) { return (pc >> 1) & (target_cache_size - 1); }
};

// What a translated block returns (it may have run the translations of the blocks after it too,
// chained): the hot loop goes on from ctx.pc with...
enum class JitExit : uint32_t {
    next_block = 0,   // ... the next block (no translation of it, or a computed jump target)
    interpret_one = 1,  // ... the instruction at ctx.pc in the interpreter, then the next block
                        // (a DMI miss, a store to a page with code, an op not translated)
    interpret_block = 2,  // ... the block at ctx.pc in the interpreter, which checks its budgets
                          // (the worst case of the instruction at ctx.pc may not fit them, or the
                          // block's first instruction is not translated)
};


}  // namespace pimsoc::cpu
