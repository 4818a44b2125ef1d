#include "cpu/cpu.h"

#include <cstdio>
#include <limits>

#include "common/ledger_time.h"

namespace pimsoc {
namespace {

uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

}  // namespace

Cpu::Cpu(sc_core::sc_module_name name, const CpuParams& p, SimulationExit& exit)
    : sc_core::sc_module(name)
    , params(p)
    , bus("bus")
    , m_exit(exit)
    , m_log(module_logger(this->name()))
    , m_period(sc_core::sc_time(1.0 / static_cast<double>(p.clock_hz), sc_core::SC_SEC))
{
    if (p.clock_hz == 0 || m_period == sc_core::SC_ZERO_TIME) {
        throw ConfigError(std::string(this->name()) + ".clock_hz: must give a period >= the time resolution");
    }
    m_core = std::make_unique<cpu::RvCore>(static_cast<cpu::MemoryInterface&>(*this), p.core_config());
    set_time_source([this](const sc_core::sc_time& at) { return at.value() / m_period.value(); });
    bus.register_invalidate_direct_mem_ptr(this, &Cpu::invalidate_direct_mem_ptr);
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(run_thread);
}

void Cpu::set_reset_pc(uint32_t pc) { m_reset_pc = pc; }

void Cpu::set_time_source(std::function<uint64_t(const sc_core::sc_time& now)> source)
{
    m_core->set_time_source([this, source = std::move(source)] { return source(now()); });
}

void Cpu::set_irq(unsigned mip_bit, bool level)
{
    constexpr unsigned xlen = 32;
    if (mip_bit >= xlen) {
        m_log->warn("set_irq: mip bit {} does not exist", mip_bit);
        return;
    }
    m_core->set_irq_pending(1u << mip_bit, level);
    if (level) {
        m_irq_event.notify(sc_core::SC_ZERO_TIME);
    }
}

sc_core::sc_time Cpu::local_time() const
{
    return sc_core::sc_time::from_value((m_core->cycles() - m_sync_cycles) * m_period.value());
}

uint64_t Cpu::slice_budget_cycles() const
{
    // Run up to the next quantum boundary, or the next power check if that comes first; at least
    // one cycle (a zero quantum means lock-step).
    // (tlm_global_quantum::compute_local_quantum() from the last synchronisation point, which
    // may lie ahead of kernel time.)
    const sc_core::sc_time quantum = tlm::tlm_global_quantum::instance().get();
    sc_core::sc_time left = quantum == sc_core::SC_ZERO_TIME ? quantum : quantum - (sync_point() % quantum);
    if (m_power_hook != nullptr) {
        const sc_core::sc_time check = m_power_hook->next_power_check();
        if (check > now()) {
            left = std::min(left, check - now());
        }
    }
    return std::max<uint64_t>(1, ceil_div(left.value(), m_period.value()));
}

bool Cpu::power_check_rebooted()
{
    if (!m_power_hook->power_check()) {
        return false;
    }
    // Registers, CSRs, pc, the LR reservation and wfi are lost; decoded code may come from a
    // memory that lost its contents. mcycle/minstret restart from 0 (the run's totals go on).
    m_core->reset(m_reset_pc);
    m_core->flush_decoded();
    m_quantum.reset();
    m_sync_cycles = m_core->cycles();
    ++m_reboots;
    m_log->info("boot {} after a power failure at 0x{:08x}", m_reboots, m_reset_pc);
    if (m_tracer != nullptr) {
        trace_progress(now());
    }
    return true;
}

void Cpu::run_thread()
{
    m_core->reset(m_reset_pc);
    m_quantum.reset();
    m_sync_cycles = m_core->cycles();
    const uint64_t limit = params.max_instructions;
    while (!m_exit.ended()) {
        if (power_check_due()) {
            power_check_rebooted();
            continue;  // the check moved on; the simulation may have ended meanwhile
        }
        // Attempted instructions (retired or trapped) count, so a trap loop reaches the limit too.
        const uint64_t attempted = m_core->instret() + m_core->exceptions();
        uint64_t insn_budget = limit ? limit - std::min(limit, attempted) : std::numeric_limits<uint64_t>::max();
        if (m_run_hook != nullptr) {
            insn_budget = std::min(insn_budget, m_run_hook->before_slice());
            if (m_exit.ended()) {
                return;  // the debugger killed the simulation
            }
        }
        const cpu::RunResult result = m_core->run(slice_budget_cycles(), insn_budget);
        if (m_run_hook != nullptr) {
            m_run_hook->after_slice(result);
        }
        if (m_exit.ended()) {
            return;  // someone ended the simulation during one of our accesses
        }
        if (result.reason == cpu::StopReason::trap_loop) {
            catch_up();  // the run ends at the kernel time it would have reached
            report_trap_loop();
            return;
        }
        if (limit && m_core->instret() + m_core->exceptions() >= limit) {
            catch_up();
            m_exit.report(ExitKind::instruction_limit, 0,
                          std::string(name()) + ": instruction limit of " + std::to_string(limit) + " reached",
                          now());
            return;
        }
        if (m_tracer != nullptr) {
            trace_progress(now());
        }
        if (m_slice_listener) {
            m_slice_listener(now());
        }
        if (sync_is_idle()) {
            m_unwaited += local_time();
            m_sync_cycles = m_core->cycles();
            continue;
        }
        catch_up();
        m_quantum.set(local_time());
        m_quantum.sync();
        settle_current_time();
        m_sync_cycles = m_core->cycles();
        if (m_core->waiting_for_interrupt() && !(m_run_hook != nullptr && m_run_hook->halted())) {
            sleep_until_interrupt();
        }
    }
    catch_up();
}

bool Cpu::sync_is_idle() const
{
    return m_tracer == nullptr && !m_slice_listener && m_run_hook == nullptr && m_power_hook == nullptr &&
           !m_core->waiting_for_interrupt() && !m_exit.ended() && !sc_core::sc_pending_activity_at_current_time() &&
           sc_core::sc_time_to_pending_activity() > m_unwaited + local_time() &&
           m_unwaited + local_time() <= max_deferral;
}

void Cpu::catch_up()
{
    if (m_unwaited == sc_core::SC_ZERO_TIME) {
        return;
    }
    // Nothing else is due before this point (sync_is_idle), so the other processes see the same
    // kernel time and the same order of events as with a wait at every slice end.
    const sc_core::sc_time unwaited = m_unwaited;
    m_unwaited = sc_core::SC_ZERO_TIME;
    wait(unwaited);
    m_quantum.reset();
}

void Cpu::report_trap_loop()
{
    uint32_t mcause = 0;
    uint32_t mepc = 0;
    uint32_t mtvec = 0;
    m_core->read_csr(cpu::csr::mcause, mcause);
    m_core->read_csr(cpu::csr::mepc, mepc);
    m_core->read_csr(cpu::csr::mtvec, mtvec);
    char text[160];
    std::snprintf(text, sizeof text,
                  ": trap loop at the trap vector 0x%08x: the guest makes no progress (mcause %u at mepc 0x%08x "
                  "repeated with no mret)",
                  mtvec & ~3u, mcause, mepc);
    m_exit.report(ExitKind::error, 1, std::string(name()) + text, now());
}

void Cpu::settle_current_time()
{
    // Interrupt lines reach the core through a chain of signals and methods (device -> PLIC ->
    // CPU), each a delta cycle. Let everything due at this instant run before the next slice, so
    // that what the core sees does not depend on the order of processes within a time step.
    constexpr unsigned max_deltas = 64;  // a guard against devices that never settle
    for (unsigned i = 0; i < max_deltas && sc_core::sc_pending_activity_at_current_time(); ++i) {
        wait(sc_core::SC_ZERO_TIME);
    }
}

void Cpu::sleep_until_interrupt()
{
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    trace_sleeping(true);
    while (!m_core->wake_up_pending() && !m_exit.ended()) {
        const sc_core::sc_time check = m_power_hook ? m_power_hook->next_power_check() : sc_core::sc_max_time();
        if (check == sc_core::sc_max_time()) {
            wait(m_irq_event);
        } else if (check > sc_core::sc_time_stamp()) {
            wait(check - sc_core::sc_time_stamp(), m_irq_event);  // the power may fail while asleep
        } else {
            break;
        }
    }
    trace_sleeping(false);
    m_sleep_cycles += (sc_core::sc_time_stamp() - start).value() / m_period.value();
    m_quantum.reset();
}

// --- slow path ---------------------------------------------------------------------------------

cpu::MemStatus Cpu::read(uint32_t addr, void* data, unsigned len)
{
    return transport(tlm::TLM_READ_COMMAND, addr, data, len);
}

cpu::MemStatus Cpu::write(uint32_t addr, const void* data, unsigned len)
{
    // TLM takes a non-const pointer; a write command does not modify the data.
    return transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<void*>(data), len);
}

cpu::MemStatus Cpu::transport(tlm::tlm_command cmd, uint32_t addr, void* data, unsigned len)
{
    tlm::tlm_generic_payload& p = m_payload;
    p.set_command(cmd);
    p.set_address(addr);
    p.set_data_ptr(static_cast<unsigned char*>(data));
    p.set_data_length(len);
    p.set_streaming_width(len);
    p.set_byte_enable_ptr(nullptr);
    p.set_byte_enable_length(0);
    p.set_dmi_allowed(false);
    p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);

    catch_up();  // the target sees kernel time as if every slice had synchronised
    const sc_core::sc_time stamp_before = sc_core::sc_time_stamp();
    sc_core::sc_time delay = local_time();
    const sc_core::sc_time issued_at = stamp_before + delay;
    if (m_tracer != nullptr) {
        trace_progress(issued_at);
    }
    bus->b_transport(p, delay);

    // The target may add latency to the delay, or wait() (then time moved on underneath us):
    // charge whatever lies beyond our own notion of now as stall cycles, and re-base the offset.
    const sc_core::sc_time done_at = sc_core::sc_time_stamp() + delay;
    if (done_at > issued_at) {
        m_core->add_stall_cycles(ceil_div((done_at - issued_at).value(), m_period.value()));
    }
    if (sc_core::sc_time_stamp() != stamp_before) {
        const uint64_t behind = (sc_core::sc_time_stamp() - stamp_before).value() / m_period.value();
        m_sync_cycles += behind;
    }
    m_quantum.set(local_time());
    // A device write may change an interrupt line at its annotated time (a timer handler moving
    // mtimecmp, a PLIC complete): end the slice and synchronise so the core sees the new line
    // levels before its next instruction instead of up to a quantum later.
    if (m_exit.ended() || m_quantum.need_sync() || cmd == tlm::TLM_WRITE_COMMAND) {
        m_core->request_stop();
    }

    if (p.is_response_error()) {
        m_log->debug("{} at 0x{:08x} ({} bytes): {} -> access fault", cmd == tlm::TLM_READ_COMMAND ? "read" : "write",
                     addr, len, p.get_response_string());
        return cpu::MemStatus::access_fault;
    }
    if (params.dmi && p.is_dmi_allowed() && !m_core->has_dmi(addr, cmd == tlm::TLM_WRITE_COMMAND)) {
        request_dmi(addr, cmd);
    }
    return cpu::MemStatus::ok;
}

void Cpu::request_dmi(uint32_t addr, tlm::tlm_command cmd)
{
    tlm::tlm_generic_payload p;
    p.set_command(cmd);
    p.set_address(addr);
    tlm::tlm_dmi dmi;
    if (!bus->get_direct_mem_ptr(p, dmi)) {
        return;
    }
    constexpr uint64_t address_space_end = 0xFFFFFFFFull;
    const uint64_t start = dmi.get_start_address();
    const uint64_t end = std::min<uint64_t>(dmi.get_end_address(), address_space_end);
    if (start > end || dmi.get_dmi_ptr() == nullptr) {
        return;
    }
    cpu::DmiRegion region;
    region.base = static_cast<uint32_t>(start);
    region.size = end - start + 1;
    region.host = dmi.get_dmi_ptr();
    region.readable = dmi.is_read_allowed();
    region.writable = dmi.is_write_allowed();
    region.read_latency_cycles = static_cast<uint32_t>(ceil_div(dmi.get_read_latency().value(), m_period.value()));
    region.write_latency_cycles = static_cast<uint32_t>(ceil_div(dmi.get_write_latency().value(), m_period.value()));
    m_core->add_dmi_region(region);
    m_log->debug("DMI granted for 0x{:08x}..0x{:08x} ({}{})", start, end, region.readable ? "r" : "",
                 region.writable ? "w" : "");
}

void Cpu::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end)
{
    constexpr uint64_t address_space_end = 0xFFFFFFFFull;
    if (start > address_space_end) {
        return;
    }
    m_core->invalidate_dmi(static_cast<uint32_t>(start), static_cast<uint32_t>(std::min<uint64_t>(end, address_space_end)));
    m_log->debug("DMI invalidated for 0x{:08x}..0x{:08x}", start, end);
}

// --- tracing -----------------------------------------------------------------------------------

void Cpu::trace_to(Tracer& tracer)
{
    if (!tracer.enabled("cpu")) {
        return;
    }
    m_tracer = &tracer;
    const std::string scope = std::string(name()) + ".";
    m_trace.pc = tracer.wire(scope + "pc", 32, m_reset_pc);
    m_trace.instret = tracer.wire(scope + "instret", 64);
    m_trace.sleeping = tracer.wire(scope + "sleeping", 1);
    m_trace.in_trap = tracer.wire(scope + "in_trap", 1);
    m_trace.trap_cause = tracer.wire(scope + "trap_cause", 32);
    m_trace.traps = tracer.wire(scope + "traps", 32);
    m_core->set_observer(this);
}

void Cpu::trace_progress(const sc_core::sc_time& at)
{
    const uint64_t at_ps = to_ps(at);
    m_tracer->set(m_trace.pc, m_core->pc(), at_ps);
    m_tracer->set(m_trace.instret, m_core->instret(), at_ps);
}

void Cpu::trace_sleeping(bool sleeping)
{
    if (m_tracer != nullptr) {
        const sc_core::sc_time at = sc_core::sc_time_stamp();
        trace_progress(at);
        m_tracer->set(m_trace.sleeping, sleeping ? 1 : 0, to_ps(at));
    }
}

void Cpu::trap_entered(uint32_t cause, uint32_t epc)
{
    const uint64_t at_ps = to_ps(now());
    m_tracer->set(m_trace.pc, epc, at_ps);
    m_tracer->set(m_trace.instret, m_core->instret(), at_ps);
    m_tracer->set(m_trace.in_trap, 1, at_ps);
    m_tracer->set(m_trace.trap_cause, cause, at_ps);
    m_tracer->set(m_trace.traps, m_core->traps(), at_ps);
}

void Cpu::trap_returned(uint32_t pc)
{
    const uint64_t at_ps = to_ps(now());
    m_tracer->set(m_trace.pc, pc, at_ps);
    m_tracer->set(m_trace.instret, m_core->instret(), at_ps);
    m_tracer->set(m_trace.in_trap, 0, at_ps);
}

// --- energy ledger -----------------------------------------------------------------------------

void Cpu::register_stats(Ledger& ledger)
{
    const CpuEnergyParams& e = params.energy;
    LedgerComponent component;
    component.name = basename();
    // OpClass order, then trap entries (not instructions: not counted as operations).
    component.events = {{"alu", e.alu_pj},   {"branch", e.branch_pj}, {"jump", e.jump_pj},
                        {"load", e.load_pj}, {"store", e.store_pj},   {"mul", e.mul_pj},
                        {"div", e.div_pj},   {"csr", e.csr_pj},       {"amo", e.amo_pj},
                        {"system", e.system_pj}, {"trap", e.trap_pj, false}};
    constexpr size_t trap_event = static_cast<size_t>(cpu::OpClass::system) + 1;
    component.leakage_uw = e.leakage_uw;
    component.area_um2 = e.area_um2;
    component.sample = [this](LedgerCounters& counters) {
        for (unsigned op = 0; op < cpu::RvCore::num_ops; ++op) {
            const auto o = static_cast<cpu::Op>(op);
            counters.events[static_cast<size_t>(cpu::op_class(o))] += m_core->retired(o);
        }
        counters.events[trap_event] = m_core->traps();
        counters.busy_ps = m_core->cycles() * to_ps(m_period);
    };
    ledger.add(std::move(component));
}

}  // namespace pimsoc
