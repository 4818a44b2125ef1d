// A command device whose commands run on parallel banks (the RTM's and the MRAM's banks, the
// coming ReRAM's tiles): the common block of CommandDevice plus what every such device does alike
// with its UnitScheduler: BUSY while a bank runs something, DONE and the interrupt when a command
// ends (completions retired at the access's time), a refused command counted and logged with the
// reason, the banks' state forgotten at reset. A device adds its descriptor, its model and its
// counters. See docs/models/command_device.md.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>

#include <systemc>

#include "common/command_device.h"
#include "common/ledger_time.h"
#include "common/model/charged_energy.h"
#include "common/unit_scheduler.h"

namespace pimsoc {

// What CTRL.CLEAR_COUNTERS and reset() subtract from a banked device's counter registers: its
// model's counters, dynamic energy, summed command time and completed commands at that moment.
template <class ModelCounters>
struct CounterSnapshot {
    ModelCounters counters;
    double energy_pj = 0;
    uint64_t busy_ps = 0;
    uint64_t completed = 0;
};

class BankedCommandDevice : public CommandDevice {
public:
    // Commands completed without error (retired by the last register access), and those refused.
    uint64_t commands_completed() const { return m_completed; }
    uint64_t commands_rejected() const { return m_rejected; }
    // The next power failure when known ahead (sc_max_time(): none; the SoC sets it at each boot in
    // the times/periodic/random modes, after each check in harvest). What a command running across
    // it leaves, and counts, is the device's own (docs/power.md, "Writes cut at the failure").
    void set_power_cut(const sc_core::sc_time& at) { m_power_cut = at; }
    // The energy its commands counted in the ledger at their acceptance and spend over their run
    // (the harvest mode's drain and forecast, docs/power.md).
    const ChargedEnergy& charged_energy() const { return m_charged; }
    // Harvest mode: called with a command's acceptance time once its whole energy is charged and
    // before the device looks at the known failure, so that a brown-out the command's own energy
    // causes can be foreseen (set_power_cut()) and cut in it (the MRAM, whose steps run up to the
    // failure, runs a command again up to a failure foreseen then).
    void set_charge_listener(std::function<void(const sc_core::sc_time&)> listener)
    {
        m_charge_listener = std::move(listener);
    }
    void lose_power() override
    {
        m_charged.clear();
        CommandDevice::lose_power();
    }

protected:
    // `banks` > 0 (a validated model config's); `queue_depth` commands may wait per bank.
    BankedCommandDevice(const sc_core::sc_module_name& name, const CommandDeviceLayout& layout,
                        const sc_core::sc_time& access_latency, unsigned banks, unsigned queue_depth)
        : CommandDevice(name, layout, access_latency), m_banks(banks, queue_depth)
    {
    }

    bool busy(const sc_core::sc_time& at) const override { return m_banks.busy(at); }
    std::optional<sc_core::sc_time> next_completion() const override { return m_banks.next_completion(); }
    void catch_up(const sc_core::sc_time& at) override
    {
        for (unsigned n = m_banks.retire(at); n > 0; --n) {
            complete();
            ++m_completed;
        }
    }

    // Refuses the command written at `at` (descriptor opcode word `op`): ERR, ERR_CODE `code`,
    // IRQ_STATUS.ERR and a warning naming `why`; nothing else changes.
    void reject(uint32_t code, const sc_core::sc_time& at, uint32_t op, const char* why)
    {
        ++m_rejected;
        log()->warn("command rejected at {}: op {:#x}: {} (ERR_CODE {})", at.to_string(), op, why, code);
        fail(code, at);
    }

    bool power_cut_ahead() const { return m_power_cut != sc_core::sc_max_time(); }
    // Of a command starting at `start` and lasting `latency_ps`, the ps that run before the known
    // failure (all of it without one; 0 when it starts at or after it).
    uint64_t ps_before_power_cut(const sc_core::sc_time& start, uint64_t latency_ps) const
    {
        if (!power_cut_ahead() || start + from_ps(latency_ps) <= m_power_cut) {
            return latency_ps;
        }
        return start < m_power_cut ? to_ps(m_power_cut - start) : 0;
    }
    // `energy_pj` counted at `at` for a command running from `start` to `end`.
    void charge_ahead(const sc_core::sc_time& at, const sc_core::sc_time& start, const sc_core::sc_time& end,
                      double energy_pj)
    {
        m_charged.charge(to_ps(at), to_ps(start), to_ps(end), energy_pj);
    }
    // The last charge, cut by the failure: it ends there, having counted `energy_pj`.
    void charge_cut(double energy_pj) { m_charged.amend_last(to_ps(m_power_cut), energy_pj); }
    bool foresees_power() const { return static_cast<bool>(m_charge_listener); }
    void foresee_power(const sc_core::sc_time& at)
    {
        if (m_charge_listener) {
            m_charge_listener(at);
        }
    }
    // A command on `bank` written at `at` that would start at or after the known failure (queued
    // behind one running across it) is accepted, BUSY until the failure resets the device, and
    // never runs: true if so (the caller runs nothing).
    bool accept_unrun_after_power_cut(unsigned bank, const sc_core::sc_time& at, uint32_t op)
    {
        if (!power_cut_ahead() || std::max(at, m_banks.free_at(bank)) < m_power_cut) {
            return false;
        }
        m_banks.submit(bank, at, sc_core::SC_ZERO_TIME);
        log()->debug("op {:#x} on unit {} would start after the power failure at {}: not run", op, bank,
                     m_power_cut.to_string());
        clear_error();
        update_irq(at);
        return true;
    }

    UnitScheduler m_banks;
    uint64_t m_completed = 0;
    sc_core::sc_time m_power_cut = sc_core::sc_max_time();

private:
    uint64_t m_rejected = 0;
    ChargedEnergy m_charged;
    std::function<void(const sc_core::sc_time&)> m_charge_listener;
};

}  // namespace pimsoc
