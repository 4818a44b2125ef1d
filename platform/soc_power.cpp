// What a power failure does to the SoC (docs/power.md): the power manager decides, the CPU's
// power check (CpuPowerHook) calls here at the failure time, synchronised with kernel time.
#include "common/ledger_time.h"
#include "soc.h"

namespace pimsoc {

double Soc::energy_pj(const sc_core::sc_time& at)
{
    double total = 0;
    for (const double energy : ledger.total_energy_pj(to_ps(at))) {
        total += energy;
    }
    return total;
}

PowerProbes Soc::power_probes()
{
    PowerProbes probes;
    probes.energy_pj = [this](const sc_core::sc_time& at) { return energy_pj(at); };
    return probes;
}

void Soc::foresee_brownouts()
{
    // The harvest mode: the accelerators' commands count their energy at acceptance; the power
    // manager spreads it over their runs, and each asks for a forecast at each command so that a
    // brown-out its own energy causes is cut in it (docs/power.md).
    for (const BankedCommandDevice* device : {static_cast<const BankedCommandDevice*>(&rtm),
                                              static_cast<const BankedCommandDevice*>(&mram),
                                              static_cast<const BankedCommandDevice*>(&reram)}) {
        power.watch_charged(device->charged_energy());
    }
    const auto foresee = [this](const sc_core::sc_time& now, const sc_core::sc_time& until) {
        power.foresee(now, until);
        plan_power_cut();
    };
    const auto foresee_at = [foresee](const sc_core::sc_time& at) { foresee(at, sc_core::SC_ZERO_TIME); };
    rtm.set_charge_listener(foresee_at);
    reram.set_charge_listener(foresee_at);
    mram.set_charge_listener(foresee_at);
    // The DMA's bursts run ahead of kernel time: it asks at each burst's own time, and the burst's
    // energy (the ledger's, counted when it is issued; kernel time stands still meanwhile) is
    // spread over its run. The main memory keeps the writes issued ahead, so that a brown-out
    // decided later (a later check, another command's acceptance) still cuts them.
    power.watch_charged(m_dma_charged);
    dma.set_burst_listener({[this, foresee](const sc_core::sc_time& at, const sc_core::sc_time& until) {
                                foresee(at, until);
                                m_energy_before_burst = energy_pj(sc_core::sc_time_stamp());
                            },
                            [this](const sc_core::sc_time& start, const sc_core::sc_time& end) {
                                const sc_core::sc_time now = sc_core::sc_time_stamp();
                                m_dma_charged.charge(to_ps(now), to_ps(start), to_ps(end),
                                                     energy_pj(now) - m_energy_before_burst);
                            }});
    main_memory.keep_writes_ahead(true);
}

bool Soc::power_check()
{
    const sc_core::sc_time at = sc_core::sc_time_stamp();
    const std::optional<sc_core::sc_time> back = power.check(at);
    if (!back) {
        plan_power_cut();  // the harvest mode's check may have foreseen its brown-out
        return false;
    }
    lose_power(at);
    if (*back == sc_core::sc_max_time()) {
        m_log->warn("power failure at {}: the supply never returns", at.to_string());
        sc_core::wait(m_supply_never_returns);  // nothing left to run: the run ends as stalled (or at --max-time)
    } else {
        sc_core::wait(*back - at);
    }
    restore_power(sc_core::sc_time_stamp());
    return true;
}

void Soc::lose_power(const sc_core::sc_time& at)
{
    // Harvest mode: the accelerators' commands running across a failure foreseen after their
    // acceptance are cut first, as a failure known then would have (docs/power.md).
    for (BankedCommandDevice* device : {static_cast<BankedCommandDevice*>(&rtm), static_cast<BankedCommandDevice*>(&mram),
                                        static_cast<BankedCommandDevice*>(&reram)}) {
        device->cut_at_power_failure(at);
    }
    for (const SocDevice& device : m_devices) {
        if (device.enabled) {
            device.regs->lose_power();
        }
    }
    main_memory.cut_writes_ahead(at, &m_main_memory_tear);  // those decided after their arrival
    m_dma_charged.clear();
    sram.power_fail(m_sram_pattern);
    main_memory.power_fail(m_main_memory_pattern);  // keeps its contents when non-volatile (default)
    // rom: read-only and non-volatile.
    const uint64_t at_ps = to_ps(at);
    for (size_t c = 0; c < ledger.components().size(); ++c) {
        ledger.set_leakage_uw(c, 0.0, at_ps);
    }
}

void Soc::restore_power(const sc_core::sc_time& at)
{
    const uint64_t at_ps = to_ps(at);
    for (size_t c = 0; c < ledger.components().size(); ++c) {
        ledger.set_leakage_uw(c, ledger.components()[c].leakage_uw, at_ps);
    }
    power.boot(at);
    plan_power_cut();
}

void Soc::plan_power_cut()
{
    // The CPU never runs past a failure (its slices end there); the DMA runs ahead of kernel time,
    // so its writes to the non-volatile main memory are cut at the failure it cannot know of.
    // Called at each boot and after each check that finds the power on (the harvest mode plans its
    // brown-out at a check, docs/power.md).
    main_memory.set_power_cut(power.known_failure(), &m_main_memory_tear);
    mram.set_power_cut(power.known_failure());  // its commands too (docs/models/mram_controller.md)
    rtm.set_power_cut(power.known_failure());   // docs/models/rtm_controller.md, "Power failure"
    reram.set_power_cut(power.known_failure()); // docs/models/reram_controller.md, "Power loss and reset"
}

}  // namespace pimsoc
