// Basic blocks over the decoded-instruction cache: for a pc, the run of already decoded
// instructions from it up to and including the next branch, jump or system-class instruction (or
// the end of the 4 KiB page), with the totals the hot loop needs to run them all after one budget
// check instead of one per instruction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "decoded_insn.h"

namespace pimsoc::cpu {

// The ops the hot loop (rv_core_exec.cpp) runs inline, each with its own handler; every other op
// (CSR, AMO, ecall/ebreak/mret/wfi/fence.i, illegal, and any op added later) goes through
// exec_system and ends a block.
#define PIMSOC_INLINE_OPS(X)                                                                         \
    X(undecoded) X(lui) X(auipc) X(jal) X(jalr) X(beq) X(bne) X(blt) X(bge) X(bltu) X(bgeu) X(lb)  \
    X(lh) X(lw) X(lbu) X(lhu) X(sb) X(sh) X(sw) X(addi) X(slti) X(sltiu) X(xori) X(ori) X(andi)     \
    X(slli) X(srli) X(srai) X(add) X(sub) X(sll) X(slt) X(sltu) X(xor_) X(srl) X(sra) X(or_) X(and_) \
    X(mul) X(mulh) X(mulhsu) X(mulhu) X(div) X(divu) X(rem) X(remu) X(fence)

enum class Handler : uint8_t {
#define PIMSOC_HANDLER_ENUM(name) name,
    PIMSOC_INLINE_OPS(PIMSOC_HANDLER_ENUM)
#undef PIMSOC_HANDLER_ENUM
    system,
    count_
};

constexpr unsigned op_count = static_cast<unsigned>(Op::count_);

constexpr std::array<Handler, op_count> make_handler_table()
{
    std::array<Handler, op_count> table{};
    for (Handler& h : table) {
        h = Handler::system;
    }
#define PIMSOC_HANDLER_ENTRY(name) table[static_cast<unsigned>(Op::name)] = Handler::name;
    PIMSOC_INLINE_OPS(PIMSOC_HANDLER_ENTRY)
#undef PIMSOC_HANDLER_ENTRY
    return table;
}

// Op -> its handler in the hot loop.
inline constexpr std::array<Handler, op_count> handler_of = make_handler_table();

// What a block costs at most, and how much of the instruction budget it uses. insns == 0: not
// built yet (or dropped because an instruction of it was decoded again).
struct BlockSummary {
    // Sum of the cycle-table costs, plus the taken-branch extra when it ends in a branch.
    uint32_t base_cycles = 0;
    uint16_t insns = 0;
    uint16_t loads = 0;   // each may add the read DMI region's latency
    uint16_t stores = 0;  // each may add the write DMI region's latency
};

// True when the instruction ends a block: control flow, or anything that goes through
// exec_system (which may trap, change the pc, flush decoded code or stop the run).
bool ends_block(Op op);

// Sums the block that starts at entry `first` of a page's decoded entries. Empty (insns == 0) when
// that entry is not decoded. Stops before an undecoded entry and after the entry whose successor
// would lie on the next page, so that every instruction of a block starts on the page.
template <std::size_t N>
BlockSummary summarise_block(const std::array<DecodedInsn, N>& entries, unsigned first, uint32_t taken_extra_cycles);

}  // namespace pimsoc::cpu
