// Device conformance kit: what a memory-mapped device's traits describe, and the bench the
// battery (conformance_battery.cpp) runs them on. A device joins by one traits file
// (docs/testing-conformance.md):
//
//   struct UartTraits : conformance::TraitsBase {
//       static constexpr const char* name = "uart";
//       struct Harness : conformance::HarnessBase { ... builds the device, binds its ports ... };
//       static const std::vector<conformance::Reg>& registers();   // every register
//       static const std::vector<uint64_t>& holes();                // unmapped offsets inside the block
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(uart, Conformance, UartTraits);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "common/mmio_target.h"
#include "common/tlm_test_initiator.h"

namespace pimsoc::conformance {

// How a register answers the bus.
enum class Access {
    rw,      // holds what is written (within its bits): reads return write_value after writing it
    ro,      // read-only: a write gets TLM_COMMAND_ERROR_RESPONSE and changes nothing
    wo,      // write-only: a read gets TLM_COMMAND_ERROR_RESPONSE
    w1c,     // write 1 to clear: write_value = the W1C bits
    action,  // a write acts (transmit, command, stats request, exit...): only debug-written by the kit
};

// Register value traits (bit mask).
enum RegFlags : unsigned {
    plain = 0,
    timed = 1u << 0,           // reads depend on simulated time (a timer, a cycle counter): no fixed value
    host = 1u << 1,            // reads depend on the host (wall clock): never compared
    survives_reset = 1u << 2,  // a documented record of the run (counts) that reset() keeps
};

struct Reg {
    const char* name;
    uint64_t offset;      // from the device's base
    unsigned widths;      // accepted access widths in bytes, as a mask of 1, 2, 4, 8 (MmioWidth bits)
    Access access;
    uint64_t reset;       // value read at the largest width after reset (unused for wo)
    uint64_t write_value; // rw: a non-reset value the register holds; w1c: the W1C bits;
                          // action/wo: a value that acts (the debug check pokes it)
    unsigned flags = plain;

    unsigned natural_width() const { return widths >= 8 ? 8 : widths >= 4 ? 4 : widths >= 2 ? 2 : 1; }
    bool readable() const { return access != Access::wo; }
    bool fixed_value() const { return (flags & (timed | host)) == 0; }
};

// What every harness provides (hide a member by declaring one of the same name):
//   Harness(const std::string& name)  builds the device and binds all its ports
//   MmioTarget& target()              the device
//   void reset()                      the device's reset()
struct HarnessBase {
    // Drops external inputs the harness drives (e.g. interrupt source lines) back to idle.
    void release_inputs() {}
    // A count of effects outside the registers (characters sent, stats printed, exit reported);
    // a debug access must not change it.
    uint64_t effects() const { return 0; }
};

class Bus;

// Defaults for the optional parts of a device's traits.
struct TraitsBase {
    // Puts the device into a busy, non-reset state through normal accesses (data pending, status
    // bits set), so that side effects of debug reads and a reset have something to show.
    template <typename Harness>
    static void prime(Bus&, Harness&)
    {
    }
    // Sets every W1C bit of the registers marked w1c.
    static void raise_w1c(Bus&) {}
    // Devices with a command interface (start, enqueue, error code) set this and define Commands:
    //   static void load_long_job(Bus&), start(Bus&), enqueue(Bus&), clear_error(Bus&);
    //   static uint64_t error_code(Bus&); static constexpr uint64_t err_none, err_busy, err_queue_full;
    //   static unsigned queue_depth(); (commands that can wait behind the running one)
    static constexpr bool has_commands = false;
};

// An initiator for one device: accesses at the current kernel time, zero incoming delay.
class Bus {
public:
    explicit Bus(const std::string& name) : m_cpu(name.c_str()) {}

    void bind(MmioTarget& target) { m_cpu.socket.bind(target.socket); }

    test::ReadResult read(uint64_t offset, unsigned width) { return m_cpu.read(offset, width); }
    tlm::tlm_response_status write(uint64_t offset, uint64_t value, unsigned width)
    {
        return m_cpu.write(offset, value, width);
    }
    test::ReadResult read(const Reg& reg) { return read(reg.offset, reg.natural_width()); }
    tlm::tlm_response_status write(const Reg& reg, uint64_t value) { return write(reg.offset, value, reg.natural_width()); }

    unsigned debug_read(const Reg& reg, uint64_t& value)
    {
        uint8_t data[8] = {};
        const unsigned done = m_cpu.debug_read(reg.offset, data, reg.natural_width());
        value = 0;
        for (unsigned i = 0; i < 8; ++i) {
            value |= static_cast<uint64_t>(data[i]) << (8 * i);
        }
        return done;
    }
    unsigned debug_write(const Reg& reg, uint64_t value)
    {
        uint8_t data[8];
        for (unsigned i = 0; i < 8; ++i) {
            data[i] = static_cast<uint8_t>(value >> (8 * i));
        }
        return m_cpu.debug_write(reg.offset, data, reg.natural_width());
    }

private:
    test::TlmTestInitiator m_cpu;
};

// A device under test with its initiator.
template <typename Traits>
struct Bench {
    typename Traits::Harness harness;
    Bus bus;

    explicit Bench(const std::string& name) : harness(name), bus(name + "_cpu") { bus.bind(harness.target()); }
};

// Mask of the low `width` bytes.
inline uint64_t width_mask(unsigned width) { return width >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * width)) - 1; }

}  // namespace pimsoc::conformance
