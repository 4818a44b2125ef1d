// CLINT: reset values, msip, mtime from simulated time at the timebase, mtime and mtimecmp writes
// (64-bit and halves), MTIP at the exact compare time, bad accesses.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

#include "clint/clint.h"
#include "clint/clint_regs.h"
#include "common/params.h"
#include "common/tlm_test_initiator.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::SC_US;
using sc_core::sc_time;
using tlm::TLM_OK_RESPONSE;

// Defaults: 10 MHz timebase (one tick = 100 ns), 10 ns access latency.
const sc_time latency(10, SC_NS);

struct ClintBench {
    test::TlmTestInitiator cpu{"cpu"};
    Clint clint;
    test::IrqSink msip{"msip"};
    test::IrqSink mtip{"mtip"};

    explicit ClintBench(const ClintParams& p = {}) : clint("clint", p)
    {
        cpu.socket.bind(clint.socket);
        clint.msip.bind(msip.signal);
        clint.mtip.bind(mtip.signal);
    }

    uint64_t rd32(uint64_t offset)
    {
        auto r = cpu.read32(offset);
        EXPECT_TRUE(r.ok()) << "read32 offset " << offset;
        return r.value;
    }
    uint64_t rd64(uint64_t offset)
    {
        auto r = cpu.read64(offset);
        EXPECT_TRUE(r.ok()) << "read64 offset " << offset;
        return r.value;
    }
    void wr32(uint64_t offset, uint64_t v) { EXPECT_EQ(cpu.write32(offset, v), TLM_OK_RESPONSE) << offset; }
    void wr64(uint64_t offset, uint64_t v) { EXPECT_EQ(cpu.write64(offset, v), TLM_OK_RESPONSE) << offset; }
    // Waits until simulated time is `t`.
    static void wait_until(const sc_time& t) { sc_core::wait(t - sc_core::sc_time_stamp()); }
};

TEST(Clint, ResetValues)
{
    ClintBench t;
    test::run([&] {
        EXPECT_EQ(t.rd32(CLINT_MSIP), 0u);
        EXPECT_EQ(t.rd64(CLINT_MTIMECMP), UINT64_MAX);
        EXPECT_EQ(t.rd32(CLINT_MTIMECMP), 0xFFFFFFFFu);
        EXPECT_EQ(t.rd32(CLINT_MTIMECMP_HI), 0xFFFFFFFFu);
        EXPECT_EQ(t.rd64(CLINT_MTIME), 0u) << "10 ns after reset: no tick of 100 ns yet";
        EXPECT_EQ(t.rd32(CLINT_MTIME_HI), 0u);
        t.cpu.sync(sc_time(1, SC_US));
        EXPECT_FALSE(t.msip.level());
        EXPECT_FALSE(t.mtip.level());
        EXPECT_TRUE(t.msip.edges.empty());
        EXPECT_TRUE(t.mtip.edges.empty());
    });
}

TEST(Clint, MtimeAdvancesAtTheTimebase)
{
    ClintBench t;
    test::run([&] {
        t.wait_until(sc_time(1, SC_US));
        EXPECT_EQ(t.rd64(CLINT_MTIME), 10u) << "1.01 us at 10 MHz";
        t.wait_until(sc_time(2, sc_core::SC_MS));
        EXPECT_EQ(t.rd64(CLINT_MTIME), 20000u);
        EXPECT_EQ(t.rd32(CLINT_MTIME), 20000u);
        EXPECT_EQ(t.clint.mtime_at(sc_time(1, sc_core::SC_SEC)), 10'000'000u);
        EXPECT_EQ(t.clint.mtime_at(sc_time(99, SC_NS)), 0u);
        EXPECT_EQ(t.clint.mtime_at(sc_time(100, SC_NS)), 1u);
    });
}

TEST(Clint, MtimeSeesTheAnnotatedTimeOfTheAccess)
{
    ClintBench t;
    test::run([&] {
        // The initiator annotates a delay of 5 us: mtime is read at 5 us + latency, not at 0.
        tlm::tlm_generic_payload trans;
        uint8_t data[8] = {};
        trans.set_command(tlm::TLM_READ_COMMAND);
        trans.set_address(CLINT_MTIME);
        trans.set_data_ptr(data);
        trans.set_data_length(8);
        trans.set_streaming_width(8);
        sc_time delay(5, SC_US);
        t.cpu.socket->b_transport(trans, delay);
        EXPECT_EQ(trans.get_response_status(), TLM_OK_RESPONSE);
        EXPECT_EQ(data[0], 50u);
        EXPECT_EQ(delay, sc_time(5, SC_US) + latency);
    });
}

TEST(Clint, NonDefaultTimebase)
{
    ClintParams p;
    p.timebase_hz = 32768;  // a watch crystal: ticks at non-integer nanoseconds
    ClintBench t(p);
    test::run([&] {
        t.wait_until(sc_time(1, sc_core::SC_SEC));
        EXPECT_EQ(t.rd64(CLINT_MTIME), 32768u);
        // mtimecmp 40000: the first time with floor(t * 32768) >= 40000 is ceil(40000 / 32768 s).
        t.wr64(CLINT_MTIMECMP, 40000);
        t.wait_until(sc_time(2, sc_core::SC_SEC));
        ASSERT_EQ(t.mtip.edges.size(), 1u);
        const sc_time rise = t.mtip.edges[0].time;
        EXPECT_EQ(t.clint.mtime_at(rise), 40000u);
        EXPECT_EQ(t.clint.mtime_at(rise - sc_time(1, sc_core::SC_PS)), 39999u);
    });
}

TEST(Clint, MtimeWrite64AndHalves)
{
    ClintBench t;
    test::run([&] {
        t.wait_until(sc_time(1, SC_US));
        t.wr64(CLINT_MTIME, 0x1'0000'0000ull);  // at 1.01 us
        t.wait_until(sc_time(2, SC_US) + latency);
        EXPECT_EQ(t.rd64(CLINT_MTIME), 0x1'0000'0000ull + 10) << "counts on from the written value";
        t.wr32(CLINT_MTIME, 0xFFFF'FF00u);                   // low half only
        EXPECT_EQ(t.rd64(CLINT_MTIME), 0x1'FFFF'FF00ull);    // same access time: no tick in between
        t.wr32(CLINT_MTIME_HI, 0x12u);                       // high half only
        EXPECT_EQ(t.rd32(CLINT_MTIME_HI), 0x12u);
        EXPECT_EQ(t.rd32(CLINT_MTIME), 0xFFFF'FF00u);
    });
}

TEST(Clint, MtimecmpWrite64AndHalves)
{
    ClintBench t;
    test::run([&] {
        t.wr64(CLINT_MTIMECMP, 0x1234'5678'9ABC'DEF0ull);
        EXPECT_EQ(t.rd64(CLINT_MTIMECMP), 0x1234'5678'9ABC'DEF0ull);
        EXPECT_EQ(t.rd32(CLINT_MTIMECMP), 0x9ABC'DEF0u);
        EXPECT_EQ(t.rd32(CLINT_MTIMECMP_HI), 0x1234'5678u);
        t.wr32(CLINT_MTIMECMP, 0x1111'1111u);
        t.wr32(CLINT_MTIMECMP_HI, 0x2222'2222u);
        EXPECT_EQ(t.rd64(CLINT_MTIMECMP), 0x2222'2222'1111'1111ull);
        EXPECT_EQ(t.clint.mtimecmp(), 0x2222'2222'1111'1111ull);
        t.cpu.sync(sc_time(1, SC_US));
        EXPECT_FALSE(t.mtip.level());
    });
}

TEST(Clint, MtipRisesExactlyAtTheCompareTime)
{
    ClintBench t;
    test::run([&] {
        t.wr64(CLINT_MTIMECMP, 50);  // mtime reaches 50 at 5 us
        t.wait_until(sc_time(4, SC_US));
        EXPECT_FALSE(t.mtip.level());
        t.wait_until(sc_time(10, SC_US));
        EXPECT_TRUE(t.mtip.level());
        ASSERT_EQ(t.mtip.edges.size(), 1u);
        EXPECT_EQ(t.mtip.edges[0].time, sc_time(5, SC_US));
        EXPECT_TRUE(t.mtip.edges[0].level);
    });
}

TEST(Clint, MtimecmpInThePastRaisesMtipAtTheAccessTime)
{
    ClintBench t;
    test::run([&] {
        t.wait_until(sc_time(3, SC_US));
        t.wr64(CLINT_MTIMECMP, 10);  // mtime is 30
        t.cpu.sync(sc_time(1, SC_NS));
        ASSERT_EQ(t.mtip.edges.size(), 1u);
        EXPECT_EQ(t.mtip.edges[0].time, sc_time(3, SC_US) + latency);
        EXPECT_TRUE(t.mtip.level());
    });
}

TEST(Clint, RewritingMtimecmpLowersMtipAndReschedules)
{
    ClintBench t;
    test::run([&] {
        t.wr64(CLINT_MTIMECMP, 0);  // 0 <= mtime: MTIP at once (10 ns)
        t.wait_until(sc_time(1, SC_US));
        EXPECT_TRUE(t.mtip.level());
        t.wr64(CLINT_MTIMECMP, 30);  // in the future again: falls at 1.01 us, rises at 3 us
        t.wait_until(sc_time(2, SC_US));
        EXPECT_FALSE(t.mtip.level());
        t.wr64(CLINT_MTIMECMP, 40);  // moved later before it fired: rises at 4 us instead
        t.wait_until(sc_time(5, SC_US));
        ASSERT_EQ(t.mtip.edges.size(), 3u);
        EXPECT_EQ(t.mtip.edges[0].time, latency);
        EXPECT_EQ(t.mtip.edges[1].time, sc_time(1, SC_US) + latency);
        EXPECT_FALSE(t.mtip.edges[1].level);
        EXPECT_EQ(t.mtip.edges[2].time, sc_time(4, SC_US));
        EXPECT_TRUE(t.mtip.edges[2].level);
        t.wr64(CLINT_MTIMECMP, UINT64_MAX);  // the usual "no timer" value
        t.cpu.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(t.mtip.level());
        EXPECT_EQ(t.mtip.edges.back().time, sc_time(5, SC_US) + latency);
    });
}

TEST(Clint, MtimeWriteReschedulesTheCompare)
{
    ClintBench t;
    test::run([&] {
        t.wr64(CLINT_MTIMECMP, 1000);  // would fire at 100 us
        t.wait_until(sc_time(1, SC_US));
        // At 1.01 us: 10 ticks to go. Ticks keep their phase (every 100 ns since time 0), so the
        // written value holds until 1.1 us and mtime reaches 1000 at 2 us.
        t.wr64(CLINT_MTIME, 990);
        t.wait_until(sc_time(3, SC_US));
        ASSERT_EQ(t.mtip.edges.size(), 1u);
        EXPECT_EQ(t.mtip.edges[0].time, sc_time(2, SC_US));
        t.wr64(CLINT_MTIME, 0);  // back below the compare: falls at once
        t.cpu.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(t.mtip.level());
        t.wr64(CLINT_MTIME, 5000);  // jumps past it: rises at once
        t.cpu.sync(sc_time(1, SC_NS));
        EXPECT_TRUE(t.mtip.level());
        EXPECT_EQ(t.mtip.rising_edges(), 2u);
    });
}

TEST(Clint, MsipDrivesTheSoftwareInterruptLine)
{
    ClintBench t;
    test::run([&] {
        t.wait_until(sc_time(1, SC_US));
        t.wr32(CLINT_MSIP, 0xFFFF'FFFFu);  // only bit 0 is implemented
        EXPECT_EQ(t.rd32(CLINT_MSIP), 1u);
        EXPECT_TRUE(t.clint.msip_bit());
        t.wait_until(sc_time(2, SC_US));
        EXPECT_TRUE(t.msip.level());
        t.wr32(CLINT_MSIP, 0);
        t.cpu.sync(sc_time(1, SC_NS));
        EXPECT_FALSE(t.msip.level());
        ASSERT_EQ(t.msip.edges.size(), 2u);
        EXPECT_EQ(t.msip.edges[0].time, sc_time(1, SC_US) + latency);
        EXPECT_EQ(t.msip.edges[1].time, sc_time(2, SC_US) + latency);
        EXPECT_TRUE(t.mtip.edges.empty());
    });
}

TEST(Clint, BadAccessesGetErrorResponses)
{
    ClintBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.read64(CLINT_MSIP).status, tlm::TLM_BURST_ERROR_RESPONSE) << "msip is 32 bits";
        EXPECT_EQ(t.cpu.write64(CLINT_MSIP, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read8(CLINT_MTIME).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write16(CLINT_MTIMECMP, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read32(0x4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "no second hart";
        EXPECT_EQ(t.cpu.write32(0x4008, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read64(CLINT_MTIME_HI).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
        EXPECT_EQ(t.cpu.read32(0xBFF4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read32(CLINT_SIZE).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "outside";
        EXPECT_EQ(t.clint.errors(), 9u);
        EXPECT_EQ(t.rd64(CLINT_MTIMECMP), UINT64_MAX) << "nothing changed";
        EXPECT_EQ(t.rd32(CLINT_MSIP), 0u);
    });
}

TEST(Clint, DebugAccessesReadWithoutSideEffects)
{
    ClintBench t;
    test::run([&] {
        t.wait_until(sc_time(1, SC_US));
        uint64_t value = 0;
        EXPECT_EQ(t.cpu.debug_read(CLINT_MTIME, reinterpret_cast<uint8_t*>(&value), 8), 8u);
        EXPECT_EQ(value, 10u) << "debug reads see mtime at the current time";
        const uint64_t cmp = 0;
        EXPECT_EQ(t.cpu.debug_write(CLINT_MTIMECMP, reinterpret_cast<const uint8_t*>(&cmp), 8), 0u);
        EXPECT_EQ(t.rd64(CLINT_MTIMECMP), UINT64_MAX);
        t.cpu.sync(sc_time(1, SC_US));
        EXPECT_FALSE(t.mtip.level());
    });
}

TEST(Clint, ParametersBindToKeys)
{
    ParamRegistry registry;
    ClintParams p;
    p.bind(registry.root().scope("clint"));
    registry.set("clint.timebase_hz", "1M");
    registry.set("clint.access_latency_ns", "20");
    EXPECT_EQ(p.timebase_hz, 1'000'000u);
    EXPECT_EQ(p.access_latency_ns, 20u);
}

TEST(Clint, ZeroTimebaseIsRejected)
{
    ClintParams p;
    p.timebase_hz = 0;
    EXPECT_THROW(Clint("clint", p), std::invalid_argument);
}

}  // namespace
}  // namespace pimsoc
