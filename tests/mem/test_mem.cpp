// Memory: data path, latency, counters and energy, errors, DMI, write watches, debug transport.
#include <cstring>
#include <vector>
#include <algorithm>
#include <gtest/gtest.h>

#include <memory>

#include "bus/bus.h"
#include "common/tlm_test_initiator.h"
#include "mem/memory.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

MemoryParams small_params(bool writable = true)
{
    MemoryParams p;
    p.size_bytes = 0x1000;
    p.writable = writable;
    p.access_bytes = 4;
    p.read_latency_ns = 10;
    p.write_latency_ns = 20;
    p.read_energy_pj_per_access = 1.5;
    p.write_energy_pj_per_access = 4.0;
    return p;
}

struct MemBench {
    test::TlmTestInitiator cpu{"cpu"};
    Memory mem;
    explicit MemBench(const MemoryParams& p = small_params()) : mem("mem", p) { cpu.socket.bind(mem.socket); }
};

TEST(Memory, DefaultParamsAreDocumentedSram)
{
    MemoryParams p;
    EXPECT_EQ(p.size_bytes, 256u * 1024u);
    EXPECT_TRUE(p.writable);
    EXPECT_FALSE(p.non_volatile);
    ParamRegistry registry;
    p.bind(registry.root().scope("mem"));
    EXPECT_EQ(registry.params().at("mem.read_latency_ns").unit, "ns");
    EXPECT_EQ(registry.params().at("mem.write_energy_pj_per_access").unit, "pJ");
}

TEST(Memory, ReadsBackWhatWasWrittenLittleEndian)
{
    MemBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.write32(0x100, 0xDEADBEEF), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(t.cpu.read32(0x100).value, 0xDEADBEEFu);
        EXPECT_EQ(t.cpu.read8(0x100).value, 0xEFu);
        EXPECT_EQ(t.cpu.read16(0x102).value, 0xDEADu);
        EXPECT_EQ(t.cpu.write64(0xFF8, 0x0123456789ABCDEFull), tlm::TLM_OK_RESPONSE);  // last 8 bytes
        EXPECT_EQ(t.cpu.read64(0xFF8).value, 0x0123456789ABCDEFull);
        EXPECT_EQ(t.cpu.read8(0x0).value, 0u);  // starts zeroed
    });
    EXPECT_EQ(t.mem.data()[0x100], 0xEF);
}

TEST(Memory, LatencyIsPerAccessOfAccessWidth)
{
    MemBench t;
    test::run([&] {
        t.cpu.read32(0x0);
        EXPECT_EQ(t.cpu.last_delay(), sc_time(10, SC_NS));
        t.cpu.write32(0x0, 1);
        EXPECT_EQ(t.cpu.last_delay(), sc_time(20, SC_NS));
        t.cpu.read64(0x0);  // two 4-byte accesses
        EXPECT_EQ(t.cpu.last_delay(), sc_time(20, SC_NS));
        t.cpu.write8(0x0, 1);  // a partial word is one access
        EXPECT_EQ(t.cpu.last_delay(), sc_time(20, SC_NS));
    });
}

TEST(Memory, CountsAccessesBytesAndEnergy)
{
    MemBench t;
    test::run([&] {
        t.cpu.read32(0x0);
        t.cpu.read64(0x8);
        t.cpu.write16(0x10, 1);
        t.cpu.read32(0x2000);  // error: not counted
    });
    EXPECT_EQ(t.mem.reads(), 2u);
    EXPECT_EQ(t.mem.writes(), 1u);
    EXPECT_EQ(t.mem.bytes_read(), 12u);
    EXPECT_EQ(t.mem.bytes_written(), 2u);
    EXPECT_EQ(t.mem.read_accesses(), 3u);
    EXPECT_EQ(t.mem.write_accesses(), 1u);
    EXPECT_DOUBLE_EQ(t.mem.dynamic_energy_pj(), 3 * 1.5 + 1 * 4.0);
    t.mem.account_dmi(10, 2, 40, 8);
    EXPECT_EQ(t.mem.reads(), 12u);
    EXPECT_EQ(t.mem.read_accesses(), 13u);
    EXPECT_EQ(t.mem.write_accesses(), 3u);
    t.mem.reset_counters();
    EXPECT_EQ(t.mem.reads(), 0u);
    EXPECT_DOUBLE_EQ(t.mem.dynamic_energy_pj(), 0.0);
}

TEST(Memory, LeakageEnergyFollowsSimulatedTime)
{
    MemoryParams p = small_params();
    p.leakage_power_uw = 2.0;
    MemBench t(p);
    test::run([&] { sc_core::wait(1, sc_core::SC_MS); });
    EXPECT_NEAR(t.mem.leakage_energy_pj(), 2.0e3, 1e-6);  // 2 uW * 1 ms = 2 nJ
}

TEST(Memory, OutOfRangeIsAnAddressError)
{
    MemBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.read32(0x1000).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read32(0xFFE).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // crosses the end
        EXPECT_EQ(t.cpu.write8(~0ull, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read16(0xFFE).status, tlm::TLM_OK_RESPONSE);
    });
}

TEST(Memory, ReadOnlyMemoryRejectsWritesButDebugWritesFillIt)
{
    MemBench t(small_params(false));
    test::run([&] {
        const uint8_t image[4] = {1, 2, 3, 4};
        EXPECT_EQ(t.cpu.debug_write(0x20, image, 4), 4u);
        EXPECT_EQ(t.cpu.write32(0x20, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        auto r = t.cpu.read32(0x20);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.value, 0x04030201u);
    });
    EXPECT_EQ(t.mem.writes(), 0u);
}

TEST(Memory, ByteEnablesMaskWrittenAndReadBytes)
{
    MemBench t;
    test::run([&] {
        t.cpu.write32(0x40, 0x11223344);
        uint8_t data[4] = {0xAA, 0xBB, 0xCC, 0xDD};
        uint8_t enables[2] = {TLM_BYTE_ENABLED, TLM_BYTE_DISABLED};  // repeats: bytes 0 and 2
        tlm::tlm_generic_payload trans;
        trans.set_command(tlm::TLM_WRITE_COMMAND);
        trans.set_address(0x40);
        trans.set_data_ptr(data);
        trans.set_data_length(4);
        trans.set_streaming_width(4);
        trans.set_byte_enable_ptr(enables);
        trans.set_byte_enable_length(2);
        EXPECT_EQ(t.cpu.transport(trans), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(t.cpu.read32(0x40).value, 0x11CC33AAu);
    });
}

TEST(Memory, StreamingBurstsAreRejected)
{
    MemBench t;
    test::run([&] {
        uint8_t data[8] = {};
        tlm::tlm_generic_payload trans;
        trans.set_command(tlm::TLM_READ_COMMAND);
        trans.set_address(0);
        trans.set_data_ptr(data);
        trans.set_data_length(8);
        trans.set_streaming_width(4);
        EXPECT_EQ(t.cpu.transport(trans), tlm::TLM_BURST_ERROR_RESPONSE);
    });
}

TEST(Memory, GrantsReadWriteDmiOverTheWholeMemory)
{
    MemBench t;
    test::run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(t.cpu.get_dmi(0x123, dmi, true));
        EXPECT_EQ(dmi.get_start_address(), 0u);
        EXPECT_EQ(dmi.get_end_address(), 0xFFFu);
        EXPECT_TRUE(dmi.is_read_write_allowed());
        EXPECT_EQ(dmi.get_dmi_ptr(), t.mem.data());
        EXPECT_EQ(dmi.get_read_latency(), sc_time(10, SC_NS));
        EXPECT_EQ(dmi.get_write_latency(), sc_time(20, SC_NS));
        t.cpu.read32(0x0);
        EXPECT_TRUE(t.cpu.last_dmi_hint());
        EXPECT_FALSE(t.cpu.get_dmi(0x1000, dmi));
    });
}

TEST(Memory, ReadOnlyMemoryGrantsReadDmiOnly)
{
    MemBench t(small_params(false));
    test::run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(t.cpu.get_dmi(0x0, dmi));
        EXPECT_TRUE(dmi.is_read_allowed());
        EXPECT_FALSE(dmi.is_write_allowed());
    });
}

TEST(Memory, DmiCanBeDisabled)
{
    MemoryParams p = small_params();
    p.dmi = false;
    MemBench t(p);
    test::run([&] {
        tlm::tlm_dmi dmi;
        EXPECT_FALSE(t.cpu.get_dmi(0x0, dmi));
        t.cpu.read32(0x0);
        EXPECT_FALSE(t.cpu.last_dmi_hint());
    });
}

TEST(Memory, WriteWatchRunsAfterTheDataIsStored)
{
    MemBench t;
    std::vector<std::pair<uint64_t, unsigned>> seen;
    uint32_t value_seen = 0;
    t.mem.watch_writes(0x100, 8, [&](uint64_t offset, unsigned length, const sc_core::sc_time&) {
        seen.emplace_back(offset, length);
        std::memcpy(&value_seen, t.mem.data() + 0x100, 4);
    });
    test::run([&] {
        t.cpu.write32(0x100, 1);               // hits
        t.cpu.write32(0x0FC, 2);               // ends just below: no callback
        t.cpu.write64(0x0FC, 0x300000000ull);  // overlaps the first byte
        t.cpu.write8(0x107, 4);                // last watched byte
        t.cpu.write8(0x108, 5);                // just above
        t.cpu.read32(0x100);                   // reads never trigger
        const uint8_t raw[4] = {9, 9, 9, 9};
        t.cpu.debug_write(0x100, raw, 4);  // debug writes never trigger
        t.cpu.write32(0x100, 0x7);
        EXPECT_FALSE(t.cpu.last_dmi_hint());
    });
    using Hit = std::pair<uint64_t, unsigned>;
    EXPECT_EQ(seen, (std::vector<Hit>{{0x100, 4}, {0xFC, 8}, {0x107, 1}, {0x100, 4}}));
    EXPECT_EQ(value_seen, 0x7u);
}

TEST(Memory, DmiExcludesWatchedRanges)
{
    MemBench t;
    t.mem.watch_writes(0x100, 8, [](uint64_t, unsigned, const sc_core::sc_time&) {});
    t.mem.watch_writes(0x800, 4, [](uint64_t, unsigned, const sc_core::sc_time&) {});
    test::run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(t.cpu.get_dmi(0x10, dmi, true));
        EXPECT_EQ(dmi.get_start_address(), 0x0u);
        EXPECT_EQ(dmi.get_end_address(), 0xFFu);
        ASSERT_TRUE(t.cpu.get_dmi(0x400, dmi, true));
        EXPECT_EQ(dmi.get_start_address(), 0x108u);
        EXPECT_EQ(dmi.get_end_address(), 0x7FFu);
        EXPECT_EQ(dmi.get_dmi_ptr(), t.mem.data() + 0x108);
        ASSERT_TRUE(t.cpu.get_dmi(0xFFF, dmi, true));
        EXPECT_EQ(dmi.get_start_address(), 0x804u);
        EXPECT_EQ(dmi.get_end_address(), 0xFFFu);
        EXPECT_FALSE(t.cpu.get_dmi(0x104, dmi));  // inside a watch: denied for the watch
        EXPECT_EQ(dmi.get_start_address(), 0x100u);
        EXPECT_EQ(dmi.get_end_address(), 0x107u);
    });
}

TEST(Memory, WatchingInvalidatesGrantedDmi)
{
    MemBench t;
    t.mem.watch_writes(0x10, 4, [](uint64_t, unsigned, const sc_core::sc_time&) {});  // before any grant: nothing to invalidate
    test::run([&] {
        EXPECT_TRUE(t.cpu.invalidations.empty());
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(t.cpu.get_dmi(0x200, dmi));
        t.mem.watch_writes(0x300, 0x10, [](uint64_t, unsigned, const sc_core::sc_time&) {});
        ASSERT_EQ(t.cpu.invalidations.size(), 1u);
        EXPECT_EQ(t.cpu.invalidations[0], (std::pair<uint64_t, uint64_t>{0x300, 0x30F}));
    });
}

TEST(Memory, WatchOutsideTheMemoryIsRejected)
{
    MemBench t;
    EXPECT_THROW(t.mem.watch_writes(0xFFC, 8, [](uint64_t, unsigned, const sc_core::sc_time&) {}), std::invalid_argument);
    EXPECT_THROW(t.mem.watch_writes(0x0, 0, [](uint64_t, unsigned, const sc_core::sc_time&) {}), std::invalid_argument);
}

TEST(Memory, DebugTransportIsClippedToTheSize)
{
    MemBench t;
    test::run([&] {
        uint8_t data[16];
        for (uint8_t i = 0; i < 16; ++i) {
            data[i] = i;
        }
        EXPECT_EQ(t.cpu.debug_write(0xFF8, data, 16), 8u);
        uint8_t back[16] = {};
        EXPECT_EQ(t.cpu.debug_read(0xFF8, back, 16), 8u);
        EXPECT_EQ(back[7], 7);
        EXPECT_EQ(t.cpu.debug_read(0x1000, back, 1), 0u);
    });
    EXPECT_EQ(t.mem.reads() + t.mem.writes(), 0u);
}

TEST(Memory, PowerFailFillsOnlyVolatileMemoryWithTheSeededPattern)
{
    MemoryParams p = small_params();
    MemBench t(p);
    std::fill(t.mem.data(), t.mem.data() + t.mem.size(), uint8_t{0x42});
    const RandomStreams streams(7);
    RandomStream pattern = streams.stream("soc.sram.power");
    t.mem.power_fail(pattern);
    // Not zeros and not the old contents: the words of the stream, in order.
    RandomStream expected = streams.stream("soc.sram.power");
    for (uint64_t at = 0; at + 8 <= t.mem.size(); at += 8) {
        uint64_t word = 0;
        std::memcpy(&word, t.mem.data() + at, 8);
        ASSERT_EQ(word, expected.next_u64()) << "at " << at;
    }
    // Another seed gives another pattern.
    RandomStream other_seed = RandomStreams(8).stream("soc.sram.power");
    const std::vector<uint8_t> first(t.mem.data(), t.mem.data() + t.mem.size());
    t.mem.power_fail(other_seed);
    EXPECT_NE(first, std::vector<uint8_t>(t.mem.data(), t.mem.data() + t.mem.size()));

    p.non_volatile = true;
    Memory nv("nv", p);
    test::TlmTestInitiator other("other");
    other.socket.bind(nv.socket);
    nv.data()[5] = 0x42;
    RandomStream unused = streams.stream("soc.main_memory.power");
    nv.power_fail(unused);
    EXPECT_EQ(nv.data()[5], 0x42);
    EXPECT_EQ(unused.next_u64(), streams.stream("soc.main_memory.power").next_u64());  // nothing drawn
}

TEST(Memory, WatchInvalidationReachesInitiatorsThroughTheBusInGlobalAddresses)
{
    BusParams bp;
    Bus bus("bus", bp);
    test::TlmTestInitiator cpu("cpu");
    Memory mem("mem", small_params());
    cpu.socket.bind(bus.upstream);
    bus.map(mem.socket, 0x8000'0000, 0x1000, "main");
    test::run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(cpu.get_dmi(0x8000'0000, dmi, true));
        EXPECT_EQ(dmi.get_end_address(), 0x8000'0FFFu);
        mem.watch_writes(0x40, 8, [](uint64_t, unsigned, const sc_core::sc_time&) {});
        ASSERT_EQ(cpu.invalidations.size(), 1u);
        EXPECT_EQ(cpu.invalidations[0], (std::pair<uint64_t, uint64_t>{0x8000'0040, 0x8000'0047}));
        ASSERT_TRUE(cpu.get_dmi(0x8000'0000, dmi, true));
        EXPECT_EQ(dmi.get_end_address(), 0x8000'003Fu);
    });
}

TEST(Memory, SizesBeyondTheAddressSpaceAreRefusedBeforeAllocating)
{
    // 2^64 - 1 used to reach new[] and end in std::bad_alloc (an internal error, exit 3).
    MemoryParams p = small_params();
    p.size_bytes = UINT64_MAX;
    try {
        Memory mem("huge", p);
        FAIL() << "no error";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(),
                     "huge: size_bytes 18446744073709551615 exceeds the 32-bit address space (at most 4294967296)");
    }
}

// A write that a known power failure reaches is cut (docs/power.md): the words done by then are
// written, the word in progress is torn (old or new, by the seed), the rest is dropped.
TEST(Memory, PowerCutWritesTheWordsDoneTearsTheOneInProgressAndDropsTheRest)
{
    MemoryParams p = small_params();
    p.non_volatile = true;
    p.access_bytes = 4;
    p.write_latency_ns = 10;
    MemBench t(p);
    std::fill(t.mem.data(), t.mem.data() + 64, uint8_t{0xAA});  // the old contents
    const RandomStreams streams(3);
    RandomStream tear = streams.stream("soc.main_memory.tear");
    t.mem.set_power_cut(sc_core::sc_time(1000, sc_core::SC_NS), &tear);
    RandomStream expected_tear = streams.stream("soc.main_memory.tear");
    const bool takes_new = expected_tear.bernoulli(0.5);
    test::run([&] {
        sc_core::wait(sc_core::sc_time(975, sc_core::SC_NS));
        // 16 bytes = 4 words at 975, 985, 995 (in progress at 1000), 1005 ns.
        uint8_t data[16];
        std::fill(std::begin(data), std::end(data), uint8_t{0x11});
        tlm::tlm_generic_payload trans;
        trans.set_command(tlm::TLM_WRITE_COMMAND);
        trans.set_address(0);
        trans.set_data_ptr(data);
        trans.set_data_length(16);
        trans.set_streaming_width(16);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        t.cpu.socket->b_transport(trans, delay);
        EXPECT_TRUE(trans.is_response_ok());
        // One finished before the failure is whole (975..985 ns); one issued after it is dropped.
        EXPECT_EQ(t.cpu.write32(0x20, 0x22222222), tlm::TLM_OK_RESPONSE);
        uint32_t late = 0x33333333;
        trans.set_address(0x24);
        trans.set_data_ptr(reinterpret_cast<uint8_t*>(&late));
        trans.set_data_length(4);
        trans.set_streaming_width(4);
        delay = sc_core::sc_time(30, sc_core::SC_NS);  // at 1005 ns
        t.cpu.socket->b_transport(trans, delay);
        EXPECT_TRUE(trans.is_response_ok());
    });
    uint32_t word = 0;
    std::memcpy(&word, t.mem.data() + 0x20, 4);
    EXPECT_EQ(word, 0x22222222u);
    std::memcpy(&word, t.mem.data() + 0x24, 4);
    EXPECT_EQ(word, 0xAAAAAAAAu);
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(t.mem.data()[i], 0x11) << i;
    }
    for (int i = 8; i < 12; ++i) {
        EXPECT_EQ(t.mem.data()[i], takes_new ? 0x11 : 0xAA) << "the torn word " << i;
    }
    for (int i = 12; i < 16; ++i) {
        EXPECT_EQ(t.mem.data()[i], 0xAA) << "after the failure " << i;
    }
}

// In the harvest mode a failure may be decided after the writes that run across it arrived
// (docs/power.md): the memory keeps the writes issued ahead of kernel time and, at the failure,
// cuts them as it would have had the failure been known (the words done by then stay, the word in
// progress is torn, the rest get their old bytes back), newest first; writes done by then stay.
TEST(Memory, WritesKeptAheadAreCutAtAFailureDecidedAfterThem)
{
    MemoryParams p = small_params();
    p.non_volatile = true;
    p.access_bytes = 4;
    p.write_latency_ns = 10;
    MemBench t(p);
    std::fill(t.mem.data(), t.mem.data() + 64, uint8_t{0xAA});  // the old contents
    t.mem.keep_writes_ahead(true);
    const RandomStreams streams(5);
    RandomStream tear = streams.stream("soc.main_memory.tear");
    RandomStream expected_tear = streams.stream("soc.main_memory.tear");
    const bool takes_new = expected_tear.bernoulli(0.5);
    const auto write = [&t](uint64_t address, uint8_t value, unsigned length, const sc_core::sc_time& ahead) {
        std::vector<uint8_t> data(length, value);
        tlm::tlm_generic_payload trans;
        trans.set_command(tlm::TLM_WRITE_COMMAND);
        trans.set_address(address);
        trans.set_data_ptr(data.data());
        trans.set_data_length(length);
        trans.set_streaming_width(length);
        sc_core::sc_time delay = ahead;
        t.cpu.socket->b_transport(trans, delay);
        EXPECT_TRUE(trans.is_response_ok());
    };
    test::run([&] {
        sc_core::wait(sc_core::sc_time(900, sc_core::SC_NS));
        write(0x30, 0x44, 4, sc_core::SC_ZERO_TIME);                  // 900..910 ns: done long before
        write(0, 0x11, 16, sc_core::sc_time(75, sc_core::SC_NS));      // words at 975, 985, 995, 1005 ns
        write(8, 0x22, 8, sc_core::sc_time(120, sc_core::SC_NS));      // 1020..1040 ns, over the first
        EXPECT_EQ(t.mem.data()[0], 0x11);  // written in full on arrival
        EXPECT_EQ(t.mem.data()[12], 0x22);
        sc_core::wait(sc_core::sc_time(100, sc_core::SC_NS));  // the failure, at 1000 ns
        t.mem.cut_writes_ahead(sc_core::sc_time_stamp(), &tear);
    });
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(t.mem.data()[i], 0x11) << "done by the failure " << i;
    }
    for (int i = 8; i < 12; ++i) {
        EXPECT_EQ(t.mem.data()[i], takes_new ? 0x11 : 0xAA) << "the torn word " << i;
    }
    for (int i = 12; i < 16; ++i) {
        EXPECT_EQ(t.mem.data()[i], 0xAA) << "after the failure " << i;
    }
    EXPECT_EQ(t.mem.data()[0x30], 0x44);
    // Nothing is kept after the failure: a second cut changes nothing.
    t.mem.cut_writes_ahead(sc_core::SC_ZERO_TIME, &tear);
    EXPECT_EQ(t.mem.data()[0], 0x11);
}

}  // namespace
}  // namespace pimsoc
