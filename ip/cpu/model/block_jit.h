// A template JIT for basic blocks: translates the decoded instructions of a block (decoded_block.h)
// into x86-64 code that does what the hot loop's handlers do, with the guest registers in memory
// (JitContext::x), and adds the block's instruction, cycle and per-Op counts once at each exit.
// It covers RV32IM's ALU, lui/auipc, loads/stores through the last-hit DMI entries, branches and
// jumps; anything else (CSR, AMO, system ops, traps) and every slow path (a DMI miss, a
// misaligned access that must trap, a store to a page holding decoded code) exits before that
// instruction, which the interpreter then runs (JitExit::interpret_one). The hot loop calls a
// translation only for a block that fits the budgets, as it runs the block's handlers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "decoded_block.h"
#include "decoded_cache.h"
#include "decoded_insn.h"
#include "jit_context.h"

namespace pimsoc::cpu {

class BlockJit {
public:
    // Cores on hosts other than x86-64 run without translations (available() is false).
    static bool available();

    BlockJit(uint32_t misaligned_mask, uint32_t taken_extra_cycles);
    ~BlockJit();
    BlockJit(const BlockJit&) = delete;
    BlockJit& operator=(const BlockJit&) = delete;

    // Translates the block summarised by `block` that starts at entry `first` of a decoded page
    // (consecutive entries, one per halfword), at guest address pc. The code first checks the
    // block's budgets as the hot loop's fits() does; when it does not fit, a second copy of the
    // code checks before each instruction (JitExit::interpret_block where that fails). Its exits
    // to a known pc go on in the translation there, found through `cache` at run time (a dropped
    // one is never entered). Needs has_room().
    JitBlockFn translate(const DecodedInsn* first, const BlockSummary& block, uint32_t pc, DecodedCache& cache);
    // False when the code buffer might not hold another block: drop every translation, then reset().
    bool has_room() const;
    void reset();

    // Translations stop after this many instructions (the rest is the next block): bounds the code
    // of one block, whose exits each add their own totals.
    static constexpr unsigned max_insns = 128;

private:
    class Emitter;
    std::unique_ptr<Emitter> m_emitter;
};

}  // namespace pimsoc::cpu
