// The hot loop: dispatch on decoded entries, loads/stores through the last-hit DMI region.
// pc, cycles and instret live in locals (host stores through char pointers would otherwise force
// the compiler to reload members after every store); they are written back (sync_out) before any
// slow path that can observe or change them, and reloaded (sync_in) after it.
#include <cstring>

#include "rv_core.h"

namespace pimsoc::cpu {

template <unsigned N>
inline bool RvCore::fast_load(uint32_t addr, uint32_t& value, uint64_t& cycles) const
{
    const DmiCacheEntry& c = m_dmi_read;
    const uint32_t offset = addr - c.base;
    if (uint64_t{offset} + N > c.size || (addr & (N - 1) & m_misaligned_mask) != 0) {
        return false;
    }
    value = 0;
    std::memcpy(&value, c.host + offset, N);
    cycles += c.latency_cycles;
    return true;
}

template <unsigned N>
inline bool RvCore::fast_store(uint32_t addr, uint32_t value, uint64_t& cycles)
{
    const DmiCacheEntry& c = m_dmi_write;
    const uint32_t offset = addr - c.base;
    if (uint64_t{offset} + N > c.size || (addr & (N - 1) & m_misaligned_mask) != 0) {
        return false;
    }
    std::memcpy(c.host + offset, &value, N);
    cycles += c.latency_cycles;
    if (m_decoded.may_hold_code(addr, N)) {
        m_decoded.invalidate_range(addr, N);
    }
    return true;
}

void RvCore::execute()
{
    uint32_t* const x = m_x;
    uint32_t pc = m_pc;
    uint64_t cycles = m_cycles;
    uint64_t instret = m_instret;
    DecodedCache::Page* page = &m_decoded.page_for(pc);
    uint32_t page_base = pc & ~DecodedCache::page_mask;

    const auto sync_out = [&] {
        m_pc = pc;
        m_cycles = cycles;
        m_instret = instret;
    };
    const auto sync_in = [&] {
        pc = m_pc;
        cycles = m_cycles;
        instret = m_instret;
    };

// Loads: T is the C type whose conversion to uint32_t gives the sign/zero extension.
#define PIMSOC_LOAD(N, T)                                                  \
    {                                                                      \
        const uint32_t addr = x[d.rs1] + static_cast<uint32_t>(d.imm);     \
        uint32_t value;                                                    \
        if (!fast_load<N>(addr, value, cycles)) {                          \
            sync_out();                                                    \
            const bool ok = load_slow(addr, N, value);                     \
            sync_in();                                                     \
            if (!ok) {                                                     \
                continue;                                                  \
            }                                                              \
        }                                                                  \
        x[d.rd] = static_cast<uint32_t>(static_cast<T>(value));            \
        break;                                                             \
    }
#define PIMSOC_STORE(N)                                                    \
    {                                                                      \
        const uint32_t addr = x[d.rs1] + static_cast<uint32_t>(d.imm);     \
        if (!fast_store<N>(addr, x[d.rs2], cycles)) {                      \
            sync_out();                                                    \
            const bool ok = store_slow(addr, N, x[d.rs2]);                 \
            sync_in();                                                     \
            if (!ok) {                                                     \
                continue;                                                  \
            }                                                              \
        }                                                                  \
        break;                                                             \
    }
#define PIMSOC_BRANCH(cond)                                                \
    if (cond) {                                                            \
        npc = pc + static_cast<uint32_t>(d.imm);                           \
        cycles += m_taken_extra_cycles;                                    \
    }                                                                      \
    break;

    while (cycles < m_cycle_limit && instret < m_instret_limit) {
        if ((pc & ~DecodedCache::page_mask) != page_base) {
            page = &m_decoded.page_for(pc);
            page_base = pc & ~DecodedCache::page_mask;
        }
        // A copy: slow paths may invalidate the cache entry while this instruction completes.
        const DecodedInsn d = page->entries[(pc & DecodedCache::page_mask) >> 1];
        cycles += d.cycles;
        uint32_t npc = pc + d.len;
        const uint32_t a = x[d.rs1];
        const uint32_t b = x[d.rs2];
        const auto imm = static_cast<uint32_t>(d.imm);
        switch (d.op) {
        case Op::undecoded:
            sync_out();
            decode_at(pc, *page);
            sync_in();
            continue;
        case Op::lui: x[d.rd] = imm; break;
        case Op::auipc: x[d.rd] = pc + imm; break;
        case Op::jal:
            x[d.rd] = npc;
            npc = pc + imm;
            break;
        case Op::jalr:
            npc = (a + imm) & ~1u;  // bit 0 cleared; with C every target is 2-aligned, no misaligned trap
            x[d.rd] = pc + d.len;
            break;
        case Op::beq: PIMSOC_BRANCH(a == b)
        case Op::bne: PIMSOC_BRANCH(a != b)
        case Op::blt: PIMSOC_BRANCH(static_cast<int32_t>(a) < static_cast<int32_t>(b))
        case Op::bge: PIMSOC_BRANCH(static_cast<int32_t>(a) >= static_cast<int32_t>(b))
        case Op::bltu: PIMSOC_BRANCH(a < b)
        case Op::bgeu: PIMSOC_BRANCH(a >= b)
        case Op::lb: PIMSOC_LOAD(1, int8_t)
        case Op::lh: PIMSOC_LOAD(2, int16_t)
        case Op::lw: PIMSOC_LOAD(4, uint32_t)
        case Op::lbu: PIMSOC_LOAD(1, uint8_t)
        case Op::lhu: PIMSOC_LOAD(2, uint16_t)
        case Op::sb: PIMSOC_STORE(1)
        case Op::sh: PIMSOC_STORE(2)
        case Op::sw: PIMSOC_STORE(4)
        case Op::addi: x[d.rd] = a + imm; break;
        case Op::slti: x[d.rd] = static_cast<int32_t>(a) < d.imm; break;
        case Op::sltiu: x[d.rd] = a < imm; break;
        case Op::xori: x[d.rd] = a ^ imm; break;
        case Op::ori: x[d.rd] = a | imm; break;
        case Op::andi: x[d.rd] = a & imm; break;
        case Op::slli: x[d.rd] = a << imm; break;
        case Op::srli: x[d.rd] = a >> imm; break;
        case Op::srai: x[d.rd] = static_cast<uint32_t>(static_cast<int32_t>(a) >> imm); break;
        case Op::add: x[d.rd] = a + b; break;
        case Op::sub: x[d.rd] = a - b; break;
        case Op::sll: x[d.rd] = a << (b & 31); break;
        case Op::slt: x[d.rd] = static_cast<int32_t>(a) < static_cast<int32_t>(b); break;
        case Op::sltu: x[d.rd] = a < b; break;
        case Op::xor_: x[d.rd] = a ^ b; break;
        case Op::srl: x[d.rd] = a >> (b & 31); break;
        case Op::sra: x[d.rd] = static_cast<uint32_t>(static_cast<int32_t>(a) >> (b & 31)); break;
        case Op::or_: x[d.rd] = a | b; break;
        case Op::and_: x[d.rd] = a & b; break;
        case Op::mul: x[d.rd] = a * b; break;
        case Op::mulh:
            x[d.rd] = static_cast<uint32_t>(
                static_cast<uint64_t>(int64_t{static_cast<int32_t>(a)} * int64_t{static_cast<int32_t>(b)}) >> 32);
            break;
        case Op::mulhsu:
            x[d.rd] = static_cast<uint32_t>(
                static_cast<uint64_t>(int64_t{static_cast<int32_t>(a)} * static_cast<int64_t>(b)) >> 32);
            break;
        case Op::mulhu: x[d.rd] = static_cast<uint32_t>((uint64_t{a} * uint64_t{b}) >> 32); break;
        case Op::div: {
            const auto sa = static_cast<int32_t>(a);
            const auto sb = static_cast<int32_t>(b);
            if (b == 0) {
                x[d.rd] = ~0u;
            } else if (sa == INT32_MIN && sb == -1) {
                x[d.rd] = a;  // overflow: the dividend
            } else {
                x[d.rd] = static_cast<uint32_t>(sa / sb);
            }
            break;
        }
        case Op::divu: x[d.rd] = b == 0 ? ~0u : a / b; break;
        case Op::rem: {
            const auto sa = static_cast<int32_t>(a);
            const auto sb = static_cast<int32_t>(b);
            if (b == 0) {
                x[d.rd] = a;
            } else if (sa == INT32_MIN && sb == -1) {
                x[d.rd] = 0;
            } else {
                x[d.rd] = static_cast<uint32_t>(sa % sb);
            }
            break;
        }
        case Op::remu: x[d.rd] = b == 0 ? a : a % b; break;
        case Op::fence: break;  // one hart, in-order memory: nothing to order
        default:
            // CSR, AMO, ecall/ebreak/mret/wfi/fence.i, illegal: each retires or traps itself.
            sync_out();
            exec_system(d);
            if (m_instret != instret) {
                ++m_op_counts[static_cast<unsigned>(d.op)];  // it retired (did not trap)
            }
            sync_in();
            continue;
        }
        pc = npc;
        ++instret;
        ++m_op_counts[static_cast<unsigned>(d.op)];
    }
#undef PIMSOC_LOAD
#undef PIMSOC_STORE
#undef PIMSOC_BRANCH
    sync_out();
}

}  // namespace pimsoc::cpu
