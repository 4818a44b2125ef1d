// The RTM controller as a TLM device: registers, the data window and its costs, commands with
// exact results against a second model fed the same calls, BUSY and DONE at the modelled
// completion time, the interrupt, every error code, banks in parallel, counters.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <iterator>
#include <string>
#include <memory>
#include <vector>

#include "common/power_failure_known.h"
#include "common/tlm_test_initiator.h"
#include "rtm/rtm.h"
#include "rtm_tlm/rtm_small_params.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::SC_PS;
using sc_core::sc_time;

RtmParams small_params() { return test::rtm_small_params(); }

constexpr uint32_t kBank = 512;

struct Bench {
    std::string name_prefix;  // before the modules' names (two benches in one simulation)
    RtmParams params = small_params();
    Rtm rtm{(name_prefix + "rtm").c_str(), params};
    rtm::RtmArray twin{params.to_model()};  // the same calls, outside SystemC: the expected results
    test::TlmTestInitiator regs{(name_prefix + "regs").c_str()};
    test::TlmTestInitiator win{(name_prefix + "win").c_str()};
    test::IrqSink irq{(name_prefix + "irq_sink").c_str()};

    explicit Bench(const std::string& prefix = "") : name_prefix(prefix)
    {
        regs.socket.bind(rtm.socket);
        win.socket.bind(rtm.window);
        rtm.irq.bind(irq.signal);
    }

    uint32_t reg(uint32_t offset) { return static_cast<uint32_t>(regs.read32(offset).value); }
    void set(uint32_t offset, uint32_t value) { EXPECT_EQ(regs.write32(offset, value), tlm::TLM_OK_RESPONSE); }

    // Fills [address, address + bytes) with a pattern through the window and in the twin.
    void fill(uint32_t address, uint32_t bytes, uint8_t seed)
    {
        std::vector<uint8_t> data(bytes);
        for (uint32_t i = 0; i < bytes; ++i) {
            data[i] = static_cast<uint8_t>(seed + i * 37);
        }
        EXPECT_EQ(win.access(tlm::TLM_WRITE_COMMAND, address, data.data(), bytes), tlm::TLM_OK_RESPONSE);
        twin.write(address, data.data(), bytes);
        win.sync();
    }

    void dot(uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t count, uint32_t stride_b, int32_t init,
             uint32_t type_a = RTM_TYPE_U8, uint32_t type_b = RTM_TYPE_S8)
    {
        set(RTM_OP, RTM_OP_VALUE(RTM_OP_DOT, type_a, type_b));
        set(RTM_SRC_A, a);
        set(RTM_SRC_B, b);
        set(RTM_DST, dst);
        set(RTM_LENGTH, length);
        set(RTM_COUNT, count);
        set(RTM_STRIDE_A, 0);
        set(RTM_STRIDE_B, stride_b);
        set(RTM_INIT, static_cast<uint32_t>(init));
    }

    rtm::DotCommand twin_dot(uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t count, uint32_t stride_b,
                             int32_t init, rtm::ElemType type_a = rtm::ElemType::u8,
                             rtm::ElemType type_b = rtm::ElemType::i8) const
    {
        rtm::DotCommand c;
        c.type_a = type_a;
        c.type_b = type_b;
        c.a = a;
        c.b = b;
        c.dst = dst;
        c.length = length;
        c.count = count;
        c.stride_b = stride_b;
        c.init = init;
        return c;
    }

    // When a START written next (the bank idle) starts: after the register access's latency.
    sc_time next_start()
    {
        regs.sync();
        return sc_core::sc_time_stamp() + sc_time(params.access_latency_ns, SC_NS);
    }

    std::vector<uint8_t> window_bytes(uint32_t address, uint32_t bytes)
    {
        std::vector<uint8_t> data(bytes);
        rtm.array().dump(address, data.data(), bytes);
        return data;
    }
};

TEST(RtmDeviceRegisters, IdentityAndGeometry)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.reg(RTM_ID), RTM_ID_VALUE);
        EXPECT_EQ(b.reg(RTM_CAPS), 2u | (4u << RTM_CAPS_WORD_BYTES_SHIFT) | (2u << RTM_CAPS_PORTS_SHIFT));
        EXPECT_EQ(b.reg(RTM_GEOMETRY), 16u | (4u << RTM_GEOMETRY_DBCS_SHIFT) | (2u << RTM_GEOMETRY_SUBARRAYS_SHIFT));
        EXPECT_EQ(b.reg(RTM_BANK_BYTES), kBank);
        EXPECT_EQ(b.reg(RTM_STATUS), 0u);
        EXPECT_EQ(b.reg(RTM_COUNT), 1u);
        EXPECT_EQ(b.rtm.window_bytes(), 2 * kBank);
    });
}

TEST(RtmDeviceRegisters, MisuseGetsTlmErrors)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.regs.write32(RTM_ID, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.write32(RTM_SHIFTS, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read32(RTM_CMD).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read32(0x3FC).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read8(RTM_ID).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read64(RTM_STATUS).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.win.read32(2 * kBank).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.win.read32(2 * kBank - 2).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
}

TEST(RtmDeviceWindow, AccessesCostWhatTheModelSays)
{
    Bench b;
    test::run([&] {
        for (uint32_t address : {0u, 4u, 64u, 300u, kBank + 12}) {
            const uint32_t value = 0xA5000000u | address;
            EXPECT_EQ(b.win.write32(address, value), tlm::TLM_OK_RESPONSE);
            uint8_t bytes[4];
            std::memcpy(bytes, &value, 4);
            const rtm::Result w = b.twin.write(address, bytes, 4);
            EXPECT_EQ(b.win.last_delay(), sc_time(static_cast<double>(w.cost.latency_ps), SC_PS));
            b.win.sync();
            const test::ReadResult r = b.win.read32(address);
            EXPECT_EQ(r.value, value);
            const rtm::Result rr = b.twin.read(address, bytes, 4);
            EXPECT_EQ(b.win.last_delay(), sc_time(static_cast<double>(rr.cost.data_ps), SC_PS));
            b.win.sync(sc_time(static_cast<double>(rr.cost.latency_ps - rr.cost.data_ps), SC_PS));
        }
        EXPECT_EQ(b.rtm.array().counters(), b.twin.counters());
        EXPECT_GT(b.rtm.array().counters().shifts, 0u);
        // The counters registers read the model's counters.
        EXPECT_EQ(b.regs.read64(RTM_SHIFTS).value, b.twin.counters().shifts);
        EXPECT_EQ(b.regs.read64(RTM_READS).value, 5u);
        EXPECT_EQ(b.regs.read64(RTM_WRITES).value, 5u);
    });
}

TEST(RtmDeviceWindow, DebugTransportHasNoCost)
{
    Bench b;
    test::run([&] {
        const uint8_t data[3] = {1, 2, 3};
        EXPECT_EQ(b.win.debug_write(100, data, 3), 3u);
        uint8_t back[3] = {};
        EXPECT_EQ(b.win.debug_read(100, back, 3), 3u);
        EXPECT_EQ(std::memcmp(data, back, 3), 0);
        EXPECT_EQ(b.rtm.array().counters(), rtm::Counters{});
        EXPECT_EQ(b.win.debug_read(2 * kBank, back, 1), 0u);
    });
}

TEST(RtmDeviceCommands, DotGivesTheModelsResultsAndIsBusyForItsLatency)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 3);     // A: 32 uint8
        b.fill(64, 128, 9);   // B: 4 rows of 32 int8
        b.set(RTM_IRQ_EN, RTM_IRQ_DONE);
        b.dot(256, 0, 64, 32, 4, 32, -100);
        std::vector<int32_t> expected;
        const rtm::Result r = b.twin.run(b.twin_dot(256, 0, 64, 32, 4, 32, -100), &expected);
        ASSERT_EQ(r.error, rtm::RtmError::none);
        b.set(RTM_CMD, RTM_CMD_START);
        const sc_time start = sc_core::sc_time_stamp() + b.regs.last_delay();
        const sc_time end = start + sc_time(static_cast<double>(r.cost.latency_ps), SC_PS);
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
        EXPECT_TRUE(b.reg(RTM_STATUS) & RTM_STATUS_BUSY);
        EXPECT_TRUE(b.reg(RTM_STATUS) & (1u << RTM_STATUS_BANK_BUSY_SHIFT));
        sc_core::wait(end - sc_core::sc_time_stamp() - sc_time(20, SC_NS));
        EXPECT_TRUE(b.reg(RTM_STATUS) & RTM_STATUS_BUSY);  // read at end - 10 ns
        sc_core::wait(sc_time(10, SC_NS));
        EXPECT_EQ(b.reg(RTM_STATUS), RTM_STATUS_DONE);  // read at end
        sc_core::wait(sc_time(11, SC_NS));                // kernel time passes end
        ASSERT_EQ(b.irq.edges.size(), 1u);
        EXPECT_EQ(b.irq.edges[0].time, end);
        EXPECT_EQ(b.reg(RTM_IRQ_STATUS), RTM_IRQ_DONE);
        EXPECT_EQ(static_cast<int32_t>(b.reg(RTM_RESULT)), expected.back());
        std::vector<int32_t> got(4);
        const std::vector<uint8_t> bytes = b.window_bytes(256, 16);
        std::memcpy(got.data(), bytes.data(), 16);
        EXPECT_EQ(got, expected);
        EXPECT_EQ(b.rtm.array().counters(), b.twin.counters());
        EXPECT_EQ(b.regs.read64(RTM_COMMANDS).value, 1u);
        EXPECT_EQ(b.regs.read64(RTM_BUSY_CYCLES).value, r.cost.latency_ps / 10000);
        EXPECT_EQ(b.regs.read64(RTM_ENERGY_PJ).value, static_cast<uint64_t>(b.twin.energy().total_pj()));
        b.set(RTM_IRQ_STATUS, RTM_IRQ_DONE);
        b.regs.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(b.irq.level());
    });
}

// OP's type codes 6..11 are the 1/2/4-bit types: the device computes at their width (the low bits
// of each byte), which gives other results and counters than the same bytes as u8 x s8.
TEST(RtmDeviceCommands, LowBitTypeCodesComputeAtTheirWidth)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 3);    // A: 32 bytes, read as u4 (low nibbles)
        b.fill(64, 128, 9);  // B: 4 rows of 32, read as s4
        std::vector<int32_t> expected, as_int8;
        ASSERT_EQ(b.twin.run(b.twin_dot(256, 0, 64, 32, 4, 32, 7, rtm::ElemType::u4, rtm::ElemType::i4), &expected)
                      .error,
                  rtm::RtmError::none);
        rtm::RtmArray int8_twin{b.params.to_model()};
        int8_twin.load(0, b.window_bytes(0, 192).data(), 192);
        int8_twin.run(b.twin_dot(256, 0, 64, 32, 4, 32, 7), &as_int8);
        EXPECT_NE(expected, as_int8);
        b.dot(256, 0, 64, 32, 4, 32, 7, RTM_TYPE_U4, RTM_TYPE_S4);
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_EQ(b.reg(RTM_STATUS), RTM_STATUS_DONE);
        std::vector<int32_t> got(4);
        std::memcpy(got.data(), b.window_bytes(256, 16).data(), 16);
        EXPECT_EQ(got, expected);
        EXPECT_EQ(b.rtm.array().counters(), b.twin.counters());
        EXPECT_LT(b.rtm.array().counters().mult_bits, int8_twin.counters().mult_bits);
    });
}

TEST(RtmDeviceCommands, Conv2dGivesTheModelsResults)
{
    Bench b;
    test::run([&] {
        b.fill(0, 2 * 6 * 6, 1);  // input 2 x 6 x 6 uint8
        b.fill(80, 2 * 3 * 3, 5);  // kernel 2 x 3 x 3 int8
        b.set(RTM_OP, RTM_OP_VALUE(RTM_OP_CONV2D, RTM_TYPE_U8, RTM_TYPE_S8));
        b.set(RTM_SRC_A, 0);
        b.set(RTM_SRC_B, 80);
        b.set(RTM_DST, 128);
        b.set(RTM_INIT, 7);
        b.set(RTM_CONV_IN, RTM_CONV_IN_VALUE(2, 6, 6));
        b.set(RTM_CONV_K, RTM_CONV_K_VALUE(3, 3, 1, 1, 1, 1));
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
        rtm::Conv2dCommand c;
        c.in = 0;
        c.channels = 2;
        c.height = 6;
        c.width = 6;
        c.kernel = 80;
        c.kernel_h = 3;
        c.kernel_w = 3;
        c.pad_h = 1;
        c.pad_w = 1;
        c.init = 7;
        c.dst = 128;
        std::vector<int32_t> expected;
        ASSERT_EQ(b.twin.run(c, &expected).error, rtm::RtmError::none);
        ASSERT_EQ(expected.size(), 36u);
        std::vector<int32_t> got(36);
        const std::vector<uint8_t> bytes = b.window_bytes(128, 36 * 4);
        std::memcpy(got.data(), bytes.data(), bytes.size());
        EXPECT_EQ(got, expected);
    });
}

TEST(RtmDeviceCommands, BanksRunInParallelAndOneBankInTurn)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 1);
        b.fill(64, 64, 2);
        b.fill(kBank, 32, 3);
        b.fill(kBank + 64, 64, 4);
        const rtm::Result r0 = b.twin.run(b.twin_dot(200, 0, 64, 32, 2, 32, 0));
        const rtm::Result r1 = b.twin.run(b.twin_dot(kBank + 200, kBank, kBank + 64, 32, 2, 32, 0));
        b.dot(200, 0, 64, 32, 2, 32, 0);
        b.set(RTM_CMD, RTM_CMD_START);
        const sc_time start0 = sc_core::sc_time_stamp() + b.regs.last_delay();
        b.regs.sync();
        b.dot(kBank + 200, kBank, kBank + 64, 32, 2, 32, 0);
        b.set(RTM_CMD, RTM_CMD_START);
        const sc_time start1 = sc_core::sc_time_stamp() + b.regs.last_delay();
        EXPECT_EQ(b.reg(RTM_STATUS) & RTM_STATUS_BANK_BUSY_MASK, 3u << RTM_STATUS_BANK_BUSY_SHIFT);
        b.regs.sync();
        // Bank 0 again at once: it waits for bank 0's first command.
        b.dot(300, 0, 64, 32, 2, 32, 0);
        const rtm::Result r2 = b.twin.run(b.twin_dot(300, 0, 64, 32, 2, 32, 0));
        b.set(RTM_CMD, RTM_CMD_START);
        const sc_time end0 = start0 + sc_time(static_cast<double>(r0.cost.latency_ps), SC_PS);
        const sc_time end1 = start1 + sc_time(static_cast<double>(r1.cost.latency_ps), SC_PS);
        const sc_time end2 = end0 + sc_time(static_cast<double>(r2.cost.latency_ps), SC_PS);
        sc_core::wait(end1 - sc_core::sc_time_stamp());
        EXPECT_EQ(b.reg(RTM_STATUS) & RTM_STATUS_BANK_BUSY_MASK, 1u << RTM_STATUS_BANK_BUSY_SHIFT);
        sc_core::wait(end2 - sc_core::sc_time_stamp());
        EXPECT_EQ(b.reg(RTM_STATUS) & RTM_STATUS_BUSY, 0u);
        EXPECT_GT(end0, end1 - sc_time(static_cast<double>(r1.cost.latency_ps), SC_PS));  // they overlapped
        EXPECT_EQ(b.regs.read64(RTM_COMMANDS).value, 3u);
    });
}

TEST(RtmDeviceCommands, AWindowAccessWaitsForItsBank)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 1);
        b.fill(64, 64, 2);
        const rtm::Result r = b.twin.run(b.twin_dot(200, 0, 64, 32, 2, 32, 0));
        b.dot(200, 0, 64, 32, 2, 32, 0);
        b.set(RTM_CMD, RTM_CMD_START);
        const sc_time end = sc_core::sc_time_stamp() + b.regs.last_delay() +
                            sc_time(static_cast<double>(r.cost.latency_ps), SC_PS);
        EXPECT_EQ(b.win.read32(kBank).status, tlm::TLM_OK_RESPONSE);  // bank 1: no wait
        EXPECT_LT(sc_core::sc_time_stamp() + b.win.last_delay(), end);
        EXPECT_EQ(b.win.read32(200).status, tlm::TLM_OK_RESPONSE);  // bank 0: after the command
        EXPECT_GT(sc_core::sc_time_stamp() + b.win.last_delay(), end);
    });
}

// Each rejected descriptor sets its code, ERR and IRQ_STATUS.ERR, and changes nothing else.
TEST(RtmDeviceErrors, EachBadCommandSetsItsCodeAndChangesNothing)
{
    struct Case {
        const char* what;
        uint32_t op, a, b, dst, length, count, stride_b, cmd;
        uint32_t code;
    };
    const uint32_t dot = RTM_OP_VALUE(RTM_OP_DOT, RTM_TYPE_U8, RTM_TYPE_S8);
    const Case cases[] = {
        {"unknown opcode", 9, 0, 64, 256, 8, 1, 0, RTM_CMD_START, RTM_ERR_BAD_OPCODE},
        {"unknown type", RTM_OP_VALUE(RTM_OP_DOT, 12, RTM_TYPE_S8), 0, 64, 256, 8, 1, 0, RTM_CMD_START, RTM_ERR_BAD_TYPE},
        {"zero length", dot, 0, 64, 256, 0, 1, 0, RTM_CMD_START, RTM_ERR_ZERO_SIZE},
        {"zero count", dot, 0, 64, 256, 8, 0, 0, RTM_CMD_START, RTM_ERR_ZERO_SIZE},
        {"past the window", dot, 0, 2 * kBank - 4, 256, 8, 1, 0, RTM_CMD_START, RTM_ERR_OUT_OF_RANGE},
        {"two banks", dot, 0, kBank, 256, 8, 1, 0, RTM_CMD_START, RTM_ERR_CROSS_BANK},
        {"misaligned result", dot, 0, 64, 258, 8, 1, 0, RTM_CMD_START, RTM_ERR_MISALIGNED},
        {"result over an operand", dot, 0, 64, 64, 8, 1, 0, RTM_CMD_START, RTM_ERR_OVERLAP},
        {"unknown CMD", dot, 0, 64, 256, 8, 1, 0, 0x7, RTM_ERR_BAD_CMD},
    };
    Bench b;
    test::run([&] {
        b.fill(0, 128, 1);
        b.set(RTM_IRQ_EN, RTM_IRQ_ERR);
        const rtm::Counters before = b.rtm.array().counters();
        const std::vector<uint8_t> contents = b.window_bytes(0, 2 * kBank);
        for (const Case& c : cases) {
            b.dot(c.dst, c.a, c.b, c.length, c.count, c.stride_b, 0);
            b.set(RTM_OP, c.op);
            b.set(RTM_CMD, c.cmd);
            EXPECT_EQ(b.reg(RTM_ERR_CODE), c.code) << c.what;
            EXPECT_TRUE(b.reg(RTM_STATUS) & RTM_STATUS_ERR) << c.what;
            EXPECT_EQ(b.reg(RTM_STATUS) & RTM_STATUS_BUSY, 0u) << c.what;
        }
        EXPECT_EQ(b.rtm.array().counters(), before);
        EXPECT_EQ(b.window_bytes(0, 2 * kBank), contents);
        EXPECT_EQ(b.rtm.commands_rejected(), std::size(cases));
        b.regs.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(b.irq.level());
        EXPECT_EQ(b.reg(RTM_IRQ_STATUS), RTM_IRQ_ERR);
        // A good command clears ERR; CLEAR_STATUS clears DONE.
        b.dot(256, 0, 64, 8, 1, 0, 0);
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
        EXPECT_EQ(b.reg(RTM_STATUS) & RTM_STATUS_ERR, 0u);
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_TRUE(b.reg(RTM_STATUS) & RTM_STATUS_DONE);
        b.set(RTM_CTRL, RTM_CTRL_CLEAR_STATUS);
        EXPECT_EQ(b.reg(RTM_STATUS), 0u);
    });
}

TEST(RtmDeviceCounters, ClearCountersZeroesThem)
{
    Bench b;
    test::run([&] {
        b.fill(0, 64, 1);
        EXPECT_GT(b.regs.read64(RTM_WRITES).value, 0u);
        b.set(RTM_CTRL, RTM_CTRL_CLEAR_COUNTERS);
        for (uint32_t counter = RTM_SHIFTS; counter <= RTM_COMMANDS; counter += 8) {
            EXPECT_EQ(b.regs.read64(counter).value, 0u) << std::hex << counter;
        }
        EXPECT_EQ(b.win.read32(0).status, tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.regs.read64(RTM_READS).value, 1u);
        EXPECT_EQ(b.regs.read32(RTM_READS + 4).value, 0u);  // the high word
    });
}

TEST(RtmDeviceParams, BadValuesNameTheirKey)
{
    const auto problem = [](RtmParams p) -> std::string {
        try {
            p.to_model();
        } catch (const std::invalid_argument& error) {
            return error.what();
        }
        return "";
    };
    RtmParams p = small_params();
    p.port_policy = "smart";
    EXPECT_EQ(problem(p), "rtm.port_policy: 'smart' is not static or dynamic");
    p = small_params();
    p.return_policy = "soon";
    EXPECT_EQ(problem(p), "rtm.return_policy: 'soon' is not lazy or eager");
    p = small_params();
    p.placement = "random";
    EXPECT_EQ(problem(p), "rtm.placement: 'random' is not sequential or interleaved");
    p = small_params();
    p.adder_mode = "fast";
    EXPECT_EQ(problem(p), "rtm.adder_mode: 'fast' is not bit_serial or word_parallel");
    p = small_params();
    p.booth_radix = "radix8";
    EXPECT_EQ(problem(p), "rtm.booth_radix: 'radix8' is not radix2 or radix4");
    p = small_params();
    p.cost_model = "rtsim";
    EXPECT_EQ(problem(p), "rtm.cost_model: 'rtsim' is not circuit or legacy");
    p = small_params();
    p.accumulator = "wide";
    EXPECT_EQ(problem(p), "rtm.accumulator: 'wide' is not bound or fused or int32");
    p = small_params();
    p.model.geometry.tracks_per_dbc = 24;
    EXPECT_EQ(problem(p), "rtm.tracks_per_dbc: 24 is not 8, 16, 32 or 64");
    EXPECT_EQ(problem(small_params()), "");
}

// The strings select the model's energy preset and accumulator.
TEST(RtmDeviceParams, CostModelAndAccumulatorStrings)
{
    RtmParams p = small_params();
    EXPECT_EQ(p.to_model().energy.model, rtm::CostModel::circuit);  // the default
    EXPECT_EQ(p.to_model().energy.accumulator, rtm::Accumulator::bound);
    p.cost_model = "legacy";
    p.accumulator = "fused";
    EXPECT_EQ(p.to_model().energy.model, rtm::CostModel::legacy);
    EXPECT_EQ(p.to_model().energy.accumulator, rtm::Accumulator::fused);
    p.accumulator = "int32";
    EXPECT_EQ(p.to_model().energy.accumulator, rtm::Accumulator::int32);
}

}  // namespace
}  // namespace pimsoc

namespace pimsoc {
namespace {

// Queue depth 4 (the default): on one bank the running command and four waiting ones are accepted,
// the sixth START is refused with ERR_BUSY and changes nothing; the other bank still takes commands.
TEST(RtmDeviceQueue, AFullBankQueueRefusesWithErrBusy)
{
    Bench b;
    ASSERT_EQ(b.params.queue_depth, 4u);
    test::run([&] {
        b.dot(256, 0, 64, 32, 1, 0, 0);
        for (int i = 0; i < 5; ++i) {
            b.set(RTM_CMD, RTM_CMD_START);
            EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE) << "start " << i;
        }
        const uint64_t shifts = b.regs.read64(RTM_SHIFTS).value;
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_BUSY);
        EXPECT_TRUE(b.reg(RTM_STATUS) & RTM_STATUS_ERR);
        EXPECT_EQ(b.regs.read64(RTM_SHIFTS).value, shifts);  // the refused command ran nothing
        EXPECT_EQ(b.rtm.commands_rejected(), 1u);
        b.dot(kBank + 256, kBank, kBank + 64, 32, 1, 0, 0);  // bank 1
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_EQ(b.reg(RTM_STATUS) & RTM_STATUS_BUSY, 0u);
        EXPECT_EQ(b.regs.read64(RTM_COMMANDS).value, 6u);
    });
}

// The finding of issue 11: a debug write to CMD started a command.
TEST(RtmDeviceRegisters, DebugWritesChangeNothing)
{
    Bench b;
    test::run([&] {
        b.dot(256, 0, 64, 32, 1, 0, 0);
        const uint8_t start[4] = {RTM_CMD_START, 0, 0, 0};
        EXPECT_EQ(b.regs.debug_write(RTM_CMD, start, 4), 0u);
        const uint8_t length[4] = {7, 0, 0, 0};
        EXPECT_EQ(b.regs.debug_write(RTM_LENGTH, length, 4), 0u);
        EXPECT_EQ(b.reg(RTM_LENGTH), 32u);
        EXPECT_EQ(b.reg(RTM_STATUS), 0u);
        EXPECT_EQ(b.regs.read64(RTM_SHIFTS).value, 0u);
        EXPECT_EQ(b.rtm.array().counters(), rtm::Counters{});
    });
}

// reset(): registers back to their reset values, commands in flight forgotten (no DONE, no
// interrupt), counters zero; the array (non-volatile racetracks) keeps its contents.
TEST(RtmDeviceReset, ClearsRegistersAndCommandsAndKeepsTheArray)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 3);
        b.set(RTM_IRQ_EN, RTM_IRQ_DONE | RTM_IRQ_ERR);
        b.dot(256, 0, 64, 32, 1, 0, 5);
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_TRUE(b.reg(RTM_STATUS) & RTM_STATUS_BUSY);
        const std::vector<uint8_t> before = b.window_bytes(0, 2 * kBank);
        b.regs.sync();
        b.rtm.reset();
        EXPECT_EQ(b.reg(RTM_STATUS), 0u);
        EXPECT_EQ(b.reg(RTM_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(RTM_LENGTH), 0u);
        EXPECT_EQ(b.reg(RTM_COUNT), 1u);
        EXPECT_EQ(b.regs.read64(RTM_SHIFTS).value, 0u);
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_EQ(b.reg(RTM_STATUS), 0u);
        EXPECT_EQ(b.reg(RTM_IRQ_STATUS), 0u);
        EXPECT_EQ(b.regs.read64(RTM_COMMANDS).value, 0u);
        EXPECT_EQ(b.irq.rising_edges(), 0u);
        EXPECT_EQ(b.window_bytes(0, 2 * kBank), before);
    });
}

// A power failure known ahead (Rtm::set_power_cut, docs/models/rtm_controller.md "Power failure"): a command
// running across it leaves none of its results, the one queued behind it never runs; a cut after
// the command's end changes nothing.
TEST(RtmDevicePowerCut, ACommandCutMidwayLeavesNoneOfItsResultsAndItsQueueNeverRuns)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 3);
        b.fill(64, 128, 9);
        b.fill(256, 32, 77);  // the old results: two commands' destinations
        const std::vector<uint8_t> before = b.window_bytes(0, kBank);
        const rtm::Counters counters_before = b.rtm.array().counters();
        const uint64_t mults_before = b.regs.read64(RTM_MULTS).value;
        const uint64_t reads_before = b.regs.read64(RTM_READS).value;
        const uint64_t energy_before = b.regs.read64(RTM_ENERGY_PJ).value;
        const rtm::Result r = b.twin.run(b.twin_dot(256, 0, 64, 32, 4, 32, -100));
        ASSERT_EQ(r.error, rtm::RtmError::none);
        const sc_time start = b.next_start();
        const sc_time cut = start + sc_time(static_cast<double>(r.cost.latency_ps / 2), SC_PS);
        b.rtm.set_power_cut(cut);
        b.dot(256, 0, 64, 32, 4, 32, -100);
        b.set(RTM_CMD, RTM_CMD_START);
        EXPECT_EQ(sc_core::sc_time_stamp() + b.regs.last_delay(), start);
        b.set(RTM_DST, 272);
        b.set(RTM_CMD, RTM_CMD_START);  // queued behind it: would start after the cut
        EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
        // The model ran the cut one whole; the controller counts the half that ran before the
        // failure (time-proportional, rounded down); the queued one nothing.
        EXPECT_EQ(b.rtm.array().counters().macs - counters_before.macs, r.cost.counters.macs);
        const rtm::Counters half = pim::part_of(r.cost.counters, r.cost.latency_ps / 2, r.cost.latency_ps);
        EXPECT_EQ(b.regs.read64(RTM_MULTS).value - mults_before, r.cost.counters.mults / 2);
        EXPECT_EQ(b.regs.read64(RTM_READS).value - reads_before, half.reads);
        EXPECT_NEAR(static_cast<double>(b.regs.read64(RTM_ENERGY_PJ).value - energy_before),
                    b.rtm.array().unit_costs().energy(half).total_pj(), 1.0);
        EXPECT_EQ(b.regs.read64(RTM_BUSY_CYCLES).value, r.cost.latency_ps / 2 / 10000);  // 100 MHz
        sc_core::wait(cut + sc_time(3, SC_NS) - sc_core::sc_time_stamp());
        EXPECT_EQ(b.reg(RTM_STATUS) & (RTM_STATUS_BUSY | RTM_STATUS_DONE), RTM_STATUS_BUSY);  // never DONE
        EXPECT_EQ(b.window_bytes(0, kBank), before);  // neither command's results landed
        b.rtm.lose_power();
        EXPECT_EQ(b.reg(RTM_STATUS), 0u);
        EXPECT_EQ(b.window_bytes(0, kBank), before);  // the array is non-volatile
        EXPECT_EQ(b.regs.read64(RTM_COMMANDS).value, 0u);
    });
}

// The command ends exactly at the failure: it completes (whenever the failure was known).
void a_failure_at_the_end_changes_nothing(test::FailureKnown known)
{
    Bench b;
    test::run([&] {
        b.fill(0, 32, 3);
        b.fill(64, 128, 9);
        std::vector<int32_t> expected;
        const rtm::Result r = b.twin.run(b.twin_dot(256, 0, 64, 32, 4, 32, -100), &expected);
        ASSERT_EQ(r.error, rtm::RtmError::none);
        const sc_time start = b.next_start();
        const sc_time end = start + sc_time(static_cast<double>(r.cost.latency_ps), SC_PS);
        test::announce_failure(b.rtm, end, known);
        b.dot(256, 0, 64, 32, 4, 32, -100);
        b.set(RTM_CMD, RTM_CMD_START);
        test::reach_failure(b.rtm, end, known);
        EXPECT_EQ(b.reg(RTM_STATUS), RTM_STATUS_DONE);
        std::vector<int32_t> got(4);
        const std::vector<uint8_t> bytes = b.window_bytes(256, 16);
        std::memcpy(got.data(), bytes.data(), 16);
        EXPECT_EQ(got, expected);
        EXPECT_EQ(b.rtm.array().counters(), b.twin.counters());
        EXPECT_EQ(b.regs.read64(RTM_MULTS).value, b.twin.counters().mults);  // counted whole
        EXPECT_EQ(b.regs.read64(RTM_ENERGY_PJ).value, static_cast<uint64_t>(std::floor(b.twin.energy().total_pj())));
    });
}

TEST(RtmDevicePowerCut, ACutAfterTheCommandsEndChangesNothing)
{
    a_failure_at_the_end_changes_nothing(test::FailureKnown::ahead);
}

TEST(RtmDevicePowerCut, AFailureForeseenAfterTheEndLeavesTheCommandWhole)
{
    a_failure_at_the_end_changes_nothing(test::FailureKnown::later);
}

// A power failure foreseen only after the acceptance (the harvest mode: a later check or a later
// command's energy; Rtm::cut_at_power_failure at the failure): the command running across it and
// the one queued behind it end exactly as a failure known at their acceptance leaves them (a
// second bench, Rtm::set_power_cut): the same bank bytes (none of their results), counters
// (the part before the failure) and STATUS.
struct CutState {
    std::vector<uint8_t> bank;
    std::vector<uint64_t> counters;
    uint32_t status = 0;
    bool operator==(const CutState& o) const { return bank == o.bank && counters == o.counters && status == o.status; }
};

void fill_operands_and_old_results(Bench& b)
{
    b.fill(0, 32, 3);
    b.fill(64, 128, 9);
    b.fill(256, 32, 77);
}

// On `b`: a DOT over old results and one queued behind it, the failure `cut_ps` after the first's
// start, known ahead or foreseen after the acceptance; the state at the failure.
CutState cut_dot_and_its_queue(Bench& b, uint64_t cut_ps, test::FailureKnown known)
{
    const sc_time cut = b.next_start() + sc_time(static_cast<double>(cut_ps), SC_PS);
    test::announce_failure(b.rtm, cut, known);
    b.dot(256, 0, 64, 32, 4, 32, -100);
    b.set(RTM_CMD, RTM_CMD_START);
    b.set(RTM_DST, 272);
    b.set(RTM_CMD, RTM_CMD_START);  // queued behind it
    EXPECT_EQ(b.reg(RTM_ERR_CODE), RTM_ERR_NONE);
    test::reach_failure(b.rtm, cut, known);
    CutState state{b.window_bytes(0, kBank), b.regs.read64_each(RTM_SHIFTS, RTM_COMMANDS), b.reg(RTM_STATUS)};
    b.rtm.lose_power();
    return state;
}

TEST(RtmDevicePowerCut, AFailureForeseenAfterTheAcceptanceCutsAsOneKnownAhead)
{
    Bench late("late_"), earlier("earlier_"), ahead("ahead_");
    test::run([&] {
        const std::vector<uint8_t> untouched = late.window_bytes(0, kBank);
        for (Bench* b : {&late, &earlier, &ahead}) {
            fill_operands_and_old_results(*b);
        }
        const std::vector<uint8_t> old_results = late.window_bytes(256, 32);
        const rtm::Result r = late.twin.run(late.twin_dot(256, 0, 64, 32, 4, 32, -100));
        ASSERT_EQ(r.error, rtm::RtmError::none);
        const CutState cut_late = cut_dot_and_its_queue(late, r.cost.latency_ps / 2, test::FailureKnown::later);
        const CutState cut_earlier =
            cut_dot_and_its_queue(earlier, r.cost.latency_ps / 2, test::FailureKnown::brought_earlier);
        const CutState cut_ahead = cut_dot_and_its_queue(ahead, r.cost.latency_ps / 2, test::FailureKnown::ahead);
        EXPECT_EQ(cut_late, cut_ahead);
        EXPECT_EQ(cut_earlier, cut_ahead);
        EXPECT_NE(cut_late.bank, untouched);  // the filled operands are there, the results not:
        std::vector<uint8_t> results(cut_late.bank.begin() + 256, cut_late.bank.begin() + 288);
        EXPECT_EQ(results, old_results);
        EXPECT_EQ(cut_late.counters[(RTM_MULTS - RTM_SHIFTS) / 8], late.rtm.array().counters().mults -
                                                                       2 * r.cost.counters.mults +
                                                                       r.cost.counters.mults / 2);
        EXPECT_EQ(cut_late.status & (RTM_STATUS_BUSY | RTM_STATUS_DONE), RTM_STATUS_BUSY);
    });
}

}  // namespace
}  // namespace pimsoc
