#include "power/power.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/ledger_time.h"

namespace pimsoc {

namespace {

constexpr double mv_per_v = 1000.0;
constexpr double pj_per_uw_ns = 1e-3;  // 1 uW for 1 ns

uint32_t to_mv(double volts) { return static_cast<uint32_t>(std::lround(volts * mv_per_v)); }

sc_core::sc_time ns_time(uint64_t ns) { return sc_core::sc_time(static_cast<double>(ns), sc_core::SC_NS); }

uint64_t to_ns(const sc_core::sc_time& t) { return to_ps(t) / 1000; }

uint32_t mode_register(power::SupplyMode mode)
{
    switch (mode) {
    case power::SupplyMode::off: return POWER_MODE_OFF;
    case power::SupplyMode::times: return POWER_MODE_TIMES;
    case power::SupplyMode::periodic: return POWER_MODE_PERIODIC;
    case power::SupplyMode::random: return POWER_MODE_RANDOM;
    case power::SupplyMode::harvest: return POWER_MODE_HARVEST;
    }
    return POWER_MODE_OFF;
}

}  // namespace

PowerManager::PowerManager(const sc_core::sc_module_name& name, const PowerParams& params, RandomStream stream,
                           PowerProbes probes)
    : MmioTarget(name, POWER_REG_SPACE, width32,
                 sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS)),
      irq("irq"),
      m_params(params),
      m_mode(params.supply_mode()),
      m_probes(std::move(probes)),
      m_next_check(sc_core::sc_max_time())
{
    if (m_mode == power::SupplyMode::harvest) {
        m_capacitor = std::make_unique<power::Capacitor>(params.capacitor(), params.harvest_source());
        m_step_ns = params.check_step_ns();
        m_next_check = ns_time(m_step_ns);
    } else {
        m_schedule = std::make_unique<power::FailureSchedule>(params.schedule(), stream);
        if (const auto first = m_schedule->next_failure(0)) {
            m_next_check = ns_time(*first);
        }
    }
    irq.initialize(false);
    reset();
}

void PowerManager::before_end_of_elaboration()
{
    // As CommandDevice: no process is left behind by a constructor that throws.
    SC_HAS_PROCESS(PowerManager);
    SC_METHOD(drive_irq);
    sensitive << m_irq_line.event();
    dont_initialize();
}

uint32_t PowerManager::warn_reset_mv() const { return m_capacitor ? to_mv(m_capacitor->config().v_warning) : 0; }

void PowerManager::reset()
{
    m_irq.reset();
    m_warn_mv = warn_reset_mv();
    m_low_voltage = false;
    m_checkpoint_start_pj.reset();
    m_irq_line.schedule(sc_core::sc_time_stamp(), false);
}

std::optional<sc_core::sc_time> PowerManager::check(const sc_core::sc_time& at)
{
    if (at < next_check()) {
        return std::nullopt;
    }
    if (m_capacitor) {
        return check_capacitor(at);
    }
    m_next_check = sc_core::sc_max_time();  // until boot() asks the schedule again
    failed(at);
    return at + ns_time(m_schedule->off_time_ns());
}

std::optional<sc_core::sc_time> PowerManager::check_capacitor(const sc_core::sc_time& at)
{
    // The drain: the ledger's energy over the step, a command's energy spread over its run (the
    // ledger counts it at the acceptance): less the change of what the commands have not spent.
    const double energy = energy_pj(at);
    const double unspent = unspent_pj(at);
    const double charged = charged_pj();
    const uint64_t from_ns = to_ns(m_last_check);
    const uint64_t now_ns = to_ns(at);
    const double drained_pj = (energy - m_energy_at_last_check) - (unspent - m_unspent_at_last_check);
    m_capacitor->run(from_ns, now_ns, drained_pj);
    if (now_ns > from_ns) {
        // What the SoC drew but the charged commands: the forecast's steady part.
        const double background_pj = (energy - m_energy_at_last_check) - (charged - m_charged_at_last_check);
        m_background_uw = std::max(0.0, background_pj / (static_cast<double>(now_ns - from_ns) * pj_per_uw_ns));
    }
    m_last_check = at;
    m_energy_at_last_check = energy;
    m_unspent_at_last_check = unspent;
    m_charged_at_last_check = charged;
    const bool low = to_mv(m_capacitor->voltage()) < m_warn_mv;
    if (low && !m_low_voltage) {
        m_irq.raise(POWER_IRQ_LOW_VOLTAGE);  // once per crossing
        log()->debug("supply at {:.3f} V: below the warning threshold of {} mV", m_capacitor->voltage(), m_warn_mv);
        update_irq(at);
    }
    m_low_voltage = low;
    trace_state(at);
    // A brown-out foreseen earlier comes at its time (the platform has cut what runs across it),
    // or earlier if this check's forecast finds it earlier (the drain rose); one not foreseen (the
    // drain rose above the forecast) is found here.
    if (at < m_brownout && !m_capacitor->browned_out()) {
        m_next_check = at + ns_time(m_step_ns);
        if (const std::optional<uint64_t> brownout = brownout_time(*m_capacitor, at, forecast_horizon(m_next_check))) {
            plan_brownout(at + sc_core::sc_time(1, sc_core::SC_NS), *brownout);
        }
        return std::nullopt;
    }
    m_brownout = sc_core::sc_max_time();
    log()->debug("brown-out at {}: the capacitor at {:.4f} V", at.to_string(), m_capacitor->voltage());
    failed(at);
    const std::optional<uint64_t> on_ns = m_capacitor->recharge(to_ns(at));
    m_next_check = sc_core::sc_max_time();
    if (!on_ns) {
        log()->warn("brown-out at {}: the harvested power never recharges the capacitor to {} V", at.to_string(),
                    m_capacitor->config().v_on);
        return sc_core::sc_max_time();
    }
    return std::max(at, ns_time(*on_ns));
}

void PowerManager::foresee(const sc_core::sc_time& at, const sc_core::sc_time& until)
{
    if (!m_capacitor || m_next_check == sc_core::sc_max_time() || at < m_last_check || at >= m_brownout) {
        return;
    }
    // The capacitor brought up to `at` on a copy (the checks alone update the real one). A
    // brown-out already planned is only brought earlier (a command accepted since spends more).
    power::Capacitor capacitor = *m_capacitor;
    capacitor.run(to_ns(m_last_check), to_ns(at),
                  (energy_pj(at) - m_energy_at_last_check) - (unspent_pj(at) - m_unspent_at_last_check));
    if (capacitor.browned_out()) {
        plan_brownout(at, to_ns(at));
    } else if (const std::optional<uint64_t> brownout =
                   brownout_time(capacitor, at, forecast_horizon(std::max(m_next_check, until)))) {
        plan_brownout(at, *brownout);
    }
}

double PowerManager::unspent_pj(const sc_core::sc_time& at) const
{
    double unspent = 0;
    for (const ChargedEnergy* charged : m_charged) {
        unspent += charged->unspent_pj(to_ps(at));
    }
    return unspent;
}

double PowerManager::charged_pj() const
{
    double total = 0;
    for (const ChargedEnergy* charged : m_charged) {
        total += charged->charged_pj();
    }
    return total;
}

std::optional<uint64_t> PowerManager::brownout_time(const power::Capacitor& capacitor, const sc_core::sc_time& at,
                                                    const sc_core::sc_time& until) const
{
    // The forecast (docs/power.md, "The harvest mode's brown-out"): the SoC goes on drawing its
    // background as over the last step, and the charged commands spend their energy evenly until
    // their ends; solved piece by piece between the times at which their rates change.
    std::vector<uint64_t> times{to_ps(until)};
    for (const ChargedEnergy* charged : m_charged) {
        charged->rate_changes_after(to_ps(at), times);
    }
    std::sort(times.begin(), times.end());
    std::optional<power::Capacitor> advanced;  // past the first piece
    uint64_t from_ns = to_ns(at);
    double unspent_from = unspent_pj(ns_time(from_ns));
    for (const uint64_t t_ps : times) {
        const uint64_t to = (t_ps + 999) / 1000;
        if (to <= from_ns) {
            continue;
        }
        const double unspent_to = unspent_pj(ns_time(to));
        const double length_uw_ns = static_cast<double>(to - from_ns) * pj_per_uw_ns;
        const double drain_pj = m_background_uw * length_uw_ns + (unspent_from - unspent_to);
        const power::Capacitor& now = advanced ? *advanced : capacitor;
        if (const std::optional<uint64_t> brownout = now.brownout_time(from_ns, to, drain_pj / length_uw_ns)) {
            return brownout;
        }
        if (!advanced) {
            advanced.emplace(capacitor);
        }
        advanced->run(from_ns, to, drain_pj);
        from_ns = to;
        unspent_from = unspent_to;
    }
    return std::nullopt;
}

void PowerManager::plan_brownout(const sc_core::sc_time& earliest, uint64_t brownout_ns)
{
    const sc_core::sc_time brownout = std::max(earliest, ns_time(brownout_ns));
    if (brownout >= m_brownout) {
        return;  // a planned brown-out is only brought earlier
    }
    m_brownout = brownout;
    log()->debug("at {}: background {:.1f} uW and the commands charged: brown-out foreseen at {}",
                 sc_core::sc_time_stamp().to_string(), m_background_uw, m_brownout.to_string());
}

void PowerManager::failed(const sc_core::sc_time& at)
{
    m_failed_at = at;
    log()->info("power failure at {}", at.to_string());
    if (Tracer* tracer = active_tracer()) {
        tracer->set(m_trace.powered, 0, to_ps(at));
    }
}

void PowerManager::boot(const sc_core::sc_time& at)
{
    const double failed_energy = energy_pj(m_failed_at);
    m_lost_energy_pj += failed_energy - m_boot_energy_pj;
    m_boot_energy_pj = energy_pj(at);
    m_time_off += at - m_failed_at;
    ++m_failures;
    m_boot_cause = POWER_BOOT_POWER_FAILURE;
    reset();
    if (m_capacitor) {
        m_last_check = at;
        m_energy_at_last_check = m_boot_energy_pj;
        m_unspent_at_last_check = unspent_pj(at);
        m_charged_at_last_check = charged_pj();
        m_next_check = at + ns_time(m_step_ns);
    } else if (const auto next = m_schedule->next_failure(to_ns(at))) {
        m_next_check = ns_time(*next);
    }
    log()->info("power back at {} after {} off (failure {})", at.to_string(), (at - m_failed_at).to_string(),
                m_failures);
    trace_state(at);
}

PowerSummary PowerManager::summary() const
{
    PowerSummary s;
    s.failures = m_failures;
    s.time_off_ps = to_ps(m_time_off);
    s.lost_energy_pj = m_lost_energy_pj;
    s.checkpoint_energy_pj = m_checkpoint_energy_pj;
    s.checkpoints = m_checkpoints;
    return s;
}

// --- registers ---------------------------------------------------------------------------------

RegStatus PowerManager::read_register(const MmioAccess& access, uint64_t& value)
{
    if (m_irq.read(access.offset, value)) {
        return RegStatus::ok;
    }
    switch (access.offset) {
    case POWER_ID: value = POWER_ID_VALUE; break;
    case POWER_VERSION: value = POWER_VERSION_VALUE; break;
    case POWER_STATUS:
        value = (m_low_voltage ? POWER_STATUS_LOW_VOLTAGE : 0u) |
                (m_checkpoint_start_pj ? POWER_STATUS_IN_CHECKPOINT : 0u);
        break;
    case POWER_MODE: value = mode_register(m_mode); break;
    case POWER_BOOT_CAUSE: value = m_boot_cause; break;
    case POWER_FAILURES: value = static_cast<uint32_t>(m_failures); break;
    case POWER_TIME_OFF_LO: value = static_cast<uint32_t>(to_ns(m_time_off)); break;
    case POWER_TIME_OFF_HI: value = static_cast<uint32_t>(to_ns(m_time_off) >> 32); break;
    case POWER_SUPPLY_MV: value = m_capacitor ? to_mv(m_capacitor->voltage()) : 0u; break;
    case POWER_WARN_MV: value = m_warn_mv; break;
    case POWER_CHECKPOINT:
    case POWER_CHECKPOINTS: value = static_cast<uint32_t>(m_checkpoints); break;
    default: return RegStatus::no_register;
    }
    return RegStatus::ok;
}

RegStatus PowerManager::write_register(const MmioAccess& access, uint64_t value)
{
    const auto v = static_cast<uint32_t>(value);
    if (m_irq.write(access.offset, v)) {
        update_irq(access.time);
        return RegStatus::ok;
    }
    switch (access.offset) {
    case POWER_WARN_MV:
        m_warn_mv = v;
        return RegStatus::ok;
    case POWER_CHECKPOINT:
        checkpoint_mark(v, access.time);
        return RegStatus::ok;
    default:
        return access.offset < POWER_REGS_END && access.offset % 4 == 0 ? RegStatus::read_only : RegStatus::no_register;
    }
}

void PowerManager::checkpoint_mark(uint32_t value, const sc_core::sc_time& at)
{
    if (value == POWER_CHECKPOINT_BEGIN) {
        if (m_checkpoint_start_pj) {
            log()->warn("CHECKPOINT BEGIN at {} inside an open checkpoint: the open one is dropped", at.to_string());
        }
        m_checkpoint_start_pj = energy_pj(at);
    } else if (value == POWER_CHECKPOINT_END && m_checkpoint_start_pj) {
        m_checkpoint_energy_pj += energy_pj(at) - *m_checkpoint_start_pj;
        m_checkpoint_start_pj.reset();
        ++m_checkpoints;
    } else {
        log()->warn("CHECKPOINT write of {:#x} at {}: {}", value, at.to_string(),
                    value == POWER_CHECKPOINT_END ? "END without BEGIN, ignored" : "not BEGIN (1) or END (2), ignored");
        return;
    }
    trace_state(at);
}

void PowerManager::update_irq(const sc_core::sc_time& at) { m_irq_line.schedule(at, m_irq.level()); }

// --- tracing -----------------------------------------------------------------------------------

void PowerManager::trace_to(Tracer& tracer)
{
    // With power.mode=off the supply never changes: no signals, so that a VCD of all groups is
    // the same as before the power manager existed.
    if (m_mode == power::SupplyMode::off || !attach_tracer(tracer, "power")) {
        return;
    }
    m_trace.powered = tracer.wire(trace_signal("powered"), 1, 1);
    m_trace.supply_mv = tracer.wire(trace_signal("supply_mv"), 16, m_capacitor ? to_mv(m_capacitor->voltage()) : 0);
    m_trace.boot_cause = tracer.wire(trace_signal("boot_cause"), 1, POWER_BOOT_COLD);
    m_trace.failures = tracer.wire(trace_signal("failures"), 32, 0);
    m_trace.checkpoints = tracer.wire(trace_signal("checkpoints"), 32, 0);
    m_trace.in_checkpoint = tracer.wire(trace_signal("in_checkpoint"), 1, 0);
}

void PowerManager::trace_state(const sc_core::sc_time& at)
{
    Tracer* tracer = active_tracer();
    if (tracer == nullptr) {
        return;
    }
    const uint64_t at_ps = to_ps(at);
    tracer->set(m_trace.powered, 1, at_ps);
    if (m_capacitor) {
        tracer->set(m_trace.supply_mv, to_mv(m_capacitor->voltage()), at_ps);
    }
    tracer->set(m_trace.boot_cause, m_boot_cause, at_ps);
    tracer->set(m_trace.failures, m_failures, at_ps);
    tracer->set(m_trace.checkpoints, m_checkpoints, at_ps);
    tracer->set(m_trace.in_checkpoint, m_checkpoint_start_pj ? 1 : 0, at_ps);
}

}  // namespace pimsoc
