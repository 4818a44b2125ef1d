// The ReRAM tile controller as a TLM device: registers, the buffer window and its costs, PROGRAM,
// MVM and CONV with results equal to integer references (ideal mode) and to a second model fed
// the same calls (the non-ideal default, same seed), BUSY and DONE at the modelled completion, the
// interrupt, tiles in parallel and one tile in turn, the bounded queue, every error code with
// nothing changed, power loss, counters, reset and bad keys.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/power_failure_known.h"
#include "reram_tlm/reram_bench.h"

namespace pimsoc {
namespace {

using namespace reram_test;

TEST(ReramDeviceRegisters, IdentityAndGeometry)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.reg(RERAM_ID), RERAM_ID_VALUE);
        EXPECT_EQ(b.reg(RERAM_CAPS), 2u | (8u << RERAM_CAPS_XBARS_SHIFT));
        EXPECT_EQ(b.reg(RERAM_GEOMETRY), 16u | (16u << RERAM_GEOMETRY_COLUMNS_SHIFT));
        EXPECT_EQ(b.reg(RERAM_CELL), 2u | (1u << RERAM_CELL_DAC_SHIFT) | (8u << RERAM_CELL_ADC_SHIFT));
        EXPECT_EQ(b.reg(RERAM_TILE_BYTES), kTile);
        EXPECT_EQ(b.reg(RERAM_STATUS), 0u);
        EXPECT_EQ(b.reg(RERAM_COUNT), 1u);
        EXPECT_EQ(b.reram.window_bytes(), 2 * kTile);
    });
}

TEST(ReramDeviceRegisters, CapsShowsIdealMode)
{
    Bench b(ideal_params());
    test::run([&] { EXPECT_EQ(b.reg(RERAM_CAPS), 2u | (8u << RERAM_CAPS_XBARS_SHIFT) | RERAM_CAPS_IDEAL); });
}

// PLAN is the model's plan for OP's weight type and OUTPUTS: int8 on 2-bit cells with
// differential pairs is 4 slices x 2 polarities; 0 when it cannot fit.
TEST(ReramDeviceRegisters, PlanSaysHowManyCrossbarsAProgramNeeds)
{
    Bench b;
    test::run([&] {
        b.set(RERAM_OP, kProgramI8);
        b.set(RERAM_OUTPUTS, 16);
        EXPECT_EQ(b.reg(RERAM_PLAN), b.twin.plan(ElemType::i8, 16).crossbars);
        EXPECT_EQ(b.reg(RERAM_PLAN), 8u);
        b.set(RERAM_OP, RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 2, false));
        EXPECT_EQ(b.reg(RERAM_PLAN), 1u);
        b.set(RERAM_OUTPUTS, 17);  // wider than a crossbar
        EXPECT_EQ(b.reg(RERAM_PLAN), 0u);
        b.set(RERAM_OP, RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 16, true));
        b.set(RERAM_OUTPUTS, 4);  // 8 slices x 2 polarities: more crossbars than a tile has
        EXPECT_EQ(b.reg(RERAM_PLAN), 0u);
    });
}

TEST(ReramDeviceRegisters, MisuseGetsTlmErrors)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.regs.write32(RERAM_ID, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.write32(RERAM_PLAN, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.write32(RERAM_MVMS, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read32(RERAM_CMD).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read32(0x3FC).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.regs.read8(RERAM_ID).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.win.read32(2 * kTile).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
}

// A buffer access takes reram.buffer_access_ns and buffer_pj_per_byte per byte; it may not cross
// a tile's buffer; debug accesses cost nothing.
TEST(ReramDeviceWindow, AccessesCostEdramTimeAndEnergy)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.win.write32(8, 0xA5A5F00Du), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.win.last_delay(), sc_time(1, SC_NS));
        b.win.sync();
        EXPECT_EQ(b.win.read32(8).value, 0xA5A5F00Du);
        b.win.sync();
        EXPECT_EQ(b.regs.read64(RERAM_ENERGY_PJ).value, static_cast<uint64_t>(std::floor(8 * 0.67)));
        EXPECT_EQ(b.win.write64(kTile - 4, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        const uint8_t data[3] = {1, 2, 3};
        EXPECT_EQ(b.win.debug_write(100, data, 3), 3u);
        uint8_t back[3] = {};
        EXPECT_EQ(b.win.debug_read(100, back, 3), 3u);
        EXPECT_EQ(std::memcmp(data, back, 3), 0);
        EXPECT_EQ(b.win.debug_read(2 * kTile, back, 1), 0u);
        EXPECT_EQ(b.regs.read64(RERAM_ENERGY_PJ).value, static_cast<uint64_t>(std::floor(8 * 0.67)));
        EXPECT_EQ(b.reram.array().counters(), reram::Counters{});
    });
}

// Ideal mode: PROGRAM, then an MVM of three vectors gives the integer dot products, BUSY for the
// model's latency, DONE and the interrupt at its completion, the model's counters.
TEST(ReramDeviceCommands, IdealMvmGivesExactDotProductsAndIsBusyForItsLatency)
{
    Bench b(ideal_params());
    const uint32_t inputs = 12, outputs = 10;
    const std::vector<int64_t> w = weights(inputs, outputs, 1);
    const std::vector<int64_t> x = values(ElemType::u8, 3 * inputs, 2);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        b.program(0, 0, inputs, outputs);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        const reram::Result p = b.twin.program(0, reram::WeightBlock{ElemType::i8, inputs, outputs, w});
        ASSERT_EQ(p.error, pim::Error::none);
        b.drain();
        b.put(200, ElemType::u8, x);
        b.set(RERAM_IRQ_STATUS, RERAM_IRQ_MASK);  // the PROGRAM's completion
        b.set(RERAM_IRQ_EN, RERAM_IRQ_DONE);
        b.mvm(kMvmU8, 0, 200, 400, 3);
        const sc_time start = sc_core::sc_time_stamp() + b.regs.last_delay();
        uint64_t latency = 0;
        for (uint32_t k = 0; k < 3; ++k) {
            const std::vector<int64_t> xk(x.begin() + k * inputs, x.begin() + (k + 1) * inputs);
            latency += b.twin.mvm(0, ElemType::u8, xk, nullptr).cost.latency_ps;
        }
        const sc_time end = start + ps(latency);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        EXPECT_EQ(b.reg(RERAM_STATUS), RERAM_STATUS_BUSY | RERAM_STATUS_DONE | (1u << RERAM_STATUS_TILE_BUSY_SHIFT));
        b.set(RERAM_CTRL, RERAM_CTRL_CLEAR_STATUS);
        sc_core::wait(end - sc_core::sc_time_stamp() - sc_time(20, SC_NS));
        EXPECT_TRUE(b.reg(RERAM_STATUS) & RERAM_STATUS_BUSY);  // read at end - 10 ns
        sc_core::wait(sc_time(10, SC_NS));
        EXPECT_EQ(b.reg(RERAM_STATUS), RERAM_STATUS_DONE);  // read at end
        sc_core::wait(sc_time(11, SC_NS));
        ASSERT_FALSE(b.irq.edges.empty());
        EXPECT_EQ(b.irq.edges.back().time, end);
        for (uint32_t k = 0; k < 3; ++k) {
            const std::vector<int64_t> xk(x.begin() + k * inputs, x.begin() + (k + 1) * inputs);
            EXPECT_EQ(b.results(400 + 4 * k * outputs, outputs), dot_products(w, xk, outputs)) << k;
        }
        EXPECT_EQ(b.reram.array().counters(), b.twin.counters());
        const reram::Counters& c = b.twin.counters();
        EXPECT_EQ(b.regs.read64(RERAM_CROSSBAR_READS).value, c.crossbar_reads);
        EXPECT_EQ(b.regs.read64(RERAM_ROW_ACTIVATIONS).value, c.row_activations);
        EXPECT_EQ(b.regs.read64(RERAM_ADC_CONVERSIONS).value, c.adc_conversions);
        EXPECT_EQ(b.regs.read64(RERAM_SHIFT_ADDS).value, c.shift_adds);
        EXPECT_EQ(b.regs.read64(RERAM_CELLS_PROGRAMMED).value, c.cells_programmed);
        EXPECT_EQ(b.regs.read64(RERAM_WRITE_PULSES).value, c.write_pulses);
        EXPECT_EQ(b.regs.read64(RERAM_MVMS).value, 3u);
        EXPECT_EQ(b.regs.read64(RERAM_COMMANDS).value, 2u);
        EXPECT_EQ(b.regs.read64(RERAM_BUSY_CYCLES).value, (p.cost.latency_ps + latency) / 10000);
    });
}

// The default (non-ideal) device equals a second model with the same seed fed the same calls:
// the faults, variation, noise and ADC offsets come from the seeded streams by the module's name.
TEST(ReramDeviceCommands, NonIdealMvmEqualsTheModelWithTheSameSeed)
{
    Bench b;
    const uint32_t inputs = 16, outputs = 16;
    const std::vector<int64_t> w = weights(inputs, outputs, 3);
    const std::vector<int64_t> x = values(ElemType::i8, 2 * inputs, 4);
    test::run([&] {
        b.put(kTile, ElemType::i8, w);
        b.program(8, kTile, inputs, outputs);  // tile 1, from its buffer
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        ASSERT_EQ(b.twin.program(8, reram::WeightBlock{ElemType::i8, inputs, outputs, w}).error, pim::Error::none);
        b.put(kTile + 512, ElemType::i8, x);
        b.mvm(RERAM_OP_VALUE(RERAM_OP_MVM, 8, true, 8, true), 8, kTile + 512, kTile + 600, 2);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        b.drain();
        std::vector<int64_t> out;
        bool differs = false;
        for (uint32_t k = 0; k < 2; ++k) {
            const std::vector<int64_t> xk(x.begin() + k * inputs, x.begin() + (k + 1) * inputs);
            ASSERT_EQ(b.twin.mvm(8, ElemType::i8, xk, &out).error, pim::Error::none);
            const std::vector<int32_t> expected(out.begin(), out.end());
            EXPECT_EQ(b.results(kTile + 600 + 64 * k, outputs), expected) << k;
            differs = differs || expected != dot_products(w, xk, outputs);
        }
        EXPECT_TRUE(differs) << "the default device should not be exact";
        EXPECT_EQ(b.reram.array().counters(), b.twin.counters());
    });
}

// CONV walks the im2col windows of a CHW feature map (2 channels, a 3 x 2 kernel, stride 2,
// padding 1): the ideal device's outputs equal a direct convolution, one MVM per window.
TEST(ReramDeviceCommands, IdealConvEqualsADirectConvolution)
{
    Bench b(ideal_params());
    const uint32_t channels = 2, height = 5, width = 6, kh = 3, kw = 2, stride = 2, pad = 1, outputs = 4;
    const uint32_t taps = channels * kh * kw;
    const std::vector<int64_t> w = weights(taps, outputs, 5);
    const std::vector<int64_t> in = values(ElemType::u4, channels * height * width, 6);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        b.program(0, 0, taps, outputs);
        b.put(300, ElemType::u4, in);
        b.set(RERAM_OP, RERAM_OP_VALUE(RERAM_OP_CONV, 4, false, 8, true));
        b.set(RERAM_XBAR, 0);
        b.set(RERAM_SRC, 300);
        b.set(RERAM_DST, 400);
        b.set(RERAM_CONV_IN, PIM_CONV_IN_VALUE(channels, height, width));
        b.set(RERAM_CONV_K, PIM_CONV_K_VALUE(kh, kw, stride, stride, pad, pad));
        b.set(RERAM_CMD, RERAM_CMD_START);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        b.drain();
        const uint32_t oh = (height + 2 * pad - kh) / stride + 1, ow = (width + 2 * pad - kw) / stride + 1;
        std::vector<int32_t> expected(outputs * oh * ow, 0);
        for (uint32_t o = 0; o < outputs; ++o)
            for (uint32_t y = 0; y < oh; ++y)
                for (uint32_t x = 0; x < ow; ++x) {
                    int64_t sum = 0;
                    for (uint32_t c = 0; c < channels; ++c)
                        for (uint32_t i = 0; i < kh; ++i)
                            for (uint32_t j = 0; j < kw; ++j) {
                                const int iy = static_cast<int>(y * stride + i) - static_cast<int>(pad);
                                const int ix = static_cast<int>(x * stride + j) - static_cast<int>(pad);
                                if (iy < 0 || ix < 0 || iy >= static_cast<int>(height) || ix >= static_cast<int>(width))
                                    continue;
                                sum += in[(c * height + static_cast<size_t>(iy)) * width + static_cast<size_t>(ix)] *
                                       w[o * taps + (c * kh + i) * kw + j];
                            }
                    expected[(o * oh + y) * ow + x] = static_cast<int32_t>(sum);
                }
        EXPECT_EQ(b.results(400, expected.size()), expected);
        EXPECT_EQ(b.regs.read64(RERAM_MVMS).value, oh * ow);
    });
}

TEST(ReramDeviceCommands, TilesRunInParallelAndOneTileInTurn)
{
    Bench b(ideal_params());
    const std::vector<int64_t> w = weights(16, 16, 8);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        b.put(kTile, ElemType::i8, w);
        b.program(0, 0, 16, 16);
        b.program(8, kTile, 16, 16);  // tile 1 at once
        EXPECT_EQ(b.reg(RERAM_STATUS) & RERAM_STATUS_TILE_BUSY_MASK, 3u << RERAM_STATUS_TILE_BUSY_SHIFT);
        const reram::Result p = b.twin.program(0, reram::WeightBlock{ElemType::i8, 16, 16, w});
        // Both end one programming latency after their start (tile 1 started 8 register writes later).
        sc_core::wait(ps(p.cost.latency_ps) - sc_time(200, SC_NS));
        EXPECT_EQ(b.reg(RERAM_STATUS) & RERAM_STATUS_TILE_BUSY_MASK, 3u << RERAM_STATUS_TILE_BUSY_SHIFT);
        sc_core::wait(sc_time(200, SC_NS));
        EXPECT_EQ(b.reg(RERAM_STATUS) & RERAM_STATUS_TILE_BUSY_MASK, 0u);  // in parallel: both done
        // Two programs on tile 0 in turn: busy for two latencies.
        b.program(0, 0, 16, 16);
        b.program(0, 0, 16, 16);
        sc_core::wait(ps(p.cost.latency_ps) + sc_time(200, SC_NS));
        EXPECT_EQ(b.reg(RERAM_STATUS) & RERAM_STATUS_TILE_BUSY_MASK, 1u << RERAM_STATUS_TILE_BUSY_SHIFT);
        sc_core::wait(ps(p.cost.latency_ps));
        EXPECT_EQ(b.reg(RERAM_STATUS) & RERAM_STATUS_BUSY, 0u);
        EXPECT_EQ(b.regs.read64(RERAM_COMMANDS).value, 4u);
    });
}

TEST(ReramDeviceCommands, AFullTileQueueIsErrBusy)
{
    ReramParams params = ideal_params();
    params.queue_depth = 1;
    Bench b(params);
    test::run([&] {
        b.put(0, ElemType::i8, weights(16, 16, 9));
        b.program(0, 0, 16, 16);  // runs
        b.program(0, 0, 16, 16);  // waits
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        b.program(0, 0, 16, 16);  // one more: refused
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_BUSY);
        EXPECT_TRUE(b.reg(RERAM_STATUS) & RERAM_STATUS_ERR);
        b.drain();
        EXPECT_EQ(b.regs.read64(RERAM_COMMANDS).value, 2u);
        EXPECT_EQ(b.reram.commands_rejected(), 1u);
    });
}

// Every error code; a refused command changes nothing (counters, outputs).
TEST(ReramDeviceErrors, EveryErrorCodeAndNothingChanges)
{
    Bench b(ideal_params());
    const std::vector<int64_t> w = weights(9, 4, 10);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        b.program(0, 0, 9, 4);
        b.drain();
        const reram::Counters before = b.reram.array().counters();
        b.put(500, ElemType::u8, values(ElemType::u8, 16, 11));
        struct Case {
            const char* what;
            uint32_t op, xbar, src, dst, inputs, outputs, count, stride, conv_in, conv_k, cmd, code;
        };
        const uint32_t conv = RERAM_OP_VALUE(RERAM_OP_CONV, 8, false, 8, true);
        const uint32_t in33 = PIM_CONV_IN_VALUE(1, 3, 3), k3 = PIM_CONV_K_VALUE(3, 3, 1, 1, 0, 0);
        const Case cases[] = {
            {"unknown CMD", kMvmU8, 0, 500, 600, 9, 4, 1, 0, in33, k3, 2, RERAM_ERR_BAD_CMD},
            {"unknown opcode", 9, 0, 500, 600, 9, 4, 1, 0, in33, k3, 1, RERAM_ERR_BAD_OPCODE},
            {"weight width 0", RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 0, false), 0, 0, 0, 9, 4, 1, 0, 0, 0, 1,
             RERAM_ERR_BAD_TYPE},
            {"weight width 17", RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 17, false), 0, 0, 0, 9, 4, 1, 0, 0, 0, 1,
             RERAM_ERR_BAD_TYPE},
            {"input width 0", RERAM_OP_VALUE(RERAM_OP_MVM, 0, false, 8, true), 0, 500, 600, 9, 4, 1, 0, 0, 0, 1,
             RERAM_ERR_BAD_TYPE},
            {"PROGRAM no outputs", kProgramI8, 0, 0, 0, 9, 0, 1, 0, 0, 0, 1, RERAM_ERR_ZERO_SIZE},
            {"MVM count 0", kMvmU8, 0, 500, 600, 9, 4, 0, 0, 0, 0, 1, RERAM_ERR_ZERO_SIZE},
            {"PROGRAM more inputs than rows", kProgramI8, 0, 0, 0, 17, 4, 1, 0, 0, 0, 1, RERAM_ERR_TOO_LARGE},
            {"PROGRAM past the last crossbar", kProgramI8, 16, 0, 0, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_OUT_OF_RANGE},
            {"PROGRAM over two tiles", kProgramI8, 4, 0, 0, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_CROSS_BANK},
            {"weights in the other tile's buffer", kProgramI8, 8, 0, 0, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_CROSS_BANK},
            {"weights past the buffers", kProgramI8, 8, 2040, 0, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_OUT_OF_RANGE},
            {"stride below a row", kProgramI8, 0, 0, 0, 9, 4, 1, 8, 0, 0, 1, RERAM_ERR_BAD_STRIDE},
            {"MVM with no block", kMvmU8, 1, 500, 600, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_BAD_CMD},
            {"MVM XBAR past the last", kMvmU8, 99, 500, 600, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_OUT_OF_RANGE},
            {"MVM outputs misaligned", kMvmU8, 0, 500, 602, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_MISALIGNED},
            {"MVM outputs over the inputs", kMvmU8, 0, 500, 504, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_OVERLAP},
            {"MVM outputs past the buffers", kMvmU8, 0, 500, 2040, 9, 4, 1, 0, 0, 0, 1, RERAM_ERR_OUT_OF_RANGE},
            {"CONV kernel larger than the input", conv, 0, 500, 600, 0, 0, 1, 0, PIM_CONV_IN_VALUE(1, 2, 9), k3, 1,
             RERAM_ERR_BAD_KERNEL},
            {"CONV padding not below the kernel", conv, 0, 500, 600, 0, 0, 1, 0, in33,
             PIM_CONV_K_VALUE(3, 3, 1, 1, 3, 0), 1, RERAM_ERR_BAD_PADDING},
            {"CONV stride 0", conv, 0, 500, 600, 0, 0, 1, 0, in33, PIM_CONV_K_VALUE(3, 3, 0, 1, 0, 0), 1,
             RERAM_ERR_BAD_STRIDE},
            {"CONV block not the kernel's", conv, 0, 500, 600, 0, 0, 1, 0, PIM_CONV_IN_VALUE(2, 3, 3), k3, 1,
             RERAM_ERR_TOO_LARGE},
            {"CONV no channels", conv, 0, 500, 600, 0, 0, 1, 0, PIM_CONV_IN_VALUE(0, 3, 3), k3, 1,
             RERAM_ERR_ZERO_SIZE},
        };
        const std::vector<int32_t> outputs_before = b.results(600, 4);
        for (const Case& c : cases) {
            b.set(RERAM_OP, c.op);
            b.set(RERAM_XBAR, c.xbar);
            b.set(RERAM_SRC, c.src);
            b.set(RERAM_DST, c.dst);
            b.set(RERAM_INPUTS, c.inputs);
            b.set(RERAM_OUTPUTS, c.outputs);
            b.set(RERAM_COUNT, c.count);
            b.set(RERAM_STRIDE, c.stride);
            b.set(RERAM_CONV_IN, c.conv_in);
            b.set(RERAM_CONV_K, c.conv_k);
            b.set(RERAM_CMD, c.cmd);
            EXPECT_EQ(b.reg(RERAM_ERR_CODE), c.code) << c.what;
            EXPECT_TRUE(b.reg(RERAM_STATUS) & RERAM_STATUS_ERR) << c.what;
            EXPECT_EQ(b.reg(RERAM_STATUS) & RERAM_STATUS_BUSY, 0u) << c.what;
        }
        EXPECT_EQ(b.reram.array().counters(), before);
        EXPECT_EQ(b.results(600, 4), outputs_before);
        EXPECT_EQ(b.reram.commands_rejected(), std::size(cases));
        // The block at 0 is still there: a good MVM after the errors.
        b.mvm(kMvmU8, 0, 500, 600, 1);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
    });
}

// A power loss clears the registers and the eDRAM buffers; the conductances stay: an MVM on the
// block programmed before the loss still works.
TEST(ReramDevicePower, ALossKeepsTheConductancesAndLosesTheBuffers)
{
    Bench b(ideal_params());
    const std::vector<int64_t> w = weights(8, 8, 12);
    const std::vector<int64_t> x = values(ElemType::u8, 8, 13);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        b.program(0, 0, 8, 8);
        b.drain();
        b.set(RERAM_IRQ_EN, RERAM_IRQ_DONE);
        b.reram.lose_power();
        EXPECT_EQ(b.reg(RERAM_IRQ_EN), 0u);
        EXPECT_EQ(b.reg(RERAM_OP), 0u);
        EXPECT_EQ(b.results(0, 1), std::vector<int32_t>{0});
        b.put(100, ElemType::u8, x);
        b.mvm(kMvmU8, 0, 100, 200, 1);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        b.drain();
        EXPECT_EQ(b.results(200, 8), dot_products(w, x, 8));
    });
}

// A power failure known ahead (Reram::set_power_cut, docs/models/reram_controller.md "Power loss
// and reset"): a PROGRAM running across it leaves no usable block (MVM on it: BAD_CMD, even on the
// block it was overwriting), the MVM queued behind it never runs; a PROGRAM that ends by the cut stays.
TEST(ReramDevicePower, AProgramCutMidwayLeavesNoUsableBlockAndItsQueueNeverRuns)
{
    Bench b(ideal_params());
    const std::vector<int64_t> w = weights(8, 8, 12);
    const std::vector<int64_t> w2 = weights(8, 8, 14);
    const std::vector<int64_t> x = values(ElemType::u8, 8, 13);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        b.program(0, 0, 8, 8);
        b.drain();
        b.set(RERAM_CTRL, RERAM_CTRL_CLEAR_STATUS);  // the first PROGRAM's DONE
        b.put(0, ElemType::i8, w2);
        b.put(100, ElemType::u8, x);
        const reram::Cost program = b.twin.program(0, reram::WeightBlock{ElemType::i8, 8, 8, w2}).cost;
        const uint64_t program_ps = program.latency_ps;
        const uint64_t cells_before = b.regs.read64(RERAM_CELLS_PROGRAMMED).value;
        const uint64_t pulses_before = b.regs.read64(RERAM_WRITE_PULSES).value;
        const sc_time start = b.next_start();
        const sc_time cut = start + ps(program_ps / 2);
        b.reram.set_power_cut(cut);
        b.program(0, 0, 8, 8);  // over the block: cut midway
        EXPECT_EQ(sc_core::sc_time_stamp() + b.regs.last_delay(), start);
        b.mvm(kMvmU8, 0, 100, 200, 1);  // queued behind it: would start after the cut
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        EXPECT_EQ(b.reram.array().counters().mvms, 0u);
        sc_core::wait(cut + sc_time(3, SC_NS) - sc_core::sc_time_stamp());
        EXPECT_EQ(b.reg(RERAM_STATUS) & (RERAM_STATUS_BUSY | RERAM_STATUS_DONE), RERAM_STATUS_BUSY);  // never DONE
        // The cut PROGRAM counts the half of its work that ran before the failure (rounded down).
        const reram::Counters half = pim::part_of(program.counters, program_ps / 2, program_ps);
        EXPECT_GT(program.counters.write_pulses, 0u);
        EXPECT_EQ(b.regs.read64(RERAM_CELLS_PROGRAMMED).value - cells_before, half.cells_programmed);
        EXPECT_EQ(b.regs.read64(RERAM_WRITE_PULSES).value - pulses_before, half.write_pulses);
        b.reram.lose_power();
        b.reram.set_power_cut(sc_core::sc_max_time());
        EXPECT_EQ(b.reram.array().block(0), nullptr);
        b.put(100, ElemType::u8, x);
        b.mvm(kMvmU8, 0, 100, 200, 1);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_BAD_CMD);
        b.program(0, 0, 8, 8);  // the firmware programs it again (the buffers were lost: zero weights)
        b.drain();
        b.mvm(kMvmU8, 0, 100, 200, 1);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        b.drain();
        EXPECT_EQ(b.results(200, 8), std::vector<int32_t>(8, 0));
    });
}

// A power failure foreseen only after the acceptance (the harvest mode: a later check or a later
// command's energy; Reram::cut_at_power_failure at the failure): a PROGRAM running across it over
// a block and the MVM queued behind it end as a failure known at their acceptance leaves them (a
// second bench, Reram::set_power_cut): the same counters (the part before the failure) and
// STATUS, no usable block (MVM on it: BAD_CMD).
struct CutState {
    std::vector<uint64_t> counters;
    uint32_t status = 0;
    bool operator==(const CutState& o) const { return counters == o.counters && status == o.status; }
};

CutState cut_program_and_its_queue(Bench& b, uint64_t cut_ps, test::FailureKnown known)
{
    const sc_time cut = b.next_start() + ps(cut_ps);
    test::announce_failure(b.reram, cut, known);
    b.program(0, 0, 8, 8);          // over the block
    b.mvm(kMvmU8, 0, 100, 200, 1);  // queued behind it
    EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
    test::reach_failure(b.reram, cut, known);
    const CutState state{b.regs.read64_each(RERAM_CROSSBAR_READS, RERAM_COMMANDS), b.reg(RERAM_STATUS)};
    b.reram.lose_power();
    b.reram.set_power_cut(sc_core::sc_max_time());
    return state;
}

TEST(ReramDevicePower, AFailureForeseenAfterTheAcceptanceCutsAsOneKnownAhead)
{
    Bench late(ideal_params(), "late_"), earlier(ideal_params(), "earlier_"), ahead(ideal_params(), "ahead_");
    const std::vector<int64_t> w = weights(8, 8, 12);
    const std::vector<int64_t> w2 = weights(8, 8, 14);
    const std::vector<int64_t> x = values(ElemType::u8, 8, 13);
    test::run([&] {
        for (Bench* b : {&late, &earlier, &ahead}) {
            b->put(0, ElemType::i8, w);
            b->program(0, 0, 8, 8);
            b->drain();
            b->set(RERAM_CTRL, RERAM_CTRL_CLEAR_STATUS);  // the first PROGRAM's DONE
            b->put(0, ElemType::i8, w2);
            b->put(100, ElemType::u8, x);
        }
        late.twin.program(0, reram::WeightBlock{ElemType::i8, 8, 8, w});
        const reram::Cost program = late.twin.program(0, reram::WeightBlock{ElemType::i8, 8, 8, w2}).cost;
        const CutState cut_late = cut_program_and_its_queue(late, program.latency_ps / 2, test::FailureKnown::later);
        const CutState cut_earlier =
            cut_program_and_its_queue(earlier, program.latency_ps / 2, test::FailureKnown::brought_earlier);
        const CutState cut_ahead = cut_program_and_its_queue(ahead, program.latency_ps / 2, test::FailureKnown::ahead);
        EXPECT_EQ(cut_late, cut_ahead);
        EXPECT_EQ(cut_earlier, cut_ahead);
        EXPECT_EQ(cut_late.counters[(RERAM_MVMS - RERAM_CROSSBAR_READS) / 8], 0u);  // the queued MVM: none
        const reram::Counters half = pim::part_of(program.counters, program.latency_ps / 2, program.latency_ps);
        EXPECT_EQ(cut_late.counters[(RERAM_WRITE_PULSES - RERAM_CROSSBAR_READS) / 8],
                  late.twin.counters().write_pulses - program.counters.write_pulses + half.write_pulses);
        for (Bench* b : {&late, &earlier, &ahead}) {
            EXPECT_EQ(b->reram.array().block(0), nullptr);
            b->put(100, ElemType::u8, x);
            b->mvm(kMvmU8, 0, 100, 200, 1);
            EXPECT_EQ(b->reg(RERAM_ERR_CODE), RERAM_ERR_BAD_CMD);
        }
    });
}

// A PROGRAM ending by the failure stays (whenever the failure was known).
void a_program_ending_by_the_cut_stays(test::FailureKnown known)
{
    Bench b(ideal_params());
    const std::vector<int64_t> w = weights(8, 8, 12);
    const std::vector<int64_t> x = values(ElemType::u8, 8, 13);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        const reram::Cost program = b.twin.program(0, reram::WeightBlock{ElemType::i8, 8, 8, w}).cost;
        const sc_time end = b.next_start() + ps(program.latency_ps);
        test::announce_failure(b.reram, end, known);
        b.program(0, 0, 8, 8);
        test::reach_failure(b.reram, end, known);
        EXPECT_EQ(b.reg(RERAM_STATUS), RERAM_STATUS_DONE);
        EXPECT_EQ(b.regs.read64(RERAM_WRITE_PULSES).value, program.counters.write_pulses);  // counted whole
        b.reram.lose_power();
        b.reram.set_power_cut(sc_core::sc_max_time());
        b.put(100, ElemType::u8, x);
        b.mvm(kMvmU8, 0, 100, 200, 1);
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_NONE);
        b.drain();
        EXPECT_EQ(b.results(200, 8), dot_products(w, x, 8));
    });
}

TEST(ReramDevicePower, AProgramEndingByTheCutStays)
{
    a_program_ending_by_the_cut_stays(test::FailureKnown::ahead);
}

TEST(ReramDevicePower, AFailureForeseenAfterTheProgramsEndLeavesItWhole)
{
    a_program_ending_by_the_cut_stays(test::FailureKnown::later);
}

// The harvest mode's forecast at acceptance (BankedCommandDevice::set_charge_listener,
// docs/power.md): the PROGRAM's energy is charged over its run before the device looks at the
// known failure, so a failure the listener plans inside it cuts it; the charge then ends there
// with the part counted.
TEST(ReramDevicePower, AFailureForeseenAtTheAcceptanceCutsTheProgram)
{
    Bench b(ideal_params());
    const std::vector<int64_t> w = weights(8, 8, 12);
    test::run([&] {
        b.put(0, ElemType::i8, w);
        const reram::Cost program = b.twin.program(0, reram::WeightBlock{ElemType::i8, 8, 8, w}).cost;
        const double program_pj = b.reram.array().unit_costs().energy(program.counters).total_pj();
        const sc_time start = b.next_start();
        const sc_time cut = start + ps(program.latency_ps / 2);
        double unspent_at_acceptance = 0;
        b.reram.set_charge_listener([&](const sc_time& at) {
            unspent_at_acceptance = b.reram.charged_energy().unspent_pj(to_ps(at));
            b.reram.set_power_cut(cut);
        });
        b.program(0, 0, 8, 8);
        EXPECT_DOUBLE_EQ(unspent_at_acceptance, program_pj);  // the whole command, before its start
        const double half_pj =
            b.reram.array().unit_costs().energy(pim::part_of(program.counters, program.latency_ps / 2,
                                                             program.latency_ps)).total_pj();
        EXPECT_NEAR(b.reram.charged_energy().charged_pj(), half_pj, 1e-6);
        EXPECT_NEAR(b.reram.charged_energy().unspent_pj(to_ps(start)), half_pj, 1e-6);
        EXPECT_EQ(b.reram.charged_energy().unspent_pj(to_ps(cut)), 0.0);
        b.reram.lose_power();
        EXPECT_EQ(b.reram.array().block(0), nullptr);  // cut: not usable
    });
}

TEST(ReramDeviceCounters, ClearCountersAndResetZeroThem)
{
    Bench b(ideal_params());
    test::run([&] {
        b.put(0, ElemType::i8, weights(4, 4, 14));
        b.program(0, 0, 4, 4);
        b.drain();
        EXPECT_EQ(b.regs.read64(RERAM_CELLS_PROGRAMMED).value, 2u * 4 * 4 * 4);  // 4 slices x 2 polarities
        b.set(RERAM_CTRL, RERAM_CTRL_CLEAR_COUNTERS);
        EXPECT_EQ(b.regs.read64(RERAM_CELLS_PROGRAMMED).value, 0u);
        EXPECT_EQ(b.regs.read64(RERAM_COMMANDS).value, 0u);
        EXPECT_EQ(b.regs.read64(RERAM_ENERGY_PJ).value, 0u);
        b.set(RERAM_XBAR, 3);
        b.reram.reset();
        EXPECT_EQ(b.reg(RERAM_XBAR), 0u);
        EXPECT_EQ(b.reg(RERAM_COUNT), 1u);
        EXPECT_NE(b.reram.array().block(0), nullptr);  // reset keeps the crossbars
    });
}

TEST(ReramDeviceConfig, BadKeysAreNamed)
{
    auto problem = [](ReramParams p) {
        try {
            Reram r("bad", p);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    ReramParams p = test::reram_small_params();
    p.signed_scheme = "twos";
    EXPECT_EQ(problem(p), "reram.signed_scheme: 'twos' is not differential or offset");
    p = test::reram_small_params();
    p.variation_model = "uniform";
    EXPECT_EQ(problem(p), "reram.variation_model: 'uniform' is not gaussian or lognormal");
    p = test::reram_small_params();
    p.model.geometry.cell_bits = 5;
    EXPECT_EQ(problem(p), "reram.cell_bits: 5 is not in 1..4");
    p = test::reram_small_params();
    p.queue_depth = 256;
    EXPECT_EQ(problem(p), "reram.queue_depth: must be in 0..255");
    p = test::reram_small_params();
    p.model.area.buffer_bytes_per_tile = 16;
    EXPECT_EQ(problem(p), "reram.buffer_bytes_per_tile: 16 is below the controller's minimum of 64");
    p = test::reram_small_params();
    p.pipeline_output_mw = 2e6;
    EXPECT_EQ(problem(p), "reram.pipeline_output_mw: 2000000.000000 is not in 0..10^6");
    p = test::reram_small_params();
    p.model.area.pipeline_output_um2 = -1;
    EXPECT_EQ(problem(p).rfind("reram.pipeline_output_um2: -1", 0), 0u) << problem(p);
}

}  // namespace
}  // namespace pimsoc
