#include "common/mmio_target.h"

#include <cstring>

namespace pimsoc {

namespace {

const char* verb(const tlm::tlm_generic_payload& trans) { return trans.is_write() ? "write" : "read"; }

tlm::tlm_response_status response_for(RegStatus status)
{
    switch (status) {
        case RegStatus::ok: return tlm::TLM_OK_RESPONSE;
        case RegStatus::no_register: return tlm::TLM_ADDRESS_ERROR_RESPONSE;
        case RegStatus::read_only:
        case RegStatus::write_only: return tlm::TLM_COMMAND_ERROR_RESPONSE;
        case RegStatus::bad_width: return tlm::TLM_BURST_ERROR_RESPONSE;
    }
    return tlm::TLM_GENERIC_ERROR_RESPONSE;
}

const char* describe(RegStatus status)
{
    switch (status) {
        case RegStatus::ok: return "ok";
        case RegStatus::no_register: return "no register there";
        case RegStatus::read_only: return "the register is read-only";
        case RegStatus::write_only: return "the register is write-only";
        case RegStatus::bad_width: return "the register does not take this width";
    }
    return "error";
}

}  // namespace

MmioTarget::MmioTarget(const sc_core::sc_module_name& name, uint64_t size, unsigned widths,
                       const sc_core::sc_time& access_latency)
    : sc_core::sc_module(name),
      socket("socket"),
      m_size(size),
      m_widths(widths),
      m_access_latency(access_latency),
      m_log(module_logger(this->name()))
{
    socket.register_b_transport(this, &MmioTarget::b_transport);
    socket.register_transport_dbg(this, &MmioTarget::transport_dbg);
}

tlm::tlm_response_status MmioTarget::check_shape(const tlm::tlm_generic_payload& trans) const
{
    const uint64_t offset = trans.get_address();
    const unsigned width = trans.get_data_length();
    if (trans.get_byte_enable_ptr() != nullptr) {
        return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
    }
    const bool power_of_two = width != 0 && (width & (width - 1)) == 0 && width <= 8;
    if (!power_of_two || (m_widths & width) == 0 || trans.get_streaming_width() < width) {
        return tlm::TLM_BURST_ERROR_RESPONSE;
    }
    if (offset >= m_size || width > m_size - offset || offset % width != 0) {
        return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    }
    return tlm::TLM_OK_RESPONSE;
}

RegStatus MmioTarget::perform(tlm::tlm_generic_payload& trans, const MmioAccess& access)
{
    uint64_t value = 0;
    if (trans.is_read()) {
        const RegStatus status = read_register(access, value);
        if (status == RegStatus::ok) {
            std::memcpy(trans.get_data_ptr(), &value, access.width);  // little-endian host
        }
        return status;
    }
    std::memcpy(&value, trans.get_data_ptr(), access.width);
    return write_register(access, value);
}

void MmioTarget::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    if (trans.get_command() == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    ++m_accesses;
    delay += m_access_latency;
    const tlm::tlm_response_status shape = check_shape(trans);
    if (shape != tlm::TLM_OK_RESPONSE) {
        ++m_errors;
        log_guest_error(m_log, "{} of {} bytes at offset {:#x}: {}", verb(trans), trans.get_data_length(),
                        trans.get_address(),
                        shape == tlm::TLM_ADDRESS_ERROR_RESPONSE ? "outside the registers or misaligned"
                                                                 : "unsupported width, streaming or byte enables");
        trans.set_response_status(shape);
        return;
    }
    const MmioAccess access{trans.get_address(), trans.get_data_length(), sc_core::sc_time_stamp() + delay, false};
    const RegStatus status = perform(trans, access);
    if (status != RegStatus::ok) {
        ++m_errors;
        log_guest_error(m_log, "{} of {} bytes at offset {:#x}: {}", verb(trans), access.width, access.offset,
                        describe(status));
    }
    trans.set_response_status(response_for(status));
}

unsigned int MmioTarget::transport_dbg(tlm::tlm_generic_payload& trans)
{
    // The debug-access policy of every register device, here once: a debug write changes nothing
    // (0 bytes transferred), a debug read reaches the handler with access.debug set and must not
    // change state either (no FIFO pop, no counter latch, no catch-up).
    if (!trans.is_read() || check_shape(trans) != tlm::TLM_OK_RESPONSE) {
        return 0;
    }
    const MmioAccess access{trans.get_address(), trans.get_data_length(), sc_core::sc_time_stamp(), true};
    return perform(trans, access) == RegStatus::ok ? access.width : 0;
}

}  // namespace pimsoc
