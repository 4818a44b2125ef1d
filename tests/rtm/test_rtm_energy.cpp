// The circuit energy model (docs/models/rtm.md, "Energy models"): a hand-computed DOT, each term
// scaling as documented (tracks, track length, ports, bank size, element width, accumulator),
// and results that do not depend on the energy model (its parameter validation: test_rtm_config.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "rtm/model/bank_energy.h"
#include "rtm/model/rtm_array.h"
#include "tiny_config.h"

namespace pimsoc::rtm {
namespace {

constexpr double kE = 19.5 / 32.0 / 95.0;  // default shift_pj_per_track_domain
constexpr double kSlice = 0.5 + 1.0;        // default cell sense + write per bit slice

// tiny_config.h's array with the circuit model's defaults.
RtmConfig tiny()
{
    return tiny_config(CostModel::circuit);
}

// u8 A = {5, 7} at word 0 (DBC 0), i8 B = {1, 3} at word 8 (DBC 1), result at word 16 (DBC 2).
Result run_tiny_dot(const RtmConfig& c, std::vector<int32_t>* results = nullptr)
{
    RtmArray rtm(c);
    const uint8_t a[2] = {5, 7};
    const int8_t b[2] = {1, 3};
    rtm.load(0, a, 2);
    rtm.load(32, b, 2);
    DotCommand cmd;
    cmd.type_a = ElemType::u8;
    cmd.type_b = ElemType::i8;
    cmd.a = 0;
    cmd.b = 32;
    cmd.length = 2;
    cmd.dst = 64;
    return rtm.run(cmd, results);
}

// 5 x 1 + 7 x 3 = 26. Accumulator: 2 terms of 16-bit products -> 17 bits. Radix-4 digits of the
// i8 weights: 1 = (+1, 0, 0, 0), 3 = (-1, +1, 0, 0): 4 digits x 2 steps, and back: 16 positional
// steps per multiplication on the 16-bit product register (a 32-domain track); partial products
// of 8 + 2 = 10 bits, bit-serial: 2 x 10 steps of a 20-domain operand and the 32-domain product
// track; accumulation of 17 bits: 2 x 17 steps of the 32-domain product and 34-domain accumulator.
TEST(RtmEnergy, HandComputedCircuitDot)
{
    std::vector<int32_t> results;
    const Result r = run_tiny_dot(tiny(), &results);
    ASSERT_EQ(r.error, RtmError::none);
    EXPECT_EQ(results, std::vector<int32_t>{26});
    const Counters& c = r.cost.counters;
    EXPECT_EQ(c.access_shifts, 3u);  // one step each for A, B and the result (rest at domain 1)
    EXPECT_EQ(c.reads, 2u);
    EXPECT_EQ(c.writes, 1u);
    EXPECT_EQ(c.cell_shifts, 2u * 16);
    EXPECT_EQ(c.cell_shift_domains, 2u * 16 * 32);
    EXPECT_EQ(c.mult_steps, 3u);
    EXPECT_EQ(c.mult_bits, 3u * 10);
    EXPECT_EQ(c.adds, 2u);
    EXPECT_EQ(c.add_bits, 2u * 17);
    EXPECT_EQ(c.traversal_shift_domains, 3u * 2 * 10 * (20 + 32) + 2u * 2 * 17 * (32 + 34));
    // Cell time: (16 x 2140 + steps x 10 x (6460 + 2140)) per product, 17 x 8600 per accumulation.
    EXPECT_EQ(c.compute_ps, 2u * 16 * 2140 + 3u * 10 * 8600 + 2u * 17 * 8600);

    // The bank's periphery: the per-bank estimate (hand-checked in test_rtm_bank_energy.cpp).
    const RtmConfig cfg = tiny();
    const double read_periphery = access_energy(rtm_bank_organisation(cfg), cfg, AccessKind::read).total_pj();
    const double write_periphery = access_energy(rtm_bank_organisation(cfg), cfg, AccessKind::write).total_pj();
    const Energy& e = r.cost.energy;
    EXPECT_DOUBLE_EQ(e.shift_pj, 3 * kE * 32 * 11);
    EXPECT_DOUBLE_EQ(e.cell_shift_pj, 1024 * kE);
    EXPECT_DOUBLE_EQ(e.traversal_pj, static_cast<double>(c.traversal_shift_domains) * kE);
    EXPECT_DOUBLE_EQ(e.read_pj, 2 * (read_periphery + 32 * 0.5));
    EXPECT_DOUBLE_EQ(e.write_pj, write_periphery + 32 * 1.0);
    EXPECT_DOUBLE_EQ(e.add_pj, 34 * kSlice);
    EXPECT_DOUBLE_EQ(e.mult_pj, 30 * kSlice);
}

// One DBC shift step costs e x T x (N + overhead): linear in the tracks and the track length.
TEST(RtmEnergy, DbcShiftScalesWithTracksAndTrackLength)
{
    auto step_pj = [](uint32_t tracks, uint32_t domains, uint32_t ports) {
        RtmConfig c;
        c.geometry.tracks_per_dbc = tracks;
        c.geometry.domains_per_track = domains;
        c.geometry.ports_per_track = ports;
        return UnitCosts(c).shift_pj;
    };
    EXPECT_DOUBLE_EQ(step_pj(32, 64, 2), 19.5);  // the default geometry keeps RTSim's figure
    for (uint32_t t : {8u, 16u, 64u}) EXPECT_DOUBLE_EQ(step_pj(t, 64, 2), 19.5 * t / 32);
    // Track length: data + overhead domains (static ports: S - 1 overhead).
    EXPECT_DOUBLE_EQ(step_pj(32, 32, 2), kE * 32 * (32 + 15));
    EXPECT_DOUBLE_EQ(step_pj(32, 128, 2), kE * 32 * (128 + 63));
    // More ports, shorter overhead, cheaper steps: 127, 95, 79, 71 domains.
    EXPECT_DOUBLE_EQ(step_pj(32, 64, 1), kE * 32 * 127);
    EXPECT_DOUBLE_EQ(step_pj(32, 64, 4), kE * 32 * 79);
    EXPECT_DOUBLE_EQ(step_pj(32, 64, 8), kE * 32 * 71);
    EXPECT_GT(step_pj(32, 64, 1), step_pj(32, 64, 8));
    // The legacy preset is flat: 19.5 pJ per step whatever the geometry.
    RtmConfig legacy;
    legacy.energy.model = CostModel::legacy;
    legacy.geometry.tracks_per_dbc = 8;
    legacy.geometry.ports_per_track = 8;
    EXPECT_DOUBLE_EQ(UnitCosts(legacy).shift_pj, 19.5);
}

// A window read pays its shift steps at the per-step energy of its geometry.
TEST(RtmEnergy, WindowReadShiftEnergyFollowsTheGeometry)
{
    for (uint32_t ports : {1u, 2u, 4u}) {
        RtmConfig c = tiny();
        c.geometry.ports_per_track = ports;
        RtmArray rtm(c);
        uint8_t buf[4];
        const Result r = rtm.read(7 * 4, buf, 4);  // domain 7 of DBC 0
        const PortGeometry pg(8, ports, PortPolicy::static_ports);
        EXPECT_DOUBLE_EQ(r.cost.energy.shift_pj,
                         static_cast<double>(r.cost.counters.access_shifts) * kE * 32 * pg.track_domains());
    }
}

// Array accesses, periphery_model sqrt: T x (periphery x sqrt(bank / 256 KiB) + the MTJ sense or
// write per bit).
TEST(RtmEnergy, AccessEnergyScalesWithWordWidthAndBankSize)
{
    auto units = [](uint32_t tracks, uint32_t subarrays) {
        RtmConfig c;
        c.geometry.tracks_per_dbc = tracks;
        c.geometry.subarrays_per_bank = subarrays;
        c.energy.periphery_model = PeripheryModel::sqrt;
        return UnitCosts(c);
    };
    const UnitCosts d = units(32, 16);  // 64 KiB bank: periphery 5/32 x 1/2 per bit
    EXPECT_DOUBLE_EQ(d.read_pj, 32 * (5.0 / 64 + 0.5));
    EXPECT_DOUBLE_EQ(d.write_pj, 32 * (5.0 / 64 + 1.0));
    // Four times the bank: twice the periphery per bit.
    EXPECT_DOUBLE_EQ(units(32, 64).read_pj, 32 * (5.0 / 32 + 0.5));
    // T = 16 halves the word and the bank: per bit periphery x sqrt(1/2).
    EXPECT_DOUBLE_EQ(units(16, 16).read_pj, 16 * (5.0 / 64 * std::sqrt(0.5) + 0.5));
}

// Element width: an i16 weight has twice the Booth digits (positional shifts) of an i8 one, and
// the product and accumulator registers grow with the operands.
TEST(RtmEnergy, MacCostsGrowWithElementWidth)
{
    auto dot = [](ElemType ta, ElemType tb) {
        RtmConfig c = tiny();
        RtmArray rtm(c);
        const uint8_t ones[8] = {1, 0, 1, 0, 1, 0, 1, 0};
        rtm.load(0, ones, 8);
        rtm.load(32, ones, 8);
        DotCommand cmd;
        cmd.type_a = ta;
        cmd.type_b = tb;
        cmd.a = 0;
        cmd.b = 32;
        cmd.length = 2;
        cmd.dst = 64;
        return rtm.run(cmd).cost;
    };
    const Cost c8 = dot(ElemType::u8, ElemType::i8);
    const Cost c16 = dot(ElemType::u16, ElemType::i16);
    EXPECT_EQ(c8.counters.cell_shifts, 2u * 2 * 4 * 2);  // 4 radix-4 digits x 2 steps, and back
    EXPECT_EQ(c16.counters.cell_shifts, 2u * 2 * 8 * 2);
    EXPECT_EQ(c8.counters.add_bits, 2u * 17);   // 16-bit products + 1 bit for 2 terms
    EXPECT_EQ(c16.counters.add_bits, 2u * 32);  // 32 + 1 bits, capped at 32
    EXPECT_EQ(c8.counters.cell_shift_domains, c8.counters.cell_shifts * 2 * 16);
    EXPECT_EQ(c16.counters.cell_shift_domains, c16.counters.cell_shifts * 2 * 32);
    EXPECT_GT(c16.energy.total_pj(), 2 * c8.energy.total_pj());
}

// The accumulator: bound (product bits + ceil(log2 terms), the bias one more term), int32, fused.
TEST(RtmEnergy, AccumulatorWidthFollowsTheCommandsBound)
{
    auto add_bits = [](Accumulator acc, uint32_t length, bool bias) {
        RtmConfig c;
        c.energy.accumulator = acc;
        RtmArray rtm(c);
        DotCommand cmd;
        cmd.type_a = ElemType::u8;
        cmd.type_b = ElemType::i8;
        cmd.a = 0;
        cmd.b = 1024;
        cmd.length = length;
        cmd.count = 3;
        cmd.has_bias = bias;
        cmd.bias = 4096;
        cmd.dst = 8192;
        return rtm.run(cmd).cost.counters;
    };
    // LeNet-5 fc1: 400 terms + bias -> 16 + 9 = 25 bits.
    EXPECT_EQ(add_bits(Accumulator::bound, 400, true).add_bits, 3u * 400 * 25);
    EXPECT_EQ(add_bits(Accumulator::bound, 400, false).add_bits, 3u * 400 * 25);  // 400 -> 9 bits too
    EXPECT_EQ(add_bits(Accumulator::bound, 256, false).add_bits, 3u * 256 * 24);
    EXPECT_EQ(add_bits(Accumulator::bound, 256, true).add_bits, 3u * 256 * 25);
    EXPECT_EQ(add_bits(Accumulator::bound, 1, false).add_bits, 3u * 1 * 16);
    EXPECT_EQ(add_bits(Accumulator::int32, 400, true).add_bits, 3u * 400 * 32);
    // Fused: no addition per MAC, one 25-bit carry pass per output; the product register is the
    // 25-bit accumulator (a 50-domain track).
    const Counters fused = add_bits(Accumulator::fused, 400, true);
    EXPECT_EQ(fused.adds, 3u);
    EXPECT_EQ(fused.add_bits, 3u * 25);
    EXPECT_EQ(fused.cell_shift_domains, fused.cell_shifts * 50);
    // The legacy preset always adds 32 bits, whatever the accumulator parameter.
    RtmConfig legacy;
    legacy.energy.model = CostModel::legacy;
    legacy.energy.accumulator = Accumulator::fused;
    EXPECT_EQ(UnitCosts(legacy).accumulator_bits(16, 400), 32u);
}

// Bit-serial cells move their operand and sum tracks; word-parallel ones have a port per slice.
TEST(RtmEnergy, TraversalShiftsOnlyInBitSerialCells)
{
    RtmConfig serial = tiny();
    RtmConfig parallel = tiny();
    parallel.cells.adder_mode = AdderMode::word_parallel;
    const Cost s = run_tiny_dot(serial).cost;
    const Cost p = run_tiny_dot(parallel).cost;
    EXPECT_GT(s.counters.traversal_shift_domains, 0u);
    EXPECT_EQ(p.counters.traversal_shift_domains, 0u);
    EXPECT_DOUBLE_EQ(p.energy.traversal_pj, 0.0);
    // The rest of the energy is the same mechanism.
    EXPECT_NEAR(s.energy.total_pj() - s.energy.traversal_pj, p.energy.total_pj(), 1e-9);
    // An element-wise i16 ADD: 2 x 16 steps of three 32-domain tracks' worth (operand + sum).
    RtmArray rtm(serial);
    const Result add = rtm.run(ElementwiseCommand{ElementwiseOp::add, ElemType::i16, 0, 32, 64, 1});
    EXPECT_EQ(add.cost.counters.traversal_shift_domains, 2u * 16 * (32 + 32));
}

// Every shift-energy term is linear in shift_pj_per_track_domain, the slices in sense + write.
TEST(RtmEnergy, EachTermScalesWithItsParameter)
{
    RtmConfig base = tiny();
    RtmConfig doubled = tiny();
    doubled.energy.shift_pj_per_track_domain *= 2;
    doubled.energy.cell_sense_pj_per_bit *= 2;
    doubled.energy.cell_write_pj_per_bit *= 2;
    const Energy a = run_tiny_dot(base).cost.energy;
    const Energy b = run_tiny_dot(doubled).cost.energy;
    EXPECT_DOUBLE_EQ(b.shift_pj, 2 * a.shift_pj);
    EXPECT_DOUBLE_EQ(b.cell_shift_pj, 2 * a.cell_shift_pj);
    EXPECT_DOUBLE_EQ(b.traversal_pj, 2 * a.traversal_pj);
    EXPECT_DOUBLE_EQ(b.add_pj, 2 * a.add_pj);
    EXPECT_DOUBLE_EQ(b.mult_pj, 2 * a.mult_pj);
    EXPECT_GT(b.read_pj, a.read_pj);  // the periphery share stays
    EXPECT_LT(b.read_pj, 2 * a.read_pj);
}

// The energy model changes costs, never results: DOT and CONV2D under every model and accumulator.
TEST(RtmEnergy, ResultsDoNotDependOnTheEnergyModel)
{
    std::vector<uint8_t> data(4096);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 37 + 11);
    std::vector<std::vector<uint8_t>> windows;
    for (CostModel m : {CostModel::legacy, CostModel::circuit}) {
        for (Accumulator acc : {Accumulator::int32, Accumulator::bound, Accumulator::fused}) {
            RtmConfig c;
            c.energy.model = m;
            c.energy.accumulator = acc;
            RtmArray rtm(c);
            rtm.load(0, data.data(), data.size());
            DotCommand dot;
            dot.type_a = ElemType::u8;
            dot.type_b = ElemType::i8;
            dot.a = 0;
            dot.b = 1024;
            dot.length = 100;
            dot.count = 5;
            dot.stride_b = 100;
            dot.init = -12345;
            dot.dst = 8192;
            ASSERT_EQ(rtm.run(dot).error, RtmError::none);
            Conv2dCommand conv;
            conv.in_type = ElemType::u8;
            conv.kernel_type = ElemType::i8;
            conv.in = 0;
            conv.channels = 2;
            conv.height = 12;
            conv.width = 12;
            conv.kernel = 2048;
            conv.kernel_h = 5;
            conv.kernel_w = 5;
            conv.dst = 12288;
            ASSERT_EQ(rtm.run(conv).error, RtmError::none);
            std::vector<uint8_t> window(16384);
            rtm.dump(0, window.data(), window.size());
            windows.push_back(std::move(window));
        }
    }
    for (size_t i = 1; i < windows.size(); ++i) EXPECT_EQ(windows[i], windows[0]) << "config " << i;
}

}  // namespace
}  // namespace pimsoc::rtm
