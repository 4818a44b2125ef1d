// Address mapping (address_map.h) and the data-window access path of RtmArray.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "rtm/model/rtm_array.h"

namespace pimsoc::rtm {
namespace {

// 2 banks x 2 subarrays x 3 DBCs x 8 domains x 32 tracks: D = 6 DBCs and 48 words (192 B) per bank.
// The legacy energy preset (RTSim's per-word and per-DBC-step figures checked by hand below).
RtmConfig small_config(Placement placement, uint32_t tracks = 32)
{
    RtmConfig c;
    c.energy.model = CostModel::legacy;
    c.geometry.banks = 2;
    c.geometry.subarrays_per_bank = 2;
    c.geometry.dbcs_per_subarray = 3;
    c.geometry.domains_per_track = 8;
    c.geometry.tracks_per_dbc = tracks;
    c.geometry.ports_per_track = 2;
    c.geometry.placement = placement;
    return c;
}

TEST(RtmMap, SizesOfTheWindow)
{
    const AddressMap m(small_config(Placement::sequential).geometry);
    EXPECT_EQ(m.word_bytes(), 4u);
    EXPECT_EQ(m.word_shift(), 2u);
    EXPECT_EQ(m.dbcs_per_bank(), 6u);
    EXPECT_EQ(m.total_dbcs(), 12u);
    EXPECT_EQ(m.words_per_bank(), 48u);
    EXPECT_EQ(m.bank_bytes(), 192u);
    EXPECT_EQ(m.capacity_bytes(), 384u);
    EXPECT_TRUE(m.contains(380, 4));
    EXPECT_FALSE(m.contains(381, 4));
    EXPECT_TRUE(m.contains(384, 0));
    EXPECT_FALSE(m.contains(UINT64_MAX, 2));
    // Defaults: 4 banks x 16 x 16 DBCs x 64 domains x 4 bytes = 4 x 64 KiB.
    const AddressMap d(Geometry{});
    EXPECT_EQ(d.bank_bytes(), 65536u);
    EXPECT_EQ(d.capacity_bytes(), 262144u);
}

TEST(RtmMap, LocateSequential)
{
    const AddressMap m(small_config(Placement::sequential).geometry);
    Location l = m.locate(37);  // word 9, byte 1: DBC 9 / 8 = 1, domain 1
    EXPECT_EQ(l.bank, 0u);
    EXPECT_EQ(l.subarray, 0u);
    EXPECT_EQ(l.dbc, 1u);
    EXPECT_EQ(l.dbc_in_bank, 1u);
    EXPECT_EQ(l.dbc_index, 1u);
    EXPECT_EQ(l.domain, 1u);
    EXPECT_EQ(l.byte_in_word, 1u);
    EXPECT_EQ(l.first_track, 8u);
    EXPECT_EQ(l.last_track, 15u);
    l = m.locate(4 * 27 + 3);  // word 27: DBC 3 = subarray 1 DBC 0, domain 3; byte 3 = tracks 24..31
    EXPECT_EQ(l.subarray, 1u);
    EXPECT_EQ(l.dbc, 0u);
    EXPECT_EQ(l.dbc_in_bank, 3u);
    EXPECT_EQ(l.domain, 3u);
    EXPECT_EQ(l.first_track, 24u);
    EXPECT_EQ(l.last_track, 31u);
    l = m.locate(200);  // bank 1, bank word 2: DBC 0 of bank 1 (index 6), domain 2
    EXPECT_EQ(l.bank, 1u);
    EXPECT_EQ(l.dbc_index, 6u);
    EXPECT_EQ(l.domain, 2u);
    EXPECT_EQ(l.byte_in_word, 0u);
}

TEST(RtmMap, LocateInterleaved)
{
    const AddressMap m(small_config(Placement::interleaved).geometry);
    Location l = m.locate(37);  // word 9: DBC 9 % 6 = 3 (subarray 1, DBC 0), domain 9 / 6 = 1
    EXPECT_EQ(l.bank, 0u);
    EXPECT_EQ(l.dbc_in_bank, 3u);
    EXPECT_EQ(l.subarray, 1u);
    EXPECT_EQ(l.dbc, 0u);
    EXPECT_EQ(l.domain, 1u);
    EXPECT_EQ(l.byte_in_word, 1u);
    // Consecutive words: the same domain of consecutive DBCs.
    for (uint32_t w = 0; w < 6; ++w) {
        EXPECT_EQ(m.locate(4 * w).dbc_in_bank, w);
        EXPECT_EQ(m.locate(4 * w).domain, 0u);
    }
    EXPECT_EQ(m.locate(4 * 6).dbc_in_bank, 0u);
    EXPECT_EQ(m.locate(4 * 6).domain, 1u);
    l = m.locate(192 + 4 * 47);  // last word of bank 1: DBC 5, domain 7
    EXPECT_EQ(l.bank, 1u);
    EXPECT_EQ(l.dbc_index, 11u);
    EXPECT_EQ(l.domain, 7u);
}

// Every word of the window has its own (DBC, domain), word_address() inverts the map, and
// banks are contiguous ranges.
TEST(RtmMap, TheMapIsABijectionWithContiguousBanks)
{
    for (Placement p : {Placement::sequential, Placement::interleaved}) {
        for (uint32_t tracks : {8u, 16u, 32u, 64u}) {
            const AddressMap m(small_config(p, tracks).geometry);
            std::set<std::pair<uint32_t, uint32_t>> seen;
            const uint64_t words = m.capacity_bytes() / m.word_bytes();
            for (uint64_t w = 0; w < words; ++w) {
                const WordPosition pos = m.word_position(w);
                EXPECT_LT(pos.dbc_index, m.total_dbcs());
                EXPECT_LT(pos.domain, 8u);
                EXPECT_TRUE(seen.insert({pos.dbc_index, pos.domain}).second);
                EXPECT_EQ(m.word_address(pos.dbc_index, pos.domain), w * m.word_bytes());
                const Location l = m.locate(w * m.word_bytes());
                EXPECT_EQ(l.bank, w * m.word_bytes() / m.bank_bytes());
                EXPECT_EQ(l.bank, pos.dbc_index / m.dbcs_per_bank());
            }
            EXPECT_EQ(seen.size(), words);
        }
    }
}

TEST(RtmMap, WindowWritesLandInTheLocatedDbcDomainAndTracks)
{
    for (Placement p : {Placement::sequential, Placement::interleaved}) {
        RtmArray rtm(small_config(p));
        for (uint64_t a = 0; a < rtm.capacity_bytes(); ++a) {
            const uint8_t v = static_cast<uint8_t>(a * 7 + 1);
            ASSERT_EQ(rtm.write(a, &v, 1).error, RtmError::none);
        }
        for (uint64_t a = 0; a < rtm.capacity_bytes(); ++a) {
            const Location l = rtm.locate(a);
            const uint64_t word = rtm.dbc_word(l.dbc_index, l.domain);
            EXPECT_EQ((word >> l.first_track) & 0xFF, static_cast<uint8_t>(a * 7 + 1)) << a;
            uint8_t back = 0;
            ASSERT_EQ(rtm.read(a, &back, 1).error, RtmError::none);
            EXPECT_EQ(back, static_cast<uint8_t>(a * 7 + 1));
        }
    }
}

// N = 8, P = 2 static lazy: ports rest at domains 1 and 5; offsets 0 -> -1 (1 step) for domain 0.
TEST(RtmMap, ByteReadCostsItsShiftsAndOneWordRead)
{
    RtmArray rtm(small_config(Placement::sequential));
    const uint8_t data[4] = {1, 2, 3, 4};
    ASSERT_TRUE(rtm.load(12, data, 4));  // word 3: DBC 0 domain 3, reached at offset 2 through port 0
    uint8_t v = 0;
    const Result r = rtm.read(14, &v, 1);
    EXPECT_EQ(v, 3);
    EXPECT_EQ(r.error, RtmError::none);
    EXPECT_EQ(r.bank, 0u);
    EXPECT_EQ(r.cost.counters.access_shifts, 2u);
    EXPECT_EQ(r.cost.counters.shifts, 2u);
    EXPECT_EQ(r.cost.counters.reads, 1u);
    EXPECT_EQ(r.cost.counters.writes, 0u);
    EXPECT_EQ(r.cost.latency_ps, 2 * 2140u + 1610u);
    EXPECT_EQ(r.cost.data_ps, r.cost.latency_ps);
    EXPECT_DOUBLE_EQ(r.cost.energy.shift_pj, 2 * 19.5);
    EXPECT_DOUBLE_EQ(r.cost.energy.read_pj, 80.0);
    EXPECT_EQ(rtm.dbc_offset(0), 2);
    // The same word again: no shift.
    const Result again = rtm.read(12, &v, 1);
    EXPECT_EQ(again.cost.counters.shifts, 0u);
    EXPECT_EQ(again.cost.latency_ps, 1610u);
}

TEST(RtmMap, ByteWriteIsAMaskedWriteOfItsTracks)
{
    RtmArray rtm(small_config(Placement::sequential));
    const uint8_t data[4] = {0x11, 0x22, 0x33, 0x44};
    ASSERT_TRUE(rtm.load(0, data, 4));
    const uint8_t v = 0xAB;
    const Result r = rtm.write(2, &v, 1);
    EXPECT_EQ(r.cost.counters.writes, 1u);
    EXPECT_EQ(r.cost.counters.reads, 0u);  // no read-modify-write
    EXPECT_EQ(r.cost.counters.shifts, 1u);
    EXPECT_EQ(r.cost.latency_ps, 2140u + 4850u);
    EXPECT_DOUBLE_EQ(r.cost.energy.write_pj, 109.0);
    EXPECT_EQ(rtm.dbc_word(0, 0), 0x44AB2211u);
}

// T = 8: a 4-byte access touches 4 words. Sequential: 4 domains of one DBC, one after the
// other; interleaved: domain 0 of 4 DBCs, shifted in parallel.
TEST(RtmMap, AMultiWordAccessSerialisesOnOneDbcAndOverlapsAcrossDbcs)
{
    uint8_t buf[4];
    RtmArray seq(small_config(Placement::sequential, 8));
    const Result s = seq.read(0, buf, 4);
    EXPECT_EQ(s.cost.counters.reads, 4u);
    EXPECT_EQ(s.cost.counters.shifts, 4u);  // offsets -1, 0, 1, 2
    EXPECT_EQ(s.cost.latency_ps, 4 * (2140u + 1610u));
    RtmArray inter(small_config(Placement::interleaved, 8));
    const Result i = inter.read(0, buf, 4);
    EXPECT_EQ(i.cost.counters.reads, 4u);
    EXPECT_EQ(i.cost.counters.shifts, 4u);  // each DBC 0 -> -1
    EXPECT_EQ(i.cost.latency_ps, 2140u + 1610u);
    // Read energy scales with T / 32.
    EXPECT_DOUBLE_EQ(i.cost.energy.read_pj, 4 * 80.0 / 4);
}

TEST(RtmMap, EagerReturnKeepsTheBankBusyAfterTheData)
{
    RtmConfig c = small_config(Placement::sequential);
    c.geometry.return_policy = ReturnPolicy::eager;
    RtmArray rtm(c);
    uint8_t v = 0;
    const Result r = rtm.read(12, &v, 1);  // domain 3: offset 2, 2 steps there, 2 back
    EXPECT_EQ(r.cost.counters.access_shifts, 2u);
    EXPECT_EQ(r.cost.counters.return_shifts, 2u);
    EXPECT_EQ(r.cost.counters.shifts, 4u);
    EXPECT_EQ(r.cost.data_ps, 2 * 2140u + 1610u);
    EXPECT_EQ(r.cost.latency_ps, 4 * 2140u + 1610u);
    EXPECT_EQ(rtm.dbc_offset(0), 0);
    EXPECT_EQ(rtm.bank_busy_ps(0), r.cost.latency_ps);
}

TEST(RtmMap, OutOfWindowAccessesChangeNothing)
{
    RtmArray rtm(small_config(Placement::interleaved));
    uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(rtm.read(380, buf, 8).error, RtmError::out_of_range);
    EXPECT_EQ(rtm.write(384, buf, 1).error, RtmError::out_of_range);
    EXPECT_EQ(rtm.write(UINT64_MAX - 2, buf, 4).error, RtmError::out_of_range);
    EXPECT_FALSE(rtm.load(383, buf, 2));
    EXPECT_FALSE(rtm.dump(384, buf, 1));
    EXPECT_EQ(rtm.counters(), Counters{});
    EXPECT_EQ(rtm.read(0, buf, 0).cost.latency_ps, 0u);
    for (uint32_t d = 0; d < 12; ++d) EXPECT_EQ(rtm.dbc_offset(d), 0);
    EXPECT_EQ(rtm.dbc_word(11, 7), 0u);
}

TEST(RtmMap, BackdoorLoadAndDumpCostNothing)
{
    RtmArray rtm(small_config(Placement::sequential));
    std::vector<uint8_t> in(384), out(384);
    for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i ^ 0x5A);
    ASSERT_TRUE(rtm.load(0, in.data(), in.size()));
    ASSERT_TRUE(rtm.dump(0, out.data(), out.size()));
    EXPECT_EQ(in, out);
    EXPECT_EQ(rtm.counters(), Counters{});
    EXPECT_EQ(rtm.dbc_offset(0), 0);
}

}  // namespace
}  // namespace pimsoc::rtm
