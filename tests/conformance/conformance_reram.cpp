// ReRAM tile controller traits for the conformance battery, with its command interface. The
// harness runs the small ReRAM of the device tests (two tiles of 8 crossbars of 16 x 16, 1 KiB of
// buffer per tile) with reram.queue_depth = 0, so that a START on a busy tile is the error the
// battery expects; a deeper queue is tested in tests/reram_tlm (ReramDeviceCommands.AFullTileQueueIsErrBusy).
#include "conformance_battery.h"
#include "conformance_command_device.h"
#include "reram/reram.h"
#include "reram_tlm/reram_small_params.h"

namespace pimsoc::conformance {
namespace {

ReramParams harness_params()
{
    ReramParams p = test::reram_small_params();
    p.queue_depth = 0;
    return p;
}

constexpr uint32_t kCaps = 2u | (8u << RERAM_CAPS_XBARS_SHIFT);
constexpr uint32_t kGeometry = 16u | (16u << RERAM_GEOMETRY_COLUMNS_SHIFT);
constexpr uint32_t kCell = 2u | (1u << RERAM_CELL_DAC_SHIFT) | (8u << RERAM_CELL_ADC_SHIFT);
constexpr uint32_t kProgram = RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 8, true);

// A PROGRAM of 16 x 16 int8 weights (the buffer's bytes at 0) onto crossbars 0..7 of tile 0:
// 16 rows of write-verify, tens of microseconds.
void load_program(Bus& bus)
{
    bus.write(RERAM_OP, kProgram, 4);
    bus.write(RERAM_XBAR, 0, 4);
    bus.write(RERAM_SRC, 0, 4);
    bus.write(RERAM_INPUTS, 16, 4);
    bus.write(RERAM_OUTPUTS, 16, 4);
}

struct ReramDescription {
    using Device = Reram;
    static constexpr const char* name = "reram";
    static constexpr uint64_t cmd = RERAM_CMD, cmd_start = RERAM_CMD_START;
    static constexpr unsigned short_job_us = 1000;
    static ReramParams params() { return harness_params(); }
    static void load_short_job(Bus& bus) { load_program(bus); }
    static void load_long_job(Bus& bus) { load_program(bus); }

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = with_common_block(RERAM_ID_VALUE, RERAM_ERR_NONE, {
            {"CAPS", RERAM_CAPS, 4, Access::ro, kCaps, 0},
            {"GEOMETRY", RERAM_GEOMETRY, 4, Access::ro, kGeometry, 0},
            {"CELL", RERAM_CELL, 4, Access::ro, kCell, 0},
            {"TILE_BYTES", RERAM_TILE_BYTES, 4, Access::ro, 1024, 0},
            {"PLAN", RERAM_PLAN, 4, Access::ro, 0, 1},
            {"PIPE_STEPS", RERAM_PIPE_STEPS, 4, Access::ro, 0, 1},
            {"PIPE_STEP_PS", RERAM_PIPE_STEP_PS, 4, Access::ro, 0, 1},
            {"PIPE_TIME_NS", RERAM_PIPE_TIME_NS, 4, Access::ro, 0, 1},
            {"OP", RERAM_OP, 4, Access::rw, 0, kProgram},
            {"XBAR", RERAM_XBAR, 4, Access::rw, 0, 3},
            {"SRC", RERAM_SRC, 4, Access::rw, 0, 0x10},
            {"DST", RERAM_DST, 4, Access::rw, 0, 0x20},
            {"INPUTS", RERAM_INPUTS, 4, Access::rw, 0, 9},
            {"OUTPUTS", RERAM_OUTPUTS, 4, Access::rw, 0, 6},
            {"COUNT", RERAM_COUNT, 4, Access::rw, 1, 2},
            {"STRIDE", RERAM_STRIDE, 4, Access::rw, 0, 12},
            {"CONV_IN", RERAM_CONV_IN, 4, Access::rw, 0, PIM_CONV_IN_VALUE(1, 4, 4)},
            {"CONV_K", RERAM_CONV_K, 4, Access::rw, 0, PIM_CONV_K_VALUE(3, 3, 1, 1, 0, 0)},
            {"CMD", RERAM_CMD, 4, Access::wo, 0, RERAM_CMD_START},
            {"CROSSBAR_READS", RERAM_CROSSBAR_READS, 4 | 8, Access::ro, 0, 1},
            {"CROSSBAR_READS_HI", RERAM_CROSSBAR_READS + 4, 4, Access::ro, 0, 1},
            {"ROW_ACTIVATIONS", RERAM_ROW_ACTIVATIONS, 4 | 8, Access::ro, 0, 1},
            {"ROW_ACTIVATIONS_HI", RERAM_ROW_ACTIVATIONS + 4, 4, Access::ro, 0, 1},
            {"ADC_CONVERSIONS", RERAM_ADC_CONVERSIONS, 4 | 8, Access::ro, 0, 1},
            {"ADC_CONVERSIONS_HI", RERAM_ADC_CONVERSIONS + 4, 4, Access::ro, 0, 1},
            {"ADC_CLIPS", RERAM_ADC_CLIPS, 4 | 8, Access::ro, 0, 1},
            {"ADC_CLIPS_HI", RERAM_ADC_CLIPS + 4, 4, Access::ro, 0, 1},
            {"SHIFT_ADDS", RERAM_SHIFT_ADDS, 4 | 8, Access::ro, 0, 1},
            {"SHIFT_ADDS_HI", RERAM_SHIFT_ADDS + 4, 4, Access::ro, 0, 1},
            {"CELLS_PROGRAMMED", RERAM_CELLS_PROGRAMMED, 4 | 8, Access::ro, 0, 1},
            {"CELLS_PROGRAMMED_HI", RERAM_CELLS_PROGRAMMED + 4, 4, Access::ro, 0, 1},
            {"WRITE_PULSES", RERAM_WRITE_PULSES, 4 | 8, Access::ro, 0, 1},
            {"WRITE_PULSES_HI", RERAM_WRITE_PULSES + 4, 4, Access::ro, 0, 1},
            {"MVMS", RERAM_MVMS, 4 | 8, Access::ro, 0, 1},
            {"MVMS_HI", RERAM_MVMS + 4, 4, Access::ro, 0, 1},
            {"BUSY_CYCLES", RERAM_BUSY_CYCLES, 4 | 8, Access::ro, 0, 1},
            {"BUSY_CYCLES_HI", RERAM_BUSY_CYCLES + 4, 4, Access::ro, 0, 1},
            {"ENERGY_PJ", RERAM_ENERGY_PJ, 4 | 8, Access::ro, 0, 1},
            {"ENERGY_PJ_HI", RERAM_ENERGY_PJ + 4, 4, Access::ro, 0, 1},
            {"COMMANDS", RERAM_COMMANDS, 4 | 8, Access::ro, 0, 1},
            {"COMMANDS_HI", RERAM_COMMANDS + 4, 4, Access::ro, 0, 1},
        });
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x038, 0x03C, 0x06C, 0x07C, 0x0D8, 0x100, 0xFFC};
        return offsets;
    }
};

}  // namespace

using ReramTraits = AcceleratorTraits<ReramDescription>;
INSTANTIATE_TYPED_TEST_SUITE_P(reram, Conformance, ReramTraits);

}  // namespace pimsoc::conformance
