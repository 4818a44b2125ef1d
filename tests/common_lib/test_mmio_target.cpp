// MmioTarget: the register front end every memory-mapped device shares.
#include <gtest/gtest.h>

#include <vector>

#include "common/mmio_target.h"
#include "common/tlm_test_initiator.h"

namespace pimsoc {
namespace {

// Three registers: 0x0 read/write (32-bit), 0x4 read-only (reads the write count), 0x8 write-only
// (64-bit only).
class ExampleDevice : public MmioTarget {
public:
    explicit ExampleDevice(const sc_core::sc_module_name& name)
        : MmioTarget(name, 0x10, width8 | width16 | width32 | width64, sc_core::sc_time(5, sc_core::SC_NS))
    {
    }

    uint64_t scratch = 0;
    uint64_t writes = 0;
    std::vector<MmioAccess> seen;

protected:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override
    {
        seen.push_back(access);
        switch (access.offset) {
            case 0x0: value = scratch; return RegStatus::ok;
            case 0x4: value = writes; return RegStatus::ok;
            case 0x8: return RegStatus::write_only;
            default: return RegStatus::no_register;
        }
    }
    RegStatus write_register(const MmioAccess& access, uint64_t value) override
    {
        seen.push_back(access);
        switch (access.offset) {
            case 0x0:
                if (!access.debug) ++writes;
                scratch = value;
                return RegStatus::ok;
            case 0x4: return RegStatus::read_only;
            case 0x8: return access.width == 8 ? RegStatus::ok : RegStatus::bad_width;
            default: return RegStatus::no_register;
        }
    }
};

struct Bench {
    test::TlmTestInitiator cpu{"cpu"};
    ExampleDevice device{"device"};
    Bench() { cpu.socket.bind(device.socket); }
};

TEST(MmioTarget, ReadWriteWithLatencyAndTime)
{
    Bench b;
    test::run([&] {
        sc_core::wait(100, sc_core::SC_NS);
        EXPECT_EQ(b.cpu.write32(0x0, 0xdeadbeef), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.last_delay(), sc_core::sc_time(5, sc_core::SC_NS));
        EXPECT_EQ(b.device.seen.back().time, sc_core::sc_time(105, sc_core::SC_NS));
        EXPECT_EQ(b.cpu.read32(0x0).value, 0xdeadbeefu);
        EXPECT_EQ(b.cpu.read8(0x0).value, 0xefu) << "narrow reads return the low bytes";
        EXPECT_EQ(b.cpu.read32(0x4).value, 1u);
        EXPECT_EQ(b.device.accesses(), 4u);
        EXPECT_EQ(b.device.errors(), 0u);
    });
}

TEST(MmioTarget, HandlerStatusesBecomeTlmErrors)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(0x4, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read64(0x8).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write32(0x8, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write64(0x8, 1), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.read32(0xc).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.device.errors(), 4u);
    });
}

TEST(MmioTarget, ShapeErrorsNeverReachTheHandlers)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.read32(0x2).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
        EXPECT_EQ(b.cpu.read32(0x10).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "past the end";
        EXPECT_EQ(b.cpu.read64(0xc).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "crosses the end";
        EXPECT_EQ(b.cpu.read(0x0, 3).status, tlm::TLM_BURST_ERROR_RESPONSE) << "3 bytes";
        EXPECT_TRUE(b.device.seen.empty());
        EXPECT_EQ(b.device.errors(), 4u);
    });
}

TEST(MmioTarget, DebugAccessesHaveNoSideEffects)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(0x0, 7), tlm::TLM_OK_RESPONSE);
        const size_t seen = b.device.seen.size();
        uint32_t value = 0x1234;
        // One policy for every device: a debug write transfers nothing and reaches no handler.
        EXPECT_EQ(b.cpu.debug_write(0x0, reinterpret_cast<const uint8_t*>(&value), 4), 0u);
        EXPECT_EQ(b.device.scratch, 7u);
        EXPECT_EQ(b.device.seen.size(), seen);
        EXPECT_EQ(b.cpu.debug_read(0x0, reinterpret_cast<uint8_t*>(&value), 4), 4u);
        EXPECT_EQ(value, 7u);
        EXPECT_TRUE(b.device.seen.back().debug);
        EXPECT_EQ(b.cpu.debug_read(0x3, reinterpret_cast<uint8_t*>(&value), 2), 0u) << "misaligned debug access";
        EXPECT_EQ(b.device.accesses(), 1u) << "debug accesses are not bus accesses";
    });
}

}  // namespace
}  // namespace pimsoc
