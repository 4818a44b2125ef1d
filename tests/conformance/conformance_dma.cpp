// DMA traits for the conformance battery, with its command interface (START, ENQUEUE, queue).
// The engine's data port is bound straight to a 64 KiB memory (addresses 0..0xFFFF).
#include "conformance_battery.h"
#include "conformance_command_device.h"
#include "dma/dma.h"
#include "mem/memory.h"

namespace pimsoc::conformance {
namespace {

constexpr uint32_t kCaps = 4u | (4u << DMA_CAPS_BUS_WIDTH_SHIFT) | (64u << DMA_CAPS_BURST_SHIFT);  // defaults

struct DmaTraits : TraitsBase {
    static constexpr const char* name = "dma";

    struct Harness : HarnessBase {
        Dma dma;
        Memory memory;
        test::IrqSink irq;
        explicit Harness(const std::string& n)
            : dma(n.c_str(), DmaParams{}), memory((n + "_mem").c_str(), memory_params()), irq((n + "_irq").c_str())
        {
            dma.bus.bind(memory.socket);
            dma.irq.bind(irq.signal);
        }
        static MemoryParams memory_params()
        {
            MemoryParams p;
            p.size_bytes = 64 * 1024;
            return p;
        }
        MmioTarget& target() { return dma; }
        void reset() { dma.reset(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = with_common_block(DMA_ID_VALUE, DMA_ERR_NONE, {
            {"ERR_ADDR", DMA_ERR_ADDR, 4, Access::ro, 0, 0x1234},
            {"CAPS", DMA_CAPS, 4, Access::ro, kCaps, 0},
            {"SRC", DMA_SRC, 4, Access::rw, 0, 0x100},
            {"DST", DMA_DST, 4, Access::rw, 0, 0x2000},
            {"ROWS", DMA_ROWS, 4, Access::rw, 1, 2},
            {"ROW_BYTES", DMA_ROW_BYTES, 4, Access::rw, 0, 0x40},
            {"SRC_STRIDE", DMA_SRC_STRIDE, 4, Access::rw, 0, 0x80},
            {"DST_STRIDE", DMA_DST_STRIDE, 4, Access::rw, 0, 0x100},
            {"CMD", DMA_CMD, 4, Access::wo, 0, DMA_CMD_START},
            {"BYTES_MOVED", DMA_BYTES_MOVED, 4 | 8, Access::ro, 0, 1},
            {"BYTES_MOVED_HI", DMA_BYTES_MOVED + 4, 4, Access::ro, 0, 1},
            {"DESCS_DONE", DMA_DESCS_DONE, 4 | 8, Access::ro, 0, 1},
            {"DESCS_DONE_HI", DMA_DESCS_DONE + 4, 4, Access::ro, 0, 1},
            {"BUSY_CYCLES", DMA_BUSY_CYCLES, 4 | 8, Access::ro, 0, 1},
            {"BUSY_CYCLES_HI", DMA_BUSY_CYCLES + 4, 4, Access::ro, 0, 1},
        });
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x03C, 0x058, 0x100, 0xFFC};
        return offsets;
    }

    // One copy done (counters, DONE), then a bad command (ERR, ERR_CODE).
    static void prime(Bus& bus, Harness&)
    {
        bus.write(DMA_SRC, 0x0, 4);
        bus.write(DMA_DST, 0x1000, 4);
        bus.write(DMA_ROW_BYTES, 0x100, 4);
        bus.write(DMA_CMD, DMA_CMD_START, 4);
        sc_core::wait(10, sc_core::SC_US);
        bus.read(DMA_STATUS, 4);  // retires the finished descriptor
        bus.write(DMA_CMD, 0x7F, 4);
    }
    static void raise_w1c(Bus&) {}  // prime() left DONE and ERR in IRQ_STATUS

    static constexpr bool has_commands = true;
    struct Commands {
        static constexpr uint64_t err_none = DMA_ERR_NONE;
        static constexpr uint64_t err_busy = DMA_ERR_BUSY;
        static constexpr uint64_t err_queue_full = DMA_ERR_QUEUE_FULL;
        static unsigned queue_depth() { return DmaParams{}.queue_depth; }
        static void load_long_job(Bus& bus)
        {
            bus.write(DMA_SRC, 0x0, 4);
            bus.write(DMA_DST, 0x8000, 4);
            bus.write(DMA_ROW_BYTES, 0x4000, 4);
        }
        static void start(Bus& bus) { bus.write(DMA_CMD, DMA_CMD_START, 4); }
        static void enqueue(Bus& bus) { bus.write(DMA_CMD, DMA_CMD_ENQUEUE, 4); }
        static uint64_t error_code(Bus& bus) { return bus.read(DMA_ERR_CODE, 4).value; }
    };
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(dma, Conformance, DmaTraits);

}  // namespace pimsoc::conformance
