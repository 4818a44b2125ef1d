// The energy/stats ledger on the SoC, with tiny hand-counted programs: instruction classes,
// memory accesses (the same with and without DMI), bus traffic, energy = counts x parameters,
// leakage over time spent asleep, regions of interest. Each test runs in its own process.
#include <gtest/gtest.h>

#include "elf_builder.h"
#include "memory_map.h"
#include "mram/model/area.h"
#include "reram/model/area.h"
#include "rtm/model/area.h"
#include "run_control.h"
#include "rv_asm.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

using namespace rvasm;
enum Reg : uint32_t { zero, t0 = 5, t1 = 6, t2 = 7, t3 = 28, t4 = 29, t5 = 30 };

std::string write_program(const std::string& name, const std::vector<uint32_t>& words)
{
    test::ElfSpec spec;
    spec.segments.push_back(
        {PIMSOC_MAIN_MEM_BASE, test::words_to_bytes(words), static_cast<uint32_t>(words.size() * 4)});
    return test::write_temp_elf(name, spec);
}

// Exit with code 0 through the test finisher: 4 instructions (3 alu, 1 store to a device).
void append_pass_exit(std::vector<uint32_t>& p)
{
    p.push_back(lui(t4, PIMSOC_FINISHER_BASE >> 12));
    p.push_back(lui(t5, 0x5));
    p.push_back(addi(t5, t5, 0x555));
    p.push_back(sw(t5, t4, 0));
}

const ComponentLine& component(const ScopeReport& scope, const std::string& name)
{
    for (const auto& c : scope.components) {
        if (c.name == name) {
            return c;
        }
    }
    throw std::runtime_error("no component " + name);
}

uint64_t events(const ComponentLine& c, const std::string& name)
{
    for (const auto& e : c.events) {
        if (e.name == name) {
            return e.count;
        }
    }
    throw std::runtime_error("no event " + name);
}

// 9 instructions, all 32-bit: 18 halfword fetches from main memory; one SRAM store and load.
std::vector<uint32_t> sram_program()
{
    std::vector<uint32_t> p = {
        lui(t0, PIMSOC_SRAM_BASE >> 12),  // alu
        addi(t1, zero, 5),                // alu
        sw(t1, t0, 0),                    // store: SRAM write
        lw(t2, t0, 0),                    // load: SRAM read
        mul(t3, t1, t1),                  // mul
    };
    append_pass_exit(p);
    return p;
}

void expect_sram_program_counts(const SocParams& params)
{
    const RunOutcome outcome = run_firmware(params, {write_program("stats_sram.elf", sram_program()), {}});
    ASSERT_EQ(outcome.kind, ExitKind::firmware);
    ASSERT_EQ(outcome.code, 0);
    const ScopeReport& run = outcome.stats.run;

    const ComponentLine& cpu = component(run, "cpu");
    EXPECT_EQ(cpu.operations, 9u);
    EXPECT_EQ(events(cpu, "alu"), 5u);
    EXPECT_EQ(events(cpu, "store"), 2u);
    EXPECT_EQ(events(cpu, "load"), 1u);
    EXPECT_EQ(events(cpu, "mul"), 1u);
    EXPECT_EQ(cpu.busy_ps, outcome.cycles * 10'000u) << "active cycles at 100 MHz";

    const ComponentLine& main = component(run, "main_memory");
    EXPECT_EQ(events(main, "read_access"), 18u) << "two halfword fetches per instruction";
    EXPECT_EQ(events(main, "read_byte"), 36u);
    EXPECT_EQ(events(main, "write_access"), 0u);
    EXPECT_EQ(main.busy_ps, 18u * params.main_memory.read_latency_ns * 1000u);

    const ComponentLine& sram = component(run, "sram");
    EXPECT_EQ(events(sram, "read_access"), 1u);
    EXPECT_EQ(events(sram, "write_access"), 1u);
    EXPECT_EQ(events(sram, "read_byte"), 4u);
    EXPECT_EQ(events(sram, "write_byte"), 4u);

    const ComponentLine& bus = component(run, "bus");
    EXPECT_EQ(events(bus, "transaction"), 21u) << "18 fetches, 2 SRAM accesses, 1 finisher write";
    EXPECT_EQ(events(bus, "byte"), 48u);

    // Energy by hand from the parameters.
    const CpuEnergyParams& e = params.cpu.energy;
    const double cpu_pj = 5 * e.alu_pj + 2 * e.store_pj + e.load_pj + e.mul_pj;
    EXPECT_DOUBLE_EQ(cpu.dynamic_pj, cpu_pj);
    const double main_pj = 18 * params.main_memory.read_energy_pj_per_access;
    EXPECT_DOUBLE_EQ(main.dynamic_pj, main_pj);
    const double sram_pj = params.sram.read_energy_pj_per_access + params.sram.write_energy_pj_per_access;
    EXPECT_DOUBLE_EQ(sram.dynamic_pj, sram_pj);
    const double bus_pj = 21 * params.bus.energy_pj_per_transaction + 48 * params.bus.energy_pj_per_byte;
    EXPECT_DOUBLE_EQ(bus.dynamic_pj, bus_pj);
    EXPECT_NEAR(run.dynamic_pj, cpu_pj + main_pj + sram_pj + bus_pj, 1e-9);

    // The PIM devices are never touched: their power domains stay off (power_gating = unused).
    const double leakage_uw = e.leakage_uw + params.bus.leakage_uw + params.main_memory.leakage_power_uw +
                              params.sram.leakage_power_uw + params.rom.leakage_power_uw +
                              params.dma.leakage_uw;
    const double elapsed_ps = outcome.simulated_seconds * 1e12;
    EXPECT_EQ(run.elapsed_ps, static_cast<uint64_t>(elapsed_ps + 0.5));
    EXPECT_NEAR(run.leakage_pj, leakage_uw * elapsed_ps * 1e-6, 1e-6);
    EXPECT_NEAR(run.total_pj, run.dynamic_pj + run.leakage_pj, 1e-9);
    const double area = e.area_um2 + params.bus.area_um2 + params.dma.area_um2 +
                        rtm::total_area(params.rtm.to_model()).total_um2() +
                        mram::total_area(params.mram.to_model()).total_um2() +
                        reram::total_area(params.reram.to_model()).total_um2() +
                        8.0 * (params.main_memory.size_bytes * params.main_memory.area_um2_per_bit +
                               params.sram.size_bytes * params.sram.area_um2_per_bit +
                               params.rom.size_bytes * params.rom.area_um2_per_bit);
    EXPECT_DOUBLE_EQ(run.area_um2, area);
}

TEST(Stats, HandCountedProgramWithDmi)
{
    SocParams params;
    ASSERT_TRUE(params.cpu.dmi);
    expect_sram_program_counts(params);
}

TEST(Stats, HandCountedProgramWithoutDmiGivesTheSameCounts)
{
    SocParams params;
    params.cpu.dmi = false;
    expect_sram_program_counts(params);
}

TEST(Stats, EnergyFollowsTheParameters)
{
    SocParams params;
    params.cpu.energy.alu_pj = 1000.0;
    params.sram.write_energy_pj_per_byte = 7.0;
    const RunOutcome outcome = run_firmware(params, {write_program("stats_params.elf", sram_program()), {}});
    const ComponentLine& cpu = component(outcome.stats.run, "cpu");
    EXPECT_DOUBLE_EQ(cpu.events[0].energy_pj, 5 * 1000.0);
    EXPECT_DOUBLE_EQ(component(outcome.stats.run, "sram").events[3].energy_pj, 4 * 7.0);
}

TEST(Stats, LeakageCountsTheTimeAsleep)
{
    // Arms mtimecmp 1000 ticks (100 us at 10 MHz) ahead, enables MTIE and sleeps in wfi.
    std::vector<uint32_t> p = {
        lui(t0, (PIMSOC_CLINT_BASE + 0x4000) >> 12),  // mtimecmp
        addi(t1, zero, 1000),
        sw(zero, t0, 4),
        sw(t1, t0, 0),
        addi(t2, zero, 0x80),
        csrrs(zero, 0x304, t2),  // mie.MTIE
        wfi(),
    };
    append_pass_exit(p);
    SocParams params;
    const RunOutcome outcome = run_firmware(params, {write_program("stats_sleep.elf", p), {}});
    ASSERT_EQ(outcome.kind, ExitKind::firmware);
    const ScopeReport& run = outcome.stats.run;
    EXPECT_GE(run.elapsed_ps, 100'000'000u);
    const ComponentLine& cpu = component(run, "cpu");
    EXPECT_LT(cpu.utilisation, 0.01) << "asleep almost all the time";
    EXPECT_EQ(cpu.busy_ps, outcome.cycles * 10'000u);
    EXPECT_NEAR(cpu.leakage_pj, params.cpu.energy.leakage_uw * static_cast<double>(run.elapsed_ps) * 1e-6,
                1e-6)
        << "the core leaks while asleep";
    EXPECT_GT(cpu.leakage_pj, 10 * cpu.dynamic_pj) << "100 us of leakage against a dozen instructions";
    EXPECT_EQ(events(cpu, "system"), 1u) << "the wfi";
}

TEST(Stats, RegionOfInterestGivesPerInferenceFigures)
{
    const uint32_t roi = PIMSOC_SYSCTL_BASE + 0x10;
    std::vector<uint32_t> p = {
        lui(t0, roi >> 12),
        lui(t1, 0x80000),  // BEGIN
        addi(t1, t1, 1),   // | id 1
        lui(t2, 0x40000),  // END
        addi(t2, t2, 1),   // | id 1
        addi(t3, zero, 2),
        // loop: BEGIN, 2 alu, END
        sw(t1, t0, 0x10),
        addi(t4, t4, 1),
        addi(t4, t4, 1),
        sw(t2, t0, 0x10),
        addi(t3, t3, -1),
        bne(t3, zero, -20),
    };
    append_pass_exit(p);
    SocParams params;
    const RunOutcome outcome = run_firmware(params, {write_program("stats_roi.elf", p), {}});
    ASSERT_EQ(outcome.kind, ExitKind::firmware);
    const LedgerReport& r = outcome.stats;
    ASSERT_EQ(r.regions.size(), 1u);
    EXPECT_EQ(r.regions[0].id, 1u);
    EXPECT_EQ(r.regions[0].occurrences, 2u);
    const ComponentLine& cpu = component(r.regions[0].scope, "cpu");
    EXPECT_EQ(cpu.operations, 6u) << "per occurrence: the BEGIN store (retires after the mark) and 2 alu";
    EXPECT_EQ(events(cpu, "store"), 2u);
    EXPECT_EQ(events(cpu, "alu"), 4u);
    EXPECT_EQ(r.inferences, 2u);
    EXPECT_DOUBLE_EQ(r.energy_per_inference_pj, r.regions[0].scope.total_pj / 2);
    EXPECT_DOUBLE_EQ(r.latency_per_inference_ps, static_cast<double>(r.regions[0].scope.elapsed_ps) / 2);
    EXPECT_GT(r.latency_per_inference_ps, 0.0);
    EXPECT_LT(r.regions[0].scope.total_pj, r.run.total_pj);
}

}  // namespace
}  // namespace pimsoc
