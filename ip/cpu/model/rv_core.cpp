#include "rv_core.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "block_jit.h"
#include "decoder.h"

namespace pimsoc::cpu {
namespace {

uint16_t clamp_cycles(uint32_t cycles)
{
    return static_cast<uint16_t>(std::min<uint32_t>(cycles, std::numeric_limits<uint16_t>::max()));
}

uint64_t saturating_add(uint64_t a, uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }

}  // namespace

RvCore::RvCore(MemoryInterface& mem, const CoreConfig& config)
    : m_mem(mem), m_config(config), m_pmp(config.pmp_entries, config.pmp_granularity)
{
    const CycleTable& t = config.cycles;
    auto set = [this](OpClass c, uint32_t cycles) { m_class_cycles[static_cast<unsigned>(c)] = clamp_cycles(cycles); };
    set(OpClass::alu, t.alu);
    set(OpClass::branch, t.branch_not_taken);
    set(OpClass::jump, t.jump);
    set(OpClass::load, t.load);
    set(OpClass::store, t.store);
    set(OpClass::mul, t.mul);
    set(OpClass::div, t.div);
    set(OpClass::csr, t.csr);
    set(OpClass::amo, t.amo);
    set(OpClass::system, t.system);
    m_taken_extra_cycles = t.branch_taken > t.branch_not_taken ? t.branch_taken - t.branch_not_taken : 0;
    m_misaligned_mask = config.trap_misaligned ? ~0u : 0u;
    if (config.jit && BlockJit::available()) {
        m_jit = std::make_unique<BlockJit>(m_misaligned_mask, m_taken_extra_cycles);
        m_jit_ctx.x = m_x;
        m_jit_ctx.op_counts = m_op_counts;
        m_jit_ctx.code_page = m_decoded.code_page_bytes();
    }
    reset(0);
}

RvCore::~RvCore() = default;

void RvCore::reset(uint32_t pc)
{
    std::fill(std::begin(m_x), std::end(m_x), 0u);
    m_pc = pc;
    m_mstatus = mstatus_bits::mpp_machine;
    m_mie = 0;
    m_mtvec = 0;
    m_mscratch = 0;
    m_mepc = 0;
    m_mcause = 0;
    m_mtval = 0;
    m_reservation_valid = false;
    m_wfi = false;
    m_unreturned = 0;
    m_mcycle = CounterView{};
    m_mcycle.write(m_cycles, 0);
    m_minstret = CounterView{};
    m_minstret.write(m_instret, 0);
    m_pmp.reset();
    m_triggers.reset();
    protection_changed();
}

void RvCore::set_reg(unsigned n, uint32_t value)
{
    if (n != 0 && n < num_regs) {
        m_x[n] = value;
    }
}

void RvCore::request_stop()
{
    m_stop_requested = true;
    m_cycle_limit = 0;
}

void RvCore::set_irq_pending(uint32_t mip_mask_bits, bool level)
{
    const uint32_t bits = mip_mask_bits & irq::all;
    const uint32_t old = m_mip;
    m_mip = level ? (m_mip | bits) : (m_mip & ~bits);
    if (m_mip != old && m_running) {
        request_stop();  // run() looks for interrupts when it starts again
    }
}

// --- traps -------------------------------------------------------------------------------------

void RvCore::take_trap(uint32_t cause, uint32_t tval, uint32_t epc)
{
    m_mepc = epc & ~1u;
    m_mcause = cause;
    m_mtval = tval;
    const bool mie = (m_mstatus & mstatus_bits::mie) != 0;
    m_mstatus = (m_mstatus & ~(mstatus_bits::mie | mstatus_bits::mpie)) | (mie ? mstatus_bits::mpie : 0);
    const uint32_t base = m_mtvec & ~mtvec_bits::mode_mask;
    const bool vectored = (m_mtvec & mtvec_bits::mode_mask) == mtvec_bits::mode_vectored;
    m_pc = (vectored && (cause & interrupt_flag)) ? base + 4 * (cause & ~interrupt_flag) : base;
    m_reservation_valid = false;
    ++m_traps;
    switch_trigger_enable(true);
    if ((cause & interrupt_flag) == 0) {
        note_exception(cause, m_mepc);
    }
    if (m_observer != nullptr) {
        m_observer->trap_entered(cause, m_mepc);  // traps() counts this one, cycles() not yet its cost
    }
    m_cycles += m_class_cycles[static_cast<unsigned>(OpClass::system)];
}

// An exception is an attempted instruction: it uses up the instruction budget like a retired one.
// An exception that repeats one taken since the last mret stops the run as a trap loop (e.g. an
// illegal instruction or a fetch fault at the trap vector itself, or a handler whose first store
// faults again): the guest cannot make progress, and would otherwise spin until a time limit.
void RvCore::note_exception(uint32_t cause, uint32_t epc)
{
    ++m_exceptions;
    if (m_instret_limit > m_instret) {
        --m_instret_limit;
    }
    const unsigned recorded = std::min(m_unreturned, loop_window);
    for (unsigned i = 0; i < recorded; ++i) {
        if (m_unreturned_cause[i] == cause && m_unreturned_epc[i] == epc) {
            m_trap_loop = true;
            request_stop();
            return;
        }
    }
    const unsigned slot = m_unreturned % loop_window;
    m_unreturned_cause[slot] = cause;
    m_unreturned_epc[slot] = epc;
    ++m_unreturned;
}

// tcontrol.mte changes on trap entry and mret; execute triggers it arms or disarms change what
// decode_at produces.
void RvCore::switch_trigger_enable(bool trap_entry)
{
    const bool armed = m_triggers.execute_armed();
    if (trap_entry) {
        m_triggers.trap_entered();
    } else {
        m_triggers.trap_returned();
    }
    if (m_triggers.execute_armed() != armed) {
        m_decoded.flush();
    }
}

void RvCore::take_pending_interrupt()
{
    if ((m_mstatus & mstatus_bits::mie) == 0 || m_single_stepping) {
        return;
    }
    const uint32_t pending = m_mip & m_mie;
    if (pending == 0) {
        return;
    }
    // Priority order of the privileged spec: MEI > MSI > MTI.
    const uint32_t cause = (pending & irq::meip)   ? irq::mei_cause
                           : (pending & irq::msip) ? irq::msi_cause
                                                   : irq::mti_cause;
    take_trap(interrupt_flag | cause, 0, m_pc);
}

// --- run ---------------------------------------------------------------------------------------

RunResult RvCore::run(uint64_t cycle_budget, uint64_t instruction_budget)
{
    const uint64_t start_cycles = m_cycles;
    const uint64_t start_instret = m_instret;
    m_stop_requested = false;
    m_trap_loop = false;
    m_debug_halt = false;
    if (m_wfi) {
        if ((m_mip & m_mie) == 0) {
            return {StopReason::wfi, 0, 0};
        }
        m_wfi = false;
    }
    take_pending_interrupt();
    m_cycle_limit = saturating_add(m_cycles, cycle_budget);
    m_instret_limit = saturating_add(m_instret, instruction_budget);
    m_running = true;
    execute();
    m_running = false;

    RunResult result{StopReason::budget, m_cycles - start_cycles, m_instret - start_instret};
    if (m_trap_loop) {
        result.reason = StopReason::trap_loop;
    } else if (m_debug_halt) {
        result.reason = StopReason::debug_halt;
    } else if (m_wfi) {
        result.reason = StopReason::wfi;
    } else if (m_stop_requested) {
        result.reason = StopReason::stop_requested;
    } else if (m_instret >= m_instret_limit) {
        result.reason = StopReason::instruction_limit;
    }
    return result;
}

// --- memory slow paths -------------------------------------------------------------------------

const DmiRegion* RvCore::find_dmi(uint32_t addr, unsigned len, bool write) const
{
    for (const DmiRegion& r : m_dmi) {
        if ((write ? r.writable : r.readable) && r.contains(addr, len)) {
            return &r;
        }
    }
    return nullptr;
}

void RvCore::add_dmi_region(const DmiRegion& region)
{
    if (region.size == 0 || region.host == nullptr) {
        return;
    }
    DmiRegion added = region;
    added.traffic_slot = traffic_slot_for(region.base);
    for (DmiRegion& r : m_dmi) {
        if (r.base == region.base && r.size == region.size) {
            r = added;
            reset_dmi_caches();
            return;
        }
    }
    m_dmi.push_back(added);
}

void RvCore::reset_dmi_caches()
{
    credit_fast_hits(false);
    credit_fast_hits(true);
    m_jit_ctx.dmi_read.clear();
    m_jit_ctx.dmi_write.clear();
}

// --- DMI traffic accounting --------------------------------------------------------------------

uint32_t RvCore::traffic_slot_for(uint32_t base)
{
    for (size_t i = 0; i < m_dmi_traffic.size(); ++i) {
        if (m_dmi_traffic[i].base == base) {
            return static_cast<uint32_t>(i);
        }
    }
    DmiTraffic traffic;
    traffic.base = base;
    m_dmi_traffic.push_back(traffic);
    return static_cast<uint32_t>(m_dmi_traffic.size() - 1);
}

void RvCore::count_dmi(uint32_t slot, unsigned len, bool write)
{
    DmiTraffic& t = m_dmi_traffic[slot];
    ++(write ? t.writes : t.reads)[DmiTraffic::width_index(len)];
}

// Retired loads (stores) of one width that the fast path served: all retired ones minus those
// that went through the slow path.
uint64_t RvCore::fast_hits(bool write, unsigned width_index) const
{
    static constexpr Op loads[DmiTraffic::widths][2] = {{Op::lb, Op::lbu}, {Op::lh, Op::lhu}, {Op::lw, Op::lw}};
    static constexpr Op stores[DmiTraffic::widths] = {Op::sb, Op::sh, Op::sw};
    if (write) {
        return retired(stores[width_index]) - m_slow_stores[width_index];
    }
    const Op* ops = loads[width_index];
    const uint64_t retired_loads = retired(ops[0]) + (ops[1] != ops[0] ? retired(ops[1]) : 0);
    return retired_loads - m_slow_loads[width_index];
}

// Credits the fast hits since the last credit to the regions in the read (write) cache: those
// counted in the previous entry to it, the rest to the recent one (a fast hit can only have
// happened in those two regions, since they were installed).
void RvCore::credit_fast_hits(bool write)
{
    DmiCache& cache = write ? m_jit_ctx.dmi_write : m_jit_ctx.dmi_read;
    uint64_t* credited = write ? m_write_credited : m_read_credited;
    const auto credit = [this, write](const DmiCacheEntry& entry, unsigned w, uint64_t count) {
        if (entry.size != 0 && count != 0) {
            DmiTraffic& t = m_dmi_traffic[entry.traffic_slot];
            (write ? t.writes : t.reads)[w] += count;
        }
    };
    for (unsigned w = 0; w < DmiTraffic::widths; ++w) {
        const uint64_t hits = fast_hits(write, w);
        const uint64_t in_previous = cache.previous_hits[w];
        credit(cache.previous, w, in_previous);
        credit(cache.recent, w, hits - credited[w] - in_previous);
        cache.previous_hits[w] = 0;
        credited[w] = hits;
    }
}

void RvCore::take_dmi_traffic(std::vector<DmiTraffic>& out)
{
    credit_fast_hits(false);
    credit_fast_hits(true);
    out.clear();
    for (DmiTraffic& t : m_dmi_traffic) {
        if (!t.empty()) {
            out.push_back(t);
            const uint32_t base = t.base;
            t = DmiTraffic{};
            t.base = base;
        }
    }
}

void RvCore::invalidate_dmi(uint32_t lo, uint32_t hi)
{
    m_dmi.erase(std::remove_if(m_dmi.begin(), m_dmi.end(),
                               [lo, hi](const DmiRegion& r) {
                                   const uint64_t last = r.base + r.size - 1;
                                   return r.base <= hi && last >= lo;
                               }),
                m_dmi.end());
    reset_dmi_caches();
    m_decoded.flush();
}

bool RvCore::access(uint32_t addr, unsigned len, void* data, bool write, Cause fault)
{
    if (m_check_data_accesses && !data_access_allowed(addr, len, write, fault)) {
        return false;
    }
    if (const DmiRegion* r = find_dmi(addr, len, write)) {
        const uint32_t latency = write ? r->write_latency_cycles : r->read_latency_cycles;
        if (!m_check_data_accesses) {  // checked accesses must keep missing the fast path
            credit_fast_hits(write);
            DmiCache& cache = write ? m_jit_ctx.dmi_write : m_jit_ctx.dmi_read;
            cache.install(DmiCacheEntry{r->base, r->size, r->host, latency, r->traffic_slot});
        }
        count_dmi(r->traffic_slot, len, write);
        uint8_t* host = r->host + (addr - r->base);
        if (write) {
            std::memcpy(host, data, len);
        } else {
            std::memcpy(data, host, len);
        }
        m_cycles += latency;
        return true;
    }
    const MemStatus status = write ? m_mem.write(addr, data, len) : m_mem.read(addr, data, len);
    if (status != MemStatus::ok) {
        raise(fault, addr);
        return false;
    }
    return true;
}

bool RvCore::load_slow(uint32_t addr, unsigned len, uint32_t& value)
{
    if (m_check_data_accesses && data_triggers_fire(addr, len, false, OpClass::load)) {
        return false;
    }
    if ((addr & (len - 1) & m_misaligned_mask) != 0) {
        raise(Cause::load_misaligned, addr);
        return false;
    }
    value = 0;
    if (!access(addr, len, &value, false, Cause::load_access)) {
        return false;
    }
    ++m_slow_loads[DmiTraffic::width_index(len)];
    return true;
}

bool RvCore::store_slow(uint32_t addr, unsigned len, uint32_t value)
{
    if (m_check_data_accesses && data_triggers_fire(addr, len, true, OpClass::store)) {
        return false;
    }
    if ((addr & (len - 1) & m_misaligned_mask) != 0) {
        raise(Cause::store_misaligned, addr);
        return false;
    }
    if (!access(addr, len, &value, true, Cause::store_access)) {
        return false;
    }
    ++m_slow_stores[DmiTraffic::width_index(len)];
    if (m_decoded.may_hold_code(addr, len)) {
        m_decoded.invalidate_range(addr, len);
    }
    return true;
}

bool RvCore::fetch16(uint32_t addr, uint16_t& half)
{
    constexpr unsigned half_bytes = 2;
    if (m_pmp.enforcing() && !m_pmp.allows(addr, half_bytes, Pmp::Access::execute)) {
        raise(Cause::fetch_access, addr);
        return false;
    }
    if (const DmiRegion* r = find_dmi(addr, half_bytes, false)) {
        std::memcpy(&half, r->host + (addr - r->base), half_bytes);
        count_dmi(r->traffic_slot, half_bytes, false);
        return true;
    }
    if (m_mem.fetch(addr, &half, half_bytes) == MemStatus::ok) {
        return true;
    }
    raise(Cause::fetch_access, addr);
    return false;
}

// --- PMP and debug triggers on data accesses ---------------------------------------------------

void RvCore::protection_changed()
{
    m_check_data_accesses = m_pmp.enforcing() || m_triggers.watches_data();
    reset_dmi_caches();
    m_decoded.flush();
}

bool RvCore::data_access_allowed(uint32_t addr, unsigned len, bool write, Cause fault)
{
    if (m_pmp.enforcing() && !m_pmp.allows(addr, len, write ? Pmp::Access::write : Pmp::Access::read)) {
        raise(fault, addr);
        return false;
    }
    return true;
}

// Load/store triggers fire before the access (address match only), with mtval = the address; a
// debugger's trigger halts into the debugger instead, before the instruction (its cycles, of
// class cost_class, are taken back).
bool RvCore::data_triggers_fire(uint32_t addr, unsigned len, bool write, OpClass cost_class)
{
    const TriggerHit hit = m_triggers.fire_data(addr, len, write);
    if (hit.debugger) {
        halt_on_trigger(hit.debugger_trigger, addr, m_class_cycles[static_cast<unsigned>(cost_class)]);
    } else if (hit.exception) {
        raise(Cause::breakpoint, addr);
    }
    return hit.any();
}

// The bits of an instruction that decoded fine (mtval of an illegal CSR access); the fetch
// succeeded moments ago, so its status is not checked again.
uint32_t RvCore::raw_insn_at(uint32_t pc, unsigned len)
{
    uint16_t lo = 0;
    uint16_t hi = 0;
    if (const DmiRegion* r = find_dmi(pc, len, false)) {
        std::memcpy(&lo, r->host + (pc - r->base), 2);
        count_dmi(r->traffic_slot, 2, false);
        if (len == 4) {
            std::memcpy(&hi, r->host + (pc + 2 - r->base), 2);
            count_dmi(r->traffic_slot, 2, false);
        }
    } else {
        m_mem.fetch(pc, &lo, 2);
        if (len == 4) {
            m_mem.fetch(pc + 2, &hi, 2);
        }
    }
    return (uint32_t{hi} << 16) | lo;
}

// --- decode ------------------------------------------------------------------------------------

void RvCore::decode_at(uint32_t pc, DecodedCache::Page& page)
{
    if (!m_breakpoints.empty() && decode_breakpoint(pc, page)) {
        return;
    }
    uint16_t lo = 0;
    if (!fetch16(pc, lo)) {
        return;
    }
    uint32_t bits = lo;
    const unsigned len = insn_length(lo);
    if (len == 4) {
        uint16_t hi = 0;
        if (!fetch16(pc + 2, hi)) {
            return;
        }
        bits |= uint32_t{hi} << 16;
    }
    DecodedInsn d = decode(bits);
    if (m_triggers.execute_armed() && m_triggers.matches_execute(pc)) {
        d.op = Op::trigger_fire;
    }
    if (d.rd == 0) {
        d.rd = scratch_reg;
    }
    d.cycles = m_class_cycles[static_cast<unsigned>(op_class(d.op))];
    page.entries[(pc & DecodedCache::page_mask) >> 1] = d;
    m_decoded.mark_code(page, pc, len);
}

// --- system instructions -----------------------------------------------------------------------

void RvCore::exec_system(DecodedInsn d)
{
    const uint32_t next = m_pc + d.len;
    switch (d.op) {
    case Op::illegal: raise(Cause::illegal_instruction, static_cast<uint32_t>(d.imm)); return;
    case Op::ecall: raise(Cause::ecall_m, 0); return;
    case Op::ebreak:
        if (m_debugger_attached) {
            halt_for_debugger(d);
        } else {
            raise(Cause::breakpoint, m_pc);
        }
        return;
    case Op::debug_break: halt_for_debugger(d); return;
    case Op::trigger_fire: {
        // A debugger's trigger (action 1, GDB's hardware breakpoint) halts before the instruction;
        // the guest's (action 0) raise the breakpoint exception.
        const TriggerHit hit = m_triggers.fire_execute(m_pc);
        if (hit.debugger) {
            halt_on_trigger(hit.debugger_trigger, m_pc, d.cycles);
        } else {
            raise(Cause::breakpoint, m_pc);
        }
        return;
    }
    case Op::mret: {
        const bool mpie = (m_mstatus & mstatus_bits::mpie) != 0;
        m_mstatus = (m_mstatus & ~mstatus_bits::mie) | (mpie ? mstatus_bits::mie : 0) | mstatus_bits::mpie;
        m_pc = m_mepc;
        ++m_instret;
        m_unreturned = 0;
        switch_trigger_enable(false);
        if (m_observer != nullptr) {
            m_observer->trap_returned(m_pc);
        }
        take_pending_interrupt();
        return;
    }
    case Op::wfi:
        m_pc = next;
        ++m_instret;
        if ((m_mip & m_mie) == 0) {
            m_wfi = true;
            request_stop();
        }
        return;
    case Op::fence_i:
        m_decoded.flush();
        m_pc = next;
        ++m_instret;
        return;
    case Op::csrrw: case Op::csrrs: case Op::csrrc: case Op::csrrwi: case Op::csrrsi: case Op::csrrci:
        exec_csr(d);
        return;
    default: exec_amo(d); return;
    }
}

void RvCore::exec_amo(DecodedInsn d)
{
    const uint32_t addr = m_x[d.rs1];
    const uint32_t src = m_x[d.rs2];
    constexpr unsigned word = 4;
    // An AMO both loads and stores (LR only loads, SC only stores).
    if (m_check_data_accesses && ((d.op != Op::sc_w && data_triggers_fire(addr, word, false, OpClass::amo)) ||
                                  (d.op != Op::lr_w && data_triggers_fire(addr, word, true, OpClass::amo)))) {
        return;
    }
    if (addr & (word - 1)) {
        raise(d.op == Op::lr_w ? Cause::load_misaligned : Cause::store_misaligned, addr);
        return;
    }
    uint32_t result = 0;
    if (d.op == Op::lr_w) {
        uint32_t value = 0;
        if (!access(addr, word, &value, false, Cause::load_access)) {
            return;
        }
        m_reservation_valid = true;
        m_reservation_addr = addr;
        result = value;
    } else if (d.op == Op::sc_w) {
        const bool success = m_reservation_valid && m_reservation_addr == addr;
        m_reservation_valid = false;
        if (success) {
            uint32_t value = src;
            if (!access(addr, word, &value, true, Cause::store_access)) {
                return;
            }
            if (m_decoded.may_hold_code(addr, word)) {
                m_decoded.invalidate_range(addr, word);
            }
        }
        result = success ? 0 : 1;
    } else {
        uint32_t old = 0;
        // AMOs report faults of their read as store/AMO faults.
        if (!access(addr, word, &old, false, Cause::store_access)) {
            return;
        }
        uint32_t value = 0;
        const auto s_old = static_cast<int32_t>(old);
        const auto s_src = static_cast<int32_t>(src);
        switch (d.op) {
        case Op::amoswap_w: value = src; break;
        case Op::amoadd_w: value = old + src; break;
        case Op::amoxor_w: value = old ^ src; break;
        case Op::amoand_w: value = old & src; break;
        case Op::amoor_w: value = old | src; break;
        case Op::amomin_w: value = s_src < s_old ? src : old; break;
        case Op::amomax_w: value = s_src > s_old ? src : old; break;
        case Op::amominu_w: value = std::min(old, src); break;
        default: value = std::max(old, src); break;  // amomaxu.w
        }
        if (!access(addr, word, &value, true, Cause::store_access)) {
            return;
        }
        if (m_decoded.may_hold_code(addr, word)) {
            m_decoded.invalidate_range(addr, word);
        }
        result = old;
    }
    m_x[d.rd] = result;
    m_pc += d.len;
    ++m_instret;
}

}  // namespace pimsoc::cpu
