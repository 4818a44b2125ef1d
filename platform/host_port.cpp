#include "host_port.h"

#include <algorithm>

namespace pimsoc {

namespace {
// Debug transfers go in chunks so one call never asks a target for an unbounded buffer.
constexpr size_t chunk_bytes = 64 * 1024;
}  // namespace

HostPort::HostPort(const sc_core::sc_module_name& name) : sc_core::sc_module(name), socket("socket") {}

bool HostPort::write(uint64_t address, const uint8_t* data, size_t length)
{
    return transfer(tlm::TLM_WRITE_COMMAND, address, const_cast<uint8_t*>(data), length);
}

bool HostPort::read(uint64_t address, uint8_t* data, size_t length)
{
    return transfer(tlm::TLM_READ_COMMAND, address, data, length);
}

bool HostPort::transfer(tlm::tlm_command command, uint64_t address, uint8_t* data, size_t length)
{
    while (length > 0) {
        const size_t chunk = std::min(length, chunk_bytes);
        if (address > UINT32_MAX || chunk - 1 > UINT32_MAX - address) {
            return false;  // the bus is 32 bits wide
        }
        tlm::tlm_generic_payload payload;
        payload.set_command(command);
        payload.set_address(address);
        payload.set_data_ptr(data);
        payload.set_data_length(static_cast<unsigned>(chunk));
        payload.set_streaming_width(static_cast<unsigned>(chunk));
        if (socket->transport_dbg(payload) != chunk) {
            return false;
        }
        address += chunk;
        data += chunk;
        length -= chunk;
    }
    return true;
}

}  // namespace pimsoc
