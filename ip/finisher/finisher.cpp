#include "finisher/finisher.h"

#include <algorithm>
#include <cstring>

#include "finisher/finisher_regs.h"

namespace pimsoc {

Finisher::Finisher(sc_core::sc_module_name name, SimulationExit& exit)
    : sc_core::sc_module(name), socket("socket"), m_exit(exit), m_log(module_logger(this->name()))
{
    socket.register_b_transport(this, &Finisher::b_transport);
    socket.register_transport_dbg(this, &Finisher::transport_dbg);
}

void Finisher::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const uint64_t offset = trans.get_address();
    const unsigned length = trans.get_data_length();
    const char* what = trans.is_write() ? "write" : "read";
    if (trans.get_command() == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (offset != FINISHER_REG) {
        m_log->warn("{} at offset {:#x}: no register there", what, offset);
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (length != 4 || trans.get_streaming_width() < length) {
        m_log->warn("{} of {} bytes: the register is 32 bits wide", what, length);
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr() != nullptr) {
        m_log->warn("{}: byte enables are not supported", what);
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
    if (trans.is_read()) {
        std::memset(trans.get_data_ptr(), 0, length);  // reads return 0
        return;
    }
    const uint8_t* data = trans.get_data_ptr();
    const uint32_t value = static_cast<uint32_t>(data[0]) | static_cast<uint32_t>(data[1]) << 8 |
                           static_cast<uint32_t>(data[2]) << 16 | static_cast<uint32_t>(data[3]) << 24;
    on_write(value, delay);
}

void Finisher::on_write(uint32_t value, const sc_core::sc_time& delay)
{
    const uint32_t command = value & 0xFFFFu;
    const uint32_t code = value >> FINISHER_CODE_SHIFT;
    switch (command) {
        case FINISHER_PASS:
            m_log->info("pass");
            m_exit.report(ExitKind::firmware, 0, "finisher: pass", delay);
            break;
        case FINISHER_FAIL:
            m_log->info("fail, code {}", code);
            m_exit.report(ExitKind::firmware, code, "finisher: fail, code " + std::to_string(code), delay);
            break;
        case FINISHER_RESET:
            m_log->warn("reset requested (not supported)");
            m_exit.report(ExitKind::error, 0, "finisher: reset requested (not supported)", delay);
            break;
        default:
            ++m_ignored_writes;
            m_log->warn("ignoring write of {:#010x}", value);
            break;
    }
}

unsigned int Finisher::transport_dbg(tlm::tlm_generic_payload& trans)
{
    // Debug reads see zeros; debug writes have no effect (they must not end the simulation).
    if (trans.get_address() >= 4) {
        return 0;
    }
    const unsigned int length =
        std::min<unsigned int>(trans.get_data_length(), 4u - static_cast<unsigned>(trans.get_address()));
    if (trans.is_read()) {
        std::memset(trans.get_data_ptr(), 0, length);
    }
    return length;
}

}  // namespace pimsoc
