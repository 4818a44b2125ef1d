// CONV2D and fully connected DOT batches against naive references; shifts per MAC of the two
// placements on CNN-like patterns; a LeNet-5 forward pass for speed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "common/conv_reference.h"
#include "rtm/model/rtm_array.h"

namespace pimsoc::rtm {
namespace {

int64_t element(const std::vector<uint8_t>& bytes, size_t index, ElemType t)
{
    const uint8_t* p = bytes.data() + index * elem_bytes(t);
    uint32_t u = 0;
    std::memcpy(&u, p, elem_bytes(t));
    if (t == ElemType::u8) return static_cast<uint8_t>(u);
    if (t == ElemType::i8) return static_cast<int8_t>(u);
    if (t == ElemType::u16) return static_cast<uint16_t>(u);
    if (t == ElemType::i16) return static_cast<int16_t>(u);
    if (t == ElemType::u32) return u;
    if (t == ElemType::i32) return static_cast<int32_t>(u);
    return 0;
}

std::vector<int32_t> reference_conv(const Conv2dCommand& c, const std::vector<uint8_t>& in,
                                    const std::vector<uint8_t>& k)
{
    return test::reference_conv(
        c, [&](size_t i) { return element(in, i, c.in_type); }, [&](size_t i) { return element(k, i, c.kernel_type); });
}

using ConvCase = test::ConvShape;

void check_conv(const RtmConfig& config, const ConvCase& cc, std::mt19937_64& rng)
{
    RtmArray rtm(config);
    Conv2dCommand c = test::conv_command(cc);
    c.init = static_cast<int32_t>(rng() % 2001) - 1000;
    std::vector<uint8_t> in(static_cast<size_t>(cc.channels) * cc.height * cc.width * elem_bytes(cc.in_type));
    std::vector<uint8_t> k(static_cast<size_t>(cc.channels) * cc.kh * cc.kw * elem_bytes(cc.kernel_type));
    for (auto& x : in) x = static_cast<uint8_t>(rng());
    for (auto& x : k) x = static_cast<uint8_t>(rng());
    c.in = 0;
    c.kernel = static_cast<uint32_t>((in.size() + 63) / 64 * 64);
    c.dst = static_cast<uint32_t>((c.kernel + k.size() + 63) / 64 * 64);
    ASSERT_TRUE(rtm.load(c.in, in.data(), in.size()));
    ASSERT_TRUE(rtm.load(c.kernel, k.data(), k.size()));
    std::vector<int32_t> res;
    const Result r = rtm.run(c, &res);
    ASSERT_EQ(r.error, RtmError::none);
    const std::vector<int32_t> expected = reference_conv(c, in, k);
    ASSERT_EQ(res, expected);
    std::vector<int32_t> written(expected.size());
    ASSERT_TRUE(rtm.dump(c.dst, written.data(), 4 * written.size()));
    EXPECT_EQ(written, expected);
    // MACs = taps inside the input (padding taps cost nothing).
    uint64_t taps = 0;
    for (uint32_t y = 0; y < conv_out_height(c); ++y)
        for (uint32_t x = 0; x < conv_out_width(c); ++x)
            for (uint32_t i = 0; i < c.kernel_h; ++i)
                for (uint32_t j = 0; j < c.kernel_w; ++j) {
                    const int64_t iy = static_cast<int64_t>(y * c.stride_h + i) - c.pad_h;
                    const int64_t ix = static_cast<int64_t>(x * c.stride_w + j) - c.pad_w;
                    taps += iy >= 0 && ix >= 0 && iy < c.height && ix < c.width;
                }
    EXPECT_EQ(r.cost.counters.macs, taps * c.channels);
}

TEST(RtmConv, MatchesTheNaiveReference)
{
    const ConvCase cases[] = {
        {ElemType::u8, ElemType::i8, 1, 28, 28, 5, 5, 1, 1, 2, 2},  // LeNet conv1
        {ElemType::u8, ElemType::i8, 6, 14, 14, 5, 5, 1, 1, 0, 0},  // LeNet conv2
        {ElemType::i8, ElemType::i8, 3, 9, 7, 3, 2, 2, 1, 1, 1},
        {ElemType::u8, ElemType::i8, 2, 5, 5, 5, 5, 1, 1, 4, 4},  // mostly padding
        {ElemType::u8, ElemType::i8, 1, 1, 1, 1, 1, 1, 1, 0, 0},
        {ElemType::u16, ElemType::i8, 2, 8, 6, 3, 3, 3, 2, 2, 1},
        {ElemType::i16, ElemType::i16, 2, 6, 6, 2, 3, 1, 2, 1, 0},
        {ElemType::i32, ElemType::u32, 1, 5, 4, 2, 2, 1, 1, 1, 1},
        {ElemType::u8, ElemType::u8, 4, 7, 7, 7, 7, 7, 7, 0, 0},  // kernel = input
    };
    std::mt19937_64 rng(99);
    for (Placement p : {Placement::sequential, Placement::interleaved}) {
        for (uint32_t tracks : {8u, 32u, 64u}) {
            RtmConfig config;
            config.geometry.placement = p;
            config.geometry.tracks_per_dbc = tracks;
            config.geometry.port_policy = tracks == 8 ? PortPolicy::dynamic_ports : PortPolicy::static_ports;
            for (const ConvCase& cc : cases) check_conv(config, cc, rng);
        }
    }
}

// Shifts per MAC (data movement only: access + return shifts; the multipliers' positional
// shifts do not depend on placement) on two CNN-like patterns with the default geometry.
struct PatternFigures {
    uint64_t macs = 0;
    uint64_t shifts = 0;
    uint64_t latency_ps = 0;
    double per_mac() const { return static_cast<double>(shifts) / static_cast<double>(macs); }
};

// 5x5 window over a 28x28 uint8 image stored row by row, int8 kernel, 24x24 int32 results.
PatternFigures conv_pattern(const RtmConfig& config)
{
    RtmArray rtm(config);
    std::mt19937_64 rng(1);
    std::vector<uint8_t> img(784), k(25);
    for (auto& x : img) x = static_cast<uint8_t>(rng());
    for (auto& x : k) x = static_cast<uint8_t>(rng());
    rtm.load(0, img.data(), img.size());
    rtm.load(1024, k.data(), k.size());
    Conv2dCommand c;
    c.in = 0;
    c.channels = 1;
    c.height = 28;
    c.width = 28;
    c.kernel = 1024;
    c.kernel_h = 5;
    c.kernel_w = 5;
    c.dst = 4096;
    const Result r = rtm.run(c);
    const Counters& n = r.cost.counters;
    return PatternFigures{n.macs, n.access_shifts + n.return_shifts, r.cost.latency_ps};
}

// 400 -> 120 fully connected: input uint8 at 0, weights int8 row by row at 512, results after.
PatternFigures fc_pattern(const RtmConfig& config)
{
    RtmArray rtm(config);
    DotCommand d;
    d.a = 0;
    d.length = 400;
    d.count = 120;
    d.stride_a = 0;
    d.b = 512;
    d.stride_b = 400;
    d.dst = 512 + 48000;
    const Result r = rtm.run(d);
    const Counters& n = r.cost.counters;
    return PatternFigures{n.macs, n.access_shifts + n.return_shifts, r.cost.latency_ps};
}

RtmConfig with(Placement p, PortPolicy pp = PortPolicy::static_ports, uint32_t ports = 2,
               ReturnPolicy rp = ReturnPolicy::lazy)
{
    RtmConfig c;
    c.cells.input_buffer_bytes = 0;  // the placement alone (the buffer: below)
    c.geometry.placement = p;
    c.geometry.port_policy = pp;
    c.geometry.ports_per_track = ports;
    c.geometry.return_policy = rp;
    return c;
}

TEST(RtmPlacement, ShiftsPerMacOfConvAndFullyConnectedPatterns)
{
    std::printf("%-11s %-13s %5s %-5s | %-26s | %-26s\n", "placement", "ports", "P", "ret",
                "conv 5x5 on 28x28: shifts/MAC", "fc 400x120: shifts/MAC");
    for (ReturnPolicy rp : {ReturnPolicy::lazy, ReturnPolicy::eager}) {
        for (PortPolicy pp : {PortPolicy::static_ports, PortPolicy::dynamic_ports}) {
            uint64_t previous[2] = {UINT64_MAX, UINT64_MAX};
            for (uint32_t ports : {1u, 2u, 4u, 8u}) {
                for (Placement p : {Placement::sequential, Placement::interleaved}) {
                    const PatternFigures conv = conv_pattern(with(p, pp, ports, rp));
                    const PatternFigures fc = fc_pattern(with(p, pp, ports, rp));
                    std::printf("%-11s %-13s %5u %-5s | %7.3f (%6llu / %6llu) | %7.3f (%6llu / %6llu)\n",
                                to_string(p), to_string(pp), ports, to_string(rp), conv.per_mac(),
                                static_cast<unsigned long long>(conv.shifts),
                                static_cast<unsigned long long>(conv.macs), fc.per_mac(),
                                static_cast<unsigned long long>(fc.shifts),
                                static_cast<unsigned long long>(fc.macs));
                }
                // The conv window re-reads a small image that interleaving keeps at one domain
                // row: far fewer shifts with the lazy policy, for every port count and policy.
                // On this pattern more ports always shift less (not a general law: test_rtm_ports.cpp).
                for (Placement p : {Placement::sequential, Placement::interleaved}) {
                    const uint64_t s = conv_pattern(with(p, pp, ports, rp)).shifts;
                    EXPECT_LT(s, previous[static_cast<int>(p)])
                        << to_string(p) << " " << to_string(pp) << " " << ports;
                    previous[static_cast<int>(p)] = s;
                }
                if (rp == ReturnPolicy::lazy) {
                    EXPECT_LT(conv_pattern(with(Placement::interleaved, pp, ports, rp)).shifts,
                              conv_pattern(with(Placement::sequential, pp, ports, rp)).shifts)
                        << to_string(pp) << " " << ports;
                }
            }
        }
    }
    // The default geometry (2 static ports, lazy), pinned: the figures docs/models/rtm.md quotes.
    const PatternFigures conv_seq = conv_pattern(with(Placement::sequential));
    const PatternFigures conv_int = conv_pattern(with(Placement::interleaved));
    const PatternFigures fc_seq = fc_pattern(with(Placement::sequential));
    const PatternFigures fc_int = fc_pattern(with(Placement::interleaved));
    EXPECT_EQ(conv_seq.macs, 14400u);
    EXPECT_EQ(fc_seq.macs, 48000u);
    EXPECT_LT(conv_int.shifts * 5, conv_seq.shifts);  // more than 5x fewer
    EXPECT_EQ(conv_seq.shifts, 38072u);
    EXPECT_EQ(conv_int.shifts, 4786u);
    // The fully connected layer is the opposite case (docs/models/rtm.md, "Placement"): the
    // input vector, re-read for every output, shares its DBCs with the weight rows streaming
    // past, so interleaving makes those DBCs shuttle between the two; sequential keeps them apart.
    EXPECT_GT(fc_int.shifts, fc_seq.shifts);
    EXPECT_EQ(fc_seq.shifts, 43486u);
    EXPECT_EQ(fc_int.shifts, 137456u);
    // The input buffer (default 512 B) reads the input once per command: only the weights' single
    // pass remains, about one shift per word in either placement.
    RtmConfig buffered_seq = with(Placement::sequential);
    RtmConfig buffered_int = with(Placement::interleaved);
    buffered_seq.cells.input_buffer_bytes = buffered_int.cells.input_buffer_bytes = 512;
    EXPECT_EQ(fc_pattern(buffered_seq).shifts, 20638u);
    EXPECT_EQ(fc_pattern(buffered_int).shifts, 23456u);
}

// An FC layer as one batched DOT: one input vector (stride 0), one weight row per output,
// per-output biases from the array.
TEST(RtmConv, FullyConnectedBatchMatchesTheReference)
{
    RtmArray rtm(RtmConfig{});
    std::mt19937_64 rng(5);
    std::vector<uint8_t> x(120), w(120 * 84);
    std::vector<int32_t> bias(84);
    for (auto& v : x) v = static_cast<uint8_t>(rng());
    for (auto& v : w) v = static_cast<uint8_t>(rng());
    for (auto& v : bias) v = static_cast<int32_t>(rng() % 100001) - 50000;
    rtm.load(0, x.data(), x.size());
    rtm.load(128, w.data(), w.size());
    rtm.load(12288, bias.data(), 4 * bias.size());
    DotCommand d;
    d.type_a = ElemType::u8;
    d.type_b = ElemType::i8;
    d.a = 0;
    d.b = 128;
    d.length = 120;
    d.count = 84;
    d.stride_b = 120;
    d.has_bias = true;
    d.bias = 12288;
    d.dst = 16384;
    std::vector<int32_t> res;
    ASSERT_EQ(rtm.run(d, &res).error, RtmError::none);
    for (int o = 0; o < 84; ++o) {
        int32_t acc = bias[o];
        for (int i = 0; i < 120; ++i) acc += x[i] * static_cast<int8_t>(w[o * 120 + i]);
        EXPECT_EQ(res[o], acc);
    }
}

// LeNet-5 (firmware/models: 416,520 MACs), one layer's operands per bank, random uint8
// activations and int8 weights; every result against the reference. Must take well under a
// second of host time. The model performs 406,656 MACs: the other 9,864 of the nominal count are
// conv1's taps in its zero padding, which read nothing and cost nothing.
// A whole LeNet-5 forward pass of random data, checked against integer references. The host time
// is printed for information only (speed is a benchmark, not a pass/fail criterion).
TEST(RtmLeNet, ForwardPassMatchesReferences)
{
    RtmArray rtm(RtmConfig{});
    std::mt19937_64 rng(42);
    auto random_bytes = [&rng](size_t n) {
        std::vector<uint8_t> v(n);
        for (auto& x : v) x = static_cast<uint8_t>(rng());
        return v;
    };
    const uint32_t bank = 65536;
    struct ConvLayer {
        uint32_t base, cin, h, w, cout, pad;
    };
    const ConvLayer convs[] = {{0, 1, 28, 28, 6, 2}, {bank, 6, 14, 14, 16, 0}};
    struct FcLayer {
        uint32_t base, in, out;
    };
    const FcLayer fcs[] = {{2 * bank, 400, 120}, {3 * bank, 120, 84}, {3 * bank + 16384, 84, 10}};

    std::vector<std::vector<uint8_t>> conv_in, conv_k;
    std::vector<std::vector<uint8_t>> fc_in, fc_w;
    for (const ConvLayer& l : convs) {
        conv_in.push_back(random_bytes(l.cin * l.h * l.w));
        conv_k.push_back(random_bytes(l.cout * l.cin * 25));
        rtm.load(l.base, conv_in.back().data(), conv_in.back().size());
        rtm.load(l.base + 2048, conv_k.back().data(), conv_k.back().size());
    }
    for (const FcLayer& l : fcs) {
        fc_in.push_back(random_bytes(l.in));
        fc_w.push_back(random_bytes(l.in * l.out));
        rtm.load(l.base, fc_in.back().data(), l.in);
        rtm.load(l.base + 512, fc_w.back().data(), l.in * l.out);
    }

    std::vector<std::vector<int32_t>> results;
    uint64_t latency_ps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (size_t li = 0; li < 2; ++li) {
        const ConvLayer& l = convs[li];
        const uint32_t out_hw = (l.h + 2 * l.pad - 5 + 1) * (l.w + 2 * l.pad - 5 + 1);
        for (uint32_t oc = 0; oc < l.cout; ++oc) {
            Conv2dCommand c;
            c.in = l.base;
            c.channels = l.cin;
            c.height = l.h;
            c.width = l.w;
            c.kernel = l.base + 2048 + oc * l.cin * 25;
            c.kernel_h = 5;
            c.kernel_w = 5;
            c.pad_h = l.pad;
            c.pad_w = l.pad;
            c.init = static_cast<int32_t>(oc);
            c.dst = l.base + 8192 + oc * out_hw * 4;
            results.emplace_back();
            const Result r = rtm.run(c, &results.back());
            ASSERT_EQ(r.error, RtmError::none);
            latency_ps += r.cost.latency_ps;
        }
    }
    for (const FcLayer& l : fcs) {
        DotCommand d;
        d.a = l.base;
        d.b = l.base + 512;
        d.length = l.in;
        d.count = l.out;
        d.stride_b = l.in;
        d.dst = l.base + 512 + ((l.in * l.out + 63) / 64) * 64;
        results.emplace_back();
        const Result r = rtm.run(d, &results.back());
        ASSERT_EQ(r.error, RtmError::none);
        latency_ps += r.cost.latency_ps;
    }
    const double host_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const Counters& n = rtm.counters();
    std::printf(
        "LeNet-5 forward: %llu MACs in %.3f s host time; modelled %.3f ms (layers in sequence), %.2f uJ\n",
        static_cast<unsigned long long>(n.macs), host_s, static_cast<double>(latency_ps) / 1e9,
        rtm.energy().total_pj() / 1e6);
    EXPECT_EQ(n.macs, 416520u - 9864u);

    // Check every result against the references.
    size_t ri = 0;
    for (size_t li = 0; li < 2; ++li) {
        const ConvLayer& l = convs[li];
        for (uint32_t oc = 0; oc < l.cout; ++oc) {
            Conv2dCommand c;
            c.channels = l.cin;
            c.height = l.h;
            c.width = l.w;
            c.kernel_h = 5;
            c.kernel_w = 5;
            c.pad_h = l.pad;
            c.pad_w = l.pad;
            c.init = static_cast<int32_t>(oc);
            const std::vector<uint8_t> k(conv_k[li].begin() + oc * l.cin * 25,
                                         conv_k[li].begin() + (oc + 1) * l.cin * 25);
            ASSERT_EQ(results[ri++], reference_conv(c, conv_in[li], k));
        }
    }
    for (size_t fi = 0; fi < 3; ++fi) {
        const FcLayer& l = fcs[fi];
        const std::vector<int32_t>& res = results[ri++];
        for (uint32_t o = 0; o < l.out; ++o) {
            int32_t acc = 0;
            for (uint32_t i = 0; i < l.in; ++i)
                acc += fc_in[fi][i] * static_cast<int8_t>(fc_w[fi][o * l.in + i]);
            ASSERT_EQ(res[o], acc);
        }
    }
}

}  // namespace
}  // namespace pimsoc::rtm
