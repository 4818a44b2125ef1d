// RTM controller traits for the conformance battery, with its command interface. The harness runs
// two small banks (512 bytes each) with rtm.queue_depth = 0, so that a START on a busy bank is the
// error the battery expects; a deeper queue is tested in tests/rtm_tlm (RtmDeviceQueue.*).
#include "conformance_battery.h"
#include "conformance_command_device.h"
#include "rtm/rtm.h"
#include "rtm_tlm/rtm_small_params.h"

namespace pimsoc::conformance {
namespace {

RtmParams harness_params()
{
    RtmParams p = test::rtm_small_params();
    p.queue_depth = 0;
    return p;
}

constexpr uint32_t kCaps = 2u | (4u << RTM_CAPS_WORD_BYTES_SHIFT) | (2u << RTM_CAPS_PORTS_SHIFT);
constexpr uint32_t kGeometry = 16u | (4u << RTM_GEOMETRY_DBCS_SHIFT) | (2u << RTM_GEOMETRY_SUBARRAYS_SHIFT);
constexpr uint32_t kDot = RTM_OP_VALUE(RTM_OP_DOT, RTM_TYPE_U8, RTM_TYPE_S8);

// A DOT of `length` u8 x s8 elements in bank 0: A at 0, B at 64, the int32 result at 128.
void load_dot(Bus& bus, uint32_t length)
{
    bus.write(RTM_OP, kDot, 4);
    bus.write(RTM_SRC_A, 0, 4);
    bus.write(RTM_SRC_B, 64, 4);
    bus.write(RTM_DST, 128, 4);
    bus.write(RTM_LENGTH, length, 4);
    bus.write(RTM_COUNT, 1, 4);
}

struct RtmDescription {
    using Device = Rtm;
    static constexpr const char* name = "rtm";
    static constexpr uint64_t cmd = RTM_CMD, cmd_start = RTM_CMD_START;
    static constexpr unsigned short_job_us = 100;
    static RtmParams params() { return harness_params(); }
    static void load_short_job(Bus& bus) { load_dot(bus, 16); }
    static void load_long_job(Bus& bus) { load_dot(bus, 64); }

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = with_common_block(RTM_ID_VALUE, RTM_ERR_NONE, {
            {"CAPS", RTM_CAPS, 4, Access::ro, kCaps, 0},
            {"GEOMETRY", RTM_GEOMETRY, 4, Access::ro, kGeometry, 0},
            {"BANK_BYTES", RTM_BANK_BYTES, 4, Access::ro, 512, 0},
            {"OP", RTM_OP, 4, Access::rw, 0, kDot},
            {"SRC_A", RTM_SRC_A, 4, Access::rw, 0, 0x10},
            {"SRC_B", RTM_SRC_B, 4, Access::rw, 0, 0x20},
            {"DST", RTM_DST, 4, Access::rw, 0, 0x30},
            {"LENGTH", RTM_LENGTH, 4, Access::rw, 0, 8},
            {"COUNT", RTM_COUNT, 4, Access::rw, 1, 2},
            {"STRIDE_A", RTM_STRIDE_A, 4, Access::rw, 0, 4},
            {"STRIDE_B", RTM_STRIDE_B, 4, Access::rw, 0, 8},
            {"INIT", RTM_INIT, 4, Access::rw, 0, 0x1234},
            {"CONV_IN", RTM_CONV_IN, 4, Access::rw, 0, RTM_CONV_IN_VALUE(1, 4, 4)},
            {"CONV_K", RTM_CONV_K, 4, Access::rw, 0, RTM_CONV_K_VALUE(3, 3, 1, 1, 0, 0)},
            {"CMD", RTM_CMD, 4, Access::wo, 0, RTM_CMD_START},
            {"RESULT", RTM_RESULT, 4, Access::ro, 0, 0x55},
            {"BIAS", RTM_BIAS, 4, Access::rw, 0, 0x40},
            {"SHIFTS", RTM_SHIFTS, 4 | 8, Access::ro, 0, 1},
            {"SHIFTS_HI", RTM_SHIFTS + 4, 4, Access::ro, 0, 1},
            {"READS", RTM_READS, 4 | 8, Access::ro, 0, 1},
            {"READS_HI", RTM_READS + 4, 4, Access::ro, 0, 1},
            {"WRITES", RTM_WRITES, 4 | 8, Access::ro, 0, 1},
            {"WRITES_HI", RTM_WRITES + 4, 4, Access::ro, 0, 1},
            {"ADDS", RTM_ADDS, 4 | 8, Access::ro, 0, 1},
            {"ADDS_HI", RTM_ADDS + 4, 4, Access::ro, 0, 1},
            {"MULTS", RTM_MULTS, 4 | 8, Access::ro, 0, 1},
            {"MULTS_HI", RTM_MULTS + 4, 4, Access::ro, 0, 1},
            {"BUSY_CYCLES", RTM_BUSY_CYCLES, 4 | 8, Access::ro, 0, 1},
            {"BUSY_CYCLES_HI", RTM_BUSY_CYCLES + 4, 4, Access::ro, 0, 1},
            {"ENERGY_PJ", RTM_ENERGY_PJ, 4 | 8, Access::ro, 0, 1},
            {"ENERGY_PJ_HI", RTM_ENERGY_PJ + 4, 4, Access::ro, 0, 1},
            {"COMMANDS", RTM_COMMANDS, 4 | 8, Access::ro, 0, 1},
            {"COMMANDS_HI", RTM_COMMANDS + 4, 4, Access::ro, 0, 1},
        });
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x024, 0x03C, 0x078, 0x07C, 0x0C0, 0x100, 0xFFC};
        return offsets;
    }
};

}  // namespace

using RtmTraits = AcceleratorTraits<RtmDescription>;
INSTANTIATE_TYPED_TEST_SUITE_P(rtm, Conformance, RtmTraits);

}  // namespace pimsoc::conformance
