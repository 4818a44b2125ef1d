// The interrupt register pair every interrupting device shares (the command devices' common block,
// device_regs.h, and the power manager, power_regs.h): IRQ_EN masks the sources, IRQ_STATUS holds
// the raised ones and is cleared by writing 1s (W1C); only the bits of the device's mask exist.
// The line is (IRQ_STATUS & IRQ_EN) != 0. Pure C++: the owning device drives its line (a
// ScheduledLine) whenever write() or raise() changes level(). See docs/models/command_device.md.
#pragma once

#include <cstdint>

namespace pimsoc {

class IrqRegisters {
public:
    // `enable_offset`, `status_offset`: where the device maps IRQ_EN and IRQ_STATUS; `mask`: its
    // interrupt sources.
    IrqRegisters(uint64_t enable_offset, uint64_t status_offset, uint32_t mask)
        : m_enable_offset(enable_offset), m_status_offset(status_offset), m_mask(mask)
    {
    }

    // A read of IRQ_EN or IRQ_STATUS into `value`; false when `offset` is neither, and `value`
    // is left alone.
    bool read(uint64_t offset, uint64_t& value) const
    {
        if (offset == m_enable_offset) {
            value = m_enable;
            return true;
        }
        if (offset == m_status_offset) {
            value = m_status;
            return true;
        }
        return false;
    }

    // A write of `value` to IRQ_EN (sets the mask) or IRQ_STATUS (clears the 1 bits); false when
    // `offset` is neither, and nothing changed. After true the caller updates its line.
    bool write(uint64_t offset, uint32_t value)
    {
        if (offset == m_enable_offset) {
            m_enable = value & m_mask;
            return true;
        }
        if (offset == m_status_offset) {
            m_status &= ~(value & m_mask);
            return true;
        }
        return false;
    }

    // The device raises the sources `bits` (they stay until the firmware clears them).
    void raise(uint32_t bits) { m_status |= bits & m_mask; }

    uint32_t enabled() const { return m_enable; }
    uint32_t status() const { return m_status; }
    bool level() const { return (m_status & m_enable) != 0; }

    // The reset values: nothing enabled, nothing raised.
    void reset()
    {
        m_enable = 0;
        m_status = 0;
    }

private:
    uint64_t m_enable_offset;
    uint64_t m_status_offset;
    uint32_t m_mask;
    uint32_t m_enable = 0;
    uint32_t m_status = 0;
};

}  // namespace pimsoc
