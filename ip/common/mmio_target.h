// Base for devices whose bus face is a block of registers (CLINT, PLIC, DMA, sysctl, the
// accelerators' control blocks). It decodes each TLM access into (offset, width, value), rejects
// what the device cannot take with the matching TLM error response and one log line, adds the
// access latency, and calls the device's two handlers. Devices only say what a register does.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/ledger.h"
#include "common/log.h"
#include "common/tracer.h"

namespace pimsoc {

// What a register handler answers.
enum class RegStatus {
    ok,
    no_register,  // nothing at this offset      -> TLM_ADDRESS_ERROR_RESPONSE
    read_only,    // write to a read-only register -> TLM_COMMAND_ERROR_RESPONSE
    write_only,   // read of a write-only register -> TLM_COMMAND_ERROR_RESPONSE
    bad_width,    // this register needs another width -> TLM_BURST_ERROR_RESPONSE
};

struct MmioAccess {
    uint64_t offset;        // from the device's base
    unsigned width;         // bytes: 1, 2, 4 or 8 (only those the device allows reach a handler)
    sc_core::sc_time time;  // when the access happens: kernel time + annotated delay + latency
    bool debug;             // debug transport (reads only; debug writes never reach a handler):
                            // report state, change nothing, no side effects
};

// Access widths a device accepts (bit mask).
enum MmioWidth : unsigned { width8 = 1u << 0, width16 = 1u << 1, width32 = 1u << 2, width64 = 1u << 3 };

class MmioTarget : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<MmioTarget> socket;

    uint64_t size() const { return m_size; }

    // The hooks the SoC calls for every device of its table: a device with energy, busy time or
    // area registers a ledger component; a device with a trace group declares its signals.
    virtual void register_stats(Ledger& /*ledger*/) {}
    virtual void trace_to(Tracer& /*tracer*/) {}
    // The documented reset values (a device's page says what it keeps). Call from a SystemC
    // process or a test body.
    virtual void reset() {}
    // A power failure (the platform's run control, docs/power.md): by default reset(); a device
    // with non-volatile state of its own overrides it.
    virtual void lose_power() { reset(); }
    uint64_t accesses() const { return m_accesses; }
    uint64_t errors() const { return m_errors; }

protected:
    // size: bytes of register space; widths: MmioWidth mask; accesses must be naturally aligned.
    MmioTarget(const sc_core::sc_module_name& name, uint64_t size, unsigned widths,
               const sc_core::sc_time& access_latency);

    virtual RegStatus read_register(const MmioAccess& access, uint64_t& value) = 0;
    virtual RegStatus write_register(const MmioAccess& access, uint64_t value) = 0;

    const Logger& log() const { return m_log; }

    // Tracing (docs/tracing.md): a device's trace_to() starts with attach_tracer(tracer, "group"),
    // which keeps the tracer when the group is on and says whether it is; active_tracer() is then
    // the tracer to report changes to, or nullptr; trace_signal("busy") is "<module name>.busy".
    bool attach_tracer(Tracer& tracer, const char* group)
    {
        m_tracer = tracer.enabled(group) ? &tracer : nullptr;
        return m_tracer != nullptr;
    }
    Tracer* active_tracer() const { return m_tracer; }
    std::string trace_signal(const std::string& signal) const { return std::string(name()) + "." + signal; }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
    // Checks the payload's shape; returns the response status to give when it is unusable.
    tlm::tlm_response_status check_shape(const tlm::tlm_generic_payload& trans) const;
    RegStatus perform(tlm::tlm_generic_payload& trans, const MmioAccess& access);

    uint64_t m_size;
    unsigned m_widths;
    sc_core::sc_time m_access_latency;
    uint64_t m_accesses = 0;
    uint64_t m_errors = 0;
    Logger m_log;
    Tracer* m_tracer = nullptr;
};

}  // namespace pimsoc
