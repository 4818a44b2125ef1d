// DMA engine: registers (reset values, read/write, read-only), 1-D and 2-D copies checked byte by
// byte, completion time against the timing formula, interrupt and W1C, descriptor queue, error
// paths (bus errors with the failing address, bad descriptors, start while busy).
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "bus/bus.h"
#include "common/params.h"
#include "common/ledger_time.h"
#include "common/temp_path.h"
#include "common/tlm_test_initiator.h"
#include "common/tracer.h"
#include "dma/dma.h"
#include "line_trace_probe.h"
#include "mem/memory.h"
#include "vcd_check.h"
#include "vcd_reader.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

constexpr uint64_t kDma = 0x1000'1000;
constexpr uint64_t kMain = 0x8000'0000;
constexpr uint64_t kSram = 0x9000'0000;
constexpr uint64_t kRom = 0x6000'0000;
constexpr uint64_t kMemSize = 64 * 1024;
constexpr uint64_t kUnmapped = 0x5000'0000;

// Latencies chosen different per memory and direction so the formula test sees each one.
MemoryParams memory_params(uint32_t read_ns, uint32_t write_ns, bool writable = true)
{
    MemoryParams p;
    p.size_bytes = kMemSize;
    p.access_bytes = 4;
    p.read_latency_ns = read_ns;
    p.write_latency_ns = write_ns;
    p.writable = writable;
    return p;
}

BusParams bus_params(uint32_t width_bytes = 4)
{
    BusParams p;
    p.hop_latency_ns = 10;
    p.width_bytes = width_bytes;
    return p;
}

// CPU stand-in and DMA both on the bus; main memory, SRAM and a ROM behind it.
struct Bench {
    DmaParams params;
    test::TlmTestInitiator cpu{"cpu"};
    Bus bus;
    std::unique_ptr<Dma> dma;
    Memory main_mem{"main", memory_params(20, 20)};
    Memory sram{"sram", memory_params(10, 30)};
    Memory rom{"rom", memory_params(10, 10, false)};
    test::IrqSink irq{"irq_sink"};

    // The bus is as wide as the engine says it is (CAPS), as in the SoC.
    explicit Bench(const DmaParams& p = DmaParams{}) : params(p), bus("bus", bus_params(p.bus_width_bytes))
    {
        dma = std::make_unique<Dma>("dma", params);
        cpu.socket.bind(bus.upstream);
        dma->bus.bind(bus.upstream);
        dma->irq.bind(irq.signal);
        bus.map(dma->socket, kDma, DMA_REG_SPACE, "dma");
        bus.map(main_mem.socket, kMain, kMemSize, "main");
        bus.map(sram.socket, kSram, kMemSize, "sram");
        bus.map(rom.socket, kRom, kMemSize, "rom");
        for (uint64_t i = 0; i < kMemSize; ++i) {
            main_mem.data()[i] = static_cast<uint8_t>(i * 7 + (i >> 8));
            sram.data()[i] = 0xEE;
        }
    }

    uint8_t* host(uint64_t address)
    {
        if (address >= kSram) {
            return sram.data() + (address - kSram);
        }
        return main_mem.data() + (address - kMain);
    }

    // Register accesses behave like an LT initiator's: each starts when the previous one ended
    // (the bus is shared, so accesses issued at the same time would queue behind each other).
    uint32_t reg(uint32_t offset)
    {
        settle();
        const auto v = static_cast<uint32_t>(cpu.read32(kDma + offset).value);
        ready = sc_core::sc_time_stamp() + cpu.last_delay();
        return v;
    }
    uint64_t reg64(uint32_t offset)
    {
        settle();
        const uint64_t v = cpu.read64(kDma + offset).value;
        ready = sc_core::sc_time_stamp() + cpu.last_delay();
        return v;
    }
    void set(uint32_t offset, uint32_t value)
    {
        settle();
        EXPECT_EQ(cpu.write32(kDma + offset, value), tlm::TLM_OK_RESPONSE);
        ready = sc_core::sc_time_stamp() + cpu.last_delay();
    }
    void settle()
    {
        if (ready > sc_core::sc_time_stamp()) {
            sc_core::wait(ready - sc_core::sc_time_stamp());
        }
    }
    sc_time ready;  // when the last register access ended

    void descriptor(uint64_t src, uint64_t dst, uint32_t rows, uint32_t row_bytes, uint32_t src_stride = 0,
                    uint32_t dst_stride = 0)
    {
        set(DMA_SRC, static_cast<uint32_t>(src));
        set(DMA_DST, static_cast<uint32_t>(dst));
        set(DMA_ROWS, rows);
        set(DMA_ROW_BYTES, row_bytes);
        set(DMA_SRC_STRIDE, src_stride);
        set(DMA_DST_STRIDE, dst_stride);
    }

    // Polls STATUS once per engine cycle until BUSY clears.
    void wait_idle()
    {
        while (reg(DMA_STATUS) & DMA_STATUS_BUSY) {
            sc_core::wait(dma->cycle());
        }
    }
};

// The documented timing (docs/models/dma.md): setup, then per burst of n bytes a read and a
// write, each = bus hop + the memory's latency per 4-byte access + ceil(n / bus width) bus cycles
// (the bench's bus is as wide as p.bus_width_bytes and runs at the engine clock), no contention.
sc_time expected_duration(const DmaParams& p, uint32_t rows, uint32_t row_bytes, uint32_t src_read_ns,
                          uint32_t dst_write_ns)
{
    const double cycle_ns = 1e9 / static_cast<double>(p.clock_hz);
    double ns = p.setup_cycles * cycle_ns;
    for (uint32_t r = 0; r < rows; ++r) {
        for (uint32_t off = 0; off < row_bytes; off += p.burst_bytes) {
            const uint32_t n = std::min(p.burst_bytes, row_bytes - off);
            const uint32_t beats = (n + p.bus_width_bytes - 1) / p.bus_width_bytes;
            const uint32_t accesses = (n + 3) / 4;
            ns += 10 + accesses * src_read_ns + beats * cycle_ns;
            ns += 10 + accesses * dst_write_ns + beats * cycle_ns;
        }
    }
    return sc_time(ns, SC_NS);
}

// --- registers -------------------------------------------------------------------------------

TEST(DmaRegisters, ResetValues)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.reg(DMA_ID), DMA_ID_VALUE);
        EXPECT_EQ(b.reg(DMA_CTRL), 0u);
        EXPECT_EQ(b.reg(DMA_STATUS), 0u);
        EXPECT_EQ(b.reg(DMA_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(DMA_IRQ_STATUS), 0u);
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_NONE);
        EXPECT_EQ(b.reg(DMA_ERR_ADDR), 0u);
        EXPECT_EQ(b.reg(DMA_CAPS), 4u | (4u << DMA_CAPS_BUS_WIDTH_SHIFT) | (64u << DMA_CAPS_BURST_SHIFT));
        EXPECT_EQ(b.reg(DMA_SRC), 0u);
        EXPECT_EQ(b.reg(DMA_DST), 0u);
        EXPECT_EQ(b.reg(DMA_ROWS), 1u);
        EXPECT_EQ(b.reg(DMA_ROW_BYTES), 0u);
        EXPECT_EQ(b.reg(DMA_SRC_STRIDE), 0u);
        EXPECT_EQ(b.reg(DMA_DST_STRIDE), 0u);
        for (uint32_t counter : {DMA_BYTES_MOVED, DMA_DESCS_DONE, DMA_BUSY_CYCLES}) {
            EXPECT_EQ(b.reg64(counter), 0u);
            EXPECT_EQ(b.reg(counter), 0u);
            EXPECT_EQ(b.reg(counter + 4), 0u);
        }
        EXPECT_FALSE(b.irq.level());
    });
}

TEST(DmaRegisters, DescriptorAndEnableRegistersReadBack)
{
    Bench b;
    test::run([&] {
        b.descriptor(0x8000'1234, 0x9000'5678, 17, 333, 1024, 2048);
        EXPECT_EQ(b.reg(DMA_SRC), 0x8000'1234u);
        EXPECT_EQ(b.reg(DMA_DST), 0x9000'5678u);
        EXPECT_EQ(b.reg(DMA_ROWS), 17u);
        EXPECT_EQ(b.reg(DMA_ROW_BYTES), 333u);
        EXPECT_EQ(b.reg(DMA_SRC_STRIDE), 1024u);
        EXPECT_EQ(b.reg(DMA_DST_STRIDE), 2048u);
        b.set(DMA_IRQ_EN, 0xFFFF'FFFF);
        EXPECT_EQ(b.reg(DMA_IRQ_EN), DMA_IRQ_MASK);
        b.set(DMA_CTRL, 0);
        EXPECT_EQ(b.reg(DMA_CTRL), 0u);
        EXPECT_EQ(b.reg(DMA_STATUS), 0u);  // writing registers starts nothing
    });
}

TEST(DmaRegisters, ReadOnlyWriteOnlyAndUnmappedAccessesAreRejected)
{
    Bench b;
    test::run([&] {
        for (uint32_t offset : {DMA_ID, DMA_STATUS, DMA_ERR_CODE, DMA_ERR_ADDR, DMA_CAPS}) {
            const uint32_t before = b.reg(offset);
            EXPECT_EQ(b.cpu.write32(kDma + offset, 0x1234'5678), tlm::TLM_COMMAND_ERROR_RESPONSE) << offset;
            EXPECT_EQ(b.reg(offset), before) << offset;
        }
        for (uint32_t counter : {DMA_BYTES_MOVED, DMA_DESCS_DONE, DMA_BUSY_CYCLES}) {
            EXPECT_EQ(b.cpu.write64(kDma + counter, 5), tlm::TLM_COMMAND_ERROR_RESPONSE);
            EXPECT_EQ(b.cpu.write32(kDma + counter + 4, 5), tlm::TLM_COMMAND_ERROR_RESPONSE);
            EXPECT_EQ(b.reg64(counter), 0u);
        }
        EXPECT_EQ(b.cpu.read32(kDma + DMA_CMD).status, tlm::TLM_COMMAND_ERROR_RESPONSE);  // write-only
        EXPECT_EQ(b.cpu.read32(kDma + 0x3C).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read32(kDma + 0x800).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read32(kDma + 0x2).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // misaligned
        EXPECT_EQ(b.cpu.read64(kDma + DMA_SRC).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read16(kDma + DMA_SRC).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write8(kDma + DMA_SRC, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.reg(DMA_STATUS), 0u);  // none of that is a DMA error
    });
}

TEST(DmaRegisters, ParametersOutOfRangeAreRejected)
{
    auto make = [](auto change) {
        DmaParams p;
        change(p);
        Dma dma("dma", p);
    };
    EXPECT_THROW(make([](DmaParams& p) { p.bus_width_bytes = 3; }), std::invalid_argument);
    EXPECT_THROW(make([](DmaParams& p) { p.bus_width_bytes = 0; }), std::invalid_argument);
    EXPECT_THROW(make([](DmaParams& p) { p.burst_bytes = 0; }), std::invalid_argument);
    EXPECT_THROW(make([](DmaParams& p) { p.queue_depth = 256; }), std::invalid_argument);
    EXPECT_THROW(make([](DmaParams& p) { p.clock_hz = 0; }), std::invalid_argument);
}

TEST(DmaRegisters, ParametersBindToDocumentedKeys)
{
    ParamRegistry registry;
    DmaParams p;
    p.bind(registry.root().scope("dma"));
    for (const char* key : {"dma.burst_bytes", "dma.queue_depth",
                            "dma.access_latency_ns", "dma.setup_cycles", "dma.clock_hz"}) {
        EXPECT_TRUE(registry.contains(key)) << key;
    }
    EXPECT_FALSE(registry.contains("dma.bus_width_bytes")) << "the SoC takes it from bus.width_bytes";
    registry.set("dma.burst_bytes", "128");
    EXPECT_EQ(p.burst_bytes, 128u);
}

// --- copies ----------------------------------------------------------------------------------

TEST(DmaCopy, OneDimensionalCopyMovesExactlyTheBytes)
{
    Bench b;
    const uint64_t src = kMain + 0x101;  // unaligned, and not a multiple of the burst
    const uint64_t dst = kSram + 0x203;
    const uint32_t n = 1000;
    test::run([&] {
        b.descriptor(src, dst, 1, n);
        b.set(DMA_CMD, DMA_CMD_START);
        EXPECT_TRUE(b.reg(DMA_STATUS) & DMA_STATUS_BUSY);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE);
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_NONE);
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), n);
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 1u);
        EXPECT_EQ(std::memcmp(b.host(dst), b.host(src), n), 0);
        EXPECT_EQ(b.host(dst)[-1], 0xEE);
        EXPECT_EQ(b.host(dst)[n], 0xEE);
    });
}

TEST(DmaCopy, TwoDimensionalCopyHonoursBothStrides)
{
    Bench b;
    const uint32_t rows = 10, row_bytes = 20, src_stride = 128, dst_stride = 32;
    const uint64_t src = kMain + 0x1000 + 3 * 128 + 40;  // a tile inside a 128-byte-wide image
    const uint64_t dst = kSram + 0x100;
    test::run([&] {
        b.descriptor(src, dst, rows, row_bytes, src_stride, dst_stride);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE);
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), rows * row_bytes);
        // Every byte from 64 before the destination to 64 after its last row: tile bytes are the
        // source's, the gaps between rows and the margins are untouched.
        for (int64_t i = -64; i < static_cast<int64_t>(rows * dst_stride + 64); ++i) {
            const uint8_t got = b.host(dst)[i];
            const bool in_tile =
                i >= 0 && i < static_cast<int64_t>(rows * dst_stride) && (i % dst_stride) < row_bytes;
            const uint8_t want = in_tile ? b.host(src)[(i / dst_stride) * src_stride + i % dst_stride] : 0xEE;
            ASSERT_EQ(got, want) << "byte " << i;
        }
    });
}

TEST(DmaCopy, CopyFromSramToMainMemory)
{
    Bench b;
    test::run([&] {
        for (unsigned i = 0; i < 300; ++i) {
            b.host(kSram)[i] = static_cast<uint8_t>(255 - i);
        }
        b.descriptor(kSram, kMain + 0x8000, 3, 100, 100, 128);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        for (unsigned r = 0; r < 3; ++r) {
            EXPECT_EQ(std::memcmp(b.host(kMain + 0x8000 + r * 128), b.host(kSram + r * 100), 100), 0) << r;
        }
    });
}

// --- timing ----------------------------------------------------------------------------------

TEST(DmaTiming, CompletionTimeFollowsTheFormula)
{
    Bench b;
    const uint32_t rows = 3, row_bytes = 100;
    // main: 20 ns per read access; SRAM: 30 ns per write access.
    const sc_time duration = expected_duration(b.params, rows, row_bytes, 20, 30);
    // By hand for the defaults: setup 40 ns; per row a 64-byte burst (read 10+16*20+16*10 = 490,
    // write 10+16*30+160 = 650) and a 36-byte burst (read 10+9*20+90 = 280, write 10+270+90 = 370).
    ASSERT_EQ(duration, sc_time(40 + 3 * (490 + 650 + 280 + 370), SC_NS));
    test::run([&] {
        b.set(DMA_IRQ_EN, DMA_IRQ_DONE);
        b.descriptor(kMain, kSram, rows, row_bytes, 128, 100);
        b.set(DMA_CMD, DMA_CMD_START);
        // The CMD write happens at now + its annotated delay (bus hop + one bus cycle for its
        // 4 bytes + register access).
        const sc_time start = sc_core::sc_time_stamp() + b.cpu.last_delay();
        EXPECT_EQ(b.cpu.last_delay(), sc_time(30, SC_NS));
        const sc_time end = start + duration;
        // Each register read happens 30 ns (bus hop + bus cycle + access latency) after it is
        // issued, if the bus is free: the two reads are issued 11 ns apart, after the first's
        // bus cycle, and after the DMA's last burst has left the bus.
        sc_core::wait(end - sc_core::sc_time_stamp() - sc_time(41, SC_NS));
        EXPECT_TRUE(b.cpu.read32(kDma + DMA_STATUS).value & DMA_STATUS_BUSY);  // at end - 11 ns
        sc_core::wait(sc_time(11, SC_NS));
        EXPECT_EQ(b.cpu.read32(kDma + DMA_STATUS).value, DMA_STATUS_DONE);  // at end
        EXPECT_EQ(b.cpu.last_delay(), sc_time(30, SC_NS));
        sc_core::wait(sc_time(31, SC_NS));
        ASSERT_EQ(b.irq.edges.size(), 1u);
        EXPECT_EQ(b.irq.edges[0].time, end);
        EXPECT_TRUE(b.irq.edges[0].level);
        EXPECT_EQ(b.reg64(DMA_BUSY_CYCLES), duration.value() / b.dma->cycle().value());
    });
}

// The trace shows the modelled times exactly: dma.busy from the CMD write to the completion the
// formula gives, and the interrupt line rising at that completion (not at a quantum boundary).
TEST(DmaTiming, TraceTimesAreTheModelledCompletionTime)
{
    Bench b;
    const std::string path = test::temp_path("dma_trace.vcd");
    Tracer tracer(path, {"dma", "irq"}, "test");
    b.dma->trace_to(tracer);
    LineTraceProbe probe("probe", tracer, {{&b.irq.signal, "bench.irq.dma"}});
    tracer.set_horizon([] { return to_ps(sc_core::sc_time_stamp()); });
    const uint32_t rows = 2, row_bytes = 200;
    const sc_time duration = expected_duration(b.params, rows, row_bytes, 20, 30);
    sc_time start;
    test::run([&] {
        b.set(DMA_IRQ_EN, DMA_IRQ_DONE);
        b.descriptor(kMain, kSram, rows, row_bytes, 256, 200);
        b.set(DMA_CMD, DMA_CMD_START);
        start = sc_core::sc_time_stamp() + b.cpu.last_delay();
        b.wait_idle();
        sc_core::wait(sc_time(1, SC_NS));
    });
    tracer.finish(to_ps(sc_core::sc_time_stamp()));

    EXPECT_TRUE(vcd::check(vcd::load_file(path), path).empty());
    const vcd::Dump dump = vcd::read_vcd_file(path);
    std::map<std::string, std::vector<vcd::ValueChange>> by_name;
    for (const auto& v : dump.variables) {
        by_name[v.full_name] = dump.changes(v);
    }
    const uint64_t start_ps = to_ps(start);
    const uint64_t end_ps = to_ps(start + duration);
    using Changes = std::vector<std::pair<uint64_t, std::string>>;
    const auto changes = [&](const std::string& name) {
        Changes out;
        for (const auto& c : by_name.at(name)) {
            out.emplace_back(dump.to_ps(c.time), c.value);
        }
        return out;
    };
    EXPECT_EQ(changes("dma.busy"), (Changes{{0, "0"}, {start_ps, "1"}, {end_ps, "0"}}));
    EXPECT_EQ(changes("dma.descriptor"), (Changes{{0, "b0"}, {start_ps, "b1"}}));
    EXPECT_EQ(changes("bench.irq.dma"), (Changes{{0, "0"}, {end_ps, "1"}}));
    const Changes bytes = changes("dma.bytes");
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(bytes.back().second, "b110010000");  // 400 bytes
    EXPECT_LE(bytes.back().first, end_ps);
}

TEST(DmaTiming, RegisterReadAheadOfKernelTimeSeesTheCompletion)
{
    // The read of STATUS happens at now + 30 ns (annotated: hop + bus cycle + access); if that is
    // past the end, the engine is idle at that time even though the kernel has not reached the end.
    Bench b;
    const sc_time duration = expected_duration(b.params, 1, 4, 20, 30);
    test::run([&] {
        b.descriptor(kMain, kSram, 1, 4);
        b.set(DMA_CMD, DMA_CMD_START);
        const sc_time end = sc_core::sc_time_stamp() + sc_time(30, SC_NS) + duration;
        sc_core::wait(end - sc_core::sc_time_stamp() - sc_time(29, SC_NS));
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE);  // the access is at end + 1 ns
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 1u);
    });
}

TEST(DmaTiming, WiderBusAndLargerBurstsTakeFewerCycles)
{
    DmaParams p;
    p.bus_width_bytes = 8;
    p.burst_bytes = 256;
    p.setup_cycles = 0;
    Bench b(p);
    const sc_time duration = expected_duration(p, 1, 1024, 20, 30);
    test::run([&] {
        b.descriptor(kMain, kSram, 1, 1024);
        b.set(DMA_CMD, DMA_CMD_START);
        const sc_time start = sc_core::sc_time_stamp() + b.cpu.last_delay();
        // Poll only once the engine has started (setup_cycles = 0: a poll issued at its start
        // time would take the bus first and delay its first burst by a cycle).
        sc_core::wait(sc_time(100, SC_NS));
        b.wait_idle();
        EXPECT_EQ(b.reg64(DMA_BUSY_CYCLES) * 10, static_cast<uint64_t>(duration.to_seconds() * 1e9 + 0.5));
        EXPECT_GE(sc_core::sc_time_stamp(), start + duration - sc_time(20, SC_NS));
        EXPECT_EQ(b.main_mem.reads(), 4u);  // four 256-byte bursts
        EXPECT_EQ(b.sram.writes(), 4u);
    });
}

TEST(DmaTiming, CpuTrafficOnTheSharedBusSlowsTheCopyByTheComputedWaits)
{
    // The CPU stand-in hammers main memory with back-to-back 4-byte reads, as an LT initiator
    // would (each at the end of the previous one: hop 10 + 1 bus cycle 10 + 20 ns latency = 40 ns
    // apart), booked before the engine runs. It holds the bus during [r0 + 40k, r0 + 40k + 10).
    // The engine moves 4-byte bursts (1 bus cycle each): a read of main (10 + 10 + 20 = 40 ns)
    // then a write of SRAM (10 + 10 + 30 = 50 ns). A burst requested at phase p = (t - r0) mod 40
    // in [0, 10) waits 10 - p for the bus; otherwise it goes at once.
    DmaParams p;
    p.burst_bytes = 4;
    const uint32_t bytes = 256;  // 64 bursts
    const sc_time alone = expected_duration(p, 1, bytes, 20, 30);
    ASSERT_EQ(alone, sc_time(40 + 64 * (40 + 50), SC_NS));

    // Reference: the same walk with the CPU's slots, in ns relative to the start (= r0).
    auto fit = [](uint64_t t) { return t % 40 < 10 ? t + (10 - t % 40) : t; };
    uint64_t t = 40;  // setup: 4 cycles
    for (uint32_t i = 0; i < bytes / 4; ++i) {
        t = fit(t) + 40;
        t = fit(t) + 50;
    }
    const sc_time shared(static_cast<double>(t), SC_NS);
    // By hand: the burst phases repeat every 3 bursts (0/10, 20/20, 30/30 for read/write, 270 ns
    // alone); the first read of each group waits 10 ns: ceil(64 / 3) = 22 waits = 220 ns.
    EXPECT_EQ(shared, alone + sc_time(220, SC_NS));

    Bench b(p);
    test::run([&] {
        b.descriptor(kMain, kSram, 1, bytes);
        b.set(DMA_CMD, DMA_CMD_START);
        const sc_time start = sc_core::sc_time_stamp() + b.cpu.last_delay();
        // Hammer: 400 reads = 16 us, longer than the copy, annotated from `start` on.
        sc_time delay = start - sc_core::sc_time_stamp();
        for (int i = 0; i < 400; ++i) {
            uint8_t data[4];
            tlm::tlm_generic_payload trans;
            trans.set_command(tlm::TLM_READ_COMMAND);
            trans.set_address(kMain + 0x8000 + 4 * static_cast<uint64_t>(i));
            trans.set_data_ptr(data);
            trans.set_data_length(4);
            trans.set_streaming_width(4);
            trans.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            b.cpu.socket->b_transport(trans, delay);
            ASSERT_EQ(trans.get_response_status(), tlm::TLM_OK_RESPONSE);
        }
        EXPECT_EQ(delay, start - sc_core::sc_time_stamp() + sc_time(400 * 40, SC_NS));  // never waited
        sc_core::wait(sc_time(20, sc_core::SC_US));
        EXPECT_EQ(b.reg64(DMA_BUSY_CYCLES), shared.value() / b.dma->cycle().value());
        EXPECT_EQ(std::memcmp(b.host(kSram), b.host(kMain), bytes), 0);
    });
    EXPECT_EQ(b.bus.delayed_transactions(), 22u);
    EXPECT_EQ(b.bus.contention_wait(), sc_time(220, SC_NS));
}

// --- interrupt -------------------------------------------------------------------------------

TEST(DmaIrq, RaisedOnCompletionAndClearedByWriteOneToClear)
{
    Bench b;
    test::run([&] {
        b.set(DMA_IRQ_EN, DMA_IRQ_DONE | DMA_IRQ_ERR);
        b.descriptor(kMain, kSram, 1, 64);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(b.irq.level());
        EXPECT_EQ(b.reg(DMA_IRQ_STATUS), DMA_IRQ_DONE);
        b.set(DMA_IRQ_STATUS, DMA_IRQ_ERR);  // writing 1 to another bit clears nothing
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(b.irq.level());
        b.set(DMA_IRQ_STATUS, 0);
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(b.irq.level());
        b.set(DMA_IRQ_STATUS, DMA_IRQ_DONE);
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(b.irq.level());
        EXPECT_EQ(b.reg(DMA_IRQ_STATUS), 0u);
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE);  // STATUS.DONE stays until the next batch
        EXPECT_EQ(b.irq.rising_edges(), 1u);
        EXPECT_EQ(b.irq.falling_edges(), 1u);
    });
}

TEST(DmaIrq, MaskedStatusDoesNotRaiseTheLineUntilEnabled)
{
    Bench b;
    test::run([&] {
        b.descriptor(kMain, kSram, 1, 8);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_EQ(b.reg(DMA_IRQ_STATUS), DMA_IRQ_DONE);
        EXPECT_FALSE(b.irq.level());
        b.set(DMA_IRQ_EN, DMA_IRQ_DONE);
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(b.irq.level());
        b.set(DMA_IRQ_EN, 0);
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(b.irq.level());
    });
}

// --- queue -----------------------------------------------------------------------------------

TEST(DmaQueue, DescriptorsRunInOrderBackToBack)
{
    Bench b;
    test::run([&] {
        b.set(DMA_IRQ_EN, DMA_IRQ_DONE);
        // Three copies to overlapping destinations: the final contents show the order.
        b.descriptor(kMain + 0x000, kSram, 1, 100);
        b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        const sc_time start = sc_core::sc_time_stamp() + b.cpu.last_delay();
        b.descriptor(kMain + 0x400, kSram + 50, 1, 100);
        b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        b.descriptor(kMain + 0x800, kSram + 100, 2, 30, 64, 40);
        b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        b.cpu.sync(sc_time(100, SC_NS));
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_BUSY | (2u << DMA_STATUS_QUEUED_SHIFT));
        b.wait_idle();
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_EQ(std::memcmp(b.host(kSram), b.host(kMain), 50), 0);
        EXPECT_EQ(std::memcmp(b.host(kSram + 50), b.host(kMain + 0x400), 50), 0);
        EXPECT_EQ(std::memcmp(b.host(kSram + 100), b.host(kMain + 0x800), 30), 0);
        EXPECT_EQ(std::memcmp(b.host(kSram + 130), b.host(kMain + 0x400 + 80), 10), 0);
        EXPECT_EQ(std::memcmp(b.host(kSram + 140), b.host(kMain + 0x840), 30), 0);
        EXPECT_EQ(b.host(kSram)[170], 0xEE);
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 3u);
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), 260u);
        // One interrupt, when the queue drained, at the sum of the three durations.
        const sc_time total =
            expected_duration(b.params, 1, 100, 20, 30) * 2.0 + expected_duration(b.params, 2, 30, 20, 30);
        ASSERT_EQ(b.irq.rising_edges(), 1u);
        EXPECT_EQ(b.irq.edges[0].time, start + total);
    });
}

TEST(DmaQueue, EnqueueBeyondTheDepthIsQueueFullAndChangesNothingElse)
{
    DmaParams p;
    p.queue_depth = 2;
    Bench b(p);
    test::run([&] {
        b.descriptor(kMain, kSram, 1, 256);
        for (int i = 0; i < 3; ++i) {  // one runs, two wait
            b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        }
        b.descriptor(kMain, kSram + 0x1000, 1, 256);
        b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_QUEUE_FULL);
        EXPECT_TRUE(b.reg(DMA_STATUS) & DMA_STATUS_ERR);
        EXPECT_TRUE(b.reg(DMA_STATUS) & DMA_STATUS_BUSY);
        b.wait_idle();
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 3u);
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE | DMA_STATUS_ERR);
        EXPECT_EQ(b.host(kSram + 0x1000)[0], 0xEE);  // the rejected one never ran
    });
}

TEST(DmaQueue, StartWhileBusyIsRejectedAndTheRunningCopyCompletes)
{
    Bench b;
    test::run([&] {
        b.descriptor(kMain, kSram, 1, 512);
        b.set(DMA_CMD, DMA_CMD_START);
        b.descriptor(kMain + 0x1000, kSram + 0x1000, 1, 16);
        b.set(DMA_CMD, DMA_CMD_START);
        EXPECT_EQ(b.reg(DMA_STATUS) & (DMA_STATUS_BUSY | DMA_STATUS_ERR), DMA_STATUS_BUSY | DMA_STATUS_ERR);
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_BUSY);
        EXPECT_EQ(b.reg(DMA_IRQ_STATUS), DMA_IRQ_ERR);
        b.wait_idle();
        EXPECT_EQ(std::memcmp(b.host(kSram), b.host(kMain), 512), 0);
        EXPECT_EQ(b.host(kSram + 0x1000)[0], 0xEE);
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 1u);
    });
}

// --- errors ----------------------------------------------------------------------------------

TEST(DmaErrors, UnmappedSourceStopsWithBusErrorAndTheAddress)
{
    Bench b;
    test::run([&] {
        b.set(DMA_IRQ_EN, DMA_IRQ_ERR);
        b.descriptor(kUnmapped, kSram, 1, 64);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        b.cpu.sync(sc_time(1, SC_NS));
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_ERR);
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_BUS_READ);
        EXPECT_EQ(b.reg(DMA_ERR_ADDR), kUnmapped);
        EXPECT_EQ(b.reg(DMA_IRQ_STATUS), DMA_IRQ_ERR);
        EXPECT_TRUE(b.irq.level());
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), 0u);
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 0u);
        EXPECT_EQ(b.host(kSram)[0], 0xEE);
        EXPECT_EQ(b.dma->bus_errors(), 1u);
    });
}

TEST(DmaErrors, DestinationRunningOffTheEndStopsAtTheFailingBurst)
{
    Bench b;
    const uint64_t dst = kSram + kMemSize - 100;  // the second burst crosses the end of SRAM
    test::run([&] {
        b.descriptor(kMain, dst, 1, 200);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_BUS_WRITE);
        EXPECT_EQ(b.reg(DMA_ERR_ADDR), dst + 64);
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), 64u);
        EXPECT_EQ(std::memcmp(b.host(dst), b.host(kMain), 64), 0);
        EXPECT_EQ(b.host(dst)[64], 0xEE);
    });
}

TEST(DmaErrors, WriteToRomIsABusError)
{
    Bench b;
    test::run([&] {
        b.descriptor(kMain, kRom + 0x10, 1, 32);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_BUS_WRITE);
        EXPECT_EQ(b.reg(DMA_ERR_ADDR), kRom + 0x10);
    });
}

TEST(DmaErrors, BusErrorDropsTheQueuedDescriptors)
{
    Bench b;
    test::run([&] {
        // Two good bursts (~2.3 us), then a read crossing the end of main memory: long enough for
        // the second descriptor to be written and enqueued behind it (register writes take bus time).
        b.descriptor(kMain + kMemSize - 128, kSram + 0x1000, 1, 256);
        b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        b.descriptor(kMain, kSram + 0x100, 1, 64);
        b.set(DMA_CMD, DMA_CMD_ENQUEUE);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_ERR);
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 0u);
        EXPECT_EQ(b.host(kSram + 0x100)[0], 0xEE);
    });
}

TEST(DmaErrors, BadDescriptorsSetTheirCodeAndDoNothingElse)
{
    struct Case {
        uint32_t src, dst, rows, row_bytes, src_stride, dst_stride, cmd, code;
    };
    const Case cases[] = {
        {0x8000'0000, 0x9000'0000, 0, 16, 0, 0, DMA_CMD_START, DMA_ERR_ZERO_SIZE},
        {0x8000'0000, 0x9000'0000, 1, 0, 0, 0, DMA_CMD_ENQUEUE, DMA_ERR_ZERO_SIZE},
        {0xFFFF'FF00, 0x9000'0000, 1, 0x101, 0, 0, DMA_CMD_START, DMA_ERR_OVERFLOW},
        {0x8000'0000, 0x9000'0000, 0x10000, 16, 0x10000, 0, DMA_CMD_START, DMA_ERR_OVERFLOW},  // rows*stride
        {0x8000'0000, 0xF000'0000, 0x1001, 16, 0, 0x10'0000, DMA_CMD_START, DMA_ERR_OVERFLOW},
        {0x8000'0000, 0x9000'0000, 1, 16, 0, 0, 0, DMA_ERR_BAD_CMD},
        {0x8000'0000, 0x9000'0000, 1, 16, 0, 0, 3, DMA_ERR_BAD_CMD},
    };
    Bench b;
    test::run([&] {
        b.set(DMA_IRQ_EN, DMA_IRQ_ERR);
        for (const Case& c : cases) {
            b.descriptor(c.src, c.dst, c.rows, c.row_bytes, c.src_stride, c.dst_stride);
            b.set(DMA_CMD, c.cmd);
            b.cpu.sync(sc_time(1, SC_NS));
            EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_ERR) << c.code;
            EXPECT_EQ(b.reg(DMA_ERR_CODE), c.code);
            EXPECT_EQ(b.reg(DMA_ERR_ADDR), 0u);
            EXPECT_EQ(b.reg(DMA_IRQ_STATUS), DMA_IRQ_ERR);
            EXPECT_TRUE(b.irq.level());
            b.set(DMA_CTRL, DMA_CTRL_CLEAR_STATUS);
            b.set(DMA_IRQ_STATUS, DMA_IRQ_ERR);
            EXPECT_EQ(b.reg(DMA_STATUS), 0u);
            EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_NONE);
        }
        sc_core::wait(sc_time(10, sc_core::SC_US));
        EXPECT_EQ(b.main_mem.reads(), 0u);  // nothing moved
        EXPECT_EQ(b.sram.writes(), 0u);
        EXPECT_EQ(b.reg64(DMA_BUSY_CYCLES), 0u);
    });
}

TEST(DmaErrors, ANewBatchClearsTheLastError)
{
    Bench b;
    test::run([&] {
        b.descriptor(kUnmapped, kSram, 1, 4);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_BUS_READ);
        b.descriptor(kMain, kSram, 1, 4);
        b.set(DMA_CMD, DMA_CMD_START);
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_BUSY);
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_NONE);
        EXPECT_EQ(b.reg(DMA_ERR_ADDR), 0u);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE);
    });
}

TEST(DmaErrors, DescriptorsAimedAtTheDmaItselfDoNotHurtTheHost)
{
    // Guest misuse: a copy that writes ENQUEUE into the DMA's own CMD register re-submits itself
    // forever (simulated time still advances); a burst read of its registers is a bus error.
    Bench b;
    test::run(
        [&] {
            const uint32_t enqueue = DMA_CMD_ENQUEUE;
            std::memcpy(b.host(kMain), &enqueue, 4);
            b.descriptor(kMain, kDma + DMA_CMD, 1, 4);
            b.set(DMA_CMD, DMA_CMD_ENQUEUE);
            sc_core::wait(sc_time(20, sc_core::SC_US));
            EXPECT_GT(b.reg64(DMA_DESCS_DONE), 10u);
            EXPECT_TRUE(b.reg(DMA_STATUS) & DMA_STATUS_BUSY);
        },
        sc_time(30, sc_core::SC_US));
}

TEST(DmaErrors, BurstReadOfTheDmaRegistersIsABusError)
{
    Bench b;
    test::run([&] {
        b.descriptor(kDma, kSram, 1, 64);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        EXPECT_EQ(b.reg(DMA_ERR_CODE), DMA_ERR_BUS_READ);
        EXPECT_EQ(b.reg(DMA_ERR_ADDR), kDma);
    });
}

TEST(DmaCounters, ClearCountersZeroesThem)
{
    Bench b;
    test::run([&] {
        b.descriptor(kMain, kSram, 1, 128);
        b.set(DMA_CMD, DMA_CMD_START);
        b.wait_idle();
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), 128u);
        EXPECT_GT(b.reg64(DMA_BUSY_CYCLES), 0u);
        EXPECT_EQ(b.reg(DMA_BUSY_CYCLES + 4), 0u);
        b.set(DMA_CTRL, DMA_CTRL_CLEAR_COUNTERS);
        EXPECT_EQ(b.reg64(DMA_BYTES_MOVED), 0u);
        EXPECT_EQ(b.reg64(DMA_DESCS_DONE), 0u);
        EXPECT_EQ(b.reg64(DMA_BUSY_CYCLES), 0u);
        EXPECT_EQ(b.reg(DMA_STATUS), DMA_STATUS_DONE);  // status is separate
    });
}

TEST(DmaDebug, DebugTransportReadsWithoutSideEffects)
{
    Bench b;
    test::run([&] {
        b.set(DMA_SRC, 0x8000'0040);
        uint8_t data[4] = {};
        EXPECT_EQ(b.cpu.debug_read(kDma + DMA_SRC, data, 4), 4u);
        EXPECT_EQ(data[0], 0x40);
        EXPECT_EQ(data[3], 0x80);
        const uint8_t cmd[4] = {DMA_CMD_START, 0, 0, 0};
        EXPECT_EQ(b.cpu.debug_write(kDma + DMA_CMD, cmd, 4), 0u);
        EXPECT_EQ(b.reg(DMA_STATUS), 0u);
    });
}

}  // namespace
}  // namespace pimsoc
