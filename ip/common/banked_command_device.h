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
#include <vector>

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
    // The power fails at `at` (kernel time, before lose_power()): the harvest mode may foresee a
    // failure only after some commands running across it were accepted (a later check, a later
    // command's energy), or bring a planned one earlier than the time that cut a command at its
    // acceptance. Each device cuts them now as it would have at their acceptance had the failure
    // been known then (docs/power.md, "The harvest mode's brown-out"). The device keeps what it
    // needs to undo them (its undo records) only while it foresees power (the harvest mode).
    // Default: nothing to cut.
    virtual void cut_at_power_failure(const sc_core::sc_time& at) { (void)at; }

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
    // Of a command starting at `start` and lasting `latency_ps`, the ps that run before a failure
    // at `cut` (all of it when it ends by then, or for sc_max_time(); 0 when it starts at or after it).
    static uint64_t ps_before(const sc_core::sc_time& start, uint64_t latency_ps, const sc_core::sc_time& cut)
    {
        if (start + from_ps(latency_ps) <= cut) {
            return latency_ps;
        }
        return start < cut ? to_ps(cut - start) : 0;
    }
    // The same before the known failure.
    uint64_t ps_before_power_cut(const sc_core::sc_time& start, uint64_t latency_ps) const
    {
        return ps_before(start, latency_ps, m_power_cut);
    }
    // Drops the undo records (anything with an `end` time) of commands ended by `at`.
    template <class Record>
    static void drop_ended(std::vector<Record>& records, const sc_core::sc_time& at)
    {
        records.erase(std::remove_if(records.begin(), records.end(), [&at](const Record& r) { return r.end <= at; }),
                      records.end());
    }
    // The debug line of a command cut at the failure at `at` after its acceptance (`earlier_cut`:
    // the failure that cut it at its acceptance, sc_max_time() if none).
    void log_cut_after_acceptance(uint32_t op, unsigned unit, const sc_core::sc_time& at,
                                  const sc_core::sc_time& earlier_cut, const char* what)
    {
        if (earlier_cut != sc_core::sc_max_time()) {
            log()->debug("op {:#x} on unit {} cut by the power failure at {} (brought earlier than the {} that cut it "
                         "at its acceptance): {}",
                         op, unit, at.to_string(), earlier_cut.to_string(), what);
        } else {
            log()->debug("op {:#x} on unit {} cut by the power failure at {} (foreseen after its acceptance): {}", op,
                         unit, at.to_string(), what);
        }
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
