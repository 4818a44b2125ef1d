#include "block_jit.h"

#if defined(__x86_64__)
#define PIMSOC_BLOCK_JIT 1
#include <xbyak/xbyak.h>
#endif

#include <array>
#include <cstddef>
#include <vector>

#include "decoded_block.h"
#include "decoded_cache.h"

namespace pimsoc::cpu {

#if PIMSOC_BLOCK_JIT

namespace {

constexpr size_t code_buffer_bytes = size_t{32} << 20;
// Upper bound of one block's code: twice (unchecked and checked, see translate) per instruction
// its body (< 64 bytes), a budget check (< 64 bytes) and a side exit that adds the counts of at
// most every Op (< 9 bytes each), plus the final exits.
constexpr size_t max_block_bytes = 2 * (BlockJit::max_insns + 4) * (64 + 64 + 64 + 9 * op_count);

// What the instructions before an exit retired: added to the context at that exit.
struct Tally {
    uint32_t insns = 0;
    uint32_t cycles = 0;  // cycle-table costs (and a taken branch's extra)
    uint32_t loads = 0;   // each adds the read DMI entry's latency
    uint32_t stores = 0;  // each adds the write DMI entry's latency
    std::array<uint32_t, op_count> per_op{};

    void add(const DecodedInsn& d)
    {
        ++insns;
        cycles += d.cycles;
        const OpClass c = op_class(d.op);
        loads += c == OpClass::load ? 1 : 0;
        stores += c == OpClass::store ? 1 : 0;
        ++per_op[static_cast<unsigned>(d.op)];
    }
};

// An exit placed after the block's code: a slow path (the instruction at pc runs in the
// interpreter) or a failed budget check of the checked body (the interpreter checks exactly).
struct SideExit {
    Xbyak::Label label;
    Tally before;
    uint32_t pc = 0;
    JitExit exit = JitExit::interpret_one;
};

// A load/store's check of the cache's previous DMI entry, placed after the block's code: reached
// when the recent entry misses; hits go back to `resume` with the host base in rdx.
struct PreviousEntryCheck {
    Xbyak::Label label;
    Xbyak::Label resume;
    Xbyak::Label* miss = nullptr;
    DecodedInsn insn;
    unsigned bytes = 0;
    bool store = false;
};

constexpr int ctx_offset(size_t offset) { return static_cast<int>(offset); }
constexpr int ctx_x = ctx_offset(offsetof(JitContext, x));
constexpr int ctx_op_counts = ctx_offset(offsetof(JitContext, op_counts));
constexpr int ctx_code_page = ctx_offset(offsetof(JitContext, code_page));
constexpr int ctx_cycles = ctx_offset(offsetof(JitContext, cycles));
constexpr int ctx_instret = ctx_offset(offsetof(JitContext, instret));
constexpr int ctx_pc = ctx_offset(offsetof(JitContext, pc));
constexpr int ctx_cycle_limit = ctx_offset(offsetof(JitContext, cycle_limit));
constexpr int ctx_instret_limit = ctx_offset(offsetof(JitContext, instret_limit));
constexpr int ctx_read = ctx_offset(offsetof(JitContext, dmi_read));
constexpr int ctx_write = ctx_offset(offsetof(JitContext, dmi_write));
constexpr int ctx_target_cache = ctx_offset(offsetof(JitContext, target_cache));
constexpr int entry_pc = ctx_offset(offsetof(JitTargetCacheEntry, pc));
constexpr int entry_slot = ctx_offset(offsetof(JitTargetCacheEntry, slot));
static_assert(sizeof(JitTargetCacheEntry) == 16, "the code scales the index by 16");
constexpr int cache_recent = ctx_offset(offsetof(DmiCache, recent));
constexpr int cache_previous = ctx_offset(offsetof(DmiCache, previous));
constexpr int cache_previous_extra = ctx_offset(offsetof(DmiCache, previous_extra_cycles));
constexpr int cache_worst_latency = ctx_offset(offsetof(DmiCache, worst_latency_cycles));
constexpr int cache_previous_hits = ctx_offset(offsetof(DmiCache, previous_hits));
constexpr int dmi_base = ctx_offset(offsetof(DmiCacheEntry, base));
constexpr int dmi_size = ctx_offset(offsetof(DmiCacheEntry, size));
constexpr int dmi_host = ctx_offset(offsetof(DmiCacheEntry, host));
constexpr int dmi_latency = ctx_offset(offsetof(DmiCacheEntry, latency_cycles));

bool translated(Op op)
{
    return handler_of[static_cast<unsigned>(op)] != Handler::system && op != Op::undecoded;
}

}  // namespace

bool BlockJit::available() { return true; }

// Registers of the generated code (System V ABI, caller-saved only, so no prologue):
// rdi = JitContext*, rsi = guest registers, r10 = the code-page bytes (blocks with stores);
// rax, rcx, rdx are scratch. A dynamic exit pc (jalr) is in edx.
class BlockJit::Emitter : public Xbyak::CodeGenerator {
public:
    Emitter(uint32_t misaligned_mask, uint32_t taken_extra)
        : CodeGenerator(code_buffer_bytes), m_misaligned_mask(misaligned_mask), m_taken_extra(taken_extra)
    {
    }

    JitBlockFn translate(const DecodedInsn* first, const BlockSummary& block, uint32_t pc, DecodedCache& cache)
    {
        m_cache = &cache;
        const auto fn = reinterpret_cast<JitBlockFn>(const_cast<uint8_t*>(getCurr()));
        const uint32_t start_pc = pc;
        if (!translated(first->op)) {
            emit_leave(start_pc, JitExit::interpret_block);
            return fn;
        }
        Xbyak::Label does_not_fit;
        emit_budget_check(block, does_not_fit);
        emit_body(first, block, start_pc, false);
        // A block that does not fit as a whole (a slice's last one) runs the same code with a
        // check before each instruction, so the slice ends in translated code too.
        L(does_not_fit);
        emit_body(first, block, start_pc, true);
        return fn;
    }

private:
    // The block's instructions, their exits and side exits. Checked: before each instruction the
    // per-instruction budget check, on a worst case of the cycles so far (every load/store at the
    // larger latency of the two cached entries: at least what it costs, whichever entry it hit);
    // when it fails, the exit hands that instruction to the interpreter's exact check.
    void emit_body(const DecodedInsn* first, const BlockSummary& block, uint32_t pc, bool checked)
    {
        mov(rsi, qword[rdi + ctx_x]);
        if (has_store(first, block.insns)) {
            mov(r10, qword[rdi + ctx_code_page]);
        }
        Tally done;
        const DecodedInsn* d = first;
        bool ended = false;
        for (unsigned n = 0; n < block.insns && !ended; ++n) {
            if (n == max_insns) {
                emit_exit(done, pc, JitExit::next_block);
                ended = true;
                break;
            }
            if (checked) {  // interpret_one below too runs its instruction unchecked
                emit_instruction_check(done, n, new_side_exit(done, pc, JitExit::interpret_block));
            }
            if (!translated(d->op)) {
                emit_exit(done, pc, JitExit::interpret_one);
                ended = true;
                break;
            }
            ended = emit_insn(*d, pc, done);
            pc += d->len;
            d += d->len / 2;
        }
        if (!ended) {  // the block stopped before an undecoded entry or at the end of its page
            emit_exit(done, pc, JitExit::next_block);
        }
        for (const auto& check : m_previous_checks) {
            emit_previous_check(*check);
        }
        m_previous_checks.clear();
        for (const auto& side : m_side_exits) {
            L(side->label);
            emit_exit(side->before, side->pc, side->exit);
        }
        m_side_exits.clear();
    }

    // The hot loop's check before one instruction (cycles < limit, instret < limit) on the worst
    // case of what `done` (the n instructions before it in this block) cost; else to `fails`.
    void emit_instruction_check(const Tally& done, unsigned n, Xbyak::Label& fails)
    {
        emit_cycles_after(done, cache_worst_latency);
        cmp(rax, qword[rdi + ctx_cycle_limit]);
        jae(fails, T_NEAR);
        mov(rax, qword[rdi + ctx_instret]);
        add(rax, n + 1);
        cmp(rax, qword[rdi + ctx_instret_limit]);
        ja(fails, T_NEAR);
    }

    static bool has_store(const DecodedInsn* d, unsigned count)
    {
        for (unsigned n = 0; n < count; ++n, d += d->len / 2) {
            if (op_class(d->op) == OpClass::store) {
                return true;
            }
        }
        return false;
    }

    static Xbyak::Address reg(unsigned r) { return Xbyak::util::dword[Xbyak::util::rsi + static_cast<int>(4 * r)]; }

    Xbyak::Label& new_side_exit(const Tally& before, uint32_t pc, JitExit exit = JitExit::interpret_one)
    {
        m_side_exits.push_back(std::make_unique<SideExit>());
        SideExit& side = *m_side_exits.back();
        side.before = before;
        side.pc = pc;
        side.exit = exit;
        return side.label;
    }

    // The hot loop's fits(): the block's worst case (every load/store at the current DMI
    // latency, a taken final branch) keeps cycles below the limit and its last instruction is
    // within the instruction budget; otherwise jumps to `does_not_fit`.
    void emit_budget_check(const BlockSummary& block, Xbyak::Label& does_not_fit)
    {
        Tally worst;
        worst.cycles = block.base_cycles;
        worst.loads = block.loads;
        worst.stores = block.stores;
        emit_cycles_after(worst, cache_worst_latency);
        cmp(rax, qword[rdi + ctx_cycle_limit]);
        jae(does_not_fit, T_NEAR);
        mov(rax, qword[rdi + ctx_instret]);
        add(rax, static_cast<uint32_t>(block.insns));
        cmp(rax, qword[rdi + ctx_instret_limit]);
        ja(does_not_fit, T_NEAR);
    }

    // rax = the context's cycles plus what `t` costs, its loads and stores at the latency at
    // `latency` in the DMI caches (the recent entry's; hits in the previous entry added their
    // difference to the context's cycles).
    void emit_cycles_after(const Tally& t, int latency = cache_recent + dmi_latency)
    {
        mov(rax, qword[rdi + ctx_cycles]);
        if (t.cycles != 0) {
            add(rax, t.cycles);
        }
        if (t.loads != 0) {
            mov(ecx, dword[rdi + ctx_read + latency]);
            imul(rcx, rcx, t.loads);
            add(rax, rcx);
        }
        if (t.stores != 0) {
            mov(ecx, dword[rdi + ctx_write + latency]);
            imul(rcx, rcx, t.stores);
            add(rax, rcx);
        }
    }

    // Adds what `t` retired to the context's counters.
    void emit_counts(const Tally& t)
    {
        emit_cycles_after(t);
        mov(qword[rdi + ctx_cycles], rax);
        if (t.insns == 0) {
            return;
        }
        add(qword[rdi + ctx_instret], t.insns);
        mov(rcx, qword[rdi + ctx_op_counts]);
        for (unsigned op = 0; op < op_count; ++op) {
            if (t.per_op[op] != 0) {
                add(qword[rcx + static_cast<int>(8 * op)], t.per_op[op]);
            }
        }
    }

    // Returns to the hot loop at pc (or edx).
    void emit_leave(uint32_t pc, JitExit exit, bool pc_in_edx = false)
    {
        if (pc_in_edx) {
            mov(dword[rdi + ctx_pc], edx);
        } else {
            mov(dword[rdi + ctx_pc], pc);
        }
        mov(eax, static_cast<uint32_t>(exit));
        ret();
    }

    // Adds what `t` retired, then goes on at pc (or edx): with the translation there when it goes
    // to the next block at a known pc and one exists (its own budget check comes first), else in
    // the hot loop.
    void emit_exit(const Tally& t, uint32_t pc, JitExit exit, bool pc_in_edx = false)
    {
        emit_counts(t);
        if (pc_in_edx) {  // a computed target: through the context's target cache
            Xbyak::Label untranslated;
            mov(eax, edx);
            shr(eax, 1);
            and_(eax, JitContext::target_cache_size - 1);
            shl(eax, 4);
            lea(rcx, ptr[rdi + ctx_target_cache]);
            add(rcx, rax);
            cmp(dword[rcx + entry_pc], edx);
            jne(untranslated);
            mov(rax, qword[rcx + entry_slot]);
            mov(rax, qword[rax]);
            test(rax, rax);
            jz(untranslated);
            jmp(rax);
            L(untranslated);
        }
        if (exit == JitExit::next_block && !pc_in_edx) {
            Xbyak::Label untranslated;
            DecodedCache::Page& page = m_cache->page_for(pc);
            mov(rax, reinterpret_cast<uintptr_t>(&page.jit[(pc & DecodedCache::page_mask) >> 1]));
            mov(rax, qword[rax]);
            test(rax, rax);
            jz(untranslated);
            jmp(rax);
            L(untranslated);
        }
        emit_leave(pc, exit, pc_in_edx);
    }

    // Emits one instruction; true when it ended the block (a branch or jump, with its exits).
    bool emit_insn(const DecodedInsn& d, uint32_t pc, Tally& done)
    {
        const auto imm = static_cast<uint32_t>(d.imm);
        switch (op_class(d.op)) {
        case OpClass::load:
            emit_load(d, new_side_exit(done, pc));
            break;
        case OpClass::store:
            emit_store(d, new_side_exit(done, pc));
            break;
        case OpClass::branch:
            done.add(d);
            emit_branch(d, pc, done);
            return true;
        case OpClass::jump:
            done.add(d);
            if (d.op == Op::jal) {
                mov(reg(d.rd), pc + d.len);
                emit_exit(done, pc + imm, JitExit::next_block);
            } else {  // jalr: the target before rd is written (rd may be rs1); bit 0 cleared
                mov(edx, reg(d.rs1));
                add(edx, imm);
                and_(edx, ~1u);
                mov(reg(d.rd), pc + d.len);
                emit_exit(done, 0, JitExit::next_block, true);
            }
            return true;
        default:
            emit_alu(d, pc);
            break;
        }
        done.add(d);
        return false;
    }

    void emit_alu(const DecodedInsn& d, uint32_t pc)
    {
        const auto imm = static_cast<uint32_t>(d.imm);
        const auto a = reg(d.rs1);
        const auto b = reg(d.rs2);
        const auto rd = reg(d.rd);
        switch (d.op) {
        case Op::lui: mov(rd, imm); return;
        case Op::auipc: mov(rd, pc + imm); return;
        case Op::fence: return;  // one hart, in-order memory
        case Op::addi: mov(eax, a); add(eax, imm); break;
        case Op::xori: mov(eax, a); xor_(eax, imm); break;
        case Op::ori: mov(eax, a); or_(eax, imm); break;
        case Op::andi: mov(eax, a); and_(eax, imm); break;
        case Op::slli: mov(eax, a); shl(eax, static_cast<uint8_t>(imm & 31)); break;
        case Op::srli: mov(eax, a); shr(eax, static_cast<uint8_t>(imm & 31)); break;
        case Op::srai: mov(eax, a); sar(eax, static_cast<uint8_t>(imm & 31)); break;
        case Op::slti: emit_set_less(d, true, true); return;
        case Op::sltiu: emit_set_less(d, false, true); return;
        case Op::add: mov(eax, a); add(eax, b); break;
        case Op::sub: mov(eax, a); sub(eax, b); break;
        case Op::xor_: mov(eax, a); xor_(eax, b); break;
        case Op::or_: mov(eax, a); or_(eax, b); break;
        case Op::and_: mov(eax, a); and_(eax, b); break;
        case Op::sll: mov(eax, a); mov(ecx, b); shl(eax, cl); break;  // x86 masks the count to 5 bits, as RV32
        case Op::srl: mov(eax, a); mov(ecx, b); shr(eax, cl); break;
        case Op::sra: mov(eax, a); mov(ecx, b); sar(eax, cl); break;
        case Op::slt: emit_set_less(d, true, false); return;
        case Op::sltu: emit_set_less(d, false, false); return;
        case Op::mul: mov(eax, a); imul(eax, b); break;
        case Op::mulh: movsxd(rax, a); movsxd(rcx, b); imul(rax, rcx); shr(rax, 32); break;
        case Op::mulhsu: movsxd(rax, a); mov(ecx, b); imul(rax, rcx); shr(rax, 32); break;
        case Op::mulhu: mov(eax, a); mov(ecx, b); imul(rax, rcx); shr(rax, 32); break;
        case Op::div: case Op::rem: emit_signed_division(d, d.op == Op::div); break;
        case Op::divu: case Op::remu: emit_unsigned_division(d, d.op == Op::divu); break;
        default: throw Xbyak::Error(Xbyak::ERR_INTERNAL);  // translated() lists exactly the ops above
        }
        mov(rd, eax);
    }

    // rd = (a < b) (signed: setl, unsigned: setb), b an immediate or a register.
    void emit_set_less(const DecodedInsn& d, bool is_signed, bool immediate)
    {
        xor_(ecx, ecx);
        mov(eax, reg(d.rs1));
        if (immediate) {
            cmp(eax, static_cast<uint32_t>(d.imm));
        } else {
            cmp(eax, reg(d.rs2));
        }
        if (is_signed) {
            setl(cl);
        } else {
            setb(cl);
        }
        mov(reg(d.rd), ecx);
    }

    // eax = a, ecx = b -> result in eax. Division by zero: quotient all ones, remainder a;
    // INT_MIN / -1: quotient INT_MIN, remainder 0 (idiv would fault).
    void emit_signed_division(const DecodedInsn& d, bool quotient)
    {
        Xbyak::Label divide, done;
        mov(eax, reg(d.rs1));
        mov(ecx, reg(d.rs2));
        mov(edx, quotient ? ~0u : 0u);
        test(ecx, ecx);
        if (quotient) {
            jz(done);
        } else {
            mov(edx, eax);
            jz(done);
            xor_(edx, edx);
        }
        cmp(ecx, ~0u);
        jne(divide);
        cmp(eax, 0x80000000u);
        if (quotient) {
            mov(edx, eax);
        }
        je(done);
        L(divide);
        cdq();
        idiv(ecx);
        if (quotient) {
            mov(edx, eax);
        }
        L(done);
        mov(eax, edx);
    }
    void emit_unsigned_division(const DecodedInsn& d, bool quotient)
    {
        Xbyak::Label done;
        mov(eax, reg(d.rs1));
        mov(ecx, reg(d.rs2));
        mov(edx, quotient ? ~0u : 0u);
        if (!quotient) {
            mov(edx, eax);
        }
        test(ecx, ecx);
        jz(done);
        xor_(edx, edx);
        div(ecx);
        if (quotient) {
            mov(edx, eax);
        }
        L(done);
        mov(eax, edx);
    }

    // eax = the access's address, or a jump to `miss`: misaligned while misaligned accesses trap,
    // or a store into a page holding decoded code (the interpreter drops that code).
    void emit_address(const DecodedInsn& d, unsigned bytes, Xbyak::Label& miss, bool store)
    {
        mov(eax, reg(d.rs1));
        if (d.imm != 0) {
            add(eax, static_cast<uint32_t>(d.imm));
        }
        if (((bytes - 1) & m_misaligned_mask) != 0) {
            test(eax, (bytes - 1) & m_misaligned_mask);
            jnz(miss, T_NEAR);
        }
        if (store) {
            mov(ecx, eax);
            shr(ecx, DecodedCache::page_shift);
            cmp(byte[r10 + rcx], 0);
            jne(miss, T_NEAR);
            if (bytes > 1) {
                lea(ecx, ptr[rax + static_cast<int>(bytes - 1)]);
                shr(ecx, DecodedCache::page_shift);
                cmp(byte[r10 + rcx], 0);
                jne(miss, T_NEAR);
            }
        }
    }

    // eax (the address) becomes its offset in the DMI entry at `entry` and rdx that entry's host
    // base, or a jump to `outside` (an empty entry never hits).
    void emit_entry_check(unsigned bytes, int entry, Xbyak::Label& outside)
    {
        sub(eax, dword[rdi + entry + dmi_base]);  // zero-extends into rax
        lea(rcx, ptr[rax + static_cast<int>(bytes)]);
        cmp(rcx, qword[rdi + entry + dmi_size]);
        ja(outside, T_NEAR);
        mov(rdx, qword[rdi + entry + dmi_host]);
    }

    // Checks the recent entry of the cache at `cache` inline and the previous one after the block
    // (emit_previous_check); leaves the offset in rax and the host base in rdx.
    void emit_dmi_offset(const DecodedInsn& d, unsigned bytes, int cache, Xbyak::Label& miss, bool store)
    {
        emit_address(d, bytes, miss, store);
        m_previous_checks.push_back(std::make_unique<PreviousEntryCheck>());
        PreviousEntryCheck& check = *m_previous_checks.back();
        check.miss = &miss;
        check.insn = d;
        check.bytes = bytes;
        check.store = store;
        emit_entry_check(bytes, cache + cache_recent, check.label);
        L(check.resume);
    }

    // The previous entry's check: the address again (the recent entry's check changed eax), its
    // latency difference and hit count, back to the access.
    void emit_previous_check(PreviousEntryCheck& check)
    {
        const int cache = check.store ? ctx_write : ctx_read;
        L(check.label);
        mov(eax, reg(check.insn.rs1));
        if (check.insn.imm != 0) {
            add(eax, static_cast<uint32_t>(check.insn.imm));
        }
        emit_entry_check(check.bytes, cache + cache_previous, *check.miss);
        mov(rcx, qword[rdi + cache + cache_previous_extra]);
        add(qword[rdi + ctx_cycles], rcx);
        const int hits = cache + cache_previous_hits + static_cast<int>(8 * DmiTraffic::width_index(check.bytes));
        add(qword[rdi + hits], 1);
        jmp(check.resume, T_NEAR);
    }

    void emit_load(const DecodedInsn& d, Xbyak::Label& miss)
    {
        const unsigned bytes = d.op == Op::lw ? 4 : (d.op == Op::lh || d.op == Op::lhu) ? 2 : 1;
        emit_dmi_offset(d, bytes, ctx_read, miss, false);
        switch (d.op) {
        case Op::lb: movsx(ecx, byte[rdx + rax]); break;
        case Op::lbu: movzx(ecx, byte[rdx + rax]); break;
        case Op::lh: movsx(ecx, word[rdx + rax]); break;
        case Op::lhu: movzx(ecx, word[rdx + rax]); break;
        default: mov(ecx, dword[rdx + rax]); break;
        }
        mov(reg(d.rd), ecx);
    }

    void emit_store(const DecodedInsn& d, Xbyak::Label& miss)
    {
        const unsigned bytes = d.op == Op::sw ? 4 : d.op == Op::sh ? 2 : 1;
        emit_dmi_offset(d, bytes, ctx_write, miss, true);
        mov(ecx, reg(d.rs2));
        switch (bytes) {
        case 1: mov(byte[rdx + rax], cl); break;
        case 2: mov(word[rdx + rax], cx); break;
        default: mov(dword[rdx + rax], ecx); break;
        }
    }

    void emit_branch(const DecodedInsn& d, uint32_t pc, const Tally& done)
    {
        Xbyak::Label taken;
        mov(eax, reg(d.rs1));
        cmp(eax, reg(d.rs2));
        switch (d.op) {
        case Op::beq: je(taken, T_NEAR); break;
        case Op::bne: jne(taken, T_NEAR); break;
        case Op::blt: jl(taken, T_NEAR); break;
        case Op::bge: jge(taken, T_NEAR); break;
        case Op::bltu: jb(taken, T_NEAR); break;
        default: jae(taken, T_NEAR); break;  // bgeu
        }
        emit_exit(done, pc + d.len, JitExit::next_block);
        L(taken);
        Tally taken_done = done;
        taken_done.cycles += m_taken_extra;
        emit_exit(taken_done, pc + static_cast<uint32_t>(d.imm), JitExit::next_block);
    }

    uint32_t m_misaligned_mask;
    uint32_t m_taken_extra;
    DecodedCache* m_cache = nullptr;  // of the block being translated
    std::vector<std::unique_ptr<SideExit>> m_side_exits;
    std::vector<std::unique_ptr<PreviousEntryCheck>> m_previous_checks;
};

BlockJit::BlockJit(uint32_t misaligned_mask, uint32_t taken_extra_cycles)
    : m_emitter(std::make_unique<Emitter>(misaligned_mask, taken_extra_cycles))
{
}

JitBlockFn BlockJit::translate(const DecodedInsn* first, const BlockSummary& block, uint32_t pc, DecodedCache& cache)
{
    return m_emitter->translate(first, block, pc, cache);
}

bool BlockJit::has_room() const { return m_emitter->getSize() + max_block_bytes <= code_buffer_bytes; }

void BlockJit::reset() { m_emitter->reset(); }

#else  // no translations on other hosts: every block runs in the interpreter

class BlockJit::Emitter {};

bool BlockJit::available() { return false; }
BlockJit::BlockJit(uint32_t, uint32_t) {}
JitBlockFn BlockJit::translate(const DecodedInsn*, const BlockSummary&, uint32_t, DecodedCache&) { return nullptr; }
bool BlockJit::has_room() const { return true; }
void BlockJit::reset() {}

#endif

BlockJit::~BlockJit() = default;

}  // namespace pimsoc::cpu
