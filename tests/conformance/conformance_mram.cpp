// SOT-MRAM controller traits for the conformance battery, with its command interface. The harness
// runs the small MRAM of the device tests (two banks of 1 KiB) with mram.queue_depth = 0, so that
// a START on a busy bank is the error the battery expects; a deeper queue is tested in
// tests/mram_tlm (MramDeviceQueue.*).
#include "conformance_battery.h"
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

struct MramTraits : TraitsBase {
    static constexpr const char* name = "mram";

    struct Harness : HarnessBase {
        Mram mram;
        test::IrqSink irq;
        test::TlmTestInitiator window;  // the operand window's initiator (the battery checks the registers)
        explicit Harness(const std::string& n)
            : mram(n.c_str(), harness_params()), irq((n + "_irq").c_str()), window((n + "_window").c_str())
        {
            mram.irq.bind(irq.signal);
            window.socket.bind(mram.window);
        }
        MmioTarget& target() { return mram; }
        void reset() { mram.reset(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = {
            {"ID", MRAM_ID, 4, Access::ro, MRAM_ID_VALUE, 0},
            {"CTRL", MRAM_CTRL, 4, Access::action, 0, MRAM_CTRL_CLEAR_STATUS | MRAM_CTRL_CLEAR_COUNTERS},
            {"STATUS", MRAM_STATUS, 4, Access::ro, 0, 0xFFFF'FFFFu},
            {"IRQ_EN", MRAM_IRQ_EN, 4, Access::rw, 0, MRAM_IRQ_MASK},
            {"IRQ_STATUS", MRAM_IRQ_STATUS, 4, Access::w1c, 0, MRAM_IRQ_MASK},
            {"ERR_CODE", MRAM_ERR_CODE, 4, Access::ro, MRAM_ERR_NONE, 0xFF},
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
        };
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x030, 0x03C, 0x07C, 0x0D8, 0x100, 0xFFC};
        return offsets;
    }

    // One DOT done (counters, DONE, RESULT), then a bad command (ERR, ERR_CODE).
    static void prime(Bus& bus, Harness&)
    {
        load_dot(bus, 16);
        bus.write(MRAM_CMD, MRAM_CMD_START, 4);
        sc_core::wait(100, sc_core::SC_US);
        bus.read(MRAM_STATUS, 4);  // retires the finished command
        bus.write(MRAM_CMD, 0x7F, 4);
    }
    static void raise_w1c(Bus&) {}  // prime() left DONE and ERR in IRQ_STATUS

    static constexpr bool has_commands = true;
    struct Commands {
        static constexpr uint64_t err_none = MRAM_ERR_NONE;
        static constexpr uint64_t err_busy = MRAM_ERR_BUSY;
        static constexpr uint64_t err_queue_full = MRAM_ERR_BUSY;  // the MRAM queues on START
        static unsigned queue_depth() { return harness_params().queue_depth; }
        static void load_long_job(Bus& bus) { load_dot(bus, 64); }
        static void start(Bus& bus) { bus.write(MRAM_CMD, MRAM_CMD_START, 4); }
        static void enqueue(Bus& bus) { start(bus); }
        static uint64_t error_code(Bus& bus) { return bus.read(MRAM_ERR_CODE, 4).value; }
    };
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(mram, Conformance, MramTraits);

}  // namespace pimsoc::conformance
