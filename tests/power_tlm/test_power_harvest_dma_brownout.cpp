// A DMA descriptor running across a harvest-mode brown-out (docs/power.md, "Writes cut at the
// failure, torn words"): the engine issues its bursts ahead of kernel time. It asks for the forecast
// before each burst (Dma::set_burst_listener, set by the SoC in the harvest mode only), so a
// brown-out foreseen within the transfer is the main memory's cut before the writes; and the main
// memory keeps the writes issued ahead until kernel time passes them, so a brown-out decided after
// they were issued (another command's energy, a check) cuts them at the failure. Either way the
// destination holds the words written before the failure, at most one torn word per write, and its
// old values after.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "dma/dma_regs.h"
#include "elf_builder.h"
#include "memory_map.h"
#include "power/power_regs.h"
#include "rtm/rtm_regs.h"
#include "rv_asm.h"
#include "soc.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

constexpr uint32_t src = 0x80100000;  // main memory: the block copied
constexpr uint32_t dst = 0x80110000;  // main memory: where it goes
constexpr uint32_t block_bytes = 4096;
constexpr uint32_t words = block_bytes / 4;
constexpr uint32_t old_value = 0x5A5A5A5Au;
constexpr uint32_t t1 = 6, t2 = 7, t3 = 28, a0 = 10, a1 = 11;

uint32_t new_value(uint32_t word) { return 0xA5000000u | word; }

// Polls the power manager's SUPPLY_MV until it reads below `start_below_mv`, starts one 1-D DMA
// copy of the block, runs `then` (a0 = the DMA's registers, a1 = the power manager's), then polls
// SUPPLY_MV on.
test::ElfSpec copy_when_the_supply_is_low(int32_t start_below_mv, const std::vector<uint32_t>& then = {})
{
    using namespace rvasm;
    std::vector<uint32_t> code = {
        lui(a1, PIMSOC_POWER_BASE >> 12), lui(a0, PIMSOC_DMA_BASE >> 12), addi(t1, 0, start_below_mv),
        lw(t3, a1, POWER_SUPPLY_MV), bge(t3, t1, -4),
        lui(t2, src >> 12), sw(t2, a0, DMA_SRC), lui(t2, dst >> 12), sw(t2, a0, DMA_DST),
        lui(t2, (block_bytes + 0x800) >> 12), addi(t2, t2, static_cast<int32_t>((block_bytes & 0xFFF) ^ 0x800) - 0x800),
        sw(t2, a0, DMA_ROW_BYTES), addi(t2, 0, DMA_CMD_START), sw(t2, a0, DMA_CMD),
    };
    code.insert(code.end(), then.begin(), then.end());
    code.push_back(lw(t3, a1, POWER_SUPPLY_MV));
    code.push_back(beq(0, 0, -4));
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

// Spins about 2 x 4096 cycles (the DMA runs ahead of kernel time meanwhile), then starts one long
// RTM DOT (4096 zero bytes into the window at 0x2000: its energy, about the capacitor's, brings
// the brown-out within its run).
std::vector<uint32_t> spin_then_a_long_rtm_command(int32_t spin)
{
    using namespace rvasm;
    return {
        addi(t1, 0, spin), addi(t1, t1, -1), bne(t1, 0, -4),
        lui(a0, 0x20000),
        addi(t2, 0, static_cast<int32_t>(RTM_OP_VALUE(RTM_OP_DOT, RTM_TYPE_U8, RTM_TYPE_U8))), sw(t2, a0, RTM_OP),
        sw(0, a0, RTM_SRC_A), lui(t2, 1), sw(t2, a0, RTM_SRC_B),
        lui(t2, 2), sw(t2, a0, RTM_DST),
        lui(t2, 1), sw(t2, a0, RTM_LENGTH),
        addi(t2, 0, RTM_CMD_START), sw(t2, a0, RTM_CMD),
    };
}

uint32_t word_at(Soc& soc, uint32_t address)
{
    uint32_t value = 0;
    std::memcpy(&value, soc.main_memory.data() + (address - PIMSOC_MAIN_MEM_BASE), 4);
    return value;
}

// One destination word's write access, as the main memory times it (access_bytes wide,
// write_latency_ns apart from the write's annotated start), and the failure known (foreseen) when
// the write arrived (sc_max_time(): none).
struct WordWrite {
    sc_core::sc_time start = sc_core::sc_max_time();
    sc_core::sc_time end = sc_core::sc_max_time();
    sc_core::sc_time known_failure = sc_core::sc_max_time();
};

struct CopyRun {
    std::vector<WordWrite> writes = std::vector<WordWrite>(words);
    sc_core::sc_time foreseen = sc_core::sc_max_time();  // the brown-out, once foreseen
    sc_core::sc_time failed;                              // when the supply failed
};

// Runs `elf` on a 0.3 uF capacitor (378 nJ between 2.4 V and 1.8 V) and no harvest (the power
// never returns) until the brown-out.
CopyRun run_to_the_brownout(const test::ElfSpec& elf)
{
    SocParams p;
    p.power.mode = "harvest";
    p.power.harvest_uw = 0.0;
    p.power.capacitance_uf = 0.3;
    SimulationExit exit;
    Soc soc("soc", p, exit);
    soc.load_firmware(ElfImage::read(test::write_temp_elf("dma_across_brownout.elf", elf)));
    for (uint32_t w = 0; w < words; ++w) {
        const uint32_t value = new_value(w);
        std::memcpy(soc.main_memory.data() + (src - PIMSOC_MAIN_MEM_BASE) + 4 * w, &value, 4);
        std::memcpy(soc.main_memory.data() + (dst - PIMSOC_MAIN_MEM_BASE) + 4 * w, &old_value, 4);
    }
    CopyRun run;
    const MemoryParams& memory = soc.main_memory.params();
    const sc_core::sc_time latency(static_cast<double>(memory.write_latency_ns), sc_core::SC_NS);
    soc.main_memory.watch_writes(dst - PIMSOC_MAIN_MEM_BASE, block_bytes,
                                 [&](uint64_t offset, unsigned length, const sc_core::sc_time& delay) {
        const uint64_t accesses = (length + memory.access_bytes - 1) / memory.access_bytes;
        const sc_core::sc_time start = sc_core::sc_time_stamp() + delay - latency * static_cast<double>(accesses);
        for (uint64_t byte = 0; byte < length; byte += 4) {
            WordWrite& word = run.writes[(offset + byte - (dst - PIMSOC_MAIN_MEM_BASE)) / 4];
            word.start = start + latency * static_cast<double>(byte / memory.access_bytes);
            word.end = word.start + latency;
            word.known_failure = soc.power.known_failure();
        }
    });
    while (sc_core::sc_time_stamp() < sc_core::sc_time(2, sc_core::SC_MS) && soc.power.last_failure() == sc_core::SC_ZERO_TIME) {
        if (soc.power.known_failure() != sc_core::sc_max_time()) {
            run.foreseen = soc.power.known_failure();
        }
        sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
    }
    run.failed = soc.power.last_failure();
    EXPECT_NE(run.failed, sc_core::SC_ZERO_TIME) << "no brown-out";
    EXPECT_NEAR(soc.power.supply_voltage(), 1.8, 0.002);  // foreseen (the copy's bursts in the forecast)
    // The destination: each word whose write access ended by the failure holds its new value, the
    // one in progress at it (at most one per write) is torn (old or new value), those after it keep
    // their old values. A write that arrived with the failure known is cut at that time (the supply
    // fails there, or at the CPU's check at most one instruction later); one that arrived before
    // (issued ahead of kernel time), or under a failure foreseen later, is cut at the failure.
    uint32_t written = 0, torn = 0, kept = 0;
    for (uint32_t w = 0; w < words; ++w) {
        const WordWrite& word = run.writes[w];
        const uint32_t value = word_at(soc, dst + 4 * w);
        const sc_core::sc_time cut = std::min(word.known_failure, run.failed);
        if (word.end <= cut) {
            EXPECT_EQ(value, new_value(w)) << "word " << w << ", written by the failure";
            ++written;
        } else if (word.start < cut) {
            EXPECT_TRUE(value == new_value(w) || value == old_value) << "word " << w << ", torn";
            ++torn;
        } else {
            EXPECT_EQ(value, old_value) << "word " << w << ", written after the failure";
            ++kept;
        }
    }
    EXPECT_GT(written, 0u) << "the copy started after the failure";
    EXPECT_LE(torn, 2u);
    EXPECT_GT(kept, 0u) << "the copy ended before the failure";

    return run;
}

// Words written across the failure by writes that arrived before it was foreseen there: only the
// main memory's cut at the failure (Memory::cut_writes_ahead) cuts them.
uint32_t written_ahead_across_the_failure(const CopyRun& run)
{
    uint32_t count = 0;
    for (const WordWrite& word : run.writes) {
        count += word.end != sc_core::sc_max_time() && word.end > run.failed && word.known_failure > run.failed ? 1 : 0;
    }
    return count;
}

TEST(PowerHarvestDmaBrownOut, TheCopyRunningAcrossTheForeseenBrownOutIsCutThere)
{
    // The copy starts near v_brownout; the checks' forecasts, from the drain before it, foresee
    // nothing; the engine's, before each burst, foresee the brown-out within the copy.
    const CopyRun run = run_to_the_brownout(copy_when_the_supply_is_low(1830));
    ASSERT_NE(run.foreseen, sc_core::sc_max_time()) << "the brown-out was not foreseen";
    EXPECT_LE(run.failed, run.foreseen + sc_core::sc_time(1, sc_core::SC_US));
    // This run: foreseen at a burst's time, 848196 ns; the supply fails at the CPU's check at
    // 848220 ns, 1.7982 V (the bursts' energy spread over their runs in the forecast; 1.7926 V when
    // it was counted at their issue); 80 words written. Without the engine's forecast (checked by
    // removing its call in the SoC's burst listener) the brown-out is not foreseen, the check at
    // 850060 ns finds it at 1.7926 V, and the main memory cuts the writes issued ahead there (101
    // words written, 1 torn; before that cut existed, all 128 words the engine had issued landed).
}

TEST(PowerHarvestDmaBrownOut, TheCopyIssuedBeforeACommandMovedTheBrownOutIntoItIsCutThere)
{
    // The copy starts with the supply well above v_brownout: the engine's forecasts foresee no
    // brown-out while it issues its bursts ahead of kernel time. Then a long RTM command's energy,
    // charged at its acceptance, brings the brown-out into what the engine has already written:
    // the main memory cuts those writes at the failure.
    // The quantum of `pimsoc run` (10 us): the engine runs one to two of them ahead of kernel time.
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(10, sc_core::SC_US));
    const CopyRun run = run_to_the_brownout(copy_when_the_supply_is_low(1850, spin_then_a_long_rtm_command(10)));
    EXPECT_GT(written_ahead_across_the_failure(run), 0u) << "no write issued before the failure was foreseen ran across it";
}

}  // namespace
}  // namespace pimsoc
