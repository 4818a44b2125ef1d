// The harvest mode cuts what runs across its brown-out as the times mode does (docs/power.md,
// "The harvest mode's brown-out"): a check that foresees the brown-out before the next one plans
// the failure at that time on every device. A program issues RTM commands back to back, each
// writing its number into the array, until the capacitor browns out (nothing harvested: the power
// never returns); the command running at the brown-out leaves none of its result.
#include <gtest/gtest.h>

#include <cstring>

#include "elf_builder.h"
#include "rtm/rtm_regs.h"
#include "rv_asm.h"
#include "soc.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

constexpr uint64_t record = 0x10000;  // main memory offset of the count of commands started
constexpr uint32_t dst = 0x200;       // RTM window offset of the commands' int32 result
constexpr uint32_t t0 = 5, t1 = 6, t2 = 7, t3 = 28, a0 = 10;

// k = 1, 2, ...: count k at `record`, then a DOT of 256 zero bytes with INIT = k into `dst`
// (result k), wait until the RTM is no longer busy; again.
test::ElfSpec rtm_command_loop()
{
    using namespace rvasm;
    const std::vector<uint32_t> code = {
        lui(t0, 0x80010), lui(a0, 0x20000),
        addi(t2, 0, static_cast<int32_t>(RTM_OP_VALUE(RTM_OP_DOT, RTM_TYPE_U8, RTM_TYPE_U8))), sw(t2, a0, RTM_OP),
        addi(t2, 0, 0x100), sw(t2, a0, RTM_SRC_B),
        addi(t2, 0, dst), sw(t2, a0, RTM_DST),
        addi(t2, 0, 256), sw(t2, a0, RTM_LENGTH),
        // loop:
        lw(t1, t0, 0), addi(t1, t1, 1), sw(t1, t0, 0),
        sw(t1, a0, RTM_INIT), addi(t2, 0, RTM_CMD_START), sw(t2, a0, RTM_CMD),
        lw(t3, a0, RTM_STATUS), andi(t3, t3, RTM_STATUS_BUSY), bne(t3, 0, -8),  // poll
        jal(0, -36),                                                              // loop
    };
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

TEST(PowerHarvestCut, TheCommandRunningAtTheBrownOutLeavesNoneOfItsResult)
{
    SocParams p;
    p.power.mode = "harvest";
    p.power.harvest_uw = 0.0;       // the power never returns
    p.power.capacitance_uf = 1.0;  // 1.26 uJ between 2.4 V and 1.8 V: a few hundred us of this program
    SimulationExit exit;
    Soc soc("soc", p, exit);
    soc.load_firmware(ElfImage::read(test::write_temp_elf("rtm_command_loop.elf", rtm_command_loop())));
    sc_core::sc_start(sc_core::sc_time(2, sc_core::SC_MS));
    uint32_t started = 0;
    std::memcpy(&started, soc.main_memory.data() + record, 4);
    int32_t result = 0;
    ASSERT_TRUE(soc.rtm.array().dump(dst, reinterpret_cast<uint8_t*>(&result), 4));
    ASSERT_GT(started, 2u) << "the brown-out came before the loop ran";
    EXPECT_LT(soc.power.supply_voltage(), 1.8 + 0.01);  // browned out (the forecast's error is small)
    // The last command started ran across the brown-out: cut, its result never written.
    EXPECT_EQ(result, static_cast<int32_t>(started - 1));
    // Its work counts only the part that ran before the brown-out (time-proportional): fewer than
    // its 256 MACs on top of the 256 of each command before it.
    const LedgerReport report = soc.stats_report(sc_core::sc_time_stamp());
    uint64_t macs = 0;
    for (const ComponentLine& c : report.run.components) {
        for (const EventLine& e : c.events) {
            macs += c.name == "rtm" && e.name == "mac" ? e.count : 0;
        }
    }
    EXPECT_GT(macs, 256u * (started - 1)) << "no part counted: the brown-out fell outside a command";
    EXPECT_LT(macs, 256u * started);
}

}  // namespace
}  // namespace pimsoc
