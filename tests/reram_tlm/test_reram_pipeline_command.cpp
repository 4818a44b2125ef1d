// The ReRAM controller's PIPELINE command (docs/models/reram_controller.md, "PIPELINE"): a conv
// (with max-pool, two copies) and an fc layer (two input blocks) on the small device; in ideal mode
// the outputs equal a direct integer computation with the golden model's requantization, DONE
// comes at the schedule's time, and every bad table gets its error code with nothing changed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "cnn/cnn.h"
#include "reram/pipeline/layer_compute.h"
#include "reram_tlm/reram_bench.h"

namespace pimsoc {
namespace {

using namespace reram_test;

constexpr ElemType kW4 = ElemType::signed_bits(4);
constexpr uint32_t kProgramS4 = RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 4, true);
// Buffer layout (tile 0): table, parameters, image, output; weights staged at 512 and 1024 + 512.
constexpr uint32_t kBias0 = 160, kRequant0 = 176, kBias1 = 200, kImage = 256, kOut = 320;
constexpr int32_t kMultiplier = 1 << 30, kShift = -2;  // x 0.125
const std::vector<int32_t> kBiases0{5, -7}, kBiases1{1, 2, 3};

struct PipelineBench : Bench {
    PipelineBench() : Bench(ideal_params()) {}

    std::vector<int64_t> w0 = values(kW4, 2 * 9, 11);    // conv: 2 outputs x 1 channel x 3 x 3
    std::vector<int64_t> w1 = values(kW4, 3 * 18, 12);   // fc: 3 outputs x 18 inputs
    std::vector<int64_t> image = values(ElemType::u8, 36, 13);
    std::vector<uint32_t> table;

    void program_block(uint32_t xbar, uint32_t src, const std::vector<int64_t>& rows, uint32_t inputs, uint32_t outputs)
    {
        const uint32_t pitch = static_cast<uint32_t>(pim::packed_bytes(kW4, inputs));  // each row starts on a byte
        for (uint32_t o = 0; o < outputs; ++o)
            put(src + o * pitch, kW4, std::vector<int64_t>(rows.begin() + o * inputs, rows.begin() + (o + 1) * inputs));
        program(xbar, src, inputs, outputs, kProgramS4);
        ASSERT_EQ(reg(RERAM_ERR_CODE), 0u);
        drain();
    }

    // Conv copies on crossbars 0 and 4 (tile 0), the fc's two input blocks on 8 and 12 (tile 1).
    void program_all()
    {
        program_block(0, 512, w0, 9, 2);
        program_block(4, 512, w0, 9, 2);
        for (uint32_t ib = 0; ib < 2; ++ib) {
            std::vector<int64_t> rows;
            for (uint32_t o = 0; o < 3; ++o)
                rows.insert(rows.end(), w1.begin() + o * 18 + ib * 9, w1.begin() + o * 18 + ib * 9 + 9);
            program_block(8 + 4 * ib, 1024 + 512, rows, 9, 3);
        }
    }

    void write_table()
    {
        table.assign(RERAM_PIPE_HEADER_WORDS + 2 * RERAM_PIPE_LAYER_WORDS, 0);
        table[0] = kImage;
        table[1] = kOut;
        table[2] = 2;
        uint32_t* c = &table[RERAM_PIPE_HEADER_WORDS];
        c[RERAM_PIPE_KIND] = RERAM_PIPE_KIND_CONV | (8u << RERAM_OP_X_BITS_SHIFT) | RERAM_PIPE_PER_CHANNEL;
        c[RERAM_PIPE_IN_C] = 1;
        c[RERAM_PIPE_IN_H] = 6;
        c[RERAM_PIPE_IN_W] = 6;
        c[RERAM_PIPE_OUT_C] = 2;
        c[RERAM_PIPE_CONV] = RERAM_PIPE_GEOMETRY(3, 1, 1);
        c[RERAM_PIPE_POOL] = RERAM_PIPE_GEOMETRY(2, 2, 0);
        c[RERAM_PIPE_XBAR] = 0;
        c[RERAM_PIPE_COPIES] = 2;
        c[RERAM_PIPE_BLOCKS] = 1 | (1 << 16);
        c[RERAM_PIPE_BIAS] = kBias0;
        c[RERAM_PIPE_REQUANT] = kRequant0;
        c[RERAM_PIPE_CLAMP] = 0u | (255u << 16);
        uint32_t* f = c + RERAM_PIPE_LAYER_WORDS;
        f[RERAM_PIPE_KIND] = RERAM_PIPE_KIND_FC | (8u << RERAM_OP_X_BITS_SHIFT) | (RERAM_PIPE_OUT_S32 << RERAM_PIPE_OUT_SHIFT);
        f[RERAM_PIPE_IN_C] = 2;
        f[RERAM_PIPE_IN_H] = 3;
        f[RERAM_PIPE_IN_W] = 3;
        f[RERAM_PIPE_OUT_C] = 3;
        f[RERAM_PIPE_XBAR] = 8;
        f[RERAM_PIPE_COPIES] = 1;
        f[RERAM_PIPE_BLOCKS] = 2 | (1 << 16);
        f[RERAM_PIPE_BIAS] = kBias1;
        f[RERAM_PIPE_REQUANT] = RERAM_PIPE_NONE;
        store(0, table);
        store(kBias0, {static_cast<uint32_t>(kBiases0[0]), static_cast<uint32_t>(kBiases0[1])});
        store(kRequant0, {kMultiplier, static_cast<uint32_t>(kShift), kMultiplier, static_cast<uint32_t>(kShift)});
        store(kBias1, {1, 2, 3});
        put(kImage, ElemType::u8, image);
    }

    void store(uint32_t address, const std::vector<uint32_t>& words)
    {
        ASSERT_EQ(win.debug_write(address, reinterpret_cast<const uint8_t*>(words.data()),
                                  static_cast<unsigned>(4 * words.size())),
                  4 * words.size());
    }

    void start(uint32_t src = 0)
    {
        set(RERAM_OP, RERAM_OP_PIPELINE);
        set(RERAM_SRC, src);
        set(RERAM_CMD, RERAM_CMD_START);
    }

    // The network computed directly: conv, bias, requantize and clamp, max-pool, fc, bias.
    std::vector<int32_t> expected() const
    {
        std::vector<int64_t> conv(2 * 36);
        for (int o = 0; o < 2; ++o)
            for (int y = 0; y < 6; ++y)
                for (int x = 0; x < 6; ++x) {
                    int64_t acc = kBiases0[o];
                    for (int i = 0; i < 3; ++i)
                        for (int j = 0; j < 3; ++j) {
                            const int iy = y + i - 1, ix = x + j - 1;
                            if (iy >= 0 && iy < 6 && ix >= 0 && ix < 6) acc += w0[o * 9 + i * 3 + j] * image[iy * 6 + ix];
                        }
                    const int32_t v = cnn_multiply_by_quantized_multiplier(static_cast<int32_t>(acc), kMultiplier, kShift);
                    conv[o * 36 + y * 6 + x] = std::clamp(v, 0, 255);
                }
        std::vector<int64_t> pooled(18);
        for (int o = 0; o < 2; ++o)
            for (int y = 0; y < 3; ++y)
                for (int x = 0; x < 3; ++x)
                    pooled[o * 9 + y * 3 + x] = std::max({conv[o * 36 + 2 * y * 6 + 2 * x], conv[o * 36 + 2 * y * 6 + 2 * x + 1],
                                                          conv[o * 36 + (2 * y + 1) * 6 + 2 * x],
                                                          conv[o * 36 + (2 * y + 1) * 6 + 2 * x + 1]});
        std::vector<int32_t> out = dot_products(w1, pooled, 3);
        for (int o = 0; o < 3; ++o) out[o] += kBiases1[o];
        return out;
    }
};

// The conv's 36 positions at two per step take steps 1..18, the fc (the whole pooled map) step 19;
// a step lasts the computing layer's MVM (the tile model at 8-bit inputs, 4-bit weights) plus the
// output unit (reram.pipeline_output_ns).
double expected_ns(const ReramParams& p)
{
    reram::Network net;
    reram::Layer conv;
    conv.ci = 1;
    conv.co = 2;
    reram::Layer fc;
    fc.fc = true;
    fc.ci = 18;
    fc.co = 3;
    net.layers = {conv, fc};
    const std::vector<double> ns = reram::layer_compute_ns(net, p.to_model(), {8, kW4});
    return 18 * (ns[0] + p.pipeline_output_ns) + ns[1] + p.pipeline_output_ns;
}

TEST(ReramPipelineCommand, IdealOutputsEqualTheDirectComputationAtTheSchedulesTime)
{
    PipelineBench b;
    test::run([&] {
        b.program_all();
        b.write_table();
        b.set(RERAM_IRQ_STATUS, RERAM_IRQ_MASK);  // the PROGRAMs' completions
        b.set(RERAM_IRQ_EN, RERAM_IRQ_DONE);
        b.set(RERAM_CTRL, RERAM_CTRL_CLEAR_STATUS);
        const uint64_t mvms = b.reram.array().counters().mvms;
        b.start();
        const sc_time start = sc_core::sc_time_stamp() + b.regs.last_delay();
        ASSERT_EQ(b.reg(RERAM_ERR_CODE), 0u);
        EXPECT_EQ(b.reg(RERAM_PIPE_STEPS), 19u);
        EXPECT_NE(b.reg(RERAM_STATUS) & RERAM_STATUS_BUSY, 0u);
        EXPECT_EQ(b.reram.array().counters().mvms - mvms, 36u + 2u);  // 36 windows, 2 fc blocks
        const sc_time end = start + ps(static_cast<uint64_t>(std::llround(expected_ns(b.params) * 1000.0)));
        b.drain();
        EXPECT_EQ(b.reg(RERAM_STATUS), RERAM_STATUS_DONE);
        ASSERT_FALSE(b.irq.edges.empty());
        EXPECT_EQ(b.irq.edges.back().time, end);
        EXPECT_EQ(b.reg(RERAM_PIPE_TIME_NS), std::llround(expected_ns(b.params) * 1000.0) / 1000);
        EXPECT_EQ(b.results(kOut, 3), b.expected());
    });
}

// Each bad table: its code, ERR and nothing else (no output written, no MVM run).
TEST(ReramPipelineCommand, BadTablesGetErrorCodes)
{
    struct Case {
        const char* what;
        uint32_t word;  // index into the table (header, then the entries), or ~0u: none
        uint32_t value;
        uint32_t src;
        uint32_t code;
    };
    const uint32_t conv = RERAM_PIPE_HEADER_WORDS, fc = conv + RERAM_PIPE_LAYER_WORDS;
    const Case cases[] = {
        {"no layers", 2, 0, 0, RERAM_ERR_ZERO_SIZE},
        {"too many layers", 2, RERAM_PIPE_MAX_LAYERS + 1, 0, RERAM_ERR_TOO_LARGE},
        {"table misaligned", ~0u, 0, 2, RERAM_ERR_MISALIGNED},
        {"table past the buffers", ~0u, 0, 2040, RERAM_ERR_OUT_OF_RANGE},
        {"unknown kind", conv + RERAM_PIPE_KIND, 7u | (8u << RERAM_OP_X_BITS_SHIFT), 0, RERAM_ERR_BAD_PIPELINE},
        {"input width 0", conv + RERAM_PIPE_KIND, 0, 0, RERAM_ERR_BAD_TYPE},
        {"conv padding = kernel", conv + RERAM_PIPE_CONV, RERAM_PIPE_GEOMETRY(3, 1, 3), 0, RERAM_ERR_BAD_PADDING},
        {"fc input not the pooled map", fc + RERAM_PIPE_IN_H, 2, 0, RERAM_ERR_BAD_PIPELINE},
        {"no block at the copy", conv + RERAM_PIPE_XBAR, 1, 0, RERAM_ERR_BAD_PIPELINE},
        {"a third copy not programmed", conv + RERAM_PIPE_COPIES, 3, 0, RERAM_ERR_BAD_PIPELINE},
        {"blocks short of the inputs", fc + RERAM_PIPE_BLOCKS, 1 | (1 << 16), 0, RERAM_ERR_BAD_PIPELINE},
        {"layers share crossbars", fc + RERAM_PIPE_XBAR, 4, 0, RERAM_ERR_BAD_PIPELINE},
        {"fc's second copy past the crossbars", fc + RERAM_PIPE_COPIES, 2, 0, RERAM_ERR_OUT_OF_RANGE},
        {"clamp outside U8", conv + RERAM_PIPE_CLAMP, 0u | (300u << 16), 0, RERAM_ERR_BAD_PIPELINE},
        {"requantization off the buffers", conv + RERAM_PIPE_REQUANT, 4096, 0, RERAM_ERR_OUT_OF_RANGE},
        {"output past the buffers", 1, 2044, 0, RERAM_ERR_OUT_OF_RANGE},
    };
    PipelineBench b;
    test::run([&] {
        b.program_all();
        for (const Case& c : cases) {
            SCOPED_TRACE(c.what);
            b.write_table();
            if (c.word != ~0u) b.store(4 * c.word, {c.value});
            b.store(kOut, {0xDEAD, 0xDEAD, 0xDEAD});
            b.set(RERAM_CTRL, RERAM_CTRL_CLEAR_STATUS);
            const uint64_t mvms = b.reram.array().counters().mvms;
            b.start(c.src);
            EXPECT_EQ(b.reg(RERAM_ERR_CODE), c.code);
            EXPECT_EQ(b.reg(RERAM_STATUS), RERAM_STATUS_ERR);
            EXPECT_EQ(b.reram.array().counters().mvms, mvms);
            EXPECT_EQ(b.results(kOut, 3), std::vector<int32_t>(3, 0xDEAD));
        }
    });
}

// PIPELINE takes every tile: refused with ERR_BUSY while a tile runs a command.
TEST(ReramPipelineCommand, BusyTileRefusesIt)
{
    PipelineBench b;
    test::run([&] {
        b.program_all();
        b.write_table();
        b.put(1024 + 600, ElemType::u8, values(ElemType::u8, 9, 3));
        b.mvm(RERAM_OP_VALUE(RERAM_OP_MVM, 8, false, 4, true), 8, 1024 + 600, 1024 + 700, 1);
        ASSERT_EQ(b.reg(RERAM_ERR_CODE), 0u);
        b.start();
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), RERAM_ERR_BUSY);
        b.drain();
        b.start();
        EXPECT_EQ(b.reg(RERAM_ERR_CODE), 0u);
        b.drain();
        EXPECT_EQ(b.results(kOut, 3), b.expected());
    });
}

}  // namespace
}  // namespace pimsoc
