// CSR file of the machine-mode-only hart: access rules, reset values and WARL behaviour.
#include "rv_core.h"

namespace pimsoc::cpu {
namespace {

constexpr uint32_t low(uint64_t v) { return static_cast<uint32_t>(v); }
constexpr uint32_t high(uint64_t v) { return static_cast<uint32_t>(v >> 32); }
constexpr uint64_t with_low(uint64_t v, uint32_t lo) { return (v & 0xFFFFFFFF00000000ull) | lo; }
constexpr uint64_t with_high(uint64_t v, uint32_t hi) { return (v & 0xFFFFFFFFull) | (uint64_t{hi} << 32); }

// Identification CSRs read 0: "not implemented / non-commercial" as the spec allows.
constexpr uint32_t vendor_id = 0;
constexpr uint32_t arch_id = 0;
constexpr uint32_t impl_id = 0;

constexpr uint32_t mepc_mask = ~1u;  // IALIGN = 16 (C extension)

constexpr uint32_t pmpcfg_last = CSR_PMPCFG0 + Pmp::cfg_csrs - 1;
constexpr uint32_t pmpaddr_last = CSR_PMPADDR0 + Pmp::max_entries - 1;

}  // namespace

bool RvCore::csr_exists(uint32_t addr) const
{
    uint32_t unused = 0;
    return read_csr(addr, unused);
}

bool RvCore::read_csr(uint32_t addr, uint32_t& value) const
{
    const uint64_t mcycle = m_mcycle.read(m_cycles);
    const uint64_t minstret = m_minstret.read(m_instret);
    switch (addr) {
    case csr::mstatus: value = m_mstatus; return true;
    case csr::mstatush: value = 0; return true;
    case csr::misa: value = misa_value; return true;
    case csr::mie: value = m_mie; return true;
    case csr::mip: value = m_mip; return true;
    case csr::mtvec: value = m_mtvec; return true;
    case csr::mscratch: value = m_mscratch; return true;
    case csr::mepc: value = m_mepc; return true;
    case csr::mcause: value = m_mcause; return true;
    case csr::mtval: value = m_mtval; return true;
    case csr::mcycle:
    case csr::cycle: value = low(mcycle); return true;
    case csr::mcycleh:
    case csr::cycleh: value = high(mcycle); return true;
    case csr::minstret:
    case csr::instret: value = low(minstret); return true;
    case csr::minstreth:
    case csr::instreth: value = high(minstret); return true;
    case csr::time:
    case csr::timeh: {
        const uint64_t t = m_time_source ? m_time_source() : m_cycles;
        value = addr == csr::time ? low(t) : high(t);
        return true;
    }
    case csr::mvendorid: value = vendor_id; return true;
    case csr::marchid: value = arch_id; return true;
    case csr::mimpid: value = impl_id; return true;
    case csr::mhartid: value = m_config.hart_id; return true;
    case csr::mconfigptr: value = 0; return true;
    case csr::mcountinhibit:
        value = (m_mcycle.inhibited() ? MCOUNTINHIBIT_CY : 0) | (m_minstret.inhibited() ? MCOUNTINHIBIT_IR : 0);
        return true;
    default: return read_protection_csr(addr, value);
    }
}

// PMP and trigger CSRs (all pmpcfg/pmpaddr exist whatever the number of entries: those of absent
// entries read 0, as the spec allows).
bool RvCore::read_protection_csr(uint32_t addr, uint32_t& value) const
{
    if (addr >= CSR_PMPCFG0 && addr <= pmpcfg_last) {
        value = m_pmp.read_cfg(addr - CSR_PMPCFG0);
        return true;
    }
    if (addr >= CSR_PMPADDR0 && addr <= pmpaddr_last) {
        value = m_pmp.read_addr(addr - CSR_PMPADDR0);
        return true;
    }
    switch (addr) {
    case csr::tselect: value = m_triggers.tselect(); return true;
    case csr::tdata1: value = m_triggers.tdata1(); return true;
    case csr::tdata2: value = m_triggers.tdata2(); return true;
    case csr::tdata3: value = 0; return true;  // mcontrol has no tdata3 fields
    case csr::tinfo: value = m_triggers.tinfo(); return true;
    case csr::tcontrol: value = m_triggers.tcontrol(); return true;
    default: return false;
    }
}

// Returns false when addr is not a PMP or trigger CSR.
bool RvCore::write_protection_csr(uint32_t addr, uint32_t value)
{
    if (addr >= CSR_PMPCFG0 && addr <= pmpcfg_last) {
        if (m_pmp.write_cfg(addr - CSR_PMPCFG0, value)) {
            protection_changed();
        }
        return true;
    }
    if (addr >= CSR_PMPADDR0 && addr <= pmpaddr_last) {
        if (m_pmp.write_addr(addr - CSR_PMPADDR0, value)) {
            protection_changed();
        }
        return true;
    }
    switch (addr) {
    case csr::tselect: m_triggers.write_tselect(value); return true;
    case csr::tdata1: m_triggers.write_tdata1(value); break;
    case csr::tdata2: m_triggers.write_tdata2(value); break;
    case csr::tcontrol: m_triggers.write_tcontrol(value); break;
    case csr::tdata3:
    case csr::tinfo: return true;  // tdata3 reads 0, tinfo is read-only (WARL)
    default: return false;
    }
    protection_changed();
    return true;
}

// Only called for existing, writable CSRs. A write to a counter (either half) writes the 64-bit
// counter as it was before this instruction and replaces the instruction's own increment; an
// mcountinhibit write applies from this instruction's increment on (as Spike and Sail do).
void RvCore::csr_write(uint32_t addr, uint32_t value, const CountsBefore& before)
{
    switch (addr) {
    case csr::mstatus:
        m_mstatus = (value & mstatus_bits::writable) | mstatus_bits::mpp_machine;
        m_irq_check = true;
        break;
    case csr::mie:
        m_mie = value & irq::all;
        m_irq_check = true;
        break;
    case csr::mtvec: {
        // WARL: reserved modes (2, 3) fall back to direct.
        const uint32_t mode = (value & mtvec_bits::mode_mask) == mtvec_bits::mode_vectored ? mtvec_bits::mode_vectored : 0;
        m_mtvec = (value & ~mtvec_bits::mode_mask) | mode;
        break;
    }
    case csr::mscratch: m_mscratch = value; break;
    case csr::mepc: m_mepc = value & mepc_mask; break;
    case csr::mcause: m_mcause = value; break;
    case csr::mtval: m_mtval = value; break;
    case csr::mcycle: m_mcycle.write(m_cycles, with_low(m_mcycle.read(before.cycles), value)); break;
    case csr::mcycleh: m_mcycle.write(m_cycles, with_high(m_mcycle.read(before.cycles), value)); break;
    case csr::minstret: m_minstret.write(m_instret, with_low(m_minstret.read(before.instret), value)); break;
    case csr::minstreth: m_minstret.write(m_instret, with_high(m_minstret.read(before.instret), value)); break;
    case csr::mcountinhibit:
        m_mcycle.set_inhibited(before.cycles, (value & MCOUNTINHIBIT_CY) != 0);
        m_minstret.set_inhibited(before.instret, (value & MCOUNTINHIBIT_IR) != 0);
        break;
    default:
        // misa, mip, mstatush: WARL / read-only bits, writes ignored
        write_protection_csr(addr, value);
        break;
    }
}

void RvCore::exec_csr(DecodedInsn d)
{
    const uint32_t addr = static_cast<uint32_t>(d.imm) & 0xFFFu;
    const bool immediate = d.op == Op::csrrwi || d.op == Op::csrrsi || d.op == Op::csrrci;
    const uint32_t operand = immediate ? d.rs1 : m_x[d.rs1];
    // csrrs/csrrc with rs1 = x0 (or uimm = 0) only read.
    const bool writes = d.op == Op::csrrw || d.op == Op::csrrwi || d.rs1 != 0;
    uint32_t old = 0;
    if (!read_csr(addr, old) || (writes && (addr & csr::read_only_mask) == csr::read_only_mask)) {
        raise(Cause::illegal_instruction, raw_insn_at(m_pc, d.len));
        return;
    }
    m_x[d.rd] = old;
    m_pc += d.len;
    // The hot loop charged this instruction's cycles before dispatching it.
    const CountsBefore before{m_cycles - d.cycles, m_instret};
    // Retire before the write, so that a write to minstret is what the next instruction reads.
    ++m_instret;
    if (writes) {
        uint32_t value = operand;
        if (d.op == Op::csrrs || d.op == Op::csrrsi) {
            value = old | operand;
        } else if (d.op == Op::csrrc || d.op == Op::csrrci) {
            value = old & ~operand;
        }
        csr_write(addr, value, before);
    }
    if (m_irq_check) {
        m_irq_check = false;
        take_pending_interrupt();
    }
}

}  // namespace pimsoc::cpu
