// The time model on small cases computed by hand (docs/allocation.md, "Time model").
#include <gtest/gtest.h>

#include "common/cnn_layers.h"
#include "network.h"
#include "time_model.h"

using namespace pimsoc::alloc;
using pimsoc::test::conv;

namespace {
Hardware bandwidth_limited(double buffer_bytes_per_ns, double bus_bytes_per_ns) {
    Hardware hw;
    hw.bandwidth_limited = true;
    hw.buffer_bytes_per_ns = buffer_bytes_per_ns;
    hw.bus_bytes_per_ns = bus_bytes_per_ns;
    return hw;
}
}  // namespace

TEST(AllocTimeModel, CrossbarSetsOfThePapersLayers) {
    // AlexNet conv2: ceil(5*5*96 / 128) * ceil(256 / 128) = 19 * 2.
    EXPECT_EQ(crossbar_set(conv(96, 256, 27, 5, 2), 128), 38);
    EXPECT_EQ(crossbar_set(conv(3, 64, 224, 3, 1), 128), 1);
    EXPECT_EQ(crossbar_set(conv(512, 512, 14, 3, 1), 128), 144);
    EXPECT_EQ(crossbar_set(conv(512, 512, 14, 3, 1), 256), 18 * 2);
}

TEST(AllocTimeModel, SecondLayerWaitsForTheRowsItsFirstBlockReads) {
    // 4x4 -> 3x3 conv (pad 1) -> 4x4, R = [2, 2]. Layer 2's first two outputs (row 1, cols 1-2)
    // read input rows 1-2 and cols 1-3: raster position 4 + 3 = 7 of layer 1, ceil(7/2) = 4 of
    // its steps. Tail: ceil(4 * 1 / 2) = 2. Op_2 = max(8 + 4, 8 + 2) = 12.
    Network net{"two", {conv(1, 1, 4, 1, 0), conv(1, 1, 4, 3, 1)}};
    const PipelineSteps s = pipeline_steps(net, {2, 2});
    EXPECT_EQ(s.normal, (std::vector<int64_t>{8, 8}));
    EXPECT_EQ(s.pre, (std::vector<int64_t>{0, 4}));
    EXPECT_EQ(s.tail, (std::vector<int64_t>{0, 2}));
    EXPECT_EQ(s.op, (std::vector<int64_t>{8, 12}));
    const Timing t = evaluate(net, {2, 2}, Hardware{});
    EXPECT_EQ(t.steps, 12);
    EXPECT_DOUBLE_EQ(t.total_ns, 12 * 2100.0);
}

TEST(AllocTimeModel, PoolingWindowIsWalkedBackToTheConvRowsFeedingIt) {
    // 4x4 conv with 2x2/2 pooling -> 2x2 map -> 1x1 conv. Layer 2's first output reads pooled
    // (1,1), i.e. conv rows/cols 1-2 of layer 1: position 4 + 2 = 6, ceil(6/4) = 2 steps.
    Network net{"pool", {conv(1, 1, 4, 1, 0, 2), conv(1, 1, 2, 1, 0)}};
    const PipelineSteps s = pipeline_steps(net, {4, 1});
    EXPECT_EQ(s.pre[1], 2);
    EXPECT_EQ(s.op[1], 6);  // max(4 + 2, 4 + 0)
}

TEST(AllocTimeModel, ThreeLayersTakeTheLatestStartOverAllEarlierLayers) {
    // 4x4 (R 16, one step) -> 3x3 pad 1 (R 1) -> 3x3 pad 1 (R 1), all 4x4.
    // Layer 2 output 1 reads layer 1 position 4 + 2 = 6: 1 step -> PreOp_2 = 1.
    // Layer 3 output 1 reads layer 2 position 6: 6 steps after layer 2 starts -> 6 + 1 = 7;
    // through layer 2's block of 6 outputs (row 2, col 2) it reads layer 1 up to row 3, col 3:
    // position 11, 1 step -> 1 + 0. PreOp_3 = 7. Tails: ceil(4/1) = 4.
    // Op = [1, max(16 + 1, 1 + 4) = 17, max(16 + 7, 17 + 4) = 23].
    Network net{"three", {conv(1, 1, 4, 1, 0), conv(1, 1, 4, 3, 1), conv(1, 1, 4, 3, 1)}};
    const PipelineSteps s = pipeline_steps(net, {16, 1, 1});
    EXPECT_EQ(s.pre, (std::vector<int64_t>{0, 1, 7}));
    EXPECT_EQ(s.op, (std::vector<int64_t>{1, 17, 23}));
}

TEST(AllocTimeModel, FullyConnectedLayerWaitsForTheWholePreviousOutput) {
    Layer fc;
    fc.fc = true;
    fc.ci = 9;
    fc.co = 10;
    Network net{"fc", {conv(1, 1, 3, 1, 0), fc}};
    const PipelineSteps s = pipeline_steps(net, {2, 1});
    EXPECT_EQ(s.pre[1], 5);  // ceil(9 / 2)
    EXPECT_EQ(s.op[1], 6);
}

TEST(AllocTimeModel, DataAccessTimeFromBufferAndBusBandwidths) {
    // Layer 1: 4 copies of a 27-row set in one tile: 4 * 27 * 2 bytes over 0.01 B/ns = 21600 ns.
    // Layer 2: 1 copy of 8 rows: 1 * 8 * 2 / 0.01 = 1600 ns from the buffer, plus the bus: 1 tile
    // x 1 tile x 4 copies x Co 8 x 2 bytes over 0.1 B/ns = 640 ns.
    Network net{"bw", {conv(3, 8, 4, 3, 1), conv(8, 8, 4, 1, 0)}};
    Hardware hw = bandwidth_limited(0.01, 0.1);
    const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
    EXPECT_DOUBLE_EQ(layer_step_ns(net, sets, 0, 4, 0, hw), 21600.0);
    EXPECT_DOUBLE_EQ(layer_step_ns(net, sets, 1, 1, 4, hw), 2240.0);
    hw.bandwidth_limited = false;
    EXPECT_DOUBLE_EQ(layer_step_ns(net, sets, 0, 4, 0, hw), 2100.0);
}

TEST(AllocTimeModel, TilesSpreadCopiesAndEveryTilePairTalksOverTheBus) {
    // 100 crossbars in tiles of 72 -> 2 tiles, ceil(100 / 2) = 50 copies per tile read the buffer.
    Network net{"tiles", {conv(1, 1, 16, 1, 0), conv(1, 1, 16, 1, 0)}};
    Hardware hw = bandwidth_limited(1.0, 1.0);
    hw.stage_ns = 0;
    const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
    EXPECT_EQ(tiles_of(100, hw), 2);
    // Layer 2: 50 copies per tile x 1 row x 2 B = 100 ns; bus: 2 x 2 tiles x 50 x Co 1 x 2 B = 400.
    EXPECT_DOUBLE_EQ(layer_step_ns(net, sets, 1, 100, 100, hw), 500.0);
}
