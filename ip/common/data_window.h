// A costed data window: an accelerator's array or buffers mapped on the bus as memory, where every
// access costs what the model says (shifts, reads, writes) and waits for the unit that holds the
// data. It is the device's second target socket (bind it like any socket). The window checks what
// every window rejects alike (byte enables, streaming, out of range: a TLM error response and a
// log line) and calls the device for the rest; debug accesses reach the array without cost or
// side effect.
#pragma once

#include <cstdint>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "common/log.h"
#include "common/power_gate.h"

namespace pimsoc {

// What the owning device implements.
class DataWindowModel {
public:
    virtual ~DataWindowModel() = default;
    virtual uint64_t window_bytes() const = 0;
    // A costed access of `length` bytes at `address` (in range), starting no earlier than `at`.
    // Moves the data, sets the time the initiator waits beyond `at` and returns TLM_OK_RESPONSE,
    // or returns the error response the window answers with (the device logs why): e.g. an
    // address error for what the model refuses, a command error for an access the device refuses
    // in its current state.
    virtual tlm::tlm_response_status window_access(bool write, uint64_t address, uint8_t* data, unsigned length,
                                                   const sc_core::sc_time& at, sc_core::sc_time& wait) = 0;
    // A debug access: the bytes only, no cost, no side effect. False if the model refuses.
    virtual bool window_debug(bool write, uint64_t address, uint8_t* data, unsigned length) = 0;
};

class DataWindow : public tlm_utils::simple_target_socket<DataWindow> {
public:
    // `gate`: the owner's power domain, powered up by every costed access (debug accesses do not).
    DataWindow(const char* name, DataWindowModel& model, const Logger& log, PowerGate& gate);

    uint64_t size() const { return m_model.window_bytes(); }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& trans);

    DataWindowModel& m_model;
    const Logger& m_log;
    PowerGate& m_gate;
};

}  // namespace pimsoc
