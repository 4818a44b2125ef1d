// What the SoC-level harvest tests share (test_power_harvest_command_brownout.cpp,
// test_power_harvest_late_forecast.cpp): a harvest supply that never recharges, a program that
// polls a device's STATUS around the commands it starts, and a ledger event's count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "elf_builder.h"
#include "rv_asm.h"
#include "soc.h"

namespace pimsoc::test {

constexpr uint64_t harvest_started_at = 0x10000;  // main memory offset: 1 once the commands are started

// The harvest mode with `capacitance_uf` and nothing harvested (the power never returns).
inline SocParams harvest_without_power(double capacitance_uf)
{
    SocParams p;
    p.power.mode = "harvest";
    p.power.harvest_uw = 0.0;
    p.power.capacitance_uf = capacitance_uf;
    return p;
}

// Polls STATUS (at `status` of the registers at `regs_upper` << 12) 1024 times (the forecast's
// background), writes 1 to harvest_started_at, runs `commands` (descriptors and STARTs, with
// a0 = the registers), then polls STATUS on in the same loop (the same drain as the forecast's).
inline ElfSpec poll_commands_poll(uint32_t regs_upper, uint32_t status, const std::vector<uint32_t>& commands)
{
    using namespace rvasm;
    constexpr uint32_t t0 = 5, t1 = 6, t3 = 28, a0 = 10;
    std::vector<uint32_t> code = {
        lui(t0, 0x80000 + static_cast<uint32_t>(harvest_started_at >> 12)), lui(a0, regs_upper), addi(t1, 0, 1024),
        lw(t3, a0, static_cast<int32_t>(status)), addi(t1, t1, -1), bne(t1, 0, -8),  // poll 1024 times
        addi(t1, 0, 1), sw(t1, t0, 0),
    };
    code.insert(code.end(), commands.begin(), commands.end());
    for (const uint32_t word : {lui(t1, 0x10000), lw(t3, a0, static_cast<int32_t>(status)), addi(t1, t1, -1),
                                bne(t1, 0, -8)}) {  // poll on, as before the commands
        code.push_back(word);
    }
    ElfSpec spec;
    spec.segments.push_back({0x80000000, words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

// The count of `event` of `component` in the stats report now.
inline uint64_t event_count(Soc& soc, const std::string& component, const std::string& event)
{
    const LedgerReport report = soc.stats_report(sc_core::sc_time_stamp());
    uint64_t count = 0;
    for (const ComponentLine& c : report.run.components) {
        for (const EventLine& e : c.events) {
            count += c.name == component && e.name == event ? e.count : 0;
        }
    }
    return count;
}

}  // namespace pimsoc::test
