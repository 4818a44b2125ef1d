// The device table (platform/device_table.h): its rows are consistent, the SoC maps each row at its
// base, and `soc.<device>.enabled=false` leaves an optional device out (its registers answer with
// an address error, it has no ledger component).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "common/params.h"
#include "device_table.h"
#include "elf_builder.h"
#include "rv_asm.h"
#include "run_control.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

using namespace rvasm;

// Reads the word at `address`; exit 0 if the read completes, exit 7 from the trap handler if it
// faults (an unmapped address).
test::ElfSpec probe_spec(uint32_t address)
{
    constexpr u32 t0 = 5, t1 = 6, t2 = 7, t3 = 28;
    const std::vector<u32> program = {
        auipc(t3, 0), addi(t3, t3, 40), csrrw(0, 0x305, t3),             // mtvec = the handler below
        lui(t0, address >> 12), lw(t1, t0, static_cast<int32_t>(address & 0xFFF)),  // the probe
        lui(t2, 0x100), lui(t3, 0x5), addi(t3, t3, 0x555), sw(t3, t2, 0), jal(0, 0),  // finisher: pass
        lui(t2, 0x100), lui(t3, 0x73), addi(t3, t3, 0x333), sw(t3, t2, 0), jal(0, 0),  // exit 7
    };
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes(program), 64});
    return spec;
}

bool has_component(const RunOutcome& outcome, const std::string& name)
{
    const auto& components = outcome.stats.run.components;
    return std::any_of(components.begin(), components.end(), [&](const auto& c) { return c.name == name; });
}

TEST(DeviceTable, RowsDoNotOverlapAndNameTheirGroups)
{
    std::set<std::string> names;
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (const DeviceRow& row : device_table()) {
        EXPECT_TRUE(names.insert(row.name).second) << row.name;
        ranges.emplace_back(row.base, row.base + row.size);
        if (row.data_base != 0) {
            ranges.emplace_back(row.data_base, row.data_base + row.data_max);
        }
        EXPECT_EQ(find_device(row.name), &row);
    }
    std::sort(ranges.begin(), ranges.end());
    for (size_t i = 1; i < ranges.size(); ++i) {
        EXPECT_LE(ranges[i - 1].second, ranges[i].first) << "overlap at " << std::hex << ranges[i].first;
    }
    EXPECT_EQ(soc_trace_groups(),
              (std::vector<std::string>{"cpu", "bus", "irq", "uart", "dma", "power", "rtm", "mram", "reram", "energy", "roi"}));
}

TEST(DeviceTable, OptionalDevicesHaveAnEnabledKey)
{
    ParamRegistry registry;
    SocParams params;
    params.bind(registry.root());
    for (const DeviceRow& row : device_table()) {
        EXPECT_EQ(registry.contains(std::string("soc.") + row.name + ".enabled"), row.optional) << row.name;
    }
}

TEST(DeviceTable, TheRtmIsMappedByDefault)
{
    SocParams params;
    const auto outcome = run_firmware(params, {test::write_temp_elf("rtm_on.elf", probe_spec(0x20000000)), {}});
    EXPECT_EQ(outcome.kind, ExitKind::firmware);
    EXPECT_EQ(outcome.code, 0);
    EXPECT_TRUE(has_component(outcome, "rtm"));
}

// One run per process (SystemC elaborates once): `address` probed with soc.<device>.enabled=false.
RunOutcome probe_left_out(const std::string& device, uint32_t address)
{
    ParamRegistry registry;
    SocParams params;
    params.bind(registry.root());
    registry.set("soc." + device + ".enabled", "false");
    return run_firmware(params, {test::write_temp_elf(device + "_off.elf", probe_spec(address)), {}});
}

TEST(DeviceTable, ALeftOutRtmAnswersWithAnAddressError)
{
    const RunOutcome outcome = probe_left_out("rtm", 0x20000000);
    EXPECT_EQ(outcome.code, 7) << "the register block faults";
    EXPECT_FALSE(has_component(outcome, "rtm"));
}

TEST(DeviceTable, ALeftOutRtmsDataWindowAnswersWithAnAddressError)
{
    EXPECT_EQ(probe_left_out("rtm", 0x21000000).code, 7);
}

TEST(DeviceTable, TheMramIsMappedByDefault)
{
    SocParams params;
    const auto outcome = run_firmware(params, {test::write_temp_elf("mram_on.elf", probe_spec(0x30000000)), {}});
    EXPECT_EQ(outcome.kind, ExitKind::firmware);
    EXPECT_EQ(outcome.code, 0);
    EXPECT_TRUE(has_component(outcome, "mram"));
}

TEST(DeviceTable, ALeftOutMramAnswersWithAnAddressError)
{
    const RunOutcome outcome = probe_left_out("mram", 0x30000000);
    EXPECT_EQ(outcome.code, 7) << "the register block faults";
    EXPECT_FALSE(has_component(outcome, "mram"));
}

TEST(DeviceTable, ALeftOutMramsOperandWindowAnswersWithAnAddressError)
{
    EXPECT_EQ(probe_left_out("mram", 0x31000000).code, 7);
}

TEST(DeviceTable, ALeftOutDmaAnswersWithAnAddressError)
{
    const RunOutcome outcome = probe_left_out("dma", 0x10001000);
    EXPECT_EQ(outcome.code, 7);
    EXPECT_FALSE(has_component(outcome, "dma"));
}

}  // namespace
}  // namespace pimsoc
