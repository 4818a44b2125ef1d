// The core's slow path to memory and devices: everything that is not served by a DMI region.
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

enum class MemStatus : uint8_t {
    ok,
    access_fault,  // the target reported an error; the core raises an access-fault trap
};

// Implemented by the platform side (the TLM wrapper, or an array in tests). Data is in guest byte
// order (little endian). While a call runs, the core's cycles() is up to date, and the callee may
// call RvCore::add_stall_cycles() (bus latency), RvCore::request_stop() (end the run slice after
// this instruction, e.g. to synchronise with simulated time), add_dmi_region()/invalidate_dmi()
// and set_irq_pending().
class MemoryInterface {
public:
    virtual ~MemoryInterface() = default;
    virtual MemStatus read(uint32_t addr, void* data, unsigned len) = 0;
    virtual MemStatus write(uint32_t addr, const void* data, unsigned len) = 0;
    // Instruction fetch of len (2 or 4) bytes; may be served like read().
    virtual MemStatus fetch(uint32_t addr, void* data, unsigned len) { return read(addr, data, len); }
};

}  // namespace pimsoc::cpu
