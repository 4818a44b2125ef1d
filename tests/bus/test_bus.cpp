// Bus router: decode of every region and its edges, errors, latency, DMI translation/clipping,
// invalidation broadcast, debug transport.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include <tlm_utils/simple_target_socket.h>

#include "bus/bus.h"
#include "common/tlm_test_initiator.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

// A target that records what reaches it and grants DMI over a configurable local range.
class RecordingTarget : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<RecordingTarget> socket;

    uint64_t last_address = ~0ull;
    unsigned last_length = 0;
    sc_time last_delay_in;
    unsigned calls = 0;
    unsigned dbg_calls = 0;
    uint64_t dmi_start = 0;
    uint64_t dmi_end = std::numeric_limits<uint64_t>::max();
    uint8_t storage[64] = {};
    sc_time latency{5, SC_NS};

    explicit RecordingTarget(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket")
    {
        socket.register_b_transport(this, &RecordingTarget::b_transport);
        socket.register_transport_dbg(this, &RecordingTarget::transport_dbg);
        socket.register_get_direct_mem_ptr(this, &RecordingTarget::get_direct_mem_ptr);
    }

    void invalidate(uint64_t start, uint64_t end) { socket->invalidate_direct_mem_ptr(start, end); }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_time& delay)
    {
        ++calls;
        last_address = trans.get_address();
        last_length = trans.get_data_length();
        last_delay_in = delay;
        delay += latency;
        if (trans.is_read()) {
            std::memset(trans.get_data_ptr(), 0xA5, trans.get_data_length());
        }
        trans.set_address(0xDEAD);  // a target may scribble on the address; the bus restores it
        trans.set_dmi_allowed(true);
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
    }
    unsigned int transport_dbg(tlm::tlm_generic_payload& trans)
    {
        ++dbg_calls;
        last_address = trans.get_address();
        last_length = trans.get_data_length();
        return trans.get_data_length();
    }
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
    {
        last_address = trans.get_address();
        dmi.set_dmi_ptr(storage);
        dmi.set_start_address(dmi_start);
        dmi.set_end_address(dmi_end);
        dmi.set_read_latency(sc_time(1, SC_NS));
        dmi.set_write_latency(sc_time(2, SC_NS));
        dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
        return true;
    }
};

// Map: a = [0x1000, 0x1fff], b = [0x8000_0000, +16 MiB), c = [0x3000, 0x30ff] (mapped out of
// order to check sorting).
struct BusBench {
    BusParams params;
    std::unique_ptr<Bus> bus;
    test::TlmTestInitiator cpu{"cpu"};
    test::TlmTestInitiator dma{"dma"};
    RecordingTarget a{"a"};
    RecordingTarget b{"b"};
    RecordingTarget c{"c"};

    explicit BusBench(uint64_t hop_ns = 10, uint32_t width_bytes = 4)
    {
        params.hop_latency_ns = hop_ns;
        params.width_bytes = width_bytes;
        bus = std::make_unique<Bus>("bus", params);
        cpu.socket.bind(bus->upstream);
        dma.socket.bind(bus->upstream);
        bus->map(b.socket, 0x8000'0000, 16ull << 20, "main");
        bus->map(a.socket, 0x1000, 0x1000, "a");
        bus->map(c.socket, 0x3000, 0x100, "c");
    }
};

TEST(Bus, RegionsAreSortedForTheMemoryMap)
{
    BusBench t;
    const auto& r = t.bus->regions();
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].name, "a");
    EXPECT_EQ(r[0].base, 0x1000u);
    EXPECT_EQ(r[0].size, 0x1000u);
    EXPECT_EQ(r[1].name, "c");
    EXPECT_EQ(r[2].name, "main");
    EXPECT_EQ(r[2].last(), 0x80FF'FFFFu);
}

TEST(Bus, DecodesFirstAndLastByteOfEveryRegion)
{
    BusBench t;
    test::run([&] {
        struct Case {
            uint64_t address;
            RecordingTarget* target;
            uint64_t local;
        };
        const Case cases[] = {
            {0x1000, &t.a, 0x0},  {0x1FFF, &t.a, 0xFFF},    {0x3000, &t.c, 0x0},
            {0x30FF, &t.c, 0xFF}, {0x8000'0000, &t.b, 0x0}, {0x80FF'FFFF, &t.b, 0xFF'FFFF},
        };
        for (const auto& k : cases) {
            const unsigned before = k.target->calls;
            auto r = t.cpu.read8(k.address);
            EXPECT_EQ(r.status, tlm::TLM_OK_RESPONSE) << std::hex << k.address;
            EXPECT_EQ(r.value, 0xA5u);
            EXPECT_EQ(k.target->calls, before + 1) << std::hex << k.address;
            EXPECT_EQ(k.target->last_address, k.local) << std::hex << k.address;
            EXPECT_EQ(t.cpu.last_address_after(), k.address) << "address restored";
        }
        EXPECT_EQ(t.cpu.write32(0x80FF'FFFC, 0x1234), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(t.b.last_address, 0xFF'FFFCu);
        EXPECT_EQ(t.b.last_length, 4u);
    });
    EXPECT_EQ(t.bus->transactions(), 7u);
}

TEST(Bus, UnmappedAddressesGetAnAddressError)
{
    BusBench t;
    test::run([&] {
        for (uint64_t address : {0x0ull, 0xFFFull, 0x2000ull, 0x2FFFull, 0x3100ull, 0x7FFF'FFFFull,
                                 0x8100'0000ull, 0xFFFF'FFFF'FFFF'FFFFull}) {
            EXPECT_EQ(t.cpu.read32(address).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << std::hex << address;
            EXPECT_EQ(t.dma.write8(address, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE) << std::hex << address;
        }
    });
    EXPECT_EQ(t.a.calls + t.b.calls + t.c.calls, 0u);
    EXPECT_EQ(t.bus->decode_errors(), 16u);
}

// A guest looping on an unmapped address must not flood the log: the first ten identical lines,
// one "suppressed" line, and the total at the end of the run (flush_repeated_log_lines).
TEST(Bus, HammeringAnUnmappedAddressPrintsABoundedNumberOfLines)
{
    BusBench t;
    constexpr uint64_t accesses = 1'000'000;
    testing::internal::CaptureStderr();
    test::run([&] {
        for (uint64_t i = 0; i < accesses; ++i) {
            t.cpu.read32(0x2000);
        }
        t.cpu.read32(0x2004);  // another message is not suppressed
    });
    flush_repeated_log_lines();
    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(t.bus->decode_errors(), accesses + 1);
    const auto lines = static_cast<uint64_t>(std::count(log.begin(), log.end(), '\n'));
    EXPECT_EQ(lines, repeated_line_limit + 1 + 1 + 1) << log;
    EXPECT_NE(log.find("read of 4 bytes at 0x2000 is unmapped (repeated 11 times; further identical lines "
                       "suppressed"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("read of 4 bytes at 0x2000 is unmapped (repeated 1000000 times in total)"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("0x2004 is unmapped"), std::string::npos) << log;
}

TEST(Bus, AtDebugLevelEveryGuestErrorLineIsPrinted)
{
    BusBench t;
    configure_logging(spdlog::level::debug, {});
    testing::internal::CaptureStderr();
    test::run([&] {
        for (int i = 0; i < 50; ++i) {
            t.cpu.read32(0x2000);
        }
    });
    flush_repeated_log_lines();
    const std::string log = testing::internal::GetCapturedStderr();
    configure_logging(spdlog::level::warn, {});
    EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 50) << log;
}

TEST(Bus, AccessCrossingTheEndOfARegionIsAnAddressError)
{
    BusBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.read32(0x1FFE).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write64(0x30FC, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read16(0x80FF'FFFF).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read16(0x1FFE).status, tlm::TLM_OK_RESPONSE);  // ends exactly at the last byte
    });
    EXPECT_EQ(t.a.calls, 1u);
}

TEST(Bus, OverlappingOrEmptyRegionsAreRejected)
{
    BusParams params;
    Bus bus("bus", params);
    RecordingTarget a("a"), b("b"), c("c"), d("d");
    bus.map(a.socket, 0x1000, 0x1000, "first");
    try {
        bus.map(b.socket, 0x1FFF, 0x10, "second");
        FAIL() << "overlap accepted";
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("first"), std::string::npos) << what;
        EXPECT_NE(what.find("second"), std::string::npos) << what;
    }
    EXPECT_THROW(bus.map(b.socket, 0x0, 0x1001, "below"), std::invalid_argument);
    EXPECT_THROW(bus.map(b.socket, 0x1800, 0x10, "inside"), std::invalid_argument);
    EXPECT_THROW(bus.map(b.socket, 0x5000, 0, "empty"), std::invalid_argument);
    EXPECT_THROW(bus.map(b.socket, 0xFFFF'FFFF'FFFF'F000ull, 0x2000, "wraps"), std::invalid_argument);
    // Rejected calls bind nothing: the remaining targets can still be mapped.
    bus.map(b.socket, 0x2000, 0x10, "adjacent");
    bus.map(c.socket, 0xFFFF'FFFF'FFFF'F000ull, 0x1000, "top");
    bus.map(d.socket, 0x0, 0x1000, "bottom");
    EXPECT_EQ(bus.regions().size(), 4u);
    EXPECT_EQ(bus.decode(0xFFFF'FFFF'FFFF'FFFFull)->name, "top");
    EXPECT_EQ(bus.decode(0xFFF)->name, "bottom");
    EXPECT_EQ(bus.decode(0x2010), nullptr);
}

TEST(Bus, HopLatencyIsAddedToTheAnnotatedDelay)
{
    BusBench t(10);
    test::run([&] {
        t.cpu.read32(0x1000);
        // Added before forwarding: hop + one bus cycle (4 bytes on the default 4-byte bus).
        EXPECT_EQ(t.a.last_delay_in, sc_time(20, SC_NS));
        EXPECT_EQ(t.cpu.last_delay(), sc_time(25, SC_NS));  // hop + bus cycle + target latency
        t.cpu.read32(0x5000);                               // errors take no bus time
        EXPECT_EQ(t.cpu.last_delay(), sc_core::SC_ZERO_TIME);
    });
}

TEST(Bus, ZeroHopLatency)
{
    BusBench t(0);
    test::run([&] {
        t.cpu.read32(0x1000);
        EXPECT_EQ(t.cpu.last_delay(), sc_time(15, SC_NS));  // bus cycle + target latency
    });
}

TEST(Bus, DmiRangeIsTranslatedToGlobalAddresses)
{
    BusBench t;
    t.b.dmi_start = 0x100;
    t.b.dmi_end = 0x1FF;
    test::run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(t.cpu.get_dmi(0x8000'0150, dmi));
        EXPECT_EQ(t.b.last_address, 0x150u);
        EXPECT_EQ(dmi.get_start_address(), 0x8000'0100u);
        EXPECT_EQ(dmi.get_end_address(), 0x8000'01FFu);
        EXPECT_EQ(dmi.get_dmi_ptr(), t.b.storage);
        EXPECT_EQ(dmi.get_read_latency(), sc_time(11, SC_NS));  // target + hop
        EXPECT_EQ(dmi.get_write_latency(), sc_time(12, SC_NS));
        EXPECT_TRUE(dmi.is_read_write_allowed());
    });
}

TEST(Bus, DmiRangeIsClippedToTheRegion)
{
    BusBench t;  // a and c grant [0, 2^64-1] locally
    test::run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(t.cpu.get_dmi(0x30FF, dmi));
        EXPECT_EQ(dmi.get_start_address(), 0x3000u);
        EXPECT_EQ(dmi.get_end_address(), 0x30FFu);
        ASSERT_TRUE(t.dma.get_dmi(0x1800, dmi, true));
        EXPECT_EQ(dmi.get_start_address(), 0x1000u);
        EXPECT_EQ(dmi.get_end_address(), 0x1FFFu);
    });
}

TEST(Bus, DmiOnUnmappedAddressIsDeniedForTheWholeGap)
{
    BusBench t;
    test::run([&] {
        tlm::tlm_dmi dmi;
        EXPECT_FALSE(t.cpu.get_dmi(0x2800, dmi));
        EXPECT_EQ(dmi.get_start_address(), 0x2000u);
        EXPECT_EQ(dmi.get_end_address(), 0x2FFFu);
        EXPECT_FALSE(t.cpu.get_dmi(0x10, dmi));
        EXPECT_EQ(dmi.get_start_address(), 0x0u);
        EXPECT_EQ(dmi.get_end_address(), 0xFFFu);
        EXPECT_FALSE(t.cpu.get_dmi(0x9000'0000, dmi));
        EXPECT_EQ(dmi.get_start_address(), 0x8100'0000u);
        EXPECT_EQ(dmi.get_end_address(), std::numeric_limits<uint64_t>::max());
    });
}

TEST(Bus, DmiInvalidationIsTranslatedAndBroadcastToEveryInitiator)
{
    BusBench t;
    test::run([&] {
        t.b.invalidate(0x10, 0x1F);
        t.c.invalidate(0x80, std::numeric_limits<uint64_t>::max());  // clipped to the region
        t.a.invalidate(0x2000, 0x3000);                              // entirely outside: dropped
    });
    using Range = std::pair<uint64_t, uint64_t>;
    const std::vector<Range> expected = {{0x8000'0010, 0x8000'001F}, {0x3080, 0x30FF}};
    EXPECT_EQ(t.cpu.invalidations, expected);
    EXPECT_EQ(t.dma.invalidations, expected);
}

TEST(Bus, DebugTransportIsRoutedAndClipped)
{
    BusBench t;
    test::run([&] {
        uint8_t buffer[16] = {};
        EXPECT_EQ(t.cpu.debug_read(0x3010, buffer, 8), 8u);
        EXPECT_EQ(t.c.last_address, 0x10u);
        EXPECT_EQ(t.cpu.debug_write(0x1FFC, buffer, 16), 4u);  // clipped at the region end
        EXPECT_EQ(t.a.last_address, 0xFFCu);
        EXPECT_EQ(t.a.last_length, 4u);
        EXPECT_EQ(t.cpu.debug_read(0x2000, buffer, 4), 0u);  // unmapped
    });
    EXPECT_EQ(t.a.calls + t.c.calls, 0u);
    EXPECT_EQ(t.a.dbg_calls + t.c.dbg_calls, 2u);
}

TEST(Bus, MapAfterElaborationIsALogicError)
{
    BusBench t;
    RecordingTarget late("late");
    test::TlmTestInitiator spare("spare");  // keeps late's socket bound for elaboration
    spare.socket.bind(late.socket);
    test::run([&] { EXPECT_THROW(t.bus->map(late.socket, 0x9000, 0x10, "late"), std::logic_error); });
}

// --- occupancy calendar ----------------------------------------------------------------------

// A read of `length` bytes at `address`, annotated at `at` from now (an LT initiator's local
// time); returns the delay after the bus (at + hop + wait + occupancy + target latency).
sc_time read_at(test::TlmTestInitiator& initiator, uint64_t address, unsigned length, const sc_time& at)
{
    std::vector<uint8_t> data(length);
    tlm::tlm_generic_payload trans;
    trans.set_command(tlm::TLM_READ_COMMAND);
    trans.set_address(address);
    trans.set_data_ptr(data.data());
    trans.set_data_length(length);
    trans.set_streaming_width(length);
    trans.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay = at;
    initiator.socket->b_transport(trans, delay);
    EXPECT_EQ(trans.get_response_status(), tlm::TLM_OK_RESPONSE);
    return delay;
}

sc_time ns(double value) { return sc_time(value, SC_NS); }

TEST(BusOccupancy, TransactionOccupiesCeilLengthOverWidthCycles)
{
    BusBench t;  // 4-byte bus at 100 MHz, hop 10 ns, target latency 5 ns
    test::run([&] {
        // Far apart in time: no contention. delay = at + hop + ceil(len / 4) * 10 ns + 5 ns.
        EXPECT_EQ(read_at(t.cpu, 0x1000, 1, ns(0)), ns(0 + 10 + 10 + 5));
        EXPECT_EQ(read_at(t.cpu, 0x1000, 4, ns(1000)), ns(1000 + 10 + 10 + 5));
        EXPECT_EQ(read_at(t.cpu, 0x1000, 5, ns(2000)), ns(2000 + 10 + 20 + 5));
        EXPECT_EQ(read_at(t.dma, 0x1000, 64, ns(3000)), ns(3000 + 10 + 160 + 5));
        EXPECT_EQ(t.a.last_delay_in, ns(3000 + 10 + 160));  // the target sees it after its beats
    });
    EXPECT_EQ(t.bus->occupancy_cycles(0), 1u);
    EXPECT_EQ(t.bus->occupancy_cycles(3), 1u);
    EXPECT_EQ(t.bus->occupancy_cycles(8), 2u);
    EXPECT_EQ(t.bus->occupied_time(), ns(10 + 10 + 20 + 160));
    EXPECT_EQ(t.bus->delayed_transactions(), 0u);
    EXPECT_EQ(t.bus->contention_wait(), sc_core::SC_ZERO_TIME);
}

TEST(BusOccupancy, WiderBusTakesFewerCycles)
{
    BusBench t(10, 8);
    test::run([&] { EXPECT_EQ(read_at(t.cpu, 0x1000, 64, ns(0)), ns(10 + 80 + 5)); });
}

TEST(BusOccupancy, BadWidthOrClockIsRejected)
{
    BusParams p;
    p.width_bytes = 3;
    EXPECT_THROW(Bus("bus3", p), std::invalid_argument);
    p.width_bytes = 128;
    EXPECT_THROW(Bus("bus128", p), std::invalid_argument);
    p.width_bytes = 4;
    p.clock_hz = 0;
    EXPECT_THROW(Bus("bus0", p), std::invalid_argument);
}

TEST(BusOccupancy, OverlappingTransactionWaitsForTheRemainingOccupancy)
{
    BusBench t;
    test::run([&] {
        // CPU: 64 bytes at 100 ns occupy [100, 260). DMA at 150 ns waits the remaining 110 ns.
        EXPECT_EQ(read_at(t.cpu, 0x1000, 64, ns(100)), ns(100 + 10 + 160 + 5));
        EXPECT_EQ(read_at(t.dma, 0x1000, 4, ns(150)), ns(150 + 110 + 10 + 10 + 5));
        // Exactly at the end of a booking: no wait.
        EXPECT_EQ(read_at(t.cpu, 0x1000, 4, ns(270)), ns(270 + 10 + 10 + 5));
    });
    EXPECT_EQ(t.bus->delayed_transactions(), 1u);
    EXPECT_EQ(t.bus->contention_wait(), ns(110));
}

TEST(BusOccupancy, BookingIsBySimulatedTimeNotHostOrder)
{
    BusBench t;
    test::run([&] {
        // A later transaction arrives first (the DMA is ahead), then earlier ones from the CPU.
        EXPECT_EQ(read_at(t.dma, 0x1000, 4, ns(300)), ns(300 + 25));  // [300, 310)
        // Fits in the gap before it: [290, 300), no wait.
        EXPECT_EQ(read_at(t.cpu, 0x1000, 4, ns(290)), ns(290 + 25));
        // 2 cycles at 285 do not fit before [290, 310): they wait until 310, i.e. 25 ns.
        EXPECT_EQ(read_at(t.cpu, 0x1000, 8, ns(285)), ns(285 + 25 + 10 + 20 + 5));  // [310, 330)
        // A gap in the middle: [400, 410) and [430, 440) booked; 2 cycles at 405 fit in [410, 430).
        read_at(t.dma, 0x1000, 4, ns(430));
        read_at(t.dma, 0x1000, 4, ns(400));
        EXPECT_EQ(read_at(t.cpu, 0x1000, 8, ns(405)), ns(405 + 5 + 10 + 20 + 5));
        // Now [400, 440) is full: one more cycle at 405 goes after it (35 ns wait).
        EXPECT_EQ(read_at(t.cpu, 0x1000, 4, ns(405)), ns(405 + 35 + 25));
        // A gap too short for 2 cycles is skipped: [500, 510), [520, 530) booked, 2 cycles at
        // 505 go to [530, 550).
        read_at(t.dma, 0x1000, 4, ns(500));
        read_at(t.dma, 0x1000, 4, ns(520));
        EXPECT_EQ(read_at(t.cpu, 0x1000, 8, ns(505)), ns(505 + 25 + 10 + 20 + 5));
    });
    EXPECT_EQ(t.bus->delayed_transactions(), 4u);
    EXPECT_EQ(t.bus->contention_wait(), ns(25 + 5 + 35 + 25));
}

TEST(BusOccupancy, TouchingBookingsMergeAndThePastIsPruned)
{
    BusBench t;
    test::run([&] {
        read_at(t.cpu, 0x1000, 4, ns(100));
        read_at(t.dma, 0x1000, 4, ns(110));
        read_at(t.cpu, 0x1000, 4, ns(90));  // touches both sides
        read_at(t.cpu, 0x1000, 4, ns(200));
        using Iv = std::pair<sc_time, sc_time>;
        EXPECT_EQ(t.bus->busy_intervals(), (std::vector<Iv>{{ns(90), ns(120)}, {ns(200), ns(210)}}));
        sc_core::wait(ns(150));
        read_at(t.cpu, 0x1000, 4, ns(100));  // at 250 ns: [90, 120) ended before now
        EXPECT_EQ(t.bus->busy_intervals(), (std::vector<Iv>{{ns(200), ns(210)}, {ns(250), ns(260)}}));
        sc_core::wait(ns(300));
        read_at(t.cpu, 0x1000, 4, ns(0));
        EXPECT_EQ(t.bus->busy_intervals(), (std::vector<Iv>{{ns(450), ns(460)}}));
    });
}

TEST(BusOccupancy, DebugTransportAndErrorsBookNothing)
{
    BusBench t;
    test::run([&] {
        uint8_t buffer[64] = {};
        EXPECT_EQ(t.cpu.debug_read(0x1000, buffer, 64), 64u);
        EXPECT_EQ(t.cpu.read32(0x5000).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_TRUE(t.bus->busy_intervals().empty());
        EXPECT_EQ(read_at(t.dma, 0x1000, 4, ns(0)), ns(25));
    });
    EXPECT_EQ(t.bus->occupied_time(), ns(10));
}

// --- DMI hold-off while a streaming initiator is active ----------------------------------------

TEST(BusDmiHoldoff, StreamingInitiatorRevokesDmiUntilIdleForTheHoldoff)
{
    BusBench t;  // dmi_holdoff_cycles = 1000: 10 us at 100 MHz
    test::run([&] {
        tlm::tlm_dmi dmi;
        EXPECT_EQ(read_at(t.cpu, 0x8000'0000, 4, ns(0)), ns(25));
        ASSERT_TRUE(t.cpu.get_dmi(0x8000'0000, dmi));
        EXPECT_FALSE(t.bus->dmi_blocked());

        // The DMA (upstream index 1) starts: the CPU's DMI is invalidated over the whole space.
        const sc_time dma_end = read_at(t.dma, 0x8000'0100, 64, ns(100));  // ends at 100+10+160+5
        EXPECT_EQ(dma_end, ns(275));
        EXPECT_TRUE(t.bus->dmi_blocked());
        using Range = std::pair<uint64_t, uint64_t>;
        EXPECT_EQ(t.cpu.invalidations, (std::vector<Range>{{0, std::numeric_limits<uint64_t>::max()}}));
        EXPECT_TRUE(t.dma.invalidations.empty());
        EXPECT_EQ(t.bus->dmi_revocations(), 1u);

        // A second DMA transaction revokes nothing more (no DMI was granted since).
        read_at(t.dma, 0x8000'0200, 4, ns(300));  // ends at 325
        EXPECT_EQ(t.cpu.invalidations.size(), 1u);

        // CPU accesses now go through the bus: the DMI hint is cleared and requests are refused.
        t.cpu.read32(0x8000'0000);
        EXPECT_FALSE(t.cpu.last_dmi_hint());
        EXPECT_FALSE(t.cpu.get_dmi(0x8000'0000, dmi));
        EXPECT_EQ(dmi.get_granted_access(), tlm::tlm_dmi::DMI_ACCESS_NONE);

        // Still inside the hold-off (last streaming end 325 ns + 10 us): refused.
        const sc_time holdoff_end = ns(325) + sc_time(10, sc_core::SC_US);
        {
            tlm::tlm_generic_payload trans;
            uint8_t data[4];
            trans.set_command(tlm::TLM_READ_COMMAND);
            trans.set_address(0x8000'0000);
            trans.set_data_ptr(data);
            trans.set_data_length(4);
            trans.set_streaming_width(4);
            sc_time delay = holdoff_end - ns(1);
            t.cpu.socket->b_transport(trans, delay);
            EXPECT_FALSE(trans.is_dmi_allowed());
            EXPECT_FALSE(t.cpu.get_dmi(0x8000'0000, dmi));
            // At the end of the hold-off (the CPU's own time, ahead of kernel time): allowed again.
            trans.set_dmi_allowed(false);
            delay = holdoff_end;
            t.cpu.socket->b_transport(trans, delay);
            EXPECT_TRUE(trans.is_dmi_allowed());
        }
        EXPECT_FALSE(t.bus->dmi_blocked());
        EXPECT_TRUE(t.cpu.get_dmi(0x8000'0000, dmi));

        // The next streaming transaction revokes the new grant.
        read_at(t.dma, 0x8000'0200, 4, holdoff_end + ns(100));
        EXPECT_EQ(t.cpu.invalidations.size(), 2u);
        EXPECT_EQ(t.bus->dmi_revocations(), 2u);
    });
}

TEST(BusDmiHoldoff, NoStreamingTrafficMeansDmiAsBefore)
{
    BusBench t;
    test::run([&] {
        tlm::tlm_dmi dmi;
        t.cpu.read32(0x8000'0000);
        EXPECT_TRUE(t.cpu.last_dmi_hint());
        EXPECT_TRUE(t.cpu.get_dmi(0x8000'0000, dmi));
    });
    EXPECT_FALSE(t.bus->dmi_blocked());
    EXPECT_EQ(t.bus->dmi_revocations(), 0u);
    EXPECT_TRUE(t.cpu.invalidations.empty());
}

TEST(BusDmiHoldoff, HoldoffIsAParameter)
{
    BusParams p;
    p.dmi_holdoff_cycles = 5;  // 50 ns
    Bus bus("bus", p);
    test::TlmTestInitiator cpu("cpu"), dma("dma");
    RecordingTarget mem("mem");
    cpu.socket.bind(bus.upstream);
    dma.socket.bind(bus.upstream);
    bus.map(mem.socket, 0x0, 0x1000, "mem");
    test::run([&] {
        tlm::tlm_dmi dmi;
        EXPECT_EQ(read_at(dma, 0x0, 4, ns(0)), ns(25));
        read_at(cpu, 0x0, 4, ns(74));
        EXPECT_FALSE(cpu.get_dmi(0x0, dmi));
        read_at(cpu, 0x0, 4, ns(75));
        EXPECT_TRUE(cpu.get_dmi(0x0, dmi));
    });
}

}  // namespace
}  // namespace pimsoc
