// A brown-out that one long accelerator command's own energy causes (docs/power.md, "The harvest
// mode's brown-out"): the ledger counts the command's energy at its acceptance, the harvest mode
// spreads it over its run, and the forecast made at the acceptance sees the capacitor reach
// v_brownout inside it: the command is cut there (none of its result written, its work counted
// only to the failure) and the supply fails at that time, the capacitor then at v_brownout.
#include <gtest/gtest.h>

#include <cstring>

#include "elf_builder.h"
#include "rtm/rtm_regs.h"
#include "rv_asm.h"
#include "soc.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

constexpr uint64_t started_at = 0x10000;  // main memory offset: 1 once the command is started
constexpr uint32_t dst = 0x2000;           // RTM window offset of the command's int32 result
constexpr int32_t init = 7;                // the result a completed DOT of zeros writes
constexpr uint32_t length = 4096;          // bytes per operand: a long command
constexpr uint32_t t0 = 5, t1 = 6, t2 = 7, t3 = 28, a0 = 10;

// Polls STATUS 1024 times (the forecast's background), one DOT of 4096 zero bytes with INIT = 7
// into `dst`, then polls STATUS on in the same loop (the same drain as the forecast's).
test::ElfSpec one_long_command()
{
    using namespace rvasm;
    const std::vector<uint32_t> code = {
        lui(t0, 0x80010), lui(a0, 0x20000), addi(t1, 0, 1024),
        lw(t3, a0, RTM_STATUS), addi(t1, t1, -1), bne(t1, 0, -8),  // poll 1024 times
        addi(t2, 0, static_cast<int32_t>(RTM_OP_VALUE(RTM_OP_DOT, RTM_TYPE_U8, RTM_TYPE_U8))), sw(t2, a0, RTM_OP),
        sw(0, a0, RTM_SRC_A), lui(t2, 1), sw(t2, a0, RTM_SRC_B),
        lui(t2, dst >> 12), sw(t2, a0, RTM_DST),
        lui(t2, length >> 12), sw(t2, a0, RTM_LENGTH),
        addi(t2, 0, init), sw(t2, a0, RTM_INIT),
        addi(t1, 0, 1), sw(t1, t0, 0),
        addi(t2, 0, RTM_CMD_START), sw(t2, a0, RTM_CMD),
        lui(t1, 0x10000),
        lw(t3, a0, RTM_STATUS), addi(t1, t1, -1), bne(t1, 0, -8),  // poll on, as before the command
    };
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

uint64_t rtm_macs(Soc& soc)
{
    const LedgerReport report = soc.stats_report(sc_core::sc_time_stamp());
    uint64_t macs = 0;
    for (const ComponentLine& c : report.run.components) {
        for (const EventLine& e : c.events) {
            macs += c.name == "rtm" && e.name == "mac" ? e.count : 0;
        }
    }
    return macs;
}

TEST(PowerHarvestCommandBrownOut, TheCommandWhoseEnergyEmptiesTheCapacitorIsCutAtTheForeseenTime)
{
    SocParams p;
    p.power.mode = "harvest";
    p.power.harvest_uw = 0.0;       // the power never returns
    p.power.capacitance_uf = 0.3;  // 378 nJ between 2.4 V and 1.8 V: runs out in the command
    SimulationExit exit;
    Soc soc("soc", p, exit);
    soc.load_firmware(ElfImage::read(test::write_temp_elf("one_long_command.elf", one_long_command())));
    sc_core::sc_time cut_at = sc_core::sc_max_time();
    sc_core::sc_start(sc_core::sc_time(20, sc_core::SC_US));
    while (sc_core::sc_time_stamp() < sc_core::sc_time(2, sc_core::SC_MS) && soc.power.summary().failures == 0 &&
           soc.power.supply_voltage() >= 1.8) {
        if (soc.power.known_failure() != sc_core::sc_max_time()) {
            cut_at = soc.power.known_failure();
        }
        sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
    }
    uint32_t started = 0;
    std::memcpy(&started, soc.main_memory.data() + started_at, 4);
    ASSERT_EQ(started, 1u) << "the brown-out came before the command";
    ASSERT_NE(cut_at, sc_core::sc_max_time()) << "the brown-out was not foreseen";
    // The supply failed at the foreseen time (the CPU's check, within a cycle), the capacitor at
    // v_brownout (the forecast's background is the spin's, the poll's is close to it).
    EXPECT_LT(soc.power.supply_voltage(), 1.8);
    EXPECT_GT(soc.power.supply_voltage(), 1.8 - 0.001);
    EXPECT_LE(sc_core::sc_time_stamp(), cut_at + sc_core::sc_time(1, sc_core::SC_US));
    // The command ran across it: none of its result written, its MACs counted in proportion to
    // its time before the failure (0 < part < 4096).
    int32_t result = 0;
    ASSERT_TRUE(soc.rtm.array().dump(dst, reinterpret_cast<uint8_t*>(&result), 4));
    EXPECT_EQ(result, 0) << "the cut command's result was written";
    const uint64_t macs = rtm_macs(soc);
    EXPECT_GT(macs, 0u);
    EXPECT_LT(macs, uint64_t{length});
}

}  // namespace
}  // namespace pimsoc
