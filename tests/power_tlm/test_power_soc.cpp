// What a power failure does to the SoC (docs/power.md), one kind of state per test: a small
// program counts its boots in non-volatile main memory and records, at each boot, the boot
// cause, the SRAM word it finds and a register it set before the failure. Each test runs in its
// own process (SystemC elaborates once).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "elf_builder.h"
#include "rv_asm.h"
#include "soc.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

using sc_core::SC_US;
using sc_core::sc_time;

constexpr uint64_t record = 0x10000;  // main memory offset of the program's boot record
constexpr uint32_t t0 = 5, t1 = 6, t2 = 7, t3 = 28, t4 = 29, t6 = 31, a0 = 10, a1 = 11;

// Boot n (1, 2, ...) stores n at record, the boot cause at record + 4n, SRAM word 0 as found at
// record + 0x40 + 4n and x31 as found at record + 0x80 + 4n; then it writes n to SRAM word 0 and
// 0xdead0000 to x31 and spins until the power fails.
test::ElfSpec boot_recorder()
{
    using namespace rvasm;
    const std::vector<uint32_t> code = {
        lui(t0, 0x80010), lw(t1, t0, 0), addi(t1, t1, 1), sw(t1, t0, 0),
        lui(t2, 0x10002), lw(t3, t2, 0x18),  // POWER_BOOT_CAUSE
        slli(t4, t1, 2), add(t4, t4, t0), sw(t3, t4, 0),
        lui(a0, 0x90000), lw(a1, a0, 0), sw(a1, t4, 0x40), sw(t1, a0, 0),
        sw(t6, t4, 0x80), lui(t6, 0xdead0),
        jal(0, 0),
    };
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

// Periodic failures: boots at 0, 25 us and 50 us (20 us on, 5 us off).
SocParams periodic_params(uint64_t seed = 1)
{
    SocParams p;
    p.sim.seed = seed;
    p.power.mode = "periodic";
    p.power.period = "20us";
    p.power.off_time = "5us";
    return p;
}

struct PoweredRun {
    SimulationExit exit;
    std::unique_ptr<Soc> soc;

    explicit PoweredRun(const SocParams& params)
    {
        soc = std::make_unique<Soc>("soc", params, exit);
        soc->load_firmware(ElfImage::read(test::write_temp_elf("boot_recorder.elf", boot_recorder())));
    }
    uint32_t main_word(uint64_t offset) const
    {
        uint32_t v = 0;
        std::memcpy(&v, soc->main_memory.data() + offset, 4);
        return v;
    }
};

// Word 0 of a volatile memory after its k-th power failure (k = 1, 2): the k-th fill of its stream.
uint32_t pattern_word(uint64_t seed, const std::string& stream, uint64_t memory_bytes, unsigned k)
{
    RandomStream s = RandomStreams(seed).stream(stream);
    for (uint64_t i = 0; i < (k - 1) * (memory_bytes / 8); ++i) {
        s.next_u64();
    }
    return static_cast<uint32_t>(s.next_u64());
}

TEST(PowerSoc, MainMemoryKeepsTheBootCountAndTheBootCauseSaysWhy)
{
    PoweredRun r(periodic_params());
    sc_core::sc_start(sc_time(60, SC_US));
    EXPECT_EQ(r.main_word(record), 3u) << "non-volatile main memory keeps the count across two failures";
    EXPECT_EQ(r.main_word(record + 4), 0u);   // POWER_BOOT_COLD
    EXPECT_EQ(r.main_word(record + 8), 1u);   // POWER_BOOT_POWER_FAILURE
    EXPECT_EQ(r.main_word(record + 12), 1u);
    EXPECT_EQ(r.soc->cpu.reboots(), 2u);
    const PowerSummary s = r.soc->power.summary();
    EXPECT_EQ(s.failures, 2u);
    EXPECT_EQ(s.time_off_ps, 10'000'000u);
    EXPECT_GT(s.lost_energy_pj, 0.0);
    const LedgerReport report = r.soc->stats_report(sc_core::sc_time_stamp());
    ASSERT_TRUE(report.power);
    EXPECT_EQ(report.power->failures, 2u);
}

TEST(PowerSoc, SramHoldsTheSeededPatternAfterAFailureNotZerosNorOldData)
{
    PoweredRun r(periodic_params(1));
    sc_core::sc_start(sc_time(60, SC_US));
    const uint64_t sram = r.soc->sram.size();
    EXPECT_EQ(r.main_word(record + 0x44), 0u) << "cold boot: SRAM starts as zeros";
    const uint32_t after1 = r.main_word(record + 0x48);
    const uint32_t after2 = r.main_word(record + 0x4C);
    EXPECT_NE(after1, 1u) << "boot 1 wrote 1 to SRAM: lost";
    EXPECT_EQ(after1, pattern_word(1, "soc.sram.power_loss", sram, 1));
    EXPECT_EQ(after2, pattern_word(1, "soc.sram.power_loss", sram, 2));
    EXPECT_NE(after1, pattern_word(2, "soc.sram.power_loss", sram, 1)) << "another seed, another pattern";
}

TEST(PowerSoc, CpuRegistersAreLostAndTheCoreRestartsAtTheResetVector)
{
    PoweredRun r(periodic_params());
    sc_core::sc_start(sc_time(19, SC_US));
    EXPECT_EQ(r.soc->cpu.core().reg(t6), 0xdead0000u);
    EXPECT_EQ(r.soc->cpu.core().pc(), 0x8000003Cu);  // spinning
    sc_core::sc_start(sc_time(41, SC_US));           // to 60 us: two failures
    EXPECT_EQ(r.main_word(record + 0x88), 0u) << "x31 was 0xdead0000 before the failure";
    EXPECT_EQ(r.main_word(record + 0x8C), 0u);
    EXPECT_EQ(r.main_word(record), 3u) << "each boot ran the program from the reset vector";
}

TEST(PowerSoc, VolatileMainMemoryLosesTheProgram)
{
    SocParams p = periodic_params();
    p.main_memory.non_volatile = false;
    p.run.max_time_ns = 0;
    PoweredRun r(p);
    sc_core::sc_start(sc_time(22, SC_US));  // off since 20 us
    EXPECT_EQ(r.main_word(0), pattern_word(1, "soc.main_memory.power_loss", r.soc->main_memory.size(), 1));
}

TEST(PowerSoc, AcceleratorArraysAreKept)
{
    PoweredRun r(periodic_params());
    const uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    ASSERT_TRUE(r.soc->mram.array().load(0, bytes, sizeof bytes));
    ASSERT_TRUE(r.soc->rtm.array().load(0, bytes, sizeof bytes));
    sc_core::sc_start(sc_time(30, SC_US));
    ASSERT_EQ(r.soc->power.summary().failures, 1u);
    uint8_t back[8] = {};
    ASSERT_TRUE(r.soc->mram.array().dump(0, back, sizeof back));
    EXPECT_EQ(std::memcmp(back, bytes, sizeof back), 0);
    ASSERT_TRUE(r.soc->rtm.array().dump(0, back, sizeof back));
    EXPECT_EQ(std::memcmp(back, bytes, sizeof back), 0);
}

TEST(PowerSoc, TheRandomModeIsDeterministicBySeed)
{
    SocParams p;
    p.sim.seed = 42;
    p.power.mode = "random";
    p.power.mtbf = "10us";
    p.power.off_time = "1us";
    PoweredRun r(p);
    sc_core::sc_start(sc_time(200, SC_US));
    // The failure times are the soc.power stream's exponential draws, one per boot.
    power::ScheduleConfig c;
    c.mode = power::SupplyMode::random;
    c.mtbf_ns = 10000;
    c.off_time_ns = 1000;
    power::FailureSchedule expected(c, RandomStreams(42).stream("soc.power"));
    uint64_t boot = 0;
    uint64_t failures = 0;
    for (;;) {
        const uint64_t fail = *expected.next_failure(boot);
        if (fail >= 200000) {
            break;
        }
        // The failure takes effect at the first instruction boundary at or after its time.
        ++failures;
        boot = fail + 1000;
        if (boot >= 200000) {
            break;
        }
    }
    EXPECT_EQ(r.soc->power.summary().failures, failures);
    EXPECT_EQ(r.main_word(record), failures + 1);
}

// Boot 1 reads the ID of the RTM, the MRAM and the ReRAM; every boot counts itself at `record`
// and spins until the power fails.
test::ElfSpec touch_on_first_boot()
{
    using namespace rvasm;
    const std::vector<uint32_t> code = {
        lui(t0, 0x80010), lw(t1, t0, 0), addi(t1, t1, 1), sw(t1, t0, 0),
        addi(t2, 0, 1), bne(t1, t2, 28),
        lui(a0, 0x20000), lw(a1, a0, 0),  // RTM ID
        lui(a0, 0x30000), lw(a1, a0, 0),  // MRAM ID
        lui(a0, 0x40000), lw(a1, a0, 0),  // ReRAM ID
        jal(0, 0),
    };
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

TEST(PowerSoc, APowerFailureGatesTheAcceleratorsUntilTheirNextAccess)
{
    SimulationExit exit;
    Soc soc("soc", periodic_params(), exit);
    soc.load_firmware(ElfImage::read(test::write_temp_elf("touch_on_first_boot.elf", touch_on_first_boot())));
    sc_core::sc_start(sc_time(60, SC_US));  // on 0..20, 25..45, 50..60 us; touched in the first boot only
    uint32_t boots = 0;
    std::memcpy(&boots, soc.main_memory.data() + record, 4);
    ASSERT_EQ(boots, 3u);
    const LedgerReport report = soc.stats_report(sc_core::sc_time_stamp());
    for (size_t c = 0; c < soc.ledger.components().size(); ++c) {
        const std::string& name = soc.ledger.components()[c].name;
        if (name != "rtm" && name != "mram" && name != "reram") {
            continue;
        }
        const double uw = soc.ledger.components()[c].leakage_uw;  // uW x us = pJ
        const double leaked = report.run.components[c].leakage_pj;
        EXPECT_LE(leaked, uw * 20.0) << name << ": leaks only in the first boot, from its access";
        EXPECT_GT(leaked, uw * 19.0) << name;
    }
}

}  // namespace
}  // namespace pimsoc
