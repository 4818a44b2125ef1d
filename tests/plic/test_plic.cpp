// PLIC: reset values, priority/enable/threshold registers, level-triggered gateways, claim order,
// claim/complete, MEIP timing, debug reads of claim, bad accesses.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "common/params.h"
#include "common/tlm_test_initiator.h"
#include "plic/plic.h"
#include "plic/plic_regs.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::SC_US;
using sc_core::sc_time;
using tlm::TLM_OK_RESPONSE;

const sc_time latency(10, SC_NS);

struct PlicBench {
    test::TlmTestInitiator cpu{"cpu"};
    Plic plic;
    test::IrqSink meip{"meip"};
    sc_core::sc_vector<sc_core::sc_signal<bool>> lines{"lines", PLIC_MAX_SOURCES};

    explicit PlicBench(const PlicParams& p = {}) : plic("plic", p)
    {
        cpu.socket.bind(plic.socket);
        plic.meip.bind(meip.signal);
        for (unsigned id = 0; id < PLIC_MAX_SOURCES; ++id) {
            plic.sources[id].bind(lines[id]);
        }
    }

    uint64_t rd(uint64_t offset)
    {
        auto r = cpu.read32(offset);
        EXPECT_TRUE(r.ok()) << "read offset " << offset;
        return r.value;
    }
    void wr(uint64_t offset, uint64_t v) { EXPECT_EQ(cpu.write32(offset, v), TLM_OK_RESPONSE) << offset; }
    // Drives a source line and lets the PLIC see it.
    void drive(unsigned id, bool level)
    {
        lines[id].write(level);
        sc_core::wait(sc_time(1, SC_NS));
    }
    // Lets MEIP settle (it changes at the access time, now + latency).
    bool meip_after_sync()
    {
        cpu.sync(sc_time(1, SC_NS));
        return meip.level();
    }
    void enable_all_with_priority(uint32_t prio)
    {
        for (unsigned id = 1; id < PLIC_MAX_SOURCES; ++id) {
            wr(PLIC_PRIORITY(id), prio);
        }
        wr(PLIC_ENABLE, 0xFFFF'FFFEu);
    }
};

TEST(Plic, ResetValues)
{
    PlicBench t;
    test::run([&] {
        for (unsigned id = 0; id < PLIC_MAX_SOURCES; ++id) {
            EXPECT_EQ(t.rd(PLIC_PRIORITY(id)), 0u) << "source " << id;
        }
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u);
        EXPECT_EQ(t.rd(PLIC_ENABLE), 0u);
        EXPECT_EQ(t.rd(PLIC_THRESHOLD), 0u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u);
        EXPECT_FALSE(t.meip_after_sync());
        EXPECT_TRUE(t.meip.edges.empty());
    });
}

TEST(Plic, PriorityEnableThresholdAreWarl)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(5), 3);
        EXPECT_EQ(t.rd(PLIC_PRIORITY(5)), 3u);
        t.wr(PLIC_PRIORITY(31), 0xFFFF'FFFFu);
        EXPECT_EQ(t.rd(PLIC_PRIORITY(31)), 7u) << "3 priority bits";
        t.wr(PLIC_PRIORITY(0), 7);
        EXPECT_EQ(t.rd(PLIC_PRIORITY(0)), 0u) << "source 0 does not exist";
        t.wr(PLIC_ENABLE, 0xFFFF'FFFFu);
        EXPECT_EQ(t.rd(PLIC_ENABLE), 0xFFFF'FFFEu) << "bit 0 (no interrupt) is hardwired to 0";
        t.wr(PLIC_ENABLE, 0x400);
        EXPECT_EQ(t.rd(PLIC_ENABLE), 0x400u);
        t.wr(PLIC_THRESHOLD, 0xFF);
        EXPECT_EQ(t.rd(PLIC_THRESHOLD), 7u);
        t.wr(PLIC_THRESHOLD, 2);
        EXPECT_EQ(t.rd(PLIC_THRESHOLD), 2u);
    });
}

TEST(Plic, FewerSourcesAndPriorityBitsFromParameters)
{
    PlicParams p;
    p.sources = 16;
    p.priority_bits = 2;
    PlicBench t(p);
    test::run([&] {
        t.wr(PLIC_PRIORITY(15), 7);
        EXPECT_EQ(t.rd(PLIC_PRIORITY(15)), 3u);
        t.wr(PLIC_PRIORITY(20), 3);
        EXPECT_EQ(t.rd(PLIC_PRIORITY(20)), 0u) << "source 20 is not implemented";
        t.wr(PLIC_ENABLE, 0xFFFF'FFFFu);
        EXPECT_EQ(t.rd(PLIC_ENABLE), 0xFFFEu);
        t.drive(20, true);
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u) << "an unimplemented source's line is ignored";
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u);
    });
}

TEST(Plic, PendingFollowsAHighLevelSource)
{
    PlicBench t;
    test::run([&] {
        t.drive(10, true);
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 10) << "pending even when disabled and at priority 0";
        EXPECT_FALSE(t.meip_after_sync()) << "but no MEIP: disabled, priority 0";
        t.drive(10, false);
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u) << "level-triggered: an unclaimed request goes with its line";
        t.drive(0, true);
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u) << "source 0 does not exist";
        EXPECT_EQ(t.cpu.write32(PLIC_PENDING, 0xFFFF'FFFFu), tlm::TLM_COMMAND_ERROR_RESPONSE) << "read-only";
    });
}

TEST(Plic, ClaimWithNothingPendingReturnsZero)
{
    PlicBench t;
    test::run([&] {
        t.enable_all_with_priority(1);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u);
        t.drive(3, true);
        t.wr(PLIC_ENABLE, 0);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u) << "pending but disabled";
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 3) << "a claim of nothing changes nothing";
    });
}

TEST(Plic, MeipFollowsEnabledPendingAbovePriorityZeroAtTheAccessTime)
{
    PlicBench t;
    test::run([&] {
        t.drive(10, true);              // at 0 -> pending at 0 (sampled at once)
        t.wr(PLIC_ENABLE, 1u << 10);    // priority still 0: no MEIP
        EXPECT_FALSE(t.meip_after_sync());
        sc_core::wait(sc_time(1, SC_US) - sc_core::sc_time_stamp());
        t.wr(PLIC_PRIORITY(10), 1);     // at 1 us + latency
        EXPECT_TRUE(t.meip_after_sync());
        ASSERT_EQ(t.meip.edges.size(), 1u);
        EXPECT_EQ(t.meip.edges[0].time, sc_time(1, SC_US) + latency);
        // The line drops before the claim: MEIP drops with it, when the PLIC sees the line.
        const sc_time drop = sc_core::sc_time_stamp();
        t.lines[10].write(false);
        sc_core::wait(sc_time(1, SC_NS));
        EXPECT_FALSE(t.meip.level());
        EXPECT_EQ(t.meip.edges.back().time, drop);
    });
}

TEST(Plic, ClaimOrderIsPriorityThenLowestId)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_ENABLE, 0xFFFF'FFFEu);
        t.wr(PLIC_PRIORITY(3), 2);
        t.wr(PLIC_PRIORITY(7), 5);
        t.wr(PLIC_PRIORITY(12), 5);
        t.wr(PLIC_PRIORITY(20), 1);
        for (unsigned id : {3u, 7u, 12u, 20u}) {
            t.lines[id].write(true);
        }
        sc_core::wait(sc_time(1, SC_NS));
        EXPECT_EQ(t.rd(PLIC_PENDING), (1u << 3) | (1u << 7) | (1u << 12) | (1u << 20));
        EXPECT_EQ(t.rd(PLIC_CLAIM), 7u) << "priority 5, lower id than 12";
        EXPECT_EQ(t.rd(PLIC_CLAIM), 12u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 3u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 20u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u) << "all claimed";
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u) << "claims clear pending; claimed sources stay out";
        EXPECT_EQ(t.plic.claimed_bits(), (1u << 3) | (1u << 7) | (1u << 12) | (1u << 20));
        EXPECT_FALSE(t.meip_after_sync());
    });
}

TEST(Plic, ClaimClearsPendingAndLowersMeipAtTheAccessTime)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(10), 1);
        t.wr(PLIC_ENABLE, 1u << 10);
        t.drive(10, true);
        EXPECT_TRUE(t.meip_after_sync());
        sc_core::wait(sc_time(2, SC_US) - sc_core::sc_time_stamp());
        EXPECT_EQ(t.rd(PLIC_CLAIM), 10u);
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u);
        EXPECT_FALSE(t.meip_after_sync());
        EXPECT_EQ(t.meip.edges.back().time, sc_time(2, SC_US) + latency);
        EXPECT_EQ(t.meip.rising_edges(), 1u);
    });
}

TEST(Plic, CompleteRearmsAStillHighLevelSource)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(10), 1);
        t.wr(PLIC_ENABLE, 1u << 10);
        t.drive(10, true);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 10u);
        EXPECT_FALSE(t.meip_after_sync());
        t.wr(PLIC_COMPLETE, 10);  // line still high: pending again, MEIP again
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 10);
        EXPECT_TRUE(t.meip_after_sync());
        EXPECT_EQ(t.meip.rising_edges(), 2u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 10u);
        t.drive(10, false);
        t.wr(PLIC_COMPLETE, 10);  // line low now: not pending again
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u);
        EXPECT_FALSE(t.meip_after_sync());
        EXPECT_EQ(t.plic.claimed_bits(), 0u);
    });
}

TEST(Plic, ClaimedSourceIsNotPendingAgainUntilCompleted)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(4), 1);
        t.wr(PLIC_ENABLE, 1u << 4);
        t.drive(4, true);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 4u);
        t.drive(4, false);
        t.drive(4, true);  // a new request while in service is held at the gateway
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u);
        t.wr(PLIC_COMPLETE, 4);
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 4);
    });
}

TEST(Plic, CompletesOfUnclaimedOrDisabledSourcesAreIgnored)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(6), 1);
        t.wr(PLIC_ENABLE, 1u << 6);
        t.drive(6, true);
        t.wr(PLIC_COMPLETE, 6);  // not claimed: ignored
        t.wr(PLIC_COMPLETE, 0);
        t.wr(PLIC_COMPLETE, 99);  // no such source
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 6);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 6u);
        t.wr(PLIC_ENABLE, 0);
        t.wr(PLIC_COMPLETE, 6);  // claimed but disabled: ignored, as the spec says
        EXPECT_EQ(t.plic.claimed_bits(), 1u << 6);
        t.wr(PLIC_ENABLE, 1u << 6);
        t.wr(PLIC_COMPLETE, 6);
        EXPECT_EQ(t.plic.claimed_bits(), 0u);
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 6);
    });
}

TEST(Plic, ThresholdMasksPrioritiesAtOrBelowIt)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(8), 3);
        t.wr(PLIC_PRIORITY(9), 5);
        t.wr(PLIC_ENABLE, (1u << 8) | (1u << 9));
        t.wr(PLIC_THRESHOLD, 3);
        t.drive(8, true);
        EXPECT_FALSE(t.meip_after_sync()) << "priority 3 is not above threshold 3";
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u);
        t.drive(9, true);
        EXPECT_TRUE(t.meip_after_sync());
        t.wr(PLIC_THRESHOLD, 5);
        EXPECT_FALSE(t.meip_after_sync());
        EXPECT_EQ(t.rd(PLIC_CLAIM), 0u);
        t.wr(PLIC_THRESHOLD, 2);
        EXPECT_TRUE(t.meip_after_sync());
        EXPECT_EQ(t.rd(PLIC_CLAIM), 9u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 8u);
        EXPECT_EQ(t.rd(PLIC_PENDING), 0u);
    });
}

TEST(Plic, DisablingAPendingSourceLowersMeip)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(11), 2);
        t.wr(PLIC_ENABLE, 1u << 11);
        t.drive(11, true);
        EXPECT_TRUE(t.meip_after_sync());
        t.wr(PLIC_ENABLE, 0);
        EXPECT_FALSE(t.meip_after_sync());
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 11) << "still pending";
        t.wr(PLIC_PRIORITY(11), 0);
        t.wr(PLIC_ENABLE, 1u << 11);
        EXPECT_FALSE(t.meip_after_sync()) << "priority 0 never interrupts";
    });
}

TEST(Plic, DebugReadOfClaimHasNoEffect)
{
    PlicBench t;
    test::run([&] {
        t.wr(PLIC_PRIORITY(10), 1);
        t.wr(PLIC_ENABLE, 1u << 10);
        t.drive(10, true);
        uint32_t value = 0;
        EXPECT_EQ(t.cpu.debug_read(PLIC_CLAIM, reinterpret_cast<uint8_t*>(&value), 4), 4u);
        EXPECT_EQ(value, 10u) << "shows what a claim would return";
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 10);
        EXPECT_EQ(t.plic.claimed_bits(), 0u);
        EXPECT_TRUE(t.meip_after_sync());
        const uint32_t prio = 7;
        EXPECT_EQ(t.cpu.debug_write(PLIC_PRIORITY(10), reinterpret_cast<const uint8_t*>(&prio), 4), 0u)
            << "debug writes change nothing";
        EXPECT_EQ(t.rd(PLIC_PRIORITY(10)), 1u);
        EXPECT_EQ(t.rd(PLIC_CLAIM), 10u);
    });
}

TEST(Plic, BadOffsetsAndWidthsGetErrorResponses)
{
    PlicBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.read32(0x80).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "past source 31's priority";
        EXPECT_EQ(t.cpu.read32(0x1004).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "one pending word";
        EXPECT_EQ(t.cpu.write32(0x2004, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "one enable word";
        EXPECT_EQ(t.cpu.write32(0x2080, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "no context 1";
        EXPECT_EQ(t.cpu.read32(0x201000).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "no context 1";
        EXPECT_EQ(t.cpu.read32(0x200008).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read32(PLIC_SIZE).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "outside";
        EXPECT_EQ(t.cpu.read32(0x2).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
        EXPECT_EQ(t.cpu.read8(PLIC_CLAIM).status, tlm::TLM_BURST_ERROR_RESPONSE) << "32-bit registers";
        EXPECT_EQ(t.cpu.write16(PLIC_THRESHOLD, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read64(PLIC_PRIORITY(2)).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write32(PLIC_PENDING, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(t.plic.errors(), 12u);
    });
}

TEST(Plic, SourceHighAtStartIsSeen)
{
    PlicBench t;
    t.lines[5].write(true);  // before simulation starts: the initial value
    test::run([&] {
        sc_core::wait(sc_time(1, SC_NS));
        EXPECT_EQ(t.rd(PLIC_PENDING), 1u << 5);
    });
}

TEST(Plic, ParametersBindToKeysAndAreChecked)
{
    ParamRegistry registry;
    PlicParams p;
    p.bind(registry.root().scope("plic"));
    registry.set("plic.sources", "16");
    registry.set("plic.priority_bits", "2");
    registry.set("plic.access_latency_ns", "20");
    EXPECT_EQ(p.sources, 16u);
    EXPECT_EQ(p.priority_bits, 2u);
    EXPECT_EQ(p.access_latency_ns, 20u);
    PlicParams bad;
    bad.sources = 33;
    EXPECT_THROW(Plic("plic", bad), std::invalid_argument);
}

}  // namespace
}  // namespace pimsoc
