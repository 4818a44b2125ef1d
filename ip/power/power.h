// The power manager (PIMSOC_POWER_BASE, PLIC source 12): decides when the SoC's supply fails and
// when it returns (power.mode: a failure schedule, or the harvest mode's capacitor), and shows the
// firmware why it booted, how often and how long the power was lost, the supply voltage and a
// low-voltage warning interrupt (registers: power/power_regs.h). It enforces nothing itself: the
// platform's run control asks it at next_check() whether the supply failed, and then does what a
// failure does to the SoC (docs/power.md). Sits in the always-on domain. See docs/models/power.md.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <systemc>

#include "common/irq_registers.h"
#include "common/ledger.h"
#include "common/mmio_target.h"
#include "common/model/charged_energy.h"
#include "common/model/random_streams.h"
#include "common/scheduled_line.h"
#include "power/model/capacitor.h"
#include "power/model/failure_schedule.h"
#include "power/power_params.h"
#include "power/power_regs.h"

namespace pimsoc {

struct PowerProbes {
    // The SoC's total energy (every ledger component, dynamic + leakage) from time 0 to `at`, in
    // pJ: the harvest mode's drain, the lost and the checkpoint energy. Without it they read 0.
    std::function<double(const sc_core::sc_time& at)> energy_pj;
};

class PowerManager : public MmioTarget {
public:
    sc_core::sc_out<bool> irq;  // IRQ_STATUS & IRQ_EN

    // Throws std::invalid_argument naming the bad power.* key. `stream`: the random mode's draws.
    PowerManager(const sc_core::sc_module_name& name, const PowerParams& params, RandomStream stream,
                 PowerProbes probes);

    power::SupplyMode mode() const { return m_mode; }
    // The next time the supply must be looked at (check()): the next scheduled failure or harvest
    // update; sc_max_time() when the supply never fails again.
    sc_core::sc_time next_check() const { return std::min(m_next_check, m_brownout); }
    // The next failure when it is known ahead (times, periodic, random; harvest: once a check has
    // foreseen the brown-out before the next one), else sc_max_time(): the platform cuts writes and
    // commands that initiators issue beyond it. In the harvest mode it may change at any check.
    sc_core::sc_time known_failure() const
    {
        return m_schedule ? m_next_check : m_brownout;
    }
    // At `at` >= next_check(): nullopt while the power stays on; otherwise the supply failed at
    // `at` and the result is when it returns (sc_max_time(): never).
    std::optional<sc_core::sc_time> check(const sc_core::sc_time& at);
    // The SoC boots again at `at` after a failure: BOOT_CAUSE = POWER_FAILURE, time off counted.
    void boot(const sc_core::sc_time& at);
    // Harvest mode: a command device charged a command's energy at `at` (between two checks):
    // forecasts from there, the command's run included, and plans the brown-out (known_failure())
    // if it comes before the next check or inside a command already charged, or brings a planned
    // one earlier (a command accepted after it was planned). No-op otherwise.
    // `until` (later than the next check): forecast up to there too (the DMA, whose bursts run
    // ahead of kernel time, asks at a burst's time up to past its end).
    void foresee(const sc_core::sc_time& at, const sc_core::sc_time& until = sc_core::SC_ZERO_TIME);
    // A device that counts a command's energy at its acceptance (it must outlive this manager):
    // the harvest mode's drain spreads it over the command's run, and its forecast adds what the
    // commands will spend.
    void watch_charged(const ChargedEnergy& charged) { m_charged.push_back(&charged); }

    // IRQ_EN, IRQ_STATUS, WARN_MV and an open checkpoint back to their reset values; the counts of
    // the always-on domain (failures, time off, checkpoints, boot cause) stay.
    void reset() override;

    // Failures, time off, energy lost and spent in checkpoints since the start of the run.
    PowerSummary summary() const;
    double supply_voltage() const { return m_capacitor ? m_capacitor->voltage() : 0.0; }
    // When the supply last failed (SC_ZERO_TIME before the first failure).
    sc_core::sc_time last_failure() const { return m_failed_at; }

    // The `power` trace group: powered, supply_mv (harvest), boot_cause, failures, checkpoints,
    // in_checkpoint.
    void trace_to(Tracer& tracer) override;

private:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;
    void before_end_of_elaboration() override;
    void drive_irq() { m_irq_line.apply_due(irq); }
    void update_irq(const sc_core::sc_time& at);
    void checkpoint_mark(uint32_t value, const sc_core::sc_time& at);
    double energy_pj(const sc_core::sc_time& at) const { return m_probes.energy_pj ? m_probes.energy_pj(at) : 0.0; }
    std::optional<sc_core::sc_time> check_capacitor(const sc_core::sc_time& at);
    double unspent_pj(const sc_core::sc_time& at) const;
    double charged_pj() const;
    // The brown-out if the SoC goes on drawing m_background_uw from `at` on, plus what the charged
    // commands spend until they end, with `capacitor` as it is at `at`; looked for until `until`
    // or the last command's end if later.
    std::optional<uint64_t> brownout_time(const power::Capacitor& capacitor, const sc_core::sc_time& at,
                                          const sc_core::sc_time& until) const;
    // How far a forecast looks: up to the planned brown-out (it can only be brought earlier), else
    // up to `unplanned`.
    sc_core::sc_time forecast_horizon(const sc_core::sc_time& unplanned) const
    {
        return m_brownout != sc_core::sc_max_time() ? m_brownout : unplanned;
    }
    // Plans the brown-out at brownout_ns (not before `earliest`) if none is planned or it is earlier.
    void plan_brownout(const sc_core::sc_time& earliest, uint64_t brownout_ns);
    void failed(const sc_core::sc_time& at);
    uint32_t warn_reset_mv() const;
    void trace_state(const sc_core::sc_time& at);

    PowerParams m_params;
    power::SupplyMode m_mode;
    PowerProbes m_probes;
    std::vector<const ChargedEnergy*> m_charged;
    std::unique_ptr<power::FailureSchedule> m_schedule;  // times, periodic, random
    std::unique_ptr<power::Capacitor> m_capacitor;        // harvest
    uint64_t m_step_ns = 0;                               // harvest: capacitor update interval
    sc_core::sc_time m_next_check;
    sc_core::sc_time m_last_check;       // harvest: the capacitor is up to date until here
    double m_energy_at_last_check = 0;   // harvest
    double m_unspent_at_last_check = 0;  // harvest: of the charged commands
    double m_charged_at_last_check = 0;  // harvest
    double m_background_uw = 0;          // harvest: the last step's drain but the charged commands' energy
    sc_core::sc_time m_brownout = sc_core::sc_max_time();  // harvest: the foreseen brown-out
    ScheduledLine m_irq_line;

    // registers (volatile part: reset())
    IrqRegisters m_irq{POWER_IRQ_EN, POWER_IRQ_STATUS, POWER_IRQ_MASK};
    uint32_t m_warn_mv = 0;
    bool m_low_voltage = false;
    std::optional<double> m_checkpoint_start_pj;  // an open CHECKPOINT_BEGIN
    // always-on domain
    uint32_t m_boot_cause = POWER_BOOT_COLD;
    uint64_t m_failures = 0;
    uint64_t m_checkpoints = 0;
    sc_core::sc_time m_time_off;
    sc_core::sc_time m_failed_at;
    double m_boot_energy_pj = 0;  // the SoC's energy at the current boot
    double m_lost_energy_pj = 0;
    double m_checkpoint_energy_pj = 0;

    struct TraceSignals {
        TraceSignal powered, supply_mv, boot_cause, failures, checkpoints, in_checkpoint;
    };
    TraceSignals m_trace;
};

}  // namespace pimsoc
