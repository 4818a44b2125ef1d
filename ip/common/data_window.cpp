#include "common/data_window.h"

#include <algorithm>

#include "common/ledger_time.h"

namespace pimsoc {

DataWindow::DataWindow(const char* name, DataWindowModel& model, const Logger& log, PowerGate& gate)
    : tlm_utils::simple_target_socket<DataWindow>(name), m_model(model), m_log(log), m_gate(gate)
{
    register_b_transport(this, &DataWindow::b_transport);
    register_transport_dbg(this, &DataWindow::transport_dbg);
}

void DataWindow::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const uint64_t address = trans.get_address();
    const unsigned length = trans.get_data_length();
    const char* verb = trans.is_write() ? "write" : "read";
    if (trans.get_command() == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr() != nullptr) {
        m_log->warn("window {} at {:#x}: byte enables are not supported", verb, address);
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < length) {
        m_log->warn("window {} at {:#x}: streaming is not supported", verb, address);
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    const uint64_t size = m_model.window_bytes();
    if (length == 0 || address >= size || length > size - address) {
        m_log->warn("window {} of {} bytes at {:#x}: outside the window of {} bytes", verb, length, address, size);
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    const sc_core::sc_time at = sc_core::sc_time_stamp() + delay;
    m_gate.access(to_ps(at));
    sc_core::sc_time wait;
    const tlm::tlm_response_status status =
        m_model.window_access(trans.is_write(), address, trans.get_data_ptr(), length, at, wait);
    if (status != tlm::TLM_OK_RESPONSE) {
        trans.set_response_status(status);
        return;
    }
    delay += wait;
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int DataWindow::transport_dbg(tlm::tlm_generic_payload& trans)
{
    const uint64_t address = trans.get_address();
    const uint64_t size = m_model.window_bytes();
    if (trans.get_command() == tlm::TLM_IGNORE_COMMAND || address >= size) {
        return 0;
    }
    const auto length = static_cast<unsigned int>(std::min<uint64_t>(trans.get_data_length(), size - address));
    return m_model.window_debug(trans.is_write(), address, trans.get_data_ptr(), length) ? length : 0;
}

}  // namespace pimsoc
