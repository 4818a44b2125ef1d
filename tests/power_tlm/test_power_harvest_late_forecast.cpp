// A brown-out foreseen only after a command running across it was accepted (docs/power.md, "The
// harvest mode's brown-out"): a long RTM command on bank 0 whose own energy leaves the capacitor
// above v_brownout until its end, then a second one on bank 1 whose energy, spent alongside,
// brings the brown-out inside the first. The second's acceptance foresees it (and cuts the second
// there); the first, accepted before, is cut at the failure (Rtm::cut_at_power_failure): none of
// its result written, its work counted only to the failure.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "elf_builder.h"
#include "harvest_soc_bench.h"
#include "rtm/rtm_regs.h"
#include "rv_asm.h"
#include "soc.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

constexpr uint32_t bank_bytes = 0x10000;  // the default RTM's bank
constexpr uint32_t dst = 0x8000;          // bank offset of each command's int32 result
constexpr int32_t init = 7;               // the result a completed DOT of zeros writes
constexpr uint32_t length = 4096;         // bytes per operand: a long command
constexpr double capacitance_uf = 0.6;    // 756 nJ between 2.4 V and 1.8 V

// A DOT of `length` zero bytes (u8 x u8, B `length` bytes after A) with INIT = 7 into `dst` of
// `bank` (a0 = the RTM's registers).
std::vector<uint32_t> rtm_dot(uint32_t bank)
{
    using namespace rvasm;
    constexpr uint32_t t2 = 7, a0 = 10;
    const uint32_t base = bank * bank_bytes;
    return {
        addi(t2, 0, static_cast<int32_t>(RTM_OP_VALUE(RTM_OP_DOT, RTM_TYPE_U8, RTM_TYPE_U8))), sw(t2, a0, RTM_OP),
        lui(t2, base >> 12), sw(t2, a0, RTM_SRC_A),
        lui(t2, (base + length) >> 12), sw(t2, a0, RTM_SRC_B),
        lui(t2, (base + dst) >> 12), sw(t2, a0, RTM_DST),
        lui(t2, length >> 12), sw(t2, a0, RTM_LENGTH),
        addi(t2, 0, init), sw(t2, a0, RTM_INIT),
        addi(t2, 0, RTM_CMD_START), sw(t2, a0, RTM_CMD),
    };
}

int32_t result_of(Soc& soc, uint32_t bank)
{
    int32_t result = -1;
    EXPECT_TRUE(soc.rtm.array().dump(bank * bank_bytes + dst, reinterpret_cast<uint8_t*>(&result), 4));
    return result;
}

// Runs DOTs on `banks` until the capacitor browns out; returns when the brown-out was first
// foreseen (sc_max_time(): never) and checks that the commands had been started by then.
sc_core::sc_time run_to_the_brownout(Soc& soc, const std::vector<uint32_t>& banks)
{
    std::vector<uint32_t> commands;
    for (const uint32_t bank : banks) {
        const std::vector<uint32_t> dot = rtm_dot(bank);
        commands.insert(commands.end(), dot.begin(), dot.end());
    }
    const test::ElfSpec elf = test::poll_commands_poll(0x20000, RTM_STATUS, commands);
    soc.load_firmware(ElfImage::read(test::write_temp_elf("late_forecast.elf", elf)));
    sc_core::sc_time foreseen_at = sc_core::sc_max_time();
    while (sc_core::sc_time_stamp() < sc_core::sc_time(2, sc_core::SC_MS) &&
           soc.power.last_failure() == sc_core::SC_ZERO_TIME) {
        if (foreseen_at == sc_core::sc_max_time() && soc.power.known_failure() != sc_core::sc_max_time()) {
            foreseen_at = sc_core::sc_time_stamp();
            uint32_t started = 0;
            std::memcpy(&started, soc.main_memory.data() + test::harvest_started_at, 4);
            EXPECT_EQ(started, 1u) << "the brown-out was foreseen before the commands";
        }
        sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_NS));
    }
    EXPECT_NE(soc.power.last_failure(), sc_core::SC_ZERO_TIME) << "no brown-out";
    return foreseen_at;
}

// The first command alone: its energy leaves the capacitor above v_brownout until its end; it
// completes and the brown-out (the polling's drain) comes long after it.
TEST(PowerHarvestLateForecast, TheFirstCommandAloneCompletes)
{
    SimulationExit exit;
    Soc soc("soc", test::harvest_without_power(capacitance_uf), exit);
    run_to_the_brownout(soc, {0});
    EXPECT_EQ(result_of(soc, 0), init);
    EXPECT_EQ(test::event_count(soc, "rtm", "mac"), uint64_t{length});
    EXPECT_GT(soc.power.last_failure(), sc_core::sc_time(300, sc_core::SC_US));
}

// With the second command's energy the brown-out comes inside the first: foreseen at the
// second's acceptance (after the first's), it cuts both; the first at the failure.
TEST(PowerHarvestLateForecast, TheSecondCommandsEnergyCutsTheFirstAtTheFailure)
{
    SimulationExit exit;
    Soc soc("soc", test::harvest_without_power(capacitance_uf), exit);
    const sc_core::sc_time foreseen_at = run_to_the_brownout(soc, {0, 1});
    ASSERT_NE(foreseen_at, sc_core::sc_max_time()) << "the brown-out was not foreseen";
    EXPECT_LT(soc.power.last_failure(), sc_core::sc_time(200, sc_core::SC_US));
    EXPECT_EQ(result_of(soc, 1), 0) << "the second command (cut at its acceptance) wrote its result";
    EXPECT_EQ(result_of(soc, 0), 0) << "the first command, running across the failure, wrote its result";
    // Each counted only its part before the failure.
    const uint64_t macs = test::event_count(soc, "rtm", "mac");
    EXPECT_GT(macs, uint64_t{length} / 2);
    EXPECT_LT(macs, 2 * uint64_t{length} - 2);
}

}  // namespace
}  // namespace pimsoc
