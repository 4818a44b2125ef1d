// The host's own port into the SoC's bus: debug-transport reads and writes used to load ELF files
// and images (and later by debug tools). Costs no simulated time and triggers no side effects
// beyond the targets' debug semantics.
#pragma once

#include <cstdint>
#include <cstddef>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace pimsoc {

class HostPort : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<HostPort> socket;

    explicit HostPort(const sc_core::sc_module_name& name);

    // True when all bytes were transferred (each chunk reached a target that took it whole).
    bool write(uint64_t address, const uint8_t* data, size_t length);
    bool read(uint64_t address, uint8_t* data, size_t length);

private:
    bool transfer(tlm::tlm_command command, uint64_t address, uint8_t* data, size_t length);
};

}  // namespace pimsoc
