#include "common/command_device.h"

#include "common/ledger_time.h"

namespace pimsoc {

CommandDevice::CommandDevice(const sc_core::sc_module_name& name, const CommandDeviceLayout& layout,
                             const sc_core::sc_time& access_latency)
    : MmioTarget(name, layout.reg_space, width32 | width64, access_latency),
      irq("irq"),
      m_layout(layout),
      m_latched_high(layout.counters)
{
    irq.initialize(false);
}

void CommandDevice::before_end_of_elaboration()
{
    // Created here rather than in the constructor: a device whose constructor throws on a bad
    // parameter must leave no process behind (a second try would find the name taken).
    SC_HAS_PROCESS(CommandDevice);
    SC_METHOD(drive_irq);
    sensitive << m_irq_line.event();
    dont_initialize();
}

void CommandDevice::reset()
{
    m_irq.reset();
    m_done = false;
    m_err = false;
    m_err_code = DEV_ERR_NONE;
    std::fill(m_latched_high.begin(), m_latched_high.end(), std::nullopt);
    reset_device();
    update_irq(sc_core::sc_time_stamp());
    m_power_gate.power_down(to_ps(sc_core::sc_time_stamp()));
}

uint32_t* CommandDevice::descriptor_field(uint64_t offset) const
{
    for (const DescriptorRegister& reg : m_descriptor) {
        if (reg.offset == offset) {
            return reg.field;
        }
    }
    return nullptr;
}

bool CommandDevice::is_counter(uint64_t offset) const
{
    return offset >= m_layout.counters_offset && offset < m_layout.counters_offset + 8 * uint64_t{m_layout.counters};
}

uint64_t CommandDevice::read_counter(const MmioAccess& access)
{
    const auto index = static_cast<unsigned>((access.offset - m_layout.counters_offset) / 8);
    const bool high_word = access.width == 4 && (access.offset & 4) != 0;
    std::optional<uint32_t>& latched = m_latched_high[index];
    if (high_word && latched) {
        const uint32_t high = *latched;
        if (!access.debug) {
            latched.reset();
        }
        return high;
    }
    const uint64_t value = counter(index, access.time);
    if (access.width == 8) {
        return value;
    }
    if (high_word) {
        return value >> 32;
    }
    if (!access.debug) {
        latched = static_cast<uint32_t>(value >> 32);
    }
    return value & 0xFFFFFFFFu;
}

RegStatus CommandDevice::read_register(const MmioAccess& access, uint64_t& value)
{
    if (!access.debug) {
        m_power_gate.access(to_ps(access.time));
        catch_up(access.time);
    }
    if (is_counter(access.offset)) {
        value = read_counter(access);
        return RegStatus::ok;
    }
    if (access.width != 4) {
        return RegStatus::bad_width;
    }
    if (access.offset == m_layout.cmd_offset) {
        return RegStatus::write_only;
    }
    if (m_irq.read(access.offset, value)) {
        return RegStatus::ok;
    }
    switch (access.offset) {
        case DEV_ID: value = m_layout.id_value; return RegStatus::ok;
        case DEV_CTRL: value = 0; return RegStatus::ok;
        case DEV_STATUS:
            value = (busy(access.time) ? DEV_STATUS_BUSY : 0) | (m_done ? DEV_STATUS_DONE : 0) |
                    (m_err ? DEV_STATUS_ERR : 0) | device_status(access.time);
            return RegStatus::ok;
        case DEV_ERR_CODE: value = m_err_code; return RegStatus::ok;
        default: break;
    }
    if (const uint32_t* field = descriptor_field(access.offset)) {
        value = *field;
        return RegStatus::ok;
    }
    uint32_t device_value = 0;
    const RegStatus status = read_device_register(access, device_value);
    value = device_value;
    return status;
}

RegStatus CommandDevice::write_register(const MmioAccess& access, uint64_t value)
{
    if (is_counter(access.offset)) {
        return RegStatus::read_only;
    }
    if (access.width != 4) {
        return RegStatus::bad_width;
    }
    m_power_gate.access(to_ps(access.time));
    catch_up(access.time);
    const auto v = static_cast<uint32_t>(value);
    if (access.offset == m_layout.cmd_offset) {
        command(v, access.time);
        return RegStatus::ok;
    }
    if (m_irq.write(access.offset, v)) {
        update_irq(access.time);
        return RegStatus::ok;
    }
    switch (access.offset) {
        case DEV_ID:
        case DEV_STATUS:
        case DEV_ERR_CODE:
            return RegStatus::read_only;
        case DEV_CTRL:
            if (v & DEV_CTRL_CLEAR_STATUS) {
                m_done = false;
                clear_error();
                clear_device_status();
            }
            if (v & DEV_CTRL_CLEAR_COUNTERS) {
                std::fill(m_latched_high.begin(), m_latched_high.end(), std::nullopt);
                clear_counters(access.time);
            }
            return RegStatus::ok;
        default:
            if (uint32_t* field = descriptor_field(access.offset)) {
                *field = v;
                return RegStatus::ok;
            }
            return write_device_register(access, v);
    }
}

void CommandDevice::complete()
{
    m_done = true;
    m_irq.raise(DEV_IRQ_DONE);
}

void CommandDevice::fail(uint32_t code, const sc_core::sc_time& at)
{
    m_err = true;
    m_err_code = code;
    m_irq.raise(DEV_IRQ_ERR);
    update_irq(at);
}

void CommandDevice::update_irq(const sc_core::sc_time& at)
{
    catch_up(at);
    const bool level = m_irq.level();
    m_irq_line.schedule(at, level);
    if (!level && (m_irq.enabled() & DEV_IRQ_DONE)) {
        if (const std::optional<sc_core::sc_time> next = next_completion()) {
            m_irq_line.schedule(*next, true);  // IRQ_STATUS.DONE is set then and stays until cleared
        }
    }
}

void CommandDevice::drive_irq() { m_irq_line.apply_due(irq); }

}  // namespace pimsoc
