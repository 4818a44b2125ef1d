// The hot loop: basic blocks over the decoded-instruction cache, threaded dispatch, loads and
// stores through the two last-hit DMI regions of each kind.
//
// Budget checks: the semantics are "check cycles < limit and instret < limit before every
// instruction". At a block's start the loop checks once whether the whole block fits (its
// worst-case cycles: cycle-table costs, the taken-branch extra, every load/store at the larger
// latency of the two cached DMI regions; its instruction count); if so every per-instruction check would pass, and the
// block runs without them. Otherwise it runs the block's first instructions that fit on the same
// worst-case bound (fitting_prefix) and checks again, so a run stops at exactly the same
// instruction as with per-instruction checks. Anything that may change the
// budget, the DMI entries or the decoded code (a slow path, a store into decoded code, a
// system-class instruction) ends the block after its instruction.
//
// pc, cycles, instret and the DMI entries live in locals (host stores through char pointers would
// otherwise force the compiler to reload members after every store); they are written back
// (sync_out) before any slow path that can observe or change them, and reloaded (sync_in) after.
#include <array>
#include <cstring>

#include "decoded_block.h"
#include "rv_core.h"

// Threaded dispatch: computed goto (GCC/Clang extension) gives each handler its own indirect jump,
// which the host predicts far better than the one jump of a switch.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"

namespace pimsoc::cpu {
namespace {

// The entry of the instruction after one of len bytes: len / 2 entries on, i.e. len * 8 bytes
// (one lea, where (len >> 1) * 16 takes three instructions).
inline const DecodedInsn* next_entry(const DecodedInsn* d, uint32_t len)
{
    static_assert(sizeof(DecodedInsn) == 16, "one entry per halfword: len / 2 entries = len * 8 bytes");
    return reinterpret_cast<const DecodedInsn*>(reinterpret_cast<const char*>(d) + len * 8);
}

// True (and the hit counted for the traffic statistics) when an access of n bytes at addr is in
// the cache's previous entry and passes the alignment rule: it is served there, not by the slow path.
inline bool hits_previous(DmiCache& cache, uint32_t addr, unsigned n, uint32_t misaligned_mask)
{
    const DmiCacheEntry& entry = cache.previous;
    if (uint64_t{addr - entry.base} + n > entry.size || (addr & (n - 1) & misaligned_mask) != 0) {
        return false;
    }
    ++cache.previous_hits[DmiTraffic::width_index(n)];
    return true;
}

}  // namespace

void RvCore::execute()
{
    // Handlers as offsets from h_undecoded, so that a zeroed (undecoded) entry dispatches there.
    const char* const handler_base = static_cast<const char*>(&&h_undecoded);
    if (!m_decoded.has_dispatch()) {
        const auto offset = [handler_base](const void* label) {
            return static_cast<int32_t>(static_cast<const char*>(label) - handler_base);
        };
        const int32_t handler_offsets[] = {
#define PIMSOC_HANDLER_OFFSET(name) offset(&&h_##name),
            PIMSOC_INLINE_OPS(PIMSOC_HANDLER_OFFSET)
#undef PIMSOC_HANDLER_OFFSET
            offset(&&h_system),
        };
        static_assert(sizeof(handler_offsets) / sizeof(handler_offsets[0]) == static_cast<unsigned>(Handler::count_));
        std::array<int32_t, op_count> by_op{};
        for (unsigned op = 0; op < op_count; ++op) {
            by_op[op] = handler_offsets[static_cast<unsigned>(handler_of[op])];
        }
        m_decoded.set_dispatch(by_op);
    }
    uint32_t* const x = m_x;
    uint32_t pc = m_pc;
    uint64_t cycles = m_cycles;
    uint64_t instret = m_instret;
    JitContext& jit_ctx = m_jit_ctx;
    DmiCacheEntry dmi_read = jit_ctx.dmi_read.recent;  // local copies of the entries checked first
    DmiCacheEntry dmi_write = jit_ctx.dmi_write.recent;
    const uint32_t misaligned_mask = m_misaligned_mask;
    const uint32_t taken_extra = m_taken_extra_cycles;
    DecodedCache::Page* page = &m_decoded.page_for(pc);
    uint32_t page_base = pc & ~DecodedCache::page_mask;
    const DecodedInsn* d = nullptr;
    uint32_t remaining = 0;  // instructions left in the block (1: stepping)
    uint64_t cycle_limit = m_cycle_limit;
    uint64_t instret_limit = m_instret_limit;
    const bool jit = m_jit != nullptr;
    JitBlockFn jit_fn = nullptr;
    jit_ctx.cycle_limit = cycle_limit;
    jit_ctx.instret_limit = instret_limit;

    // True when running the whole block passes every per-instruction budget check: its worst
    // case (every load/store at the larger latency of the two cached DMI regions, a taken final
    // branch) stays below the cycle limit, and its last instruction is within the instruction
    // budget.
    const auto fits = [&](const BlockSummary& block) {
        const uint64_t worst_cycles = block.base_cycles +
                                      uint64_t{block.loads} * jit_ctx.dmi_read.worst_latency_cycles +
                                      uint64_t{block.stores} * jit_ctx.dmi_write.worst_latency_cycles;
        return cycles + worst_cycles < cycle_limit && instret + block.insns <= instret_limit;
    };

    // For a block that does not fit: how many of its first instructions (at least the one at d,
    // whose own check passed) run without per-instruction checks. Before each of them the cycles
    // are at most those before d plus the worst cases of the instructions before it, which stay
    // below the limit, and the instruction budget is not exceeded. A slice's last block thus runs
    // its fitting part in one go instead of one instruction per pass through the loop.
    const auto fitting_prefix = [&](const BlockSummary& block) {
        const uint64_t insn_room = instret_limit - instret;
        uint64_t worst_before = cycles;
        unsigned count = 1;
        for (const DecodedInsn* insn = d; count < block.insns && count < insn_room && insn->len != 0; ++count) {
            const OpClass cls = op_class(insn->op);
            worst_before += insn->cycles + (cls == OpClass::load ? jit_ctx.dmi_read.worst_latency_cycles : 0) +
                            (cls == OpClass::store ? jit_ctx.dmi_write.worst_latency_cycles : 0);
            if (worst_before >= cycle_limit) {
                break;
            }
            insn = next_entry(insn, insn->len);
        }
        return count;
    };

    const auto sync_out = [&] {
        m_pc = pc;
        m_cycles = cycles;
        m_instret = instret;
    };
    const auto sync_in = [&] {
        pc = m_pc;
        cycles = m_cycles;
        instret = m_instret;
        dmi_read = jit_ctx.dmi_read.recent;
        dmi_write = jit_ctx.dmi_write.recent;
        cycle_limit = m_cycle_limit;  // request_stop() and exceptions change them
        instret_limit = m_instret_limit;
        jit_ctx.cycle_limit = cycle_limit;
        jit_ctx.instret_limit = instret_limit;
    };

#define PIMSOC_DISPATCH()                                                  \
    cycles += d->cycles;                                                   \
    goto* static_cast<const void*>(handler_base + d->dispatch);
// Retires a sequential instruction (of op OP, LEN bytes) and goes on with the block, or back to
// the top. Its successor's entry is LEN / 2 entries on (one per halfword); a block never leaves
// its page, so the entry is there when the block goes on.
#define PIMSOC_NEXT(OP, LEN)                                               \
    pc += (LEN);                                                           \
    ++instret;                                                             \
    ++m_op_counts[static_cast<unsigned>(Op::OP)];                          \
    if (--remaining == 0) {                                                \
        goto top;                                                          \
    }                                                                      \
    d = next_entry(d, (LEN));                                              \
    PIMSOC_DISPATCH()
// The fast way into the block at pc: when it is summarised and fits the budgets, run it;
// otherwise slow_top checks the single instruction, decodes and summarises.
#define PIMSOC_ENTER_BLOCK()                                               \
    if ((pc & ~DecodedCache::page_mask) != page_base) {                    \
        page = &m_decoded.page_for(pc);                                    \
        page_base = pc & ~DecodedCache::page_mask;                         \
    }                                                                      \
    d = &page->entries[(pc & DecodedCache::page_mask) >> 1];               \
    if (jit) {                                                             \
        jit_fn = page->jit[(pc & DecodedCache::page_mask) >> 1];           \
        if (jit_fn != nullptr) {                                           \
            JitTargetCacheEntry& cached = jit_ctx.target_cache[JitContext::target_index(pc)]; \
            cached.pc = pc;                                                \
            cached.slot = &page->jit[(pc & DecodedCache::page_mask) >> 1]; \
            goto run_translation;                                          \
        }                                                                  \
    }                                                                      \
    {                                                                      \
        const BlockSummary& block = page->blocks[(pc & DecodedCache::page_mask) >> 1]; \
        if (block.insns != 0 && fits(block)) {                             \
            if (jit) {                                                     \
                jit_fn = translate_block(*page, pc, block);                \
                goto run_translation;                                      \
            }                                                              \
            remaining = block.insns;                                       \
            PIMSOC_DISPATCH()                                              \
        }                                                                  \
    }                                                                      \
    goto slow_top;
// Retires a branch or jump (the last instruction of a block) and enters the next block from
// here: an indirect jump per branch/jump handler, which the host predicts better than one shared.
#define PIMSOC_JUMP(OP, NPC)                                               \
    pc = (NPC);                                                            \
    ++instret;                                                             \
    ++m_op_counts[static_cast<unsigned>(Op::OP)];                          \
    PIMSOC_ENTER_BLOCK()
#define PIMSOC_ALU(OP, EXPR)                                               \
    h_##OP : {                                                             \
        const uint32_t a = x[d->rs1];                                      \
        const uint32_t b = x[d->rs2];                                      \
        const auto imm = static_cast<uint32_t>(d->imm);                    \
        const uint8_t len = d->len; /* before the register write, which might alias it */ \
        (void)a;                                                           \
        (void)b;                                                           \
        (void)imm;                                                         \
        x[d->rd] = (EXPR);                                                 \
        PIMSOC_NEXT(OP, len)                                               \
    }
#define PIMSOC_BRANCH(OP, COND)                                            \
    h_##OP : {                                                             \
        const uint32_t a = x[d->rs1];                                      \
        const uint32_t b = x[d->rs2];                                      \
        uint32_t npc = pc + d->len;                                        \
        if (COND) {                                                        \
            npc = pc + static_cast<uint32_t>(d->imm);                      \
            cycles += taken_extra;                                         \
        }                                                                  \
        PIMSOC_JUMP(OP, npc)                                               \
    }
// Loads: T is the C type of N bytes whose conversion to uint32_t gives the sign/zero extension
// (a typed copy: a copy into a wider local would go through the stack). The slow
// path may drop decoded code (a DMI invalidation during a bus access): the fields it needs after
// are copied first.
#define PIMSOC_LOAD(OP, N, T)                                              \
    h_##OP : {                                                             \
        static_assert(sizeof(T) == (N));                                   \
        const uint32_t addr = x[d->rs1] + static_cast<uint32_t>(d->imm);   \
        const uint32_t offset = addr - dmi_read.base;                      \
        uint32_t value = 0;                                                \
        const uint8_t rd = d->rd;                                          \
        const uint8_t len = d->len;                                        \
        if (uint64_t{offset} + N <= dmi_read.size && (addr & (N - 1) & misaligned_mask) == 0) { \
            T loaded;                                                      \
            std::memcpy(&loaded, dmi_read.host + offset, N);               \
            value = static_cast<uint32_t>(loaded);                         \
            cycles += dmi_read.latency_cycles;                             \
        } else if (hits_previous(jit_ctx.dmi_read, addr, N, misaligned_mask)) { \
            const DmiCacheEntry& previous = jit_ctx.dmi_read.previous;     \
            T loaded;                                                      \
            std::memcpy(&loaded, previous.host + (addr - previous.base), N); \
            value = static_cast<uint32_t>(loaded);                         \
            cycles += previous.latency_cycles;                             \
        } else {                                                           \
            sync_out();                                                    \
            const bool ok = load_slow(addr, N, value);                     \
            sync_in();                                                     \
            if (!ok) {                                                     \
                goto top;                                                  \
            }                                                              \
            remaining = 1;                                                 \
        }                                                                  \
        x[rd] = static_cast<uint32_t>(static_cast<T>(value));              \
        PIMSOC_NEXT(OP, len)                                               \
    }
// Stores: one that hits decoded code drops it (and the blocks holding it), and ends the block,
// which may be the one running.
#define PIMSOC_STORE(OP, N)                                                \
    h_##OP : {                                                             \
        const uint32_t addr = x[d->rs1] + static_cast<uint32_t>(d->imm);   \
        const uint32_t value = x[d->rs2];                                  \
        const uint32_t offset = addr - dmi_write.base;                     \
        const uint8_t len = d->len;                                        \
        if (uint64_t{offset} + N <= dmi_write.size && (addr & (N - 1) & misaligned_mask) == 0) { \
            std::memcpy(dmi_write.host + offset, &value, N);               \
            cycles += dmi_write.latency_cycles;                            \
            if (m_decoded.may_hold_code(addr, N) && m_decoded.invalidate_range(addr, N)) { \
                remaining = 1;                                             \
            }                                                              \
        } else if (hits_previous(jit_ctx.dmi_write, addr, N, misaligned_mask)) { \
            const DmiCacheEntry& previous = jit_ctx.dmi_write.previous;    \
            std::memcpy(previous.host + (addr - previous.base), &value, N); \
            cycles += previous.latency_cycles;                             \
            if (m_decoded.may_hold_code(addr, N) && m_decoded.invalidate_range(addr, N)) { \
                remaining = 1;                                             \
            }                                                              \
        } else {                                                           \
            sync_out();                                                    \
            const bool ok = store_slow(addr, N, value);                    \
            sync_in();                                                     \
            if (!ok) {                                                     \
                goto top;                                                  \
            }                                                              \
            remaining = 1;                                                 \
        }                                                                  \
        PIMSOC_NEXT(OP, len)                                               \
    }

top:
    PIMSOC_ENTER_BLOCK()
// A block's translation (and those it chains to); it checks the budgets itself.
run_translation: {
    jit_ctx.cycles = cycles;
    jit_ctx.instret = instret;
    const JitExit exit = jit_fn(&jit_ctx);
    cycles = jit_ctx.cycles;
    instret = jit_ctx.instret;
    pc = jit_ctx.pc;
    if (exit == JitExit::next_block) {
        goto top;
    }
    if ((pc & ~DecodedCache::page_mask) != page_base) {
        page = &m_decoded.page_for(pc);
        page_base = pc & ~DecodedCache::page_mask;
    }
    d = &page->entries[(pc & DecodedCache::page_mask) >> 1];
    if (exit == JitExit::interpret_one) {  // a slow path or an op it does not cover, in a block that fits
        remaining = 1;
        PIMSOC_DISPATCH()
    }
    goto slow_top;  // interpret_block: the single-instruction check, then the block if it fits
}
// Otherwise: the budget check of a single instruction, decoding, summarising.
slow_top:
    if (!(cycles < cycle_limit && instret < instret_limit)) {
        sync_out();
        return;
    }
    if (d->op == Op::undecoded) {
        sync_out();
        decode_at(pc, *page);
        sync_in();
        goto top;
    }
    {
        const BlockSummary& block = m_decoded.block_at(*page, pc, taken_extra);
        remaining = fits(block) ? block.insns : fitting_prefix(block);
    }
    PIMSOC_DISPATCH()

h_undecoded:  // code dropped after its block was summarised: the block ends, slow_top decodes it
    goto slow_top;
h_system: {
    // CSR, AMO, ecall/ebreak/mret/wfi/fence.i, illegal: each retires or traps itself.
    const DecodedInsn insn = *d;
    sync_out();
    exec_system(insn);
    if (m_instret != instret) {
        ++m_op_counts[static_cast<unsigned>(insn.op)];  // it retired (did not trap)
    }
    sync_in();
    goto top;
}
h_lui: {
    x[d->rd] = static_cast<uint32_t>(d->imm);
    PIMSOC_NEXT(lui, d->len)
}
h_auipc: {
    x[d->rd] = pc + static_cast<uint32_t>(d->imm);
    PIMSOC_NEXT(auipc, d->len)
}
h_jal: {
    x[d->rd] = pc + d->len;
    PIMSOC_JUMP(jal, pc + static_cast<uint32_t>(d->imm))
}
h_jalr: {
    // bit 0 cleared; with C every target is 2-aligned, no misaligned trap
    const uint32_t target = (x[d->rs1] + static_cast<uint32_t>(d->imm)) & ~1u;
    x[d->rd] = pc + d->len;
    PIMSOC_JUMP(jalr, target)
}
    PIMSOC_BRANCH(beq, a == b)
    PIMSOC_BRANCH(bne, a != b)
    PIMSOC_BRANCH(blt, static_cast<int32_t>(a) < static_cast<int32_t>(b))
    PIMSOC_BRANCH(bge, static_cast<int32_t>(a) >= static_cast<int32_t>(b))
    PIMSOC_BRANCH(bltu, a < b)
    PIMSOC_BRANCH(bgeu, a >= b)
    PIMSOC_LOAD(lb, 1, int8_t)
    PIMSOC_LOAD(lh, 2, int16_t)
    PIMSOC_LOAD(lw, 4, uint32_t)
    PIMSOC_LOAD(lbu, 1, uint8_t)
    PIMSOC_LOAD(lhu, 2, uint16_t)
    PIMSOC_STORE(sb, 1)
    PIMSOC_STORE(sh, 2)
    PIMSOC_STORE(sw, 4)
    PIMSOC_ALU(addi, a + imm)
    PIMSOC_ALU(slti, static_cast<int32_t>(a) < d->imm)
    PIMSOC_ALU(sltiu, a < imm)
    PIMSOC_ALU(xori, a ^ imm)
    PIMSOC_ALU(ori, a | imm)
    PIMSOC_ALU(andi, a & imm)
    PIMSOC_ALU(slli, a << imm)
    PIMSOC_ALU(srli, a >> imm)
    PIMSOC_ALU(srai, static_cast<uint32_t>(static_cast<int32_t>(a) >> imm))
    PIMSOC_ALU(add, a + b)
    PIMSOC_ALU(sub, a - b)
    PIMSOC_ALU(sll, a << (b & 31))
    PIMSOC_ALU(slt, static_cast<int32_t>(a) < static_cast<int32_t>(b))
    PIMSOC_ALU(sltu, a < b)
    PIMSOC_ALU(xor_, a ^ b)
    PIMSOC_ALU(srl, a >> (b & 31))
    PIMSOC_ALU(sra, static_cast<uint32_t>(static_cast<int32_t>(a) >> (b & 31)))
    PIMSOC_ALU(or_, a | b)
    PIMSOC_ALU(and_, a & b)
    PIMSOC_ALU(mul, a * b)
    PIMSOC_ALU(mulh, static_cast<uint32_t>(
                         static_cast<uint64_t>(int64_t{static_cast<int32_t>(a)} * int64_t{static_cast<int32_t>(b)}) >> 32))
    PIMSOC_ALU(mulhsu,
               static_cast<uint32_t>(static_cast<uint64_t>(int64_t{static_cast<int32_t>(a)} * static_cast<int64_t>(b)) >> 32))
    PIMSOC_ALU(mulhu, static_cast<uint32_t>((uint64_t{a} * uint64_t{b}) >> 32))
    // Division by zero: quotient all ones, remainder the dividend; INT_MIN / -1: quotient INT_MIN, remainder 0.
    PIMSOC_ALU(div, b == 0 ? ~0u
                    : (static_cast<int32_t>(a) == INT32_MIN && static_cast<int32_t>(b) == -1)
                        ? a
                        : static_cast<uint32_t>(static_cast<int32_t>(a) / static_cast<int32_t>(b)))
    PIMSOC_ALU(divu, b == 0 ? ~0u : a / b)
    PIMSOC_ALU(rem, b == 0 ? a
                    : (static_cast<int32_t>(a) == INT32_MIN && static_cast<int32_t>(b) == -1)
                        ? 0u
                        : static_cast<uint32_t>(static_cast<int32_t>(a) % static_cast<int32_t>(b)))
    PIMSOC_ALU(remu, b == 0 ? a : a % b)
h_fence: {  // one hart, in-order memory: nothing to order
    PIMSOC_NEXT(fence, d->len)
}
#undef PIMSOC_DISPATCH
#undef PIMSOC_NEXT
#undef PIMSOC_JUMP
#undef PIMSOC_ENTER_BLOCK
#undef PIMSOC_ALU
#undef PIMSOC_BRANCH
#undef PIMSOC_LOAD
#undef PIMSOC_STORE
}

}  // namespace pimsoc::cpu

#pragma GCC diagnostic pop
