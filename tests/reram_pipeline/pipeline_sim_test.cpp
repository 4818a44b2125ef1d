// The layer pipeline simulator on pipelines small enough to schedule by hand
// (docs/models/reram_pipeline.md): step counts, start-up, partial blocks, fc layers, step times
// from buffer and bus traffic, and the tile model's compute step.
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/cnn_layers.h"
#include "reram/pipeline/layer_compute.h"
#include "reram/pipeline/pipeline_sim.h"
#include "reram/pipeline/window_need.h"

using namespace pimsoc::reram;
using pimsoc::test::fc;

namespace {
// One input and one output channel (one crossbar per copy).
Layer conv(int64_t wo, int64_t kc, int64_t pc, int64_t kp = 1) { return pimsoc::test::conv(1, 1, wo, kc, pc, kp); }

// A layer's schedule: its first and last step, the steps it computed in, those with all copies.
void expect_schedule(const LayerRun& l, int64_t first, int64_t last, int64_t busy, int64_t full) {
    EXPECT_EQ(l.first_step, first);
    EXPECT_EQ(l.last_step, last);
    EXPECT_EQ(l.busy_steps, busy);
    EXPECT_EQ(l.full_steps, full);
}

// Every layer computes in 100 ns; no bandwidth limit unless a test sets one.
PipelineSetup setup_for(const Network& net) {
    PipelineSetup s;
    s.compute_ns.assign(net.layers.size(), 100.0);
    return s;
}

// Bandwidth limits with a bus of 0.01 B/ns (a 4-byte transfer takes 400 ns) and a buffer that
// never holds a step.
PipelineSetup slow_bus_setup(const Network& net, int64_t crossbars_per_tile = 72) {
    PipelineSetup s = setup_for(net);
    s.hw.bandwidth_limited = true;
    s.hw.crossbars_per_tile = crossbars_per_tile;
    s.hw.buffer_bytes_per_ns = 1e9;
    s.hw.bus_bytes_per_ns = 0.01;
    return s;
}
}  // namespace

TEST(ReramPipeline, OneLayerTakesCeilOfOutputsOverCopiesSteps) {
    // 16 outputs, 3 copies: 5 full steps and one with a single output.
    const Network net{"one", {conv(4, 1, 0)}};
    const PipelineRun run = simulate_pipeline(net, {3}, setup_for(net));
    EXPECT_EQ(run.steps, 6);
    EXPECT_DOUBLE_EQ(run.total_ns, 600.0);
    expect_schedule(run.layers[0], 1, 6, 6, 5);
}

TEST(ReramPipeline, WindowNeedFollowsPaddingStrideAndClipping) {
    // 4x4 -> 3x3 conv, pad 1: output (0,0) reads input rows/cols 0..1 -> raster 1*4 + 1 + 1 = 6;
    // the last row's window is clipped to the map: like the row above it.
    const Layer in = conv(4, 1, 0), c = conv(4, 3, 1);
    EXPECT_EQ(inputs_needed(in, c, 0), 6);
    EXPECT_EQ(inputs_needed(in, c, 3), 8);
    EXPECT_EQ(inputs_needed(in, c, 8), 14);
    EXPECT_EQ(inputs_needed(in, c, 12), 14);
    EXPECT_EQ(inputs_needed(in, c, 15), 16);
    // Through 2x2/2 pooling: pooled (0,0) reads conv rows/cols 0..1 -> 1*4 + 1 + 1 = 6.
    EXPECT_EQ(inputs_needed(conv(4, 1, 0, 2), conv(2, 1, 0), 0), 6);
    EXPECT_EQ(inputs_needed(conv(4, 1, 0, 2), conv(2, 1, 0), 2), 14);
    EXPECT_EQ(inputs_needed(conv(4, 1, 0), fc(16, 10), 0), 16);
    // Stride 2, 3x3, no padding, on a 5x5 map: output (0,1) reads cols 2..4 of rows 0..2 ->
    // 2*5 + 4 + 1 = 15; output (1,0) rows 2..4, cols 0..2 -> 4*5 + 2 + 1 = 23.
    Layer strided = conv(2, 3, 0);
    strided.sc = 2;
    EXPECT_EQ(inputs_needed(conv(5, 1, 0), strided, 1), 15);
    EXPECT_EQ(inputs_needed(conv(5, 1, 0), strided, 2), 23);
}

TEST(ReramPipeline, SecondLayerStartsWithAPartialBlockAndStallsOnItsProducer) {
    // Layer 1 makes 2 outputs per step (16 in steps 1..8). Layer 2 (3x3, pad 1, R = 2) at step s
    // sees the 2(s - 1) outputs of earlier steps: output 0 needs 6 -> step 4, alone (output 1
    // needs 7); then two per step, each pair waiting for its inputs, until step 12.
    const Network net{"two", {conv(4, 1, 0), conv(4, 3, 1)}};
    const PipelineRun run = simulate_pipeline(net, {2, 2}, setup_for(net));
    EXPECT_EQ(run.steps, 12);
    EXPECT_DOUBLE_EQ(run.total_ns, 1200.0);
    expect_schedule(run.layers[0], 1, 8, 8, 8);
    expect_schedule(run.layers[1], 4, 12, 9, 7);
}

TEST(ReramPipeline, PoolingDelaysTheConsumerUntilItsPoolIsComplete) {
    // 4x4 conv, 2x2/2 pooling, R = 4 (a row per step); a 2x2 consumer with R = 1: pooled (0,0)
    // needs conv rows 0..1 (end of step 2), so it computes in steps 3, 4, 5, 6.
    const Network net{"pool", {conv(4, 1, 0, 2), conv(2, 1, 0)}};
    const PipelineRun run = simulate_pipeline(net, {4, 1}, setup_for(net));
    EXPECT_EQ(run.layers[1].first_step, 3);
    EXPECT_EQ(run.steps, 6);
}

TEST(ReramPipeline, FcLayerWaitsForTheWholeInput) {
    const Network net{"fc", {conv(2, 1, 0), fc(4, 10)}};
    const PipelineRun run = simulate_pipeline(net, {1, 1}, setup_for(net));
    EXPECT_EQ(run.layers[1].first_step, 5);
    EXPECT_EQ(run.steps, 5);
}

TEST(ReramPipeline, StepLastsAsLongAsItsSlowestActiveLayer) {
    // Layer 1 (300 ns) runs steps 1..8, layer 2 (100 ns) steps 4..12: 8 x 300 + 4 x 100.
    const Network net{"two", {conv(4, 1, 0), conv(4, 3, 1)}};
    PipelineSetup s = setup_for(net);
    s.compute_ns[0] = 300.0;
    const PipelineRun run = simulate_pipeline(net, {2, 2}, s);
    EXPECT_DOUBLE_EQ(run.total_ns, 2800.0);
    EXPECT_DOUBLE_EQ(run.longest_step_ns, 300.0);
}

TEST(ReramPipeline, BusTransferTakesAStepAndItsBandwidth) {
    // With bandwidth limits the outputs of step s cross the bus in step s + 1 and are used from
    // step s + 2: layer 2 runs steps 5..13. 2 outputs x 1 channel x 2 bytes to 1 tile at
    // 0.01 B/ns = 400 ns in steps 2..9; 100 ns (compute) otherwise: 100 + 8 x 400 + 4 x 100.
    const Network net{"two", {conv(4, 1, 0), conv(4, 3, 1)}};
    const PipelineRun run = simulate_pipeline(net, {2, 2}, slow_bus_setup(net));
    EXPECT_EQ(run.layers[1].first_step, 5);
    EXPECT_EQ(run.steps, 13);
    EXPECT_DOUBLE_EQ(run.total_ns, 3700.0);
    EXPECT_DOUBLE_EQ(run.compute_bound_ns, 500.0);
}

TEST(ReramPipeline, BusCopiesGoToEveryTileOfTheConsumerUnlessBroadcast) {
    // Layer 2: 4 copies of 1 crossbar on tiles of 2 crossbars = 2 tiles, so a unicast bus moves
    // each output twice: 800 ns per transfer step instead of 400.
    const Network net{"two", {conv(4, 1, 0), conv(4, 3, 1)}};
    PipelineSetup s = slow_bus_setup(net, 2);
    const PipelineRun unicast = simulate_pipeline(net, {2, 4}, s);
    EXPECT_EQ(unicast.layers[1].tiles, 2);
    EXPECT_DOUBLE_EQ(unicast.longest_step_ns, 800.0);
    s.bus_broadcast = true;
    EXPECT_DOUBLE_EQ(simulate_pipeline(net, {2, 4}, s).longest_step_ns, 400.0);
}

TEST(ReramPipeline, BufferReadsAreChargedToTheBusiestTile) {
    // R = 3 copies of 1 crossbar, 2 crossbars per tile: copies 0 and 1 share tile 0. A full step
    // reads 2 x 1 input x 2 bytes = 4 bytes from it (400 ns at 0.01 B/ns), the last step (one
    // copy) 2 bytes (200 ns): 5 x 400 + 200.
    const Network net{"one", {conv(4, 1, 0)}};
    PipelineSetup s = setup_for(net);
    s.hw.bandwidth_limited = true;
    s.hw.crossbars_per_tile = 2;
    s.hw.buffer_bytes_per_ns = 0.01;
    EXPECT_DOUBLE_EQ(simulate_pipeline(net, {3}, s).total_ns, 2200.0);
    // A copy of 3 crossbars (5 inputs on 2-row crossbars) spans tiles: copies 0 and 1 both have
    // crossbars in tile 1, which reads 2 x 5 x 2 = 20 bytes per step (2000 ns), 2 steps.
    const Network wide{"wide", {pimsoc::test::conv(5, 1, 2, 1, 0)}};
    PipelineSetup w = setup_for(wide);
    w.hw = s.hw;
    w.hw.crossbar_size = 2;
    EXPECT_DOUBLE_EQ(simulate_pipeline(wide, {2}, w).total_ns, 4000.0);
}

TEST(ReramPipeline, ComputeStepIsTheTileModelsBitSerialMvm) {
    // 16-bit inputs on 1-bit DACs: 16 reads of 100 ns overlapped with the conversions of the
    // previous read; 128 columns on one 1.28 GS/s ADC = 128 x 781 ps = 99.968 ns; + 1 ns
    // shift-and-add: 100 + 15 x 100 + 99.968 + 1. Six columns convert in 6 x 781 ps.
    Layer wide = pimsoc::test::conv(64, 1, 4, 3, 1);
    wide.co = 256;
    Layer narrow = pimsoc::test::conv(64, 1, 4, 3, 1);
    narrow.co = 6;
    const std::vector<double> ns = layer_compute_ns(Network{"n", {wide, narrow}}, ReramConfig{});
    EXPECT_DOUBLE_EQ(ns[0], 1700.968);
    EXPECT_DOUBLE_EQ(ns[1], 100 + 15 * 100 + 6 * 0.781 + 1);
    ReramConfig two_adcs;
    two_adcs.geometry.adcs_per_crossbar = 2;
    EXPECT_DOUBLE_EQ(layer_compute_ns(Network{"n", {wide}}, two_adcs)[0], 1600 + 64 * 0.781 + 1);
    EXPECT_THROW(layer_compute_ns(Network{"n", {wide}}, ReramConfig{}, StepPrecision{17, {}}),
                 std::invalid_argument);
}

TEST(ReramPipeline, BadInputIsAnErrorNamingTheProblem) {
    const Network net{"two", {conv(4, 1, 0), conv(4, 3, 1)}};
    const PipelineSetup s = setup_for(net);
    auto message = [&](const std::vector<int64_t>& copies, const PipelineSetup& setup) {
        try {
            simulate_pipeline(net, copies, setup);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message({2}, s), "the allocation has 1 copy counts for 2 layers");
    EXPECT_EQ(message({2, 17}, s), "layer 2 (c): R = 17 is not in 1..16");
    EXPECT_EQ(message({0, 1}, s), "layer 1 (c): R = 0 is not in 1..16");
    PipelineSetup short_setup = s;
    short_setup.compute_ns.pop_back();
    EXPECT_EQ(message({1, 1}, short_setup), "compute times for 1 layers, the network has 2");
    PipelineSetup no_bus = s;
    no_bus.hw.bandwidth_limited = true;
    no_bus.hw.bus_bytes_per_ns = 0;
    EXPECT_EQ(message({1, 1}, no_bus), "the buffer and bus bandwidths must be > 0");
}
