#include "soc_params.h"

#include "device_table.h"
#include "memory_map.h"

namespace pimsoc {

void RunParams::bind(const ParamBinder& b)
{
    b.bind("quantum_ns", quantum_ns, "ns",
           "global TLM quantum: how far the CPU runs ahead of other processes (interrupt latency bound)");
    b.bind("max_time_ns", max_time_ns, "ns", "stop after this much simulated time (0 = no limit; --max-time)");
}

void SimParams::bind(const ParamBinder& b)
{
    b.bind("seed", seed, "",
           "seed of the random streams (variation, noise, power failures); each module derives its own "
           "stream from this seed and its hierarchical name");
}

MemoryParams SocParams::default_main_memory()
{
    // MRAM-based, non-volatile main memory; figures from docs/models/memory.md (estimates).
    MemoryParams params;
    params.size_bytes = PIMSOC_MAIN_MEM_DEFAULT_SIZE;
    params.non_volatile = true;
    params.read_latency_ns = 20;
    params.write_latency_ns = 50;
    params.read_energy_pj_per_access = 10.0;
    params.write_energy_pj_per_access = 100.0;
    params.leakage_power_uw = 20.0;
    params.area_um2_per_bit = 0.15;  // STT-MRAM ~40 F2 at 45 nm (0.081 um2) / ~55 % array efficiency
    return params;
}

MemoryParams SocParams::default_sram()
{
    MemoryParams params;
    params.size_bytes = PIMSOC_SRAM_DEFAULT_SIZE;
    return params;
}

MemoryParams SocParams::default_rom()
{
    MemoryParams params;
    params.size_bytes = 16u << 20;
    params.writable = false;
    params.non_volatile = true;
    params.read_energy_pj_per_access = 2.0;
    params.leakage_power_uw = 10.0;
    params.area_um2_per_bit = 0.03;  // mask ROM ~ 4-8 F2 per bit at 45 nm plus periphery
    return params;
}

void SocParams::bind(const ParamBinder& root)
{
    sim.bind(root.scope("sim"));
    run.bind(root.scope("run"));
    cpu.bind(root.scope("cpu"));
    bus.bind(root.scope("bus"));
    main_memory.bind(root.scope("mem").scope("main"));
    sram.bind(root.scope("mem").scope("sram"));
    rom.bind(root.scope("mem").scope("rom"));
    root.scope("mem").scope("rom").bind("file", rom_file, "path",
                                        "host file preloaded at the start of the data ROM (\"\" = none)");
    uart0.bind(root.scope("uart0"));
    clint.bind(root.scope("clint"));
    plic.bind(root.scope("plic"));
    dma.bind(root.scope("dma"));
    sysctl.bind(root.scope("sysctl"));
    power.bind(root.scope("power"));
    rtm.bind(root.scope("rtm"));
    mram.bind(root.scope("mram"));
    reram.bind(root.scope("reram"));
    for (const DeviceRow& row : device_table()) {
        if (row.optional) {
            bool& enabled = device_enabled.emplace(row.name, true).first->second;
            root.scope("soc").scope(row.name).bind(
                "enabled", enabled, "",
                std::string("include the ") + row.description + " (false: its addresses answer with an address error)");
        }
    }
}

bool SocParams::enabled(const std::string& device) const
{
    const auto it = device_enabled.find(device);
    return it == device_enabled.end() || it->second;
}

}  // namespace pimsoc
