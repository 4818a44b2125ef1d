// Parameter validation, command error codes (each changes nothing) and the area model.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "rtm/model/rtm_array.h"

namespace pimsoc::rtm {
namespace {

std::string validate_with(const std::function<void(RtmConfig&)>& change)
{
    RtmConfig c;
    change(c);
    return validate(c);
}

TEST(RtmConfig, DefaultsAreValid)
{
    EXPECT_EQ(validate(RtmConfig{}), "");
    EXPECT_NO_THROW(RtmArray{RtmConfig{}});
}

// The circuit energy model's members (docs/models/rtm.md, "Energy models").
TEST(RtmConfig, CircuitEnergyBadFieldsAreNamed)
{
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.model = static_cast<CostModel>(7); }),
              "rtm.cost_model: 7 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.accumulator = static_cast<Accumulator>(3); }),
              "rtm.accumulator: 3 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.shift_pj_per_track_domain = -1; }),
              "rtm.shift_pj_per_track_domain: -1 is not a finite energy >= 0 pJ");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.cell_sense_pj_per_bit = std::nan(""); }),
              "rtm.cell_sense_pj_per_bit: nan is not a finite energy >= 0 pJ");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.cell_write_pj_per_bit = -0.5; }),
              "rtm.cell_write_pj_per_bit: -0.5 is not a finite energy >= 0 pJ");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.periphery_pj_per_bit = INFINITY; }),
              "rtm.periphery_pj_per_bit: inf is not a finite energy >= 0 pJ");
    EXPECT_NE(validate_with([](RtmConfig& c) { c.energy.periphery_ref_bytes = 0; }), "");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.periphery_ref_bytes = 0; }).rfind(
                  "rtm.periphery_ref_bytes: 0 ", 0),
              0u);
    // The per-bank periphery estimate's node figures.
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.periphery_model = static_cast<PeripheryModel>(7); }),
              "rtm.periphery_model: 7 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.vdd_v = 0; }).rfind("rtm.vdd_v: 0 ", 0), 0u);
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.wire_ff_per_um = -1; }).rfind("rtm.wire_ff_per_um: -1 ", 0), 0u);
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.gate_ff_per_um = NAN; }).rfind("rtm.gate_ff_per_um: nan ", 0), 0u);
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.sense_amp_fj = -2; }).rfind("rtm.sense_amp_fj: -2 ", 0), 0u);
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.energy.bitline_swing_v = INFINITY; }).rfind("rtm.bitline_swing_v: inf ", 0),
              0u);
}

TEST(RtmConfig, EachBadFieldIsNamed)
{
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.tracks_per_dbc = 24; }),
              "rtm.tracks_per_dbc: 24 is not 8, 16, 32 or 64");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.banks = 0; }), "rtm.banks: 0 is not in 1..64");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.subarrays_per_bank = 2000; }),
              "rtm.subarrays_per_bank: 2000 is not in 1..1024");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.dbcs_per_subarray = 0; }),
              "rtm.dbcs_per_subarray: 0 is not in 1..1024");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.domains_per_track = 1025; }),
              "rtm.domains_per_track: 1025 is not in 1..1024");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.ports_per_track = 9; }),
              "rtm.ports_per_track: 9 is not in 1..8");
    EXPECT_EQ(validate_with([](RtmConfig& c) {
                  c.geometry.domains_per_track = 4;
                  c.geometry.ports_per_track = 6;
              }),
              "rtm.ports_per_track: 6 ports exceed the 4 domains per track");
    EXPECT_EQ(
        validate_with([](RtmConfig& c) {
            c.geometry.domains_per_track = 8;
            c.geometry.ports_per_track = 5;
        }),
        "rtm.ports_per_track: 5 ports leave port 4 without domains for 8 domains per track (segments of 2)");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.port_policy = static_cast<PortPolicy>(7); }),
              "rtm.port_policy: 7 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.placement = static_cast<Placement>(2); }),
              "rtm.placement: 2 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.geometry.return_policy = static_cast<ReturnPolicy>(2); }),
              "rtm.return_policy: 2 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) {
                  c.geometry.banks = 64;
                  c.geometry.subarrays_per_bank = 1024;
              }),
              "rtm.banks: 64 banks make a capacity of 268435456 bytes (banks x subarrays x DBCs x domains x "
              "tracks / 8), more than 64 MiB");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.access.shift_ns = -1; }),
              "rtm.shift_ns: -1 is not a latency in 0..1e6 ns");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.access.read_pj = std::nan(""); }),
              "rtm.read_pj: nan is not a finite energy >= 0 pJ");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.access.write_ns = 2e6; }),
              "rtm.write_ns: 2e+06 is not a latency in 0..1e6 ns");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.cells.adders_per_subarray = 0; }),
              "rtm.adders_per_subarray: 0 is not in 1..64");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.cells.multipliers_per_subarray = 65; }),
              "rtm.multipliers_per_subarray: 65 is not in 1..64");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.cells.adder_mode = static_cast<AdderMode>(3); }),
              "rtm.adder_mode: 3 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.cells.booth_radix = static_cast<BoothRadix>(3); }),
              "rtm.booth_radix: 3 is not a valid choice");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.cells.add_write_pj_per_bit = -0.5; }),
              "rtm.add_write_pj_per_bit: -0.5 is not a finite energy >= 0 pJ");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.area.feature_nm = 0; }),
              "rtm.feature_nm: 0 is not a finite value > 0");
    EXPECT_EQ(validate_with([](RtmConfig& c) { c.area.periphery_fraction = -1; }),
              "rtm.periphery_fraction: -1 is not a finite value >= 0");
    EXPECT_EQ(
        validate_with([](RtmConfig& c) { c.area.sense_amp_f2 = std::numeric_limits<double>::infinity(); }),
        "rtm.sense_amp_f2: inf is not a finite value >= 0");
}

TEST(RtmConfig, TheArrayRejectsABadConfigWithTheSameMessage)
{
    RtmConfig c;
    c.geometry.tracks_per_dbc = 24;
    try {
        RtmArray rtm(c);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "rtm.tracks_per_dbc: 24 is not 8, 16, 32 or 64");
    }
}

TEST(RtmConfig, ExtremeValidGeometriesWork)
{
    RtmConfig c;
    c.geometry.banks = 1;
    c.geometry.subarrays_per_bank = 1;
    c.geometry.dbcs_per_subarray = 1;
    c.geometry.domains_per_track = 1;
    c.geometry.ports_per_track = 1;
    c.geometry.tracks_per_dbc = 8;
    RtmArray one(c);
    EXPECT_EQ(one.capacity_bytes(), 1u);
    EXPECT_EQ(one.ports().overhead_domains(), 0u);
    const uint8_t v = 0x7E;
    EXPECT_EQ(one.write(0, &v, 1).cost.counters.shifts, 0u);
    c.geometry.domains_per_track = 1024;
    c.geometry.ports_per_track = 8;
    c.geometry.port_policy = PortPolicy::dynamic_ports;
    c.geometry.tracks_per_dbc = 64;
    RtmArray big(c);
    EXPECT_EQ(big.capacity_bytes(), 8192u);
}

// A window of 4 banks x 1 KiB (2 subarrays x 2 DBCs x 64 domains x 32 tracks).
RtmConfig four_small_banks()
{
    RtmConfig c;
    c.geometry.banks = 4;
    c.geometry.subarrays_per_bank = 2;
    c.geometry.dbcs_per_subarray = 2;
    return c;
}

Result run_command(RtmArray& rtm, const ElementwiseCommand& c)
{
    return rtm.run(c);
}
Result run_command(RtmArray& rtm, const DotCommand& c)
{
    std::vector<int32_t> res;
    return rtm.run(c, &res);
}
Result run_command(RtmArray& rtm, const Conv2dCommand& c)
{
    std::vector<int32_t> res;
    return rtm.run(c, &res);
}

// Runs a bad command and checks that it changed nothing at all.
template <typename Cmd>
void expect_rejected(RtmError expected, const Cmd& cmd)
{
    RtmArray rtm(four_small_banks());
    std::vector<uint8_t> data(rtm.capacity_bytes());
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 31 + 7);
    rtm.load(0, data.data(), data.size());
    uint8_t probe = 0;
    rtm.read(300, &probe, 1);  // shift one DBC away from 0
    const Counters before = rtm.counters();
    std::vector<int32_t> offsets;
    for (uint32_t d = 0; d < rtm.map().total_dbcs(); ++d) offsets.push_back(rtm.dbc_offset(d));
    const uint64_t busy = rtm.bank_busy_ps(0);

    EXPECT_EQ(rtm.check(cmd), expected);
    const Result r = run_command(rtm, cmd);
    EXPECT_EQ(r.error, expected) << to_string(r.error);
    EXPECT_EQ(r.cost.latency_ps, 0u);
    EXPECT_EQ(r.cost.counters, Counters{});
    EXPECT_EQ(rtm.counters(), before);
    EXPECT_EQ(rtm.bank_busy_ps(0), busy);
    std::vector<uint8_t> after(data.size());
    rtm.dump(0, after.data(), after.size());
    EXPECT_EQ(after, data);
    for (uint32_t d = 0; d < rtm.map().total_dbcs(); ++d) EXPECT_EQ(rtm.dbc_offset(d), offsets[d]);
}

TEST(RtmErrors, ElementwiseCommands)
{
    const ElementwiseCommand ok{ElementwiseOp::add, ElemType::i16, 0, 128, 256, 64};
    RtmArray rtm(four_small_banks());
    EXPECT_EQ(rtm.check(ok), RtmError::none);
    auto bad = [&ok](auto change) {
        ElementwiseCommand c = ok;
        change(c);
        return c;
    };
    expect_rejected(RtmError::bad_opcode,
                    bad([](ElementwiseCommand& c) { c.op = static_cast<ElementwiseOp>(2); }));
    expect_rejected(RtmError::bad_type,
                    bad([](ElementwiseCommand& c) { c.type = ElemType::unsigned_bits(3); }));
    expect_rejected(RtmError::zero_size, bad([](ElementwiseCommand& c) { c.length = 0; }));
    expect_rejected(RtmError::out_of_range, bad([](ElementwiseCommand& c) { c.b = 4096 - 64; }));
    expect_rejected(RtmError::out_of_range, bad([](ElementwiseCommand& c) { c.length = 0x80000000u; }));
    expect_rejected(RtmError::misaligned, bad([](ElementwiseCommand& c) { c.a = 1; }));
    expect_rejected(RtmError::cross_bank, bad([](ElementwiseCommand& c) { c.dst = 1024; }));
    expect_rejected(RtmError::cross_bank,
                    bad([](ElementwiseCommand& c) { c.dst = 1024 - 64; }));  // straddles
    expect_rejected(RtmError::overlap, bad([](ElementwiseCommand& c) { c.dst = 100; }));
    expect_rejected(RtmError::overlap, bad([](ElementwiseCommand& c) { c.dst = c.a; }));
}

TEST(RtmErrors, DotCommands)
{
    DotCommand ok;
    ok.a = 0;
    ok.b = 64;
    ok.length = 16;
    ok.count = 4;
    ok.stride_b = 16;
    ok.dst = 512;
    RtmArray rtm(four_small_banks());
    EXPECT_EQ(rtm.check(ok), RtmError::none);
    auto bad = [&ok](auto change) {
        DotCommand c = ok;
        change(c);
        return c;
    };
    expect_rejected(RtmError::bad_type, bad([](DotCommand& c) { c.type_b = ElemType{}; }));
    expect_rejected(RtmError::zero_size, bad([](DotCommand& c) { c.length = 0; }));
    expect_rejected(RtmError::zero_size, bad([](DotCommand& c) { c.count = 0; }));
    expect_rejected(RtmError::bad_stride, bad([](DotCommand& c) {
                        c.type_b = ElemType::i16;
                        c.stride_b = 3;
                    }));
    expect_rejected(RtmError::out_of_range, bad([](DotCommand& c) { c.stride_b = 0xFFFFFFFFu; }));
    expect_rejected(RtmError::out_of_range, bad([](DotCommand& c) {
                        c.count = 0xFFFFFFFFu;
                        c.stride_a = 0xFFFFFFFFu;
                    }));
    expect_rejected(RtmError::out_of_range, bad([](DotCommand& c) { c.dst = 4094; }));
    expect_rejected(RtmError::misaligned, bad([](DotCommand& c) { c.dst = 514; }));
    expect_rejected(RtmError::misaligned, bad([](DotCommand& c) {
                        c.type_a = ElemType::i32;
                        c.a = 2;
                    }));
    expect_rejected(RtmError::cross_bank, bad([](DotCommand& c) { c.b = 1024 + 64; }));
    expect_rejected(RtmError::cross_bank, bad([](DotCommand& c) { c.count = 61; }));  // B runs into bank 1
    expect_rejected(RtmError::overlap, bad([](DotCommand& c) { c.dst = 100; }));      // inside B
    expect_rejected(RtmError::overlap, bad([](DotCommand& c) {
                        c.has_bias = true;
                        c.bias = 520;
                    }));
    // Without write_result, dst is not a region: no overlap, nothing written.
    DotCommand no_write = ok;
    no_write.write_result = false;
    no_write.dst = 0;
    EXPECT_EQ(rtm.check(no_write), RtmError::none);
}

TEST(RtmErrors, Conv2dCommands)
{
    Conv2dCommand ok;
    ok.in = 0;
    ok.channels = 2;
    ok.height = 8;
    ok.width = 8;
    ok.kernel = 128;
    ok.kernel_h = 3;
    ok.kernel_w = 3;
    ok.pad_h = 1;
    ok.pad_w = 1;
    ok.dst = 256;
    RtmArray rtm(four_small_banks());
    EXPECT_EQ(rtm.check(ok), RtmError::none);
    auto bad = [&ok](auto change) {
        Conv2dCommand c = ok;
        change(c);
        return c;
    };
    expect_rejected(RtmError::bad_type, bad([](Conv2dCommand& c) { c.in_type = ElemType::signed_bits(12); }));
    expect_rejected(RtmError::zero_size, bad([](Conv2dCommand& c) { c.channels = 0; }));
    expect_rejected(RtmError::zero_size, bad([](Conv2dCommand& c) { c.kernel_w = 0; }));
    expect_rejected(RtmError::too_large, bad([](Conv2dCommand& c) { c.width = 70000; }));
    expect_rejected(RtmError::bad_kernel, bad([](Conv2dCommand& c) { c.kernel_h = 65; }));
    expect_rejected(RtmError::bad_kernel, bad([](Conv2dCommand& c) {
                        c.kernel_h = 11;
                        c.pad_h = 1;
                    }));  // 11 > 8 + 2
    expect_rejected(RtmError::bad_stride, bad([](Conv2dCommand& c) { c.stride_w = 0; }));
    expect_rejected(RtmError::bad_stride, bad([](Conv2dCommand& c) { c.stride_h = 65; }));
    expect_rejected(RtmError::bad_padding, bad([](Conv2dCommand& c) { c.pad_w = 3; }));
    expect_rejected(RtmError::out_of_range, bad([](Conv2dCommand& c) { c.in = 4000; }));
    expect_rejected(RtmError::misaligned, bad([](Conv2dCommand& c) { c.dst = 257; }));
    expect_rejected(RtmError::misaligned, bad([](Conv2dCommand& c) {
                        c.kernel_type = ElemType::i16;
                        c.kernel = 129;
                    }));
    expect_rejected(RtmError::cross_bank, bad([](Conv2dCommand& c) { c.kernel = 2048; }));
    expect_rejected(RtmError::overlap, bad([](Conv2dCommand& c) { c.dst = 64; }));   // inside the input
    expect_rejected(RtmError::overlap, bad([](Conv2dCommand& c) { c.dst = 140; }));  // inside the kernel
}

TEST(RtmErrors, EveryCodeHasAName)
{
    for (uint8_t e = 0; e <= static_cast<uint8_t>(RtmError::too_large); ++e)
        EXPECT_STRNE(to_string(static_cast<RtmError>(e)), "unknown error") << int(e);
    EXPECT_STREQ(to_string(RtmError::cross_bank), "regions in different banks");  // the shared table
}

// The register codes of OP's type fields name the racetrack's twelve types; others are rejected.
TEST(RtmErrors, RegisterTypeCodesMapToTheSupportedTypes)
{
    const ElemType expected[] = {ElemType::u8, ElemType::i8, ElemType::u16, ElemType::i16, ElemType::u32, ElemType::i32,
                                 ElemType::u1, ElemType::i1, ElemType::u2, ElemType::i2, ElemType::u4, ElemType::i4};
    for (uint32_t code = 0; code < 12; ++code) {
        EXPECT_EQ(elem_type_from_code(code), expected[code]) << code;
        EXPECT_TRUE(is_supported(elem_type_from_code(code))) << code;
    }
    for (uint32_t code = 12; code < 16; ++code) EXPECT_FALSE(is_supported(elem_type_from_code(code))) << code;
    EXPECT_FALSE(is_supported(ElemType::unsigned_bits(3)));
    EXPECT_FALSE(is_supported(ElemType::signed_bits(24)));
}

// Hand-computed area of a small config: F = 100 nm, so F^2 = 0.01 um^2, a domain is
// 2 F x 2 F = 0.04 um^2 and a port (30 + 200 F^2) 2.3 um^2.
TEST(RtmArea, HandComputedSmallConfig)
{
    RtmConfig c;
    c.geometry.banks = 2;
    c.geometry.subarrays_per_bank = 1;
    c.geometry.dbcs_per_subarray = 2;
    c.geometry.tracks_per_dbc = 8;
    c.geometry.domains_per_track = 8;
    c.geometry.ports_per_track = 2;  // static: 3 overhead domains
    c.area.feature_nm = 100;
    const AreaBreakdown a = bank_area(c);
    // 16 tracks per bank.
    EXPECT_NEAR(a.data_domains_um2, 16 * 8 * 0.04, 1e-9);
    EXPECT_NEAR(a.overhead_domains_um2, 16 * 3 * 0.04, 1e-9);
    EXPECT_NEAR(a.ports_um2, 16 * 2 * 2.3, 1e-9);
    // Bit-serial adder: 1 slice x 30 transistors x 40 F^2 = 12 um^2.
    EXPECT_NEAR(a.adders_um2, 12.0, 1e-9);
    // Multiplier: (1 x 30 + 36 radix-4 recoder) x 0.4 um^2 + product register of 8 tracks x
    // (66 domains x 0.04 + one port 2.3).
    EXPECT_NEAR(a.multipliers_um2, 66 * 0.4 + 8 * (66 * 0.04 + 2.3), 1e-9);
    EXPECT_NEAR(a.periphery_um2, 0.5 * (5.12 + 1.92 + 73.6), 1e-9);
    EXPECT_NEAR(a.input_buffer_um2, 512 * 8 * 146 * 0.01, 1e-9);  // 6T SRAM bits of the input buffer
    const AreaBreakdown t = total_area(c);
    EXPECT_NEAR(t.total_um2(), 2 * a.total_um2(), 1e-9);
    EXPECT_NEAR(RtmArray(c).area().total_um2(), t.total_um2(), 1e-9);
}

TEST(RtmArea, GrowsWithPortsDomainsTracksAndCells)
{
    auto total = [](auto change) {
        RtmConfig c;
        change(c);
        return total_area(c);
    };
    const double base = total([](RtmConfig&) {}).total_um2();
    double previous = 0;
    for (uint32_t p : {1u, 2u, 4u, 8u}) {
        const AreaBreakdown a = total([p](RtmConfig& c) { c.geometry.ports_per_track = p; });
        EXPECT_GT(a.ports_um2 + a.data_domains_um2 + a.overhead_domains_um2 + a.periphery_um2, 0);
        EXPECT_GT(a.total_um2(), previous) << p;  // more ports outweigh the shorter overhead
        previous = a.total_um2();
    }
    EXPECT_GT(total([](RtmConfig& c) {
                  c.geometry.ports_per_track = 2;
                  c.geometry.port_policy = PortPolicy::dynamic_ports;
              }).overhead_domains_um2,
              total([](RtmConfig&) {}).overhead_domains_um2);
    EXPECT_GT(total([](RtmConfig& c) { c.geometry.domains_per_track = 128; }).total_um2(), base);
    EXPECT_LT(total([](RtmConfig& c) { c.geometry.domains_per_track = 32; }).total_um2(), base);
    EXPECT_GT(total([](RtmConfig& c) { c.geometry.tracks_per_dbc = 64; }).total_um2(), base);
    EXPECT_LT(total([](RtmConfig& c) { c.geometry.tracks_per_dbc = 16; }).total_um2(), base);
    EXPECT_GT(total([](RtmConfig& c) { c.cells.multipliers_per_subarray = 4; }).total_um2(), base);
    EXPECT_GT(total([](RtmConfig& c) { c.cells.adder_mode = AdderMode::word_parallel; }).adders_um2,
              total([](RtmConfig&) {}).adders_um2);
}

}  // namespace
}  // namespace pimsoc::rtm
