// The common part of every command device (DMA, RTM, and the coming MRAM and ReRAM): the
// register block of device_regs.h (ID, CTRL, STATUS with BUSY/DONE/ERR, IRQ_EN, IRQ_STATUS
// write-1-to-clear, ERR_CODE), the 64-bit read-only counters with snapshot-on-read-low, the CMD
// register, the interrupt line (changed at annotated times through ScheduledLine, including a
// completion planned ahead), the debug-access policy and reset(). A device adds its own registers
// (descriptor, capabilities), its counters' values, what a CMD write does, and its model.
// See docs/models/command_device.md.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <systemc>

#include "common/device_regs.h"
#include "common/irq_registers.h"
#include "common/mmio_target.h"
#include "common/power_gate.h"
#include "common/scheduled_line.h"

namespace pimsoc {

struct CommandDeviceLayout {
    uint64_t reg_space = 0x1000;  // bytes of register space
    uint32_t id_value = 0;        // read from ID
    uint64_t cmd_offset = 0;      // the write-only CMD register
    uint64_t counters_offset = 0; // the first 64-bit counter
    unsigned counters = 0;        // how many 64-bit counters follow it
};

class CommandDevice : public MmioTarget {
public:
    sc_core::sc_out<bool> irq;

    // Restores the documented reset values: the common block (IRQ_EN, IRQ_STATUS, DONE, ERR,
    // ERR_CODE, counter latches), then the device's own state (reset_device()). The irq line
    // falls at the current kernel time; a gated power domain is off until the next access.
    void reset() override;

protected:
    CommandDevice(const sc_core::sc_module_name& name, const CommandDeviceLayout& layout,
                  const sc_core::sc_time& access_latency);

    // --- what a device says ---
    // A plain read/write descriptor register at `offset` holding `field` (reset by the device's
    // reset_device()). Call from the constructor.
    void descriptor_register(uint64_t offset, uint32_t& field) { m_descriptor.push_back({offset, &field}); }
    // Its other 32-bit registers (offsets that are neither the common block, CMD, a counter nor a
    // descriptor register).
    // Reads happen after catch_up(); a debug read must change nothing.
    virtual RegStatus read_device_register(const MmioAccess& access, uint32_t& value) = 0;
    // Writes (never debug: the front end gives debug writes no effect) after catch_up().
    virtual RegStatus write_device_register(const MmioAccess& access, uint32_t value) = 0;
    // A write to CMD at `at` (after catch_up()).
    virtual void command(uint32_t value, const sc_core::sc_time& at) = 0;
    // Counter `index` (0 = the one at counters_offset) as of `at`.
    virtual uint64_t counter(unsigned index, const sc_core::sc_time& at) const = 0;
    // CTRL.CLEAR_COUNTERS at `at`: every counter reads 0 from then on.
    virtual void clear_counters(const sc_core::sc_time& at) = 0;
    // STATUS.BUSY at `at`, and the device's own STATUS bits (from DEV_STATUS_DEVICE_SHIFT).
    virtual bool busy(const sc_core::sc_time& at) const = 0;
    virtual uint32_t device_status(const sc_core::sc_time& /*at*/) const { return 0; }
    // Applies the completions due by `at` (calls complete() for each).
    virtual void catch_up(const sc_core::sc_time& /*at*/) {}
    // The earliest completion not yet applied, so that a DONE interrupt rises at its own time
    // even when no access comes to apply it.
    virtual std::optional<sc_core::sc_time> next_completion() const { return std::nullopt; }
    // CTRL.CLEAR_STATUS beyond DONE, ERR and ERR_CODE.
    virtual void clear_device_status() {}
    // The device's part of reset().
    virtual void reset_device() = 0;

    // --- what the common block does for a device ---
    // A command completed: DONE and IRQ_STATUS.DONE (the caller updates the line).
    void complete();
    // An error with the device's `code` at `at`: ERR, ERR_CODE, IRQ_STATUS.ERR, line updated.
    void fail(uint32_t code, const sc_core::sc_time& at);
    // STATUS.ERR and ERR_CODE cleared (e.g. by an accepted command); STATUS.DONE cleared.
    void clear_error() { m_err = false; m_err_code = DEV_ERR_NONE; }
    void clear_done() { m_done = false; }
    // Re-plans the line from `at` on: its level now, and a rise at next_completion() if DONE is
    // enabled and not yet set.
    void update_irq(const sc_core::sc_time& at);

    // The device's power domain: a device sets its mode (from "<device>.power_gating") in its
    // constructor and attaches its ledger component in register_stats(); every functional
    // register access powers it up, reset() and a power failure power it down, and the data
    // window powers it up through the pointer it is given.
    PowerGate& power_gate() { return m_power_gate; }

    bool done() const { return m_done; }
    bool error() const { return m_err; }
    uint32_t error_code() const { return m_err_code; }

private:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) final;
    RegStatus write_register(const MmioAccess& access, uint64_t value) final;
    void before_end_of_elaboration() override;
    bool is_counter(uint64_t offset) const;
    uint64_t read_counter(const MmioAccess& access);
    void drive_irq();

    uint32_t* descriptor_field(uint64_t offset) const;

    struct DescriptorRegister {
        uint64_t offset;
        uint32_t* field;
    };
    CommandDeviceLayout m_layout;
    std::vector<DescriptorRegister> m_descriptor;
    IrqRegisters m_irq{DEV_IRQ_EN, DEV_IRQ_STATUS, DEV_IRQ_MASK};
    bool m_done = false;
    bool m_err = false;
    uint32_t m_err_code = DEV_ERR_NONE;
    std::vector<std::optional<uint32_t>> m_latched_high;  // per counter, latched by a low-word read
    ScheduledLine m_irq_line;
    PowerGate m_power_gate;
};

}  // namespace pimsoc
