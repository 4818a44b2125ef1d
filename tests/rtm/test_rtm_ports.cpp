// Ports, offsets, overhead and shift counting of one DBC (ports.h), with hand-worked cases.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "rtm/model/ports.h"

namespace pimsoc::rtm {
namespace {

// N = 8, P = 2: S = 4, port 0 rests at domain 1, port 1 at domain 5 (centres of [0,4) and [4,8)).
TEST(RtmPorts, GeometryOfEightDomainsTwoPorts)
{
    const PortGeometry st(8, 2, PortPolicy::static_ports);
    EXPECT_EQ(st.segment_length(), 4u);
    EXPECT_EQ(st.rest_domain(0), 1u);
    EXPECT_EQ(st.rest_domain(1), 5u);
    EXPECT_EQ(st.home_port(3), 0u);
    EXPECT_EQ(st.home_port(4), 1u);
    // Static: home ports need offsets d - c_k in [-1, 2].
    EXPECT_EQ(st.min_offset(), -1);
    EXPECT_EQ(st.max_offset(), 2);
    EXPECT_EQ(st.overhead_front(), 2u);
    EXPECT_EQ(st.overhead_back(), 1u);
    EXPECT_EQ(st.overhead_domains(), 3u);  // S - 1
    EXPECT_EQ(st.track_domains(), 11u);
    // Dynamic: each port reaches both segments: port 0 offsets [-1, 6], port 1 [-5, 2].
    const PortGeometry dy(8, 2, PortPolicy::dynamic_ports);
    EXPECT_EQ(dy.min_offset(), -5);
    EXPECT_EQ(dy.max_offset(), 6);
    EXPECT_EQ(dy.overhead_domains(), 11u);
}

TEST(RtmPorts, RestPositionsAndOverheadOfUnevenSegments)
{
    // N = 10, P = 3: S = 4, segments [0,4) [4,8) [8,10): c = 1, 5, 8.
    const PortGeometry g(10, 3, PortPolicy::static_ports);
    EXPECT_EQ(g.segment_length(), 4u);
    EXPECT_EQ(g.rest_domain(0), 1u);
    EXPECT_EQ(g.rest_domain(1), 5u);
    EXPECT_EQ(g.rest_domain(2), 8u);
    EXPECT_EQ(g.min_offset(), -1);
    EXPECT_EQ(g.max_offset(), 2);
    // One port: the classic single-port track, N - 1 overhead domains.
    const PortGeometry one(64, 1, PortPolicy::static_ports);
    EXPECT_EQ(one.rest_domain(0), 31u);
    EXPECT_EQ(one.min_offset(), -31);
    EXPECT_EQ(one.max_offset(), 32);
    EXPECT_EQ(one.overhead_domains(), 63u);
    const PortGeometry one_dyn(64, 1, PortPolicy::dynamic_ports);
    EXPECT_EQ(one_dyn.overhead_domains(), 63u);
    // Defaults: N = 64, P = 2, static: S = 32, c = 15, 47, offsets [-15, 16].
    const PortGeometry def(64, 2, PortPolicy::static_ports);
    EXPECT_EQ(def.rest_domain(0), 15u);
    EXPECT_EQ(def.rest_domain(1), 47u);
    EXPECT_EQ(def.min_offset(), -15);
    EXPECT_EQ(def.max_offset(), 16);
    EXPECT_EQ(def.overhead_domains(), 31u);
    const PortGeometry def_dyn(64, 2, PortPolicy::dynamic_ports);
    EXPECT_EQ(def_dyn.min_offset(), -47);
    EXPECT_EQ(def_dyn.max_offset(), 48);
}

TEST(RtmPorts, PortCountsThatLeaveAPortWithoutDomainsAreRejected)
{
    EXPECT_EQ(check_ports(8, 4), "");
    EXPECT_NE(check_ports(8, 5), "");  // S = 2: port 4's segment would start at 8
    EXPECT_NE(check_ports(4, 5), "");  // P > N
    EXPECT_NE(check_ports(64, 9), "");
    EXPECT_NE(check_ports(0, 1), "");
    EXPECT_NE(check_ports(1025, 1), "");
    EXPECT_THROW(PortGeometry(8, 5, PortPolicy::static_ports), std::invalid_argument);
    for (uint32_t p = 1; p <= 8; ++p) EXPECT_EQ(check_ports(64, p), "") << p;
}

struct Expected {
    uint32_t domain;
    uint32_t port;
    int32_t offset_after;
    uint32_t shifts;
    uint32_t return_shifts;
};

void run_sequence(PortPolicy policy, ReturnPolicy ret, const std::vector<Expected>& seq, uint64_t total)
{
    Dbc dbc(32, PortGeometry(8, 2, policy), ret);
    for (size_t i = 0; i < seq.size(); ++i) {
        uint64_t word = 0;
        const PortStep s = dbc.read(seq[i].domain, word);
        EXPECT_EQ(s.port, seq[i].port) << "access " << i;
        EXPECT_EQ(dbc.offset(), seq[i].offset_after) << "access " << i;
        EXPECT_EQ(s.shifts, seq[i].shifts) << "access " << i;
        EXPECT_EQ(s.return_shifts, seq[i].return_shifts) << "access " << i;
    }
    EXPECT_EQ(dbc.shifts(), total);
}

// Hand-worked: N = 8, P = 2 (c0 = 1, c1 = 5), domains 0, 3, 4, 7, 2, 6 from offset 0.
TEST(RtmPorts, HandWorkedStaticLazy)
{
    // Home ports: 0,0,1,1,0,1; offsets d - c: -1, 2, -1, 2, 1, 1.
    run_sequence(PortPolicy::static_ports, ReturnPolicy::lazy,
                 {{0, 0, -1, 1, 0},
                  {3, 0, 2, 3, 0},
                  {4, 1, -1, 3, 0},
                  {7, 1, 2, 3, 0},
                  {2, 0, 1, 1, 0},
                  {6, 1, 1, 0, 0}},
                 11);
}

TEST(RtmPorts, HandWorkedStaticEager)
{
    // Every access starts from 0 and returns to 0: |offset| there and back.
    run_sequence(PortPolicy::static_ports, ReturnPolicy::eager,
                 {{0, 0, 0, 1, 1},
                  {3, 0, 0, 2, 2},
                  {4, 1, 0, 1, 1},
                  {7, 1, 0, 2, 2},
                  {2, 0, 0, 1, 1},
                  {6, 1, 0, 1, 1}},
                 16);
}

TEST(RtmPorts, HandWorkedDynamicLazy)
{
    // d=0: port 0 (1 step) beats port 1 (5); d=3 from -1: port 1 to -2 (1) beats port 0 to 2 (3);
    // d=4: port 1 to -1 (1); d=7: port 1 to 2 (3) beats port 0 to 6 (7); d=2: port 0 to 1 (1);
    // d=6: port 1 at offset 1 already (0).
    run_sequence(PortPolicy::dynamic_ports, ReturnPolicy::lazy,
                 {{0, 0, -1, 1, 0},
                  {3, 1, -2, 1, 0},
                  {4, 1, -1, 1, 0},
                  {7, 1, 2, 3, 0},
                  {2, 0, 1, 1, 0},
                  {6, 1, 1, 0, 0}},
                 7);
}

TEST(RtmPorts, HandWorkedDynamicEager)
{
    // From offset 0, d=3 is 2 steps away through either port: the tie goes to port 0.
    run_sequence(PortPolicy::dynamic_ports, ReturnPolicy::eager,
                 {{0, 0, 0, 1, 1},
                  {3, 0, 0, 2, 2},
                  {4, 1, 0, 1, 1},
                  {7, 1, 0, 2, 2},
                  {2, 0, 0, 1, 1},
                  {6, 1, 0, 1, 1}},
                 16);
}

uint64_t pattern(uint32_t i)
{
    return 0x9E3779B97F4A7C15ull * (i + 1);
}

// Write every domain, read every domain back (in another order), for every port count 1..8,
// both port and return policies and every word width: contents exact, offsets in range,
// every step's shift count equal to the offset change it made.
TEST(RtmPorts, RoundTripAtEveryDomainForEveryPortCount)
{
    for (uint32_t tracks : {8u, 16u, 32u, 64u}) {
        const uint64_t mask = tracks == 64 ? ~0ull : (1ull << tracks) - 1;
        for (uint32_t ports = 1; ports <= 8; ++ports) {
            for (PortPolicy pp : {PortPolicy::static_ports, PortPolicy::dynamic_ports}) {
                for (ReturnPolicy rp : {ReturnPolicy::lazy, ReturnPolicy::eager}) {
                    const PortGeometry g(64, ports, pp);
                    Dbc dbc(tracks, g, rp);
                    uint64_t expected_shifts = 0;
                    auto check_step = [&](int32_t before, const PortStep& s, uint32_t d) {
                        EXPECT_GE(s.access_offset, g.min_offset());
                        EXPECT_LE(s.access_offset, g.max_offset());
                        EXPECT_EQ(static_cast<int32_t>(d) - s.access_offset,
                                  static_cast<int32_t>(g.rest_domain(s.port)));  // d is under the port
                        EXPECT_EQ(s.shifts, static_cast<uint32_t>(std::abs(s.access_offset - before)));
                        EXPECT_EQ(s.return_shifts, rp == ReturnPolicy::eager
                                                       ? static_cast<uint32_t>(std::abs(s.access_offset))
                                                       : 0u);
                        if (pp == PortPolicy::static_ports) {
                            EXPECT_EQ(s.port, g.home_port(d));
                        }
                        EXPECT_GE(dbc.offset(), g.min_offset());
                        EXPECT_LE(dbc.offset(), g.max_offset());
                        expected_shifts += s.shifts + s.return_shifts;
                    };
                    for (uint32_t d = 0; d < 64; ++d) {
                        const int32_t before = dbc.offset();
                        check_step(before, dbc.write(d, pattern(d)), d);
                    }
                    for (uint32_t i = 0; i < 64; ++i) {
                        const uint32_t d = (i * 37 + 11) % 64;  // a permutation of 0..63
                        const int32_t before = dbc.offset();
                        uint64_t word = 0;
                        check_step(before, dbc.read(d, word), d);
                        EXPECT_EQ(word, pattern(d) & mask)
                            << "tracks " << tracks << " ports " << ports << " d " << d;
                    }
                    EXPECT_EQ(dbc.shifts(), expected_shifts);
                    for (uint32_t d = 0; d < 64; ++d) EXPECT_EQ(dbc.peek(d), pattern(d) & mask);
                }
            }
        }
    }
}

TEST(RtmPorts, DynamicNeverShiftsMoreThanStaticForOneAccess)
{
    for (uint32_t ports = 1; ports <= 8; ++ports) {
        const PortGeometry st(64, ports, PortPolicy::static_ports);
        const PortGeometry dy(64, ports, PortPolicy::dynamic_ports);
        for (int32_t o = st.min_offset(); o <= st.max_offset(); ++o)
            for (uint32_t d = 0; d < 64; ++d) EXPECT_LE(dy.plan(o, d).shifts, st.plan(o, d).shifts);
    }
}

// The accesses of a 3x3 convolution window sliding over an 8x8 image, one pixel per domain
// (domain = 8*y + x) of one 64-domain DBC, row by row.
std::vector<uint32_t> conv_window_sequence()
{
    std::vector<uint32_t> seq;
    for (uint32_t oy = 0; oy < 6; ++oy)
        for (uint32_t ox = 0; ox < 6; ++ox)
            for (uint32_t ky = 0; ky < 3; ++ky)
                for (uint32_t kx = 0; kx < 3; ++kx) seq.push_back(8 * (oy + ky) + ox + kx);
    return seq;
}

uint64_t shifts_of(const std::vector<uint32_t>& seq, uint32_t domains, uint32_t ports, PortPolicy pp)
{
    Dbc dbc(32, PortGeometry(domains, ports, pp), ReturnPolicy::lazy);
    uint64_t word = 0;
    for (uint32_t d : seq) dbc.read(d, word);
    return dbc.shifts();
}

// Dynamic ports: 1264, 1248, 988, 422 shifts for 1, 2, 4, 8 ports. Static ports: 1264, 1470,
// 862, 428: going from 1 to 2 ports puts a segment boundary (domain 32 = image row 4) inside the
// window's three rows, and every window that straddles it moves between the two ports' offsets;
// the property does not hold for static ports (docs/models/rtm.md, "More ports").
TEST(RtmPorts, MorePortsOnAConvWindowPattern)
{
    const std::vector<uint32_t> seq = conv_window_sequence();
    uint64_t figures[2][4] = {};
    for (PortPolicy pp : {PortPolicy::static_ports, PortPolicy::dynamic_ports}) {
        uint32_t i = 0;
        for (uint32_t ports : {1u, 2u, 4u, 8u}) {
            const uint64_t s = shifts_of(seq, 64, ports, pp);
            std::printf("conv 3x3 on 8x8, %s, %u ports: %llu shifts for %zu accesses\n", to_string(pp), ports,
                        static_cast<unsigned long long>(s), seq.size());
            figures[static_cast<int>(pp)][i++] = s;
        }
    }
    const uint64_t* st = figures[static_cast<int>(PortPolicy::static_ports)];
    const uint64_t* dy = figures[static_cast<int>(PortPolicy::dynamic_ports)];
    for (int i = 1; i < 4; ++i) EXPECT_LE(dy[i], dy[i - 1]) << i;
    EXPECT_GT(st[1], st[0]);  // the counterexample
    EXPECT_LE(st[2], st[1]);
    EXPECT_LE(st[3], st[2]);
    EXPECT_EQ(st[1], 1470u);
    EXPECT_EQ(dy[3], 422u);
}

// Where "more ports, fewer shifts" fails (docs/models/rtm.md): a segment boundary falls inside
// the working set (static), or the rest positions move away from it (both policies).
TEST(RtmPorts, MorePortsCanShiftMoreInGeneral)
{
    // N = 8. One port rests at domain 3; two ports rest at 1 and 5.
    const std::vector<uint32_t> straddle = {3, 4, 3, 4, 3, 4};
    EXPECT_EQ(shifts_of(straddle, 8, 1, PortPolicy::static_ports), 5u);   // 0, then 1 per access
    EXPECT_EQ(shifts_of(straddle, 8, 2, PortPolicy::static_ports), 17u);  // 2 then 3 per port change
    EXPECT_EQ(shifts_of(straddle, 8, 2, PortPolicy::dynamic_ports), 7u);  // 2, then 1 each
    const std::vector<uint32_t> at_old_rest = {3, 3, 3};
    EXPECT_EQ(shifts_of(at_old_rest, 8, 1, PortPolicy::dynamic_ports), 0u);
    EXPECT_EQ(shifts_of(at_old_rest, 8, 2, PortPolicy::dynamic_ports), 2u);
}

}  // namespace
}  // namespace pimsoc::rtm
