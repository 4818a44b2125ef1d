// Every parameter of the default SoC, as one tree: each IP's own params struct under its key.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "bus/bus.h"
#include "clint/clint.h"
#include "common/model/random_streams.h"
#include "common/params.h"
#include "cpu/cpu.h"
#include "dma/dma.h"
#include "mem/memory.h"
#include "plic/plic.h"
#include "power/power_params.h"
#include "mram/mram_params.h"
#include "reram/reram_params.h"
#include "rtm/rtm_params.h"
#include "sysctl/sysctl.h"
#include "uart/uart.h"

namespace pimsoc {

// How a run is driven (the command line's --quantum and --max-time set these).
struct RunParams {
    uint64_t quantum_ns = 10000;  // global TLM quantum; see docs/models/cpu.md for the trade-off
    uint64_t max_time_ns = 0;     // 0 = no limit

    void bind(const ParamBinder& b);
};

// The simulation as a whole: the seed of every module's random stream (common/model/random_streams.h).
struct SimParams {
    uint64_t seed = RandomStreams::default_seed;

    void bind(const ParamBinder& b);
};

struct SocParams {
    SimParams sim;
    RunParams run;
    CpuParams cpu;
    BusParams bus;
    MemoryParams main_memory = default_main_memory();
    MemoryParams sram = default_sram();
    MemoryParams rom = default_rom();
    std::string rom_file;  // preloaded into the data ROM; "" = none
    UartParams uart0;
    ClintParams clint;
    PlicParams plic;
    DmaParams dma;
    SysctlParams sysctl;
    PowerParams power;
    RtmParams rtm;
    MramParams mram;
    ReramParams reram;
    // `soc.<device>.enabled` of each optional row of the device table (device_table.h); true
    // unless configured otherwise.
    std::map<std::string, bool> device_enabled;
    bool enabled(const std::string& device) const;

    SocParams() = default;
    void bind(const ParamBinder& root);

    static MemoryParams default_main_memory();
    static MemoryParams default_sram();
    static MemoryParams default_rom();
};

}  // namespace pimsoc
