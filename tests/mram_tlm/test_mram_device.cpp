// The SOT-MRAM controller as a TLM device: registers, the operand window and its costs, DOT, CONV2D
// and MVM at several widths and both signed schemes with exact results against a second model fed
// the same calls, BUSY and DONE at the modelled completion time, the interrupt, every error code,
// banks in parallel, the bounded queue, step budgets with RESUME, power loss with and without
// non-volatile partial state, counters and reset.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "common/tlm_test_initiator.h"
#include "mram/mram.h"
#include "mram/mram_test_util.h"
#include "mram_tlm/mram_bench.h"
#include "mram_tlm/mram_small_params.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using namespace test_bench;

TEST(MramDeviceRegisters, IdentityAndGeometry)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.reg(MRAM_ID), MRAM_ID_VALUE);
        EXPECT_EQ(b.reg(MRAM_CAPS), 2u | (2u << MRAM_CAPS_SUBARRAYS_SHIFT));
        EXPECT_EQ(b.reg(MRAM_GEOMETRY), 32u | (64u << MRAM_GEOMETRY_COLUMNS_SHIFT));
        EXPECT_EQ(b.reg(MRAM_BANK_BYTES), kBank);
        EXPECT_EQ(b.reg(MRAM_SEGMENT_BITS), 16u);
        EXPECT_EQ(b.reg(MRAM_STATUS), 0u);
        EXPECT_EQ(b.reg(MRAM_COUNT), 1u);
        EXPECT_EQ(b.reg(MRAM_STEPS), 0u);
        EXPECT_EQ(b.reg(MRAM_STEPS_DONE), 0u);
        EXPECT_EQ(b.reg(MRAM_STEPS_TOTAL), 0u);
        EXPECT_EQ(b.mram.window_bytes(), 2 * kBank);
    });
}

TEST(MramDeviceRegisters, MisuseGetsTlmErrors)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.regs.write32(MRAM_ID, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.write32(MRAM_STEPS_DONE, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.write32(MRAM_SENSES, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read32(MRAM_CMD).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read32(0x3FC).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read8(MRAM_ID).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.win.read32(2 * kBank).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
}

// A window access of n bytes is ceil(8n / columns) SOT row writes (reads) at the array's costs.
TEST(MramDeviceWindow, AccessesCostSotRowWritesAndReads)
{
    Bench b;
    const mram::UnitCosts& u = b.twin.unit_costs();
    test::run([&] {
        EXPECT_EQ(b.win.write32(8, 0xA5A5F00Du), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.win.last_delay(), ps(u.write_ps));  // 32 bits: one 64-column row
        b.win.sync();
        std::vector<uint8_t> block(64, 0x3C);  // 512 bits: 8 rows
        EXPECT_EQ(b.win.access(tlm::TLM_WRITE_COMMAND, kBank + 64, block.data(), 64), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.win.last_delay(), ps(8 * u.write_ps));
        b.win.sync();
        const test::ReadResult r = b.win.read32(8);
        EXPECT_EQ(r.value, 0xA5A5F00Du);
        EXPECT_EQ(b.win.last_delay(), ps(u.read_ps));
        b.win.sync();
        const double energy = (32 + 512) * u.write_pj_per_bit + 32 * u.read_pj_per_bit;
        EXPECT_EQ(b.regs.read64(MRAM_ENERGY_PJ).value, static_cast<uint64_t>(std::floor(energy)));
        EXPECT_EQ(b.mram.array().counters(), mram::Counters{});  // the model's load/dump are free
    });
}

TEST(MramDeviceWindow, AnAccessAcrossABankBoundaryIsAnAddressError)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.win.write64(kBank - 4, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read64(MRAM_ENERGY_PJ).value, 0u);
        EXPECT_EQ(b.win.write64(kBank - 8, 1), tlm::TLM_OK_RESPONSE);
    });
}

TEST(MramDeviceWindow, DebugTransportHasNoCost)
{
    Bench b;
    test::run([&] {
        const uint8_t data[3] = {1, 2, 3};
        EXPECT_EQ(b.win.debug_write(100, data, 3), 3u);
        uint8_t back[3] = {};
        EXPECT_EQ(b.win.debug_read(100, back, 3), 3u);
        EXPECT_EQ(std::memcmp(data, back, 3), 0);
        EXPECT_EQ(b.regs.read64(MRAM_ENERGY_PJ).value, 0u);
        EXPECT_EQ(b.win.debug_read(2 * kBank, back, 1), 0u);
    });
}

TEST(MramDeviceCommands, DotGivesTheModelsResultsAndIsBusyForItsLatency)
{
    Bench b;
    test::run([&] {
        b.fill(0, 16, 3);   // A: 32 u4
        b.fill(64, 64, 9);  // W: 4 rows of 32 s4
        b.set(MRAM_IRQ_EN, MRAM_IRQ_DONE);
        b.dot(kU4S4, 256, 0, 64, 32, 4, 16, -100);
        std::vector<int32_t> expected;
        const mram::Result r = b.twin.run(
            Bench::twin_dot(pim::ElemType::u4, pim::ElemType::i4, 256, 0, 64, 32, 4, 16, -100), &expected);
        ASSERT_EQ(r.error, mram::MramError::none);
        b.set(MRAM_CMD, MRAM_CMD_START);
        const sc_time start = sc_core::sc_time_stamp() + b.regs.last_delay();
        const sc_time end = start + ps(r.cost.latency_ps);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_BUSY | (1u << MRAM_STATUS_BANK_BUSY_SHIFT));
        sc_core::wait(end - sc_core::sc_time_stamp() - sc_time(20, SC_NS));
        EXPECT_TRUE(b.reg(MRAM_STATUS) & MRAM_STATUS_BUSY);  // read at end - 10 ns
        sc_core::wait(sc_time(10, SC_NS));
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_DONE);  // read at end
        sc_core::wait(sc_time(11, SC_NS));
        ASSERT_EQ(b.irq.edges.size(), 1u);
        EXPECT_EQ(b.irq.edges[0].time, end);
        EXPECT_EQ(b.reg(MRAM_IRQ_STATUS), MRAM_IRQ_DONE);
        EXPECT_EQ(static_cast<int32_t>(b.reg(MRAM_RESULT)), expected.back());
        EXPECT_EQ(b.results(256, 4), expected);
        EXPECT_EQ(b.mram.array().counters(), b.twin.counters());
        const mram::Counters& c = b.twin.counters();
        EXPECT_EQ(b.regs.read64(MRAM_ROW_WRITES).value, c.row_writes);
        EXPECT_EQ(b.regs.read64(MRAM_SENSES).value, c.and_senses + c.or_senses);
        EXPECT_EQ(b.regs.read64(MRAM_COUNTS).value, c.counts);
        EXPECT_EQ(b.regs.read64(MRAM_SHIFTS).value, c.shifts);
        EXPECT_EQ(b.regs.read64(MRAM_ADDS).value, c.adds);
        EXPECT_EQ(b.regs.read64(MRAM_STEPS_RUN).value, c.steps);
        EXPECT_EQ(b.regs.read64(MRAM_NV_WRITES).value, 0u);
        EXPECT_EQ(b.regs.read64(MRAM_COMMANDS).value, 1u);
        EXPECT_EQ(b.regs.read64(MRAM_BUSY_CYCLES).value, r.cost.latency_ps / 10000);
        b.set(MRAM_IRQ_STATUS, MRAM_IRQ_DONE);
        b.regs.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(b.irq.level());
    });
}

// Every opcode at several widths and both signed schemes equals the second model fed the same
// command (the model's own tests check it against integer references).
TEST(MramDeviceCommands, ConvAndMvmAtEveryWidthGiveTheModelsResults)
{
    struct Case {
        const char* what;
        uint32_t a_bits;
        bool a_signed;
        uint32_t w_bits;
        bool w_signed;
        bool plus_minus_one;
    };
    const Case cases[] = {
        {"1:1", 1, false, 1, false, false},       {"W1(+-1):A2", 2, false, 1, false, true},
        {"W1(+-1):A8s", 8, true, 1, false, true}, {"W2s:A2", 2, false, 2, true, false},
        {"W4s:A4s", 4, true, 4, true, false},     {"W8s:A8", 8, false, 8, true, false},
    };
    Bench b;
    test::run([&] {
        b.fill(0, 2 * 5 * 5, 1);    // input: up to 2 x 5 x 5 elements of up to 8 bits
        b.fill(100, 2 * 3 * 3, 7);  // kernel: up to 2 x 3 x 3
        b.fill(kBank, 64, 11);      // MVM x: up to 24 elements; matrix rows of 24 at a 32-byte pitch
        b.fill(kBank + 64, 6 * 32, 13);
        b.fill(kBank + 300, 6 * 4, 17);  // biases
        for (const Case& k : cases) {
            const pim::ElemType ta =
                k.a_signed ? pim::ElemType::signed_bits(k.a_bits) : pim::ElemType::unsigned_bits(k.a_bits);
            const pim::ElemType tw =
                k.w_signed ? pim::ElemType::signed_bits(k.w_bits) : pim::ElemType::unsigned_bits(k.w_bits);
            const mram::WeightCoding coding =
                k.plus_minus_one ? mram::WeightCoding::plus_minus_one : mram::WeightCoding::plain;
            const uint32_t pm1 = k.plus_minus_one ? MRAM_OP_W_PLUS_MINUS_ONE : 0u;

            b.set(MRAM_OP, MRAM_OP_VALUE(MRAM_OP_CONV2D, k.a_bits, k.a_signed, k.w_bits, k.w_signed) | pm1);
            b.set(MRAM_SRC_A, 0);
            b.set(MRAM_SRC_W, 100);
            b.set(MRAM_DST, 512);
            b.set(MRAM_INIT, 3);
            b.set(MRAM_CONV_IN, PIM_CONV_IN_VALUE(2, 5, 5));
            b.set(MRAM_CONV_K, PIM_CONV_K_VALUE(3, 3, 2, 1, 1, 0));
            b.set(MRAM_CMD, MRAM_CMD_START);
            EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE) << k.what;
            mram::Conv2dCommand conv;
            conv.in_type = ta;
            conv.kernel_type = tw;
            conv.in = 0;
            conv.channels = 2;
            conv.height = 5;
            conv.width = 5;
            conv.kernel = 100;
            conv.kernel_h = 3;
            conv.kernel_w = 3;
            conv.stride_h = 2;
            conv.pad_h = 1;
            conv.init = 3;
            conv.dst = 512;
            std::vector<int32_t> expected;
            ASSERT_EQ(b.twin.run(conv, &expected, {coding}).error, mram::MramError::none) << k.what;
            ASSERT_EQ(expected.size(), 3u * 3u);
            EXPECT_EQ(b.results(512, expected.size()), expected) << k.what;

            b.set(MRAM_OP, MRAM_OP_VALUE(MRAM_OP_MVM, k.a_bits, k.a_signed, k.w_bits, k.w_signed) | pm1 |
                               MRAM_OP_FLAG_BIAS);
            b.set(MRAM_SRC_A, kBank);
            b.set(MRAM_SRC_W, kBank + 64);
            b.set(MRAM_DST, kBank + 400);
            b.set(MRAM_LENGTH, 24);
            b.set(MRAM_COUNT, 6);
            b.set(MRAM_STRIDE_W, 32);
            b.set(MRAM_BIAS, kBank + 300);
            b.set(MRAM_CMD, MRAM_CMD_START);
            EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE) << k.what;
            mram::MvmCommand mvm;
            mvm.x_type = ta;
            mvm.matrix_type = tw;
            mvm.x = kBank;
            mvm.matrix = kBank + 64;
            mvm.rows = 6;
            mvm.cols = 24;
            mvm.row_stride = 32;
            mvm.has_bias = true;
            mvm.bias = kBank + 300;
            mvm.dst = kBank + 400;
            ASSERT_EQ(b.twin.run(mvm, &expected, {coding}).error, mram::MramError::none) << k.what;
            EXPECT_EQ(b.results(kBank + 400, 6), expected) << k.what;
            b.drain();
        }
        EXPECT_EQ(b.mram.array().counters(), b.twin.counters());
        EXPECT_EQ(b.regs.read64(MRAM_COMMANDS).value, 2 * std::size(cases));
    });
}

TEST(MramDeviceCommands, BanksRunInParallelAndOneBankInTurn)
{
    Bench b;
    const pim::ElemType u4 = pim::ElemType::u4, i4 = pim::ElemType::i4;
    test::run([&] {
        b.fill(0, 16, 1);
        b.fill(64, 32, 2);
        b.fill(kBank, 16, 3);
        b.fill(kBank + 64, 32, 4);
        const mram::Result r0 = b.twin.run(Bench::twin_dot(u4, i4, 200, 0, 64, 32, 2, 16, 0));
        const mram::Result r1 =
            b.twin.run(Bench::twin_dot(u4, i4, kBank + 200, kBank, kBank + 64, 32, 2, 16, 0));
        const mram::Result r2 = b.twin.run(Bench::twin_dot(u4, i4, 300, 0, 64, 32, 2, 16, 0));
        b.dot(kU4S4, 200, 0, 64, 32, 2, 16, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        const sc_time start0 = sc_core::sc_time_stamp() + b.regs.last_delay();
        b.regs.sync();
        b.dot(kU4S4, kBank + 200, kBank, kBank + 64, 32, 2, 16, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        const sc_time start1 = sc_core::sc_time_stamp() + b.regs.last_delay();
        EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_BANK_BUSY_MASK, 3u << MRAM_STATUS_BANK_BUSY_SHIFT);
        b.regs.sync();
        b.dot(kU4S4, 300, 0, 64, 32, 2, 16, 0);  // bank 0 again: waits for its first command
        b.set(MRAM_CMD, MRAM_CMD_START);
        const sc_time end0 = start0 + ps(r0.cost.latency_ps);
        const sc_time end1 = start1 + ps(r1.cost.latency_ps);
        const sc_time end2 = end0 + ps(r2.cost.latency_ps);
        ASSERT_LT(start1, end0);  // they overlap
        sc_core::wait(end1 - sc_core::sc_time_stamp());
        EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_BANK_BUSY_MASK, 1u << MRAM_STATUS_BANK_BUSY_SHIFT);
        sc_core::wait(end2 - sc_core::sc_time_stamp() - sc_time(11, SC_NS));
        EXPECT_TRUE(b.reg(MRAM_STATUS) & MRAM_STATUS_BUSY);  // read at end2 - 1 ns (10 ns access)
        sc_core::wait(sc_time(1, SC_NS));
        EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_BUSY, 0u);  // read at end2
        EXPECT_EQ(b.regs.read64(MRAM_COMMANDS).value, 3u);
    });
}

TEST(MramDeviceCommands, AWindowAccessWaitsForItsBank)
{
    Bench b;
    test::run([&] {
        b.fill(0, 16, 1);
        b.fill(64, 32, 2);
        const mram::Result r =
            b.twin.run(Bench::twin_dot(pim::ElemType::u4, pim::ElemType::i4, 200, 0, 64, 32, 2, 16, 0));
        b.dot(kU4S4, 200, 0, 64, 32, 2, 16, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        const sc_time end = sc_core::sc_time_stamp() + b.regs.last_delay() + ps(r.cost.latency_ps);
        EXPECT_EQ(b.win.read32(kBank).status, tlm::TLM_OK_RESPONSE);  // bank 1: no wait
        EXPECT_LT(sc_core::sc_time_stamp() + b.win.last_delay(), end);
        EXPECT_EQ(b.win.write32(0, 5), tlm::TLM_OK_RESPONSE);  // bank 0: after the command
        EXPECT_EQ(sc_core::sc_time_stamp() + b.win.last_delay(), end + ps(b.twin.unit_costs().write_ps));
    });
}

// Queue depth 1: the running command and one waiting are accepted; the third START on the bank is
// ERR_BUSY and runs nothing; the other bank still takes commands.
TEST(MramDeviceQueue, AFullBankQueueRefusesWithErrBusy)
{
    MramParams p = test::mram_small_params();
    p.queue_depth = 1;
    Bench b(p);
    test::run([&] {
        b.dot(kU4S4, 256, 0, 64, 32, 1, 0, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        const uint64_t steps = b.regs.read64(MRAM_STEPS_RUN).value;
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_BUSY);
        EXPECT_EQ(b.regs.read64(MRAM_STEPS_RUN).value, steps);
        b.dot(kU4S4, kBank + 256, kBank, kBank + 64, 32, 1, 0, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        b.drain();
        EXPECT_EQ(b.regs.read64(MRAM_COMMANDS).value, 3u);
        EXPECT_EQ(b.mram.commands_rejected(), 1u);
    });
}

// Each rejected descriptor sets its code, ERR and IRQ_STATUS.ERR, and changes nothing else.
TEST(MramDeviceErrors, EachBadCommandSetsItsCodeAndChangesNothing)
{
    struct Case {
        const char* what;
        uint32_t op, a, w, dst, length, count, stride_w, cmd;
        uint32_t code;
    };
    const uint32_t pm1_s1 = MRAM_OP_VALUE(MRAM_OP_DOT, 4, false, 1, true) | MRAM_OP_W_PLUS_MINUS_ONE;
    const Case cases[] = {
        {"unknown opcode", 9, 0, 64, 256, 8, 1, 0, MRAM_CMD_START, MRAM_ERR_BAD_OPCODE},
        {"9-bit activations", MRAM_OP_VALUE(MRAM_OP_DOT, 9, false, 4, true), 0, 64, 256, 8, 1, 0,
         MRAM_CMD_START, MRAM_ERR_BAD_TYPE},
        {"0-bit weights", MRAM_OP_VALUE(MRAM_OP_DOT, 4, false, 0, true), 0, 64, 256, 8, 1, 0, MRAM_CMD_START,
         MRAM_ERR_BAD_TYPE},
        {"+-1 weights that are signed", pm1_s1, 0, 64, 256, 8, 1, 0, MRAM_CMD_START, MRAM_ERR_BAD_TYPE},
        {"zero length", kU4S4, 0, 64, 256, 0, 1, 0, MRAM_CMD_START, MRAM_ERR_ZERO_SIZE},
        {"zero count", kU4S4, 0, 64, 256, 8, 0, 0, MRAM_CMD_START, MRAM_ERR_ZERO_SIZE},
        {"past the window", kU4S4, 0, 2 * kBank - 2, 256, 8, 1, 0, MRAM_CMD_START, MRAM_ERR_OUT_OF_RANGE},
        {"two banks", kU4S4, 0, kBank, 256, 8, 1, 0, MRAM_CMD_START, MRAM_ERR_CROSS_BANK},
        {"misaligned result", kU4S4, 0, 64, 258, 8, 1, 0, MRAM_CMD_START, MRAM_ERR_MISALIGNED},
        {"result over an operand", kU4S4, 0, 64, 64, 8, 1, 0, MRAM_CMD_START, MRAM_ERR_OVERLAP},
        {"unknown CMD", kU4S4, 0, 64, 256, 8, 1, 0, 0x7, MRAM_ERR_BAD_CMD},
        {"RESUME with nothing in progress", kU4S4, 0, 64, 256, 8, 1, 0, MRAM_CMD_RESUME, MRAM_ERR_BAD_CMD},
    };
    Bench b;
    test::run([&] {
        b.fill(0, 128, 1);
        b.set(MRAM_IRQ_EN, MRAM_IRQ_ERR);
        const mram::Counters before = b.mram.array().counters();
        const std::vector<uint8_t> contents = b.window_bytes(0, 2 * kBank);
        for (const Case& c : cases) {
            b.dot(c.op, c.dst, c.a, c.w, c.length, c.count, c.stride_w, 0);
            b.set(MRAM_CMD, c.cmd);
            EXPECT_EQ(b.reg(MRAM_ERR_CODE), c.code) << c.what;
            EXPECT_TRUE(b.reg(MRAM_STATUS) & MRAM_STATUS_ERR) << c.what;
            EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_BUSY, 0u) << c.what;
        }
        EXPECT_EQ(b.mram.array().counters(), before);
        EXPECT_EQ(b.window_bytes(0, 2 * kBank), contents);
        EXPECT_EQ(b.mram.commands_rejected(), std::size(cases));
        b.regs.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(b.irq.level());
        EXPECT_EQ(b.reg(MRAM_IRQ_STATUS), MRAM_IRQ_ERR);
        // A good command clears ERR; CLEAR_STATUS clears DONE.
        b.dot(kU4S4, 256, 0, 64, 8, 1, 0, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        EXPECT_EQ(b.reg(MRAM_STATUS) & MRAM_STATUS_ERR, 0u);
        b.drain();
        EXPECT_TRUE(b.reg(MRAM_STATUS) & MRAM_STATUS_DONE);
        b.set(MRAM_CTRL, MRAM_CTRL_CLEAR_STATUS);
        EXPECT_EQ(b.reg(MRAM_STATUS), 0u);
    });
}


// STEPS stops a command part-way (IN_PROGRESS, STEPS_DONE/TOTAL); meanwhile a window write to its
// bank is refused (its later passes read the operands again) and a START is ERR_BUSY; RESUME
// finishes it with the results and counters of the uninterrupted command.
TEST(MramDeviceSteps, AStepBudgetStopsTheCommandAndResumeFinishesIt)
{
    Bench b;
    test::run([&] {
        LongConv::program(b);
        b.set(MRAM_STEPS, 5);
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        std::vector<int32_t> expected;
        const mram::Result part = b.twin.run(LongConv::twin(), &expected, {mram::WeightCoding::plain, 5});
        ASSERT_EQ(part.error, mram::MramError::none);
        ASSERT_TRUE(b.twin.progress().active);
        b.drain();
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_DONE | MRAM_STATUS_IN_PROGRESS);
        EXPECT_EQ(b.reg(MRAM_STEPS_DONE), 5u);
        EXPECT_EQ(b.reg(MRAM_STEPS_TOTAL), b.twin.progress().steps_total);
        EXPECT_EQ(b.win.write32(kBank, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.win.write32(0, 1), tlm::TLM_OK_RESPONSE);  // the other bank is free
        EXPECT_EQ(b.twin.load(0, "\x01\x00\x00\x00", 4), true);
        b.win.sync();
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_BUSY);
        b.set(MRAM_STEPS, 0);
        b.set(MRAM_CMD, MRAM_CMD_RESUME);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        const mram::Result rest = b.twin.resume(&expected);
        ASSERT_EQ(rest.error, mram::MramError::none);
        b.drain();
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_DONE);
        EXPECT_EQ(b.reg(MRAM_STEPS_TOTAL), 0u);
        ASSERT_EQ(expected.size(), 36u);
        EXPECT_EQ(b.results(kBank + 512, 36), expected);
        EXPECT_EQ(static_cast<int32_t>(b.reg(MRAM_RESULT)), expected.back());
        EXPECT_EQ(b.mram.array().counters(), b.twin.counters());
        EXPECT_EQ(b.regs.read64(MRAM_COMMANDS).value, 2u);  // two runs
        EXPECT_EQ(b.regs.read64(MRAM_BUSY_CYCLES).value,
                  (part.cost.latency_ps + rest.cost.latency_ps) / 10000);
    });
}

// With mram.nv_partial_state a power loss keeps the command: after lose_power() (registers reset)
// RESUME finishes it, redoing no finished step (the twin's counters: one restore more).
TEST(MramDevicePower, WithNonVolatileStateResumeFinishesTheCommandAfterAPowerLoss)
{
    MramParams p = test::mram_small_params();
    p.model.nv.nv_partial_state = true;
    Bench b(p);
    test::run([&] {
        EXPECT_TRUE(b.reg(MRAM_CAPS) & MRAM_CAPS_NV_PARTIAL_STATE);
        LongConv::program(b);
        b.set(MRAM_STEPS, 7);
        b.set(MRAM_IRQ_EN, MRAM_IRQ_DONE);
        b.set(MRAM_CMD, MRAM_CMD_START);
        std::vector<int32_t> expected;
        ASSERT_EQ(b.twin.run(LongConv::twin(), &expected, {mram::WeightCoding::plain, 7}).error,
                  mram::MramError::none);
        b.regs.sync();
        b.mram.lose_power();
        b.twin.lose_power();
        EXPECT_EQ(b.reg(MRAM_STATUS), MRAM_STATUS_IN_PROGRESS);  // no BUSY, no DONE: the run was lost
        EXPECT_EQ(b.reg(MRAM_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(MRAM_STEPS), 0u);
        EXPECT_EQ(b.reg(MRAM_STEPS_DONE), 7u);
        b.set(MRAM_CMD, MRAM_CMD_RESUME);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        ASSERT_EQ(b.twin.resume(&expected).error, mram::MramError::none);
        b.drain();
        EXPECT_EQ(b.results(kBank + 512, 36), expected);
        EXPECT_EQ(b.mram.array().counters(), b.twin.counters());
        EXPECT_EQ(b.mram.array().counters().nv_reads, 1u);
        EXPECT_GT(b.regs.read64(MRAM_NV_WRITES).value, 0u);
        EXPECT_EQ(b.irq.rising_edges(), 0u);  // IRQ_EN was lost with the power
    });
}

TEST(MramDevicePower, WithoutNonVolatileStateAPowerLossDropsTheCommand)
{
    Bench b;
    test::run([&] {
        LongConv::program(b);
        b.set(MRAM_STEPS, 7);
        b.set(MRAM_CMD, MRAM_CMD_START);
        b.regs.sync();
        b.mram.lose_power();
        EXPECT_EQ(b.reg(MRAM_STATUS), 0u);
        b.set(MRAM_CMD, MRAM_CMD_RESUME);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_BAD_CMD);
        // The firmware runs it again from its start.
        LongConv::program(b);
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_EQ(b.reg(MRAM_ERR_CODE), MRAM_ERR_NONE);
        std::vector<int32_t> expected;
        ASSERT_EQ(b.twin.run(LongConv::twin(), &expected).error, mram::MramError::none);
        b.drain();
        EXPECT_EQ(b.results(kBank + 512, 36), expected);
    });
}

TEST(MramDeviceCounters, ClearCountersZeroesThem)
{
    Bench b;
    test::run([&] {
        b.fill(0, 64, 1);
        b.dot(kU4S4, 256, 0, 32, 32, 1, 0, 0);
        b.set(MRAM_CMD, MRAM_CMD_START);
        b.drain();
        EXPECT_GT(b.regs.read64(MRAM_ROW_WRITES).value, 0u);
        b.set(MRAM_CTRL, MRAM_CTRL_CLEAR_COUNTERS);
        for (uint32_t counter = MRAM_ROW_WRITES; counter <= MRAM_COMMANDS; counter += 8) {
            EXPECT_EQ(b.regs.read64(counter).value, 0u) << std::hex << counter;
        }
        EXPECT_EQ(b.win.read32(0).status, tlm::TLM_OK_RESPONSE);
        b.win.sync();
        EXPECT_EQ(b.regs.read64(MRAM_ENERGY_PJ).value,
                  static_cast<uint64_t>(std::floor(32 * b.twin.unit_costs().read_pj_per_bit)));
    });
}

// reset(): registers back to their reset values, commands in flight forgotten (no DONE, no
// interrupt), counters zero; the window (MRAM) keeps its contents.
TEST(MramDeviceReset, ClearsRegistersAndCommandsAndKeepsTheWindow)
{
    Bench b;
    test::run([&] {
        b.fill(0, 64, 3);
        b.set(MRAM_IRQ_EN, MRAM_IRQ_DONE | MRAM_IRQ_ERR);
        b.dot(kU4S4, 256, 0, 32, 32, 1, 0, 5);
        b.set(MRAM_CMD, MRAM_CMD_START);
        EXPECT_TRUE(b.reg(MRAM_STATUS) & MRAM_STATUS_BUSY);
        const std::vector<uint8_t> before = b.window_bytes(0, 2 * kBank);
        b.regs.sync();
        b.mram.reset();
        EXPECT_EQ(b.reg(MRAM_STATUS), 0u);
        EXPECT_EQ(b.reg(MRAM_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(MRAM_LENGTH), 0u);
        EXPECT_EQ(b.reg(MRAM_COUNT), 1u);
        EXPECT_EQ(b.regs.read64(MRAM_ROW_WRITES).value, 0u);
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_EQ(b.reg(MRAM_STATUS), 0u);
        EXPECT_EQ(b.reg(MRAM_IRQ_STATUS), 0u);
        EXPECT_EQ(b.regs.read64(MRAM_COMMANDS).value, 0u);
        EXPECT_EQ(b.irq.rising_edges(), 0u);
        EXPECT_EQ(b.window_bytes(0, 2 * kBank), before);
    });
}

TEST(MramDeviceParams, BadControllerValuesNameTheirKey)
{
    const auto problem = [](const MramParams& p) -> std::string {
        try {
            Mram device("bad_mram", p);
        } catch (const std::invalid_argument& error) {
            return error.what();
        }
        return "";
    };
    MramParams p = test::mram_small_params();
    p.clock_hz = 0;
    EXPECT_EQ(problem(p), "mram.clock_hz: must be in 1..10^12");
    p = test::mram_small_params();
    p.queue_depth = 256;
    EXPECT_EQ(problem(p), "mram.queue_depth: must be in 0..255");
    p = test::mram_small_params();
    p.model.geometry.segment_bits = 48;
    EXPECT_EQ(problem(p).rfind("mram.segment_bits: ", 0), 0u);
}

}  // namespace
}  // namespace pimsoc
