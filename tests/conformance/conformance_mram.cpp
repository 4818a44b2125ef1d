// SOT-MRAM controller traits for the conformance battery, with its command interface. The harness
// runs the small MRAM of the device tests (two banks of 1 KiB) with mram.queue_depth = 0, so that
// a START on a busy bank is the error the battery expects; a deeper queue is tested in
// tests/mram_tlm (MramDeviceQueue.*).
#include "conformance_battery.h"
#include "conformance_command_device.h"
#include "mram/mram.h"
#include "mram_tlm/mram_small_params.h"

namespace pimsoc::conformance {
namespace {

MramParams harness_params()
{
    MramParams p = test::mram_small_params();
    p.queue_depth = 0;
    return p;
}

constexpr uint32_t kCaps = 2u | (2u << MRAM_CAPS_SUBARRAYS_SHIFT);
constexpr uint32_t kGeometry = 32u | (64u << MRAM_GEOMETRY_COLUMNS_SHIFT);
constexpr uint32_t kDot = MRAM_OP_VALUE(MRAM_OP_DOT, 8, false, 8, true);

// A DOT of `length` u8 x s8 elements in bank 0: A at 0, W at 128, the int32 result at 256.
void load_dot(Bus& bus, uint32_t length)
{
    bus.write(MRAM_OP, kDot, 4);
    bus.write(MRAM_SRC_A, 0, 4);
    bus.write(MRAM_SRC_W, 128, 4);
    bus.write(MRAM_DST, 256, 4);
    bus.write(MRAM_LENGTH, length, 4);
    bus.write(MRAM_COUNT, 1, 4);
}

struct MramDescription {
    using Device = Mram;
    static constexpr const char* name = "mram";
    static constexpr uint64_t cmd = MRAM_CMD, cmd_start = MRAM_CMD_START;
    static constexpr unsigned short_job_us = 100;
    static MramParams params() { return harness_params(); }
    static void load_short_job(Bus& bus) { load_dot(bus, 16); }
    static void load_long_job(Bus& bus) { load_dot(bus, 64); }

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = with_common_block(MRAM_ID_VALUE, MRAM_ERR_NONE, {
            {"CAPS", MRAM_CAPS, 4, Access::ro, kCaps, 0},
            {"GEOMETRY", MRAM_GEOMETRY, 4, Access::ro, kGeometry, 0},
            {"BANK_BYTES", MRAM_BANK_BYTES, 4, Access::ro, 1024, 0},
            {"SEGMENT_BITS", MRAM_SEGMENT_BITS, 4, Access::ro, 16, 0},
            {"STEPS_DONE", MRAM_STEPS_DONE, 4, Access::ro, 0, 1},
            {"STEPS_TOTAL", MRAM_STEPS_TOTAL, 4, Access::ro, 0, 1},
            {"OP", MRAM_OP, 4, Access::rw, 0, kDot},
            {"SRC_A", MRAM_SRC_A, 4, Access::rw, 0, 0x10},
            {"SRC_W", MRAM_SRC_W, 4, Access::rw, 0, 0x20},
            {"DST", MRAM_DST, 4, Access::rw, 0, 0x30},
            {"LENGTH", MRAM_LENGTH, 4, Access::rw, 0, 8},
            {"COUNT", MRAM_COUNT, 4, Access::rw, 1, 2},
            {"STRIDE_A", MRAM_STRIDE_A, 4, Access::rw, 0, 4},
            {"STRIDE_W", MRAM_STRIDE_W, 4, Access::rw, 0, 8},
            {"INIT", MRAM_INIT, 4, Access::rw, 0, 0x1234},
            {"CONV_IN", MRAM_CONV_IN, 4, Access::rw, 0, PIM_CONV_IN_VALUE(1, 4, 4)},
            {"CONV_K", MRAM_CONV_K, 4, Access::rw, 0, PIM_CONV_K_VALUE(3, 3, 1, 1, 0, 0)},
            {"CMD", MRAM_CMD, 4, Access::wo, 0, MRAM_CMD_START},
            {"RESULT", MRAM_RESULT, 4, Access::ro, 0, 0x55},
            {"BIAS", MRAM_BIAS, 4, Access::rw, 0, 0x40},
            {"STEPS", MRAM_STEPS, 4, Access::rw, 0, 3},
            {"ROW_WRITES", MRAM_ROW_WRITES, 4 | 8, Access::ro, 0, 1},
            {"ROW_WRITES_HI", MRAM_ROW_WRITES + 4, 4, Access::ro, 0, 1},
            {"ROW_READS", MRAM_ROW_READS, 4 | 8, Access::ro, 0, 1},
            {"ROW_READS_HI", MRAM_ROW_READS + 4, 4, Access::ro, 0, 1},
            {"SENSES", MRAM_SENSES, 4 | 8, Access::ro, 0, 1},
            {"SENSES_HI", MRAM_SENSES + 4, 4, Access::ro, 0, 1},
            {"COUNTS", MRAM_COUNTS, 4 | 8, Access::ro, 0, 1},
            {"COUNTS_HI", MRAM_COUNTS + 4, 4, Access::ro, 0, 1},
            {"SHIFTS", MRAM_SHIFTS, 4 | 8, Access::ro, 0, 1},
            {"SHIFTS_HI", MRAM_SHIFTS + 4, 4, Access::ro, 0, 1},
            {"ADDS", MRAM_ADDS, 4 | 8, Access::ro, 0, 1},
            {"ADDS_HI", MRAM_ADDS + 4, 4, Access::ro, 0, 1},
            {"NV_WRITES", MRAM_NV_WRITES, 4 | 8, Access::ro, 0, 1},
            {"NV_WRITES_HI", MRAM_NV_WRITES + 4, 4, Access::ro, 0, 1},
            {"STEPS_RUN", MRAM_STEPS_RUN, 4 | 8, Access::ro, 0, 1},
            {"STEPS_RUN_HI", MRAM_STEPS_RUN + 4, 4, Access::ro, 0, 1},
            {"BUSY_CYCLES", MRAM_BUSY_CYCLES, 4 | 8, Access::ro, 0, 1},
            {"BUSY_CYCLES_HI", MRAM_BUSY_CYCLES + 4, 4, Access::ro, 0, 1},
            {"ENERGY_PJ", MRAM_ENERGY_PJ, 4 | 8, Access::ro, 0, 1},
            {"ENERGY_PJ_HI", MRAM_ENERGY_PJ + 4, 4, Access::ro, 0, 1},
            {"COMMANDS", MRAM_COMMANDS, 4 | 8, Access::ro, 0, 1},
            {"COMMANDS_HI", MRAM_COMMANDS + 4, 4, Access::ro, 0, 1},
        });
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x030, 0x03C, 0x07C, 0x0D8, 0x100, 0xFFC};
        return offsets;
    }
};

}  // namespace

using MramTraits = AcceleratorTraits<MramDescription>;
INSTANTIATE_TYPED_TEST_SUITE_P(mram, Conformance, MramTraits);

}  // namespace pimsoc::conformance
