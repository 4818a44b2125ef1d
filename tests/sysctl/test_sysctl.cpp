// sysctl: the simulation-control device (registers in ip/sysctl/sysctl_regs.h,
// docs/models/sysctl.md).
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <thread>
#include <vector>

#include "common/params.h"
#include "common/tlm_test_initiator.h"
#include "sysctl/sysctl.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

constexpr uint64_t kCycleBase = 0x1'2345'6789ull;  // above 2^32: the halves both matter
constexpr uint64_t kInstretBase = 0x2'0000'0000ull;

// A fake CPU behind the probes: 100 MHz, one instruction every two cycles, both offset by a large
// base so that the HI halves are non-zero. Records every time it is asked about.
struct FakeCpu {
    std::vector<sc_time> asked;
    unsigned stats_calls = 0;

    static uint64_t cycles_at(const sc_time& at) { return kCycleBase + at.value() / sc_time(10, SC_NS).value(); }
    static uint64_t instret_at(const sc_time& at) { return kInstretBase + at.value() / sc_time(20, SC_NS).value(); }

    SysctlProbes probes()
    {
        SysctlProbes p;
        p.cycles = [this](const sc_time& at) {
            asked.push_back(at);
            return cycles_at(at);
        };
        p.instret = [this](const sc_time& at) {
            asked.push_back(at);
            return instret_at(at);
        };
        p.print_stats = [this] { ++stats_calls; };
        return p;
    }
};

SysctlParams params_with_args()
{
    SysctlParams p;
    p.access_latency_ns = 10;
    p.args[0] = 1234;
    p.args[3] = 7;
    p.args[7] = 0xdeadbeef;
    return p;
}

struct Bench {
    FakeCpu fake;
    test::TlmTestInitiator cpu{"cpu"};
    Sysctl sysctl;
    explicit Bench(const SysctlParams& p = SysctlParams{}) : sysctl("sysctl", p, fake.probes())
    {
        cpu.socket.bind(sysctl.socket);
    }
    explicit Bench(const SysctlParams& p, SysctlProbes probes) : sysctl("sysctl", p, std::move(probes))
    {
        cpu.socket.bind(sysctl.socket);
    }

    // A read issued with a non-zero annotated delay (an LT initiator running ahead of the kernel).
    test::ReadResult read_at(uint64_t offset, unsigned width, sc_time delay)
    {
        uint8_t data[8] = {};
        tlm::tlm_generic_payload trans;
        trans.set_command(tlm::TLM_READ_COMMAND);
        trans.set_address(offset);
        trans.set_data_ptr(data);
        trans.set_data_length(width);
        trans.set_streaming_width(width);
        cpu.socket->b_transport(trans, delay);
        test::ReadResult r;
        r.status = trans.get_response_status();
        for (unsigned i = 0; i < width; ++i) {
            r.value |= static_cast<uint64_t>(data[i]) << (8 * i);
        }
        return r;
    }
    tlm::tlm_response_status write_at(uint64_t offset, uint32_t value, sc_time delay)
    {
        uint8_t data[4];
        for (unsigned i = 0; i < 4; ++i) {
            data[i] = static_cast<uint8_t>(value >> (8 * i));
        }
        tlm::tlm_generic_payload trans;
        trans.set_command(tlm::TLM_WRITE_COMMAND);
        trans.set_address(offset);
        trans.set_data_ptr(data);
        trans.set_data_length(4);
        trans.set_streaming_width(4);
        cpu.socket->b_transport(trans, delay);
        return trans.get_response_status();
    }
    // A 64-bit counter read as the firmware does: HI, LO, HI.
    uint64_t read_halves(uint64_t offset)
    {
        const uint64_t hi = cpu.read32(offset + SYSCTL_HI).value;
        const uint64_t lo = cpu.read32(offset + SYSCTL_LO).value;
        EXPECT_EQ(cpu.read32(offset + SYSCTL_HI).value, hi);
        return hi << 32 | lo;
    }
};

TEST(Sysctl, ResetValues)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.read32(SYSCTL_ID).value, SYSCTL_ID_VALUE);
        EXPECT_EQ(b.cpu.read32(SYSCTL_VERSION).value, SYSCTL_VERSION_VALUE);
        EXPECT_EQ(b.cpu.read32(SYSCTL_SCRATCH).value, 0u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_STATS).value, 0u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI).value, 0u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_COUNT).value, 0u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_UNMATCHED).value, 0u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_INVALID).value, 0u);
        for (unsigned i = 0; i < SYSCTL_NUM_ARGS; ++i) {
            EXPECT_EQ(b.cpu.read32(SYSCTL_ARG(i)).value, 0u) << "ARG" << i << " defaults to 0";
        }
        EXPECT_EQ(b.sysctl.errors(), 0u);
        EXPECT_TRUE(b.sysctl.roi_marks().empty());
    });
}

TEST(Sysctl, ScratchReadsBackAndResets)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(SYSCTL_SCRATCH, 0xcafef00d), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.read32(SYSCTL_SCRATCH).value, 0xcafef00du);
        b.sysctl.reset();
        EXPECT_EQ(b.cpu.read32(SYSCTL_SCRATCH).value, 0u);
    });
}

TEST(Sysctl, EveryAccessAddsTheLatency)
{
    SysctlParams p;
    p.access_latency_ns = 25;
    Bench b(p);
    test::run([&] {
        b.cpu.read32(SYSCTL_ID);
        EXPECT_EQ(b.cpu.last_delay(), sc_time(25, SC_NS));
        b.cpu.write32(SYSCTL_SCRATCH, 1);
        EXPECT_EQ(b.cpu.last_delay(), sc_time(25, SC_NS));
        b.cpu.read64(SYSCTL_CYCLES);
        EXPECT_EQ(b.cpu.last_delay(), sc_time(25, SC_NS));
    });
}

TEST(Sysctl, SimTimeIsKernelTimePlusAnnotatedDelayPlusLatency)
{
    Bench b;  // latency 10 ns
    test::run([&] {
        sc_core::wait(1000, SC_NS);
        EXPECT_EQ(b.read_at(SYSCTL_SIM_TIME_NS, 8, sc_time(37, SC_NS)).value, 1000u + 37u + 10u);
        EXPECT_EQ(b.read_at(SYSCTL_SIM_TIME_NS, 4, sc_time(5, SC_NS)).value, 1000u + 5u + 10u);
        EXPECT_EQ(b.read_at(SYSCTL_SIM_TIME_NS + SYSCTL_HI, 4, sc_time(5, SC_NS)).value, 0u);
        // 2^32 ns later the HI half moves.
        sc_core::wait(sc_time(static_cast<double>(1ull << 32), SC_NS));
        const uint64_t expected = (1ull << 32) + 1000u + 10u;
        EXPECT_EQ(b.cpu.read64(SYSCTL_SIM_TIME_NS).value, expected);
        EXPECT_EQ(b.read_halves(SYSCTL_SIM_TIME_NS), expected);
    });
}

TEST(Sysctl, CountersComeFromTheProbesAtTheAccessTime)
{
    Bench b;
    test::run([&] {
        sc_core::wait(500, SC_NS);
        const sc_time delay(130, SC_NS);
        const sc_time at = sc_core::sc_time_stamp() + delay + sc_time(10, SC_NS);
        b.fake.asked.clear();
        EXPECT_EQ(b.read_at(SYSCTL_CYCLES, 8, delay).value, FakeCpu::cycles_at(at));
        ASSERT_EQ(b.fake.asked.size(), 1u);
        EXPECT_EQ(b.fake.asked[0], at) << "the probe gets the access time, not the kernel time";
        EXPECT_EQ(b.read_at(SYSCTL_INSTRET, 8, delay).value, FakeCpu::instret_at(at));
        EXPECT_EQ(b.fake.asked.back(), at);
        // 32-bit halves
        EXPECT_EQ(b.read_at(SYSCTL_CYCLES, 4, delay).value, FakeCpu::cycles_at(at) & 0xFFFFFFFFu);
        EXPECT_EQ(b.read_at(SYSCTL_CYCLES + SYSCTL_HI, 4, delay).value, FakeCpu::cycles_at(at) >> 32);
        EXPECT_EQ(b.read_at(SYSCTL_INSTRET, 4, delay).value, FakeCpu::instret_at(at) & 0xFFFFFFFFu);
        EXPECT_EQ(b.read_at(SYSCTL_INSTRET + SYSCTL_HI, 4, delay).value, FakeCpu::instret_at(at) >> 32);
    });
}

TEST(Sysctl, SixtyFourBitReadsAndHalvesAgree)
{
    Bench b;
    test::run([&] {
        sc_core::wait(12345, SC_NS);
        for (uint64_t reg : {SYSCTL_CYCLES, SYSCTL_INSTRET, SYSCTL_SIM_TIME_NS}) {
            // Same kernel time, zero delay: every access happens at the same simulated time.
            const uint64_t whole = b.cpu.read64(reg).value;
            EXPECT_EQ(b.read_halves(reg), whole) << "register " << reg;
            EXPECT_NE(whole, 0u);
        }
        EXPECT_GT(b.cpu.read64(SYSCTL_CYCLES).value >> 32, 0u) << "the bench's counters use the HI half";
    });
}

TEST(Sysctl, EmptyProbesReadZero)
{
    Bench b(SysctlParams{}, SysctlProbes{});
    test::run([&] {
        sc_core::wait(100, SC_NS);
        EXPECT_EQ(b.cpu.read64(SYSCTL_CYCLES).value, 0u);
        EXPECT_EQ(b.cpu.read64(SYSCTL_INSTRET).value, 0u);
        EXPECT_EQ(b.cpu.read64(SYSCTL_SIM_TIME_NS).value, 110u) << "simulated time needs no probe";
        EXPECT_EQ(b.cpu.write32(SYSCTL_STATS, SYSCTL_STATS_PRINT), tlm::TLM_OK_RESPONSE) << "only logs";
        EXPECT_EQ(b.sysctl.stats_requests(), 1u);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 1), tlm::TLM_OK_RESPONSE);
        ASSERT_EQ(b.sysctl.roi_marks().size(), 1u);
        EXPECT_EQ(b.sysctl.roi_marks()[0].cycles, 0u);
    });
}

TEST(Sysctl, HostTimeAdvancesWithTheWallClock)
{
    Bench b;
    test::run([&] {
        const uint64_t first = b.cpu.read64(SYSCTL_HOST_TIME_NS).value;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const uint64_t second = b.read_halves(SYSCTL_HOST_TIME_NS);
        EXPECT_GE(second, first + 2'000'000u) << "at least the 2 ms slept, in ns";
        EXPECT_LT(second, 60'000'000'000u) << "since the start of this simulation, not of the host";
    });
}

TEST(Sysctl, RoiMarksAreRecordedInOrderWithTheirTimes)
{
    Bench b;
    test::run([&] {
        sc_core::wait(100, SC_NS);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 1), tlm::TLM_OK_RESPONSE);
        sc_core::wait(200, SC_NS);
        EXPECT_EQ(b.write_at(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 0xABCDEF, sc_time(40, SC_NS)), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.write_at(SYSCTL_ROI, SYSCTL_ROI_END | 0xABCDEF, sc_time(90, SC_NS)), tlm::TLM_OK_RESPONSE);
        sc_core::wait(1000, SC_NS);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 1), tlm::TLM_OK_RESPONSE);

        const auto& marks = b.sysctl.roi_marks();
        ASSERT_EQ(marks.size(), 4u);
        const struct {
            uint32_t id;
            RoiMark::Kind kind;
            sc_time time;
        } expected[] = {
            {1, RoiMark::Kind::begin, sc_time(110, SC_NS)},
            {0xABCDEF, RoiMark::Kind::begin, sc_time(350, SC_NS)},
            {0xABCDEF, RoiMark::Kind::end, sc_time(400, SC_NS)},
            {1, RoiMark::Kind::end, sc_time(1310, SC_NS)},
        };
        for (size_t i = 0; i < marks.size(); ++i) {
            EXPECT_EQ(marks[i].id, expected[i].id) << "mark " << i;
            EXPECT_EQ(marks[i].kind, expected[i].kind) << "mark " << i;
            EXPECT_EQ(marks[i].time, expected[i].time) << "mark " << i;
            EXPECT_EQ(marks[i].cycles, FakeCpu::cycles_at(expected[i].time)) << "mark " << i;
            EXPECT_EQ(marks[i].instret, FakeCpu::instret_at(expected[i].time)) << "mark " << i;
            EXPECT_FALSE(marks[i].unmatched) << "mark " << i;
        }
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_COUNT).value, 4u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI).value, SYSCTL_ROI_END | 1u) << "reads the last value written";
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_UNMATCHED).value, 0u);
    });
}

TEST(Sysctl, EndWithoutBeginIsCountedAndFlagged)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 5), tlm::TLM_OK_RESPONSE) << "not a bus error";
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 6), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 6), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 6), tlm::TLM_OK_RESPONSE) << "second end";
        const auto& marks = b.sysctl.roi_marks();
        ASSERT_EQ(marks.size(), 4u) << "unmatched ends are kept, flagged";
        EXPECT_TRUE(marks[0].unmatched);
        EXPECT_FALSE(marks[1].unmatched);
        EXPECT_FALSE(marks[2].unmatched);
        EXPECT_TRUE(marks[3].unmatched);
        EXPECT_EQ(b.sysctl.roi_unmatched(), 2u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_UNMATCHED).value, 2u);
        EXPECT_EQ(b.sysctl.errors(), 0u);
    });
}

TEST(Sysctl, NestedBeginsOfOneIdNeedAsManyEnds)
{
    Bench b;
    test::run([&] {
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 2);
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 2);
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 2);
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 2);
        EXPECT_EQ(b.sysctl.roi_unmatched(), 0u);
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 2);
        EXPECT_EQ(b.sysctl.roi_unmatched(), 1u);
    });
}

TEST(Sysctl, ResetClosesOpenRegionsButKeepsTheRecord)
{
    Bench b;
    test::run([&] {
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 3);
        b.sysctl.reset();
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI).value, 0u);
        b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_END | 3);
        EXPECT_EQ(b.sysctl.roi_unmatched(), 1u) << "the begin was lost with the reset";
        EXPECT_EQ(b.sysctl.roi_marks().size(), 2u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_COUNT).value, 2u);
    });
}

TEST(Sysctl, MalformedRoiWritesAreCountedAndRecordNothing)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, 7), tlm::TLM_OK_RESPONSE) << "neither flag";
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | SYSCTL_ROI_END | 7), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 0x01000000u | 7), tlm::TLM_OK_RESPONSE)
            << "reserved bit";
        EXPECT_TRUE(b.sysctl.roi_marks().empty());
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_INVALID).value, 3u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_COUNT).value, 0u);
    });
}

TEST(Sysctl, StatsWriteCallsTheProbe)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(SYSCTL_STATS, 0), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(SYSCTL_STATS, 2), tlm::TLM_OK_RESPONSE) << "bit 0 clear: nothing";
        EXPECT_EQ(b.fake.stats_calls, 0u);
        EXPECT_EQ(b.cpu.write32(SYSCTL_STATS, SYSCTL_STATS_PRINT), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.fake.stats_calls, 1u);
        EXPECT_EQ(b.sysctl.last_stats_time(), sc_time(10, SC_NS)) << "the access time";
        EXPECT_EQ(b.cpu.write32(SYSCTL_STATS, 0xFFFFFFFFu), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.fake.stats_calls, 2u);
        EXPECT_EQ(b.sysctl.stats_requests(), 2u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_STATS).value, 0u);
    });
}

TEST(Sysctl, ArgumentsComeFromTheParameters)
{
    Bench b(params_with_args());
    test::run([&] {
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARG(0)).value, 1234u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARG(3)).value, 7u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARG(7)).value, 0xdeadbeefu);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARG(1)).value, 0u);
    });
}

TEST(Sysctl, CommandLineIsInTheArgumentWindow)
{
    Bench b;
    b.sysctl.set_command_line({"fw.elf", "--images", "", "x"});
    test::run([&] {
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARGC).value, 4u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARGS_BYTES).value, 19u) << "7 + 9 + 1 + 2";
        std::string bytes;
        for (uint32_t off = 0; off < 20; off += 4) {
            const uint32_t word = b.cpu.read32(SYSCTL_ARGS_WINDOW + off).value;
            for (unsigned i = 0; i < 4; ++i) {
                bytes += static_cast<char>((word >> (8 * i)) & 0xFF);
            }
        }
        EXPECT_EQ(bytes, std::string("fw.elf\0--images\0\0x\0\0", 20));
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARGS_WINDOW + SYSCTL_ARGS_MAX_BYTES - 4).value, 0u) << "zero after the arguments";
        EXPECT_EQ(b.cpu.write32(SYSCTL_ARGS_WINDOW, 1), tlm::TLM_COMMAND_ERROR_RESPONSE) << "read-only";
        EXPECT_EQ(b.cpu.write32(SYSCTL_ARGC, 1), tlm::TLM_COMMAND_ERROR_RESPONSE) << "read-only";
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARGC).value, 4u);
    });
}

TEST(Sysctl, CommandLineLongerThanTheWindowIsRefused)
{
    Bench b;
    const std::vector<std::string> fits{"fw.elf", std::string(SYSCTL_ARGS_MAX_BYTES - 8, 'a')};
    EXPECT_EQ(Sysctl::command_line_problem(fits), "");
    const std::vector<std::string> too_long{"fw.elf", std::string(SYSCTL_ARGS_MAX_BYTES - 7, 'a')};
    EXPECT_EQ(Sysctl::command_line_problem(too_long),
              "firmware command line too long: 2049 bytes (the ELF path, each argument and a NUL after each), the "
              "limit is 2048");
    EXPECT_THROW(b.sysctl.set_command_line(too_long), std::invalid_argument);
}

TEST(Sysctl, RegionNamesAreWrittenFourCharactersAtATime)
{
    std::vector<std::pair<uint32_t, std::string>> named;
    FakeCpu fake;
    SysctlProbes probes = fake.probes();
    probes.roi_name = [&](uint32_t id, const std::string& name) { named.emplace_back(id, name); };
    Bench b(SysctlParams{}, probes);
    test::run([&] {
        // "conv1": "conv" then "1\0\0\0"
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI_NAME_CHARS, 0x766E6F63u), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI_NAME_CHARS, 0x31u), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI_NAME_ID, 0x100u), tlm::TLM_OK_RESPONSE);
        // An empty name, a space, and a name of 32 characters are refused.
        EXPECT_EQ(b.cpu.write32(SYSCTL_ROI_NAME_ID, 2u), tlm::TLM_OK_RESPONSE);
        b.cpu.write32(SYSCTL_ROI_NAME_CHARS, 0x20u);
        b.cpu.write32(SYSCTL_ROI_NAME_ID, 3u);
        for (int i = 0; i < 8; ++i) {
            b.cpu.write32(SYSCTL_ROI_NAME_CHARS, 0x61616161u);
        }
        b.cpu.write32(SYSCTL_ROI_NAME_ID, 4u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_INVALID).value, 3u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_NAME_CHARS).value, 0u);
    });
    ASSERT_EQ(named.size(), 1u);
    EXPECT_EQ(named[0].first, 0x100u);
    EXPECT_EQ(named[0].second, "conv1");
    EXPECT_EQ(b.sysctl.roi_names().at(0x100), "conv1");
}

TEST(Sysctl, ArgumentsBindAsArg0ToArg7)
{
    ParamRegistry registry;
    SysctlParams p;
    p.bind(registry.root().scope("sysctl"));
    registry.set("sysctl.arg0", "100");
    registry.set("sysctl.arg7", "0xdeadbeef");
    registry.set("sysctl.access_latency_ns", "20");
    EXPECT_EQ(p.args[0], 100u);
    EXPECT_EQ(p.args[7], 0xdeadbeefu);
    EXPECT_EQ(p.access_latency_ns, 20u);
    for (unsigned i = 0; i < SYSCTL_NUM_ARGS; ++i) {
        EXPECT_TRUE(registry.contains("sysctl.arg" + std::to_string(i)));
    }
    EXPECT_FALSE(registry.contains("sysctl.arg8"));
    EXPECT_THROW(registry.set("sysctl.arg1", "0x100000000"), ConfigError) << "32-bit words";
}

TEST(Sysctl, WritesToReadOnlyRegistersAreCommandErrors)
{
    Bench b(params_with_args());
    test::run([&] {
        std::vector<uint64_t> read_only = {SYSCTL_ID, SYSCTL_VERSION, SYSCTL_ROI_COUNT, SYSCTL_ROI_UNMATCHED,
                                           SYSCTL_ROI_INVALID};
        for (uint64_t reg : {SYSCTL_CYCLES, SYSCTL_INSTRET, SYSCTL_SIM_TIME_NS, SYSCTL_HOST_TIME_NS}) {
            read_only.push_back(reg + SYSCTL_LO);
            read_only.push_back(reg + SYSCTL_HI);
        }
        for (unsigned i = 0; i < SYSCTL_NUM_ARGS; ++i) {
            read_only.push_back(SYSCTL_ARG(i));
        }
        for (uint64_t reg : read_only) {
            EXPECT_EQ(b.cpu.write32(reg, 0x1), tlm::TLM_COMMAND_ERROR_RESPONSE) << "offset " << reg;
        }
        EXPECT_EQ(b.cpu.write64(SYSCTL_CYCLES, 0x1), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.sysctl.errors(), read_only.size() + 1);
        // Nothing changed.
        EXPECT_EQ(b.cpu.read32(SYSCTL_ID).value, SYSCTL_ID_VALUE);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ARG(0)).value, 1234u);
        EXPECT_EQ(b.cpu.read32(SYSCTL_ROI_COUNT).value, 0u);
    });
}

TEST(Sysctl, BadOffsetsAreAddressErrors)
{
    Bench b;
    test::run([&] {
        for (uint64_t offset : {uint64_t{SYSCTL_REGS_END}, uint64_t{0x100}, uint64_t{SYSCTL_ARGS_WINDOW - 4}}) {
            EXPECT_EQ(b.cpu.read32(offset).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "offset " << offset;
            EXPECT_EQ(b.cpu.write32(offset, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "offset " << offset;
        }
        EXPECT_EQ(b.cpu.read32(0x1000).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "past the block";
        EXPECT_EQ(b.cpu.read32(SYSCTL_SCRATCH + 2).status, tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
        EXPECT_EQ(b.cpu.read64(SYSCTL_CYCLES + SYSCTL_HI).status, tlm::TLM_ADDRESS_ERROR_RESPONSE)
            << "64-bit read of a HI half is misaligned";
    });
}

TEST(Sysctl, BadWidthsAreBurstErrors)
{
    Bench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.read8(SYSCTL_ID).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read16(SYSCTL_ID).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write8(SYSCTL_SCRATCH, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read64(SYSCTL_ID).status, tlm::TLM_BURST_ERROR_RESPONSE) << "32-bit registers";
        EXPECT_EQ(b.cpu.write64(SYSCTL_SCRATCH, 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read64(SYSCTL_ARG0).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write64(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 1), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_TRUE(b.sysctl.roi_marks().empty());
        EXPECT_EQ(b.cpu.read32(SYSCTL_SCRATCH).value, 0u);
    });
}

TEST(Sysctl, DebugAccessesHaveNoSideEffects)
{
    Bench b;
    test::run([&] {
        sc_core::wait(70, SC_NS);
        uint32_t word = SYSCTL_ROI_BEGIN | 1;
        EXPECT_EQ(b.cpu.debug_write(SYSCTL_ROI, reinterpret_cast<const uint8_t*>(&word), 4), 0u);
        word = SYSCTL_STATS_PRINT;
        EXPECT_EQ(b.cpu.debug_write(SYSCTL_STATS, reinterpret_cast<const uint8_t*>(&word), 4), 0u);
        EXPECT_TRUE(b.sysctl.roi_marks().empty());
        EXPECT_EQ(b.fake.stats_calls, 0u);
        uint64_t value = 0;
        EXPECT_EQ(b.cpu.debug_read(SYSCTL_SIM_TIME_NS, reinterpret_cast<uint8_t*>(&value), 8), 8u);
        EXPECT_EQ(value, 70u) << "debug reads see the kernel time, no latency";
        EXPECT_EQ(b.sysctl.accesses(), 0u);
    });
}

}  // namespace
}  // namespace pimsoc
