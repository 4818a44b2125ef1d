// The default SoC: CPU, bus, memories, UART, test finisher, wired to the memory map of
// memory_map.h and built from SocParams.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/ledger.h"
#include "common/log.h"
#include "common/model/random_streams.h"
#include "common/sim_exit.h"
#include "cpu_interrupt_lines.h"
#include "device_table.h"
#include "elf_image.h"
#include "finisher/finisher.h"
#include "htif.h"
#include "line_trace_probe.h"
#include "roi_trace.h"
#include "mram/mram.h"
#include "power/power.h"
#include "reram/reram.h"
#include "rtm/rtm.h"
#include "soc_params.h"

namespace pimsoc {

class Soc : public sc_core::sc_module, private CpuPowerHook {
public:
    // The run's random streams, from `sim.seed` (docs/models/pim.md, "Random streams"). Declared
    // first so that every module constructed after it may take a reference and derive its own
    // stream by its hierarchical name (random_streams.stream(this->name())).
    const RandomStreams random_streams;
    Cpu cpu;
    Bus bus;
    Memory main_memory;
    Memory sram;
    Memory rom;
    Uart uart0;
    Finisher finisher;
    Clint clint;
    Plic plic;
    Dma dma;
    Sysctl sysctl;
    PowerManager power;
    Rtm rtm;
    Mram mram;
    Reram reram;
    CpuInterruptLines cpu_interrupts;

    sc_core::sc_signal<bool> uart0_irq;
    sc_core::sc_signal<bool> dma_irq;
    sc_core::sc_signal<bool> power_irq;
    sc_core::sc_signal<bool> rtm_irq;
    sc_core::sc_signal<bool> mram_irq;
    sc_core::sc_signal<bool> reram_irq;
    sc_core::sc_signal<bool> msip;
    sc_core::sc_signal<bool> mtip;
    sc_core::sc_signal<bool> meip;
    sc_core::sc_signal<bool> no_irq;  // drives the PLIC sources nothing is connected to

    // The energy/stats ledger: every component with energy or area is registered at construction;
    // sysctl ROI marks feed its regions (docs/observability.md).
    Ledger ledger;
    // Called on a firmware stats request (sysctl STATS) with the report at the request's time and a
    // title; default: none (the request is only counted). The run control sets it.
    std::function<void(const LedgerReport& report, const std::string& title)> on_stats_request;

    Soc(const sc_core::sc_module_name& name, const SocParams& params, SimulationExit& exit);

    // Loads the firmware (PT_LOAD segments, reset pc = entry, HTIF tohost when the ELF has it);
    // throws ImageError naming the file and the problem.
    void load_firmware(const ElfImage& image);
    void load_image(const RawImage& image);

    // The ledger's report at simulated time `at` (e.g. the end of the run).
    LedgerReport stats_report(const sc_core::sc_time& at);

    // VCD tracing (docs/tracing.md): every component declares the signals of its enabled groups;
    // `irq` traces the interrupt lines, `energy` the cumulative energy of every ledger component
    // (sampled at the CPU's synchronisation points). Call once, during elaboration, after loading.
    void trace_to(Tracer& tracer);
    // The last values at the end of the run (`at`): the CPU's progress and the energy totals.
    void trace_end(const sc_core::sc_time& at);

    // What a power failure does to the SoC at `at` (docs/power.md), apart from the CPU's own reset:
    // every device's lose_power(), the volatile memories filled with their seeded patterns, no
    // leakage until restore_power(). Called by the CPU's power check when power.mode is not off.
    void lose_power(const sc_core::sc_time& at);
    void restore_power(const sc_core::sc_time& at);

    // Host-side writer into the SoC's memories (no simulated time, no side effects, ROM too).
    // Loading happens before elaboration ends, when the bus's sockets are not yet usable.
    PhysicalWriter physical_writer();

private:
    // Validates what must be checked before any member allocates (memory sizes); the first
    // member's initializer calls it.
    static const SocParams& checked(const SocParams& params);
    // The device table's rows with the members that implement them (device_table.h).
    struct SocDevice {
        const DeviceRow* row;
        MmioTarget* regs;
        DataWindow* window;                // nullptr: no data window
        sc_core::sc_out<bool>* irq;        // nullptr: no interrupt line
        sc_core::sc_signal<bool>* line;
        bool enabled;                      // soc.<name>.enabled
    };
    void collect_devices(const SocParams& params);
    void map_devices();
    void leave_unconnected(tlm::tlm_target_socket<>& socket);
    void wire_interrupts();
    SysctlProbes sysctl_probes();
    void register_stats();
    // Hands the CPU's DMI loads/stores/fetches to the memories (and the bus) they went to.
    void settle_dmi_traffic();
    Memory* memory_at(uint64_t address);
    static DmaParams dma_params(const SocParams& params);
    PowerProbes power_probes();
    // CpuPowerHook (soc_power.cpp): the power manager's decisions, acted on.
    sc_core::sc_time next_power_check() const override { return power.next_check(); }
    bool power_check() override;

    SimulationExit& m_exit;
    Logger m_log;
    std::unique_ptr<Htif> m_htif;
    std::vector<cpu::DmiTraffic> m_dmi_traffic;  // scratch of settle_dmi_traffic()
    std::vector<SocDevice> m_devices;           // in device-table order
    std::vector<std::unique_ptr<tlm_utils::simple_initiator_socket<Soc>>> m_unconnected;  // of left-out devices
    // What the CPU waits on when the supply never returns: never notified. A member (not a temporary
    // on the suspended thread's stack) so that it is destroyed with the SoC.
    sc_core::sc_event m_supply_never_returns;
    RandomStream m_sram_pattern;         // what the volatile memories hold after a power failure
    RandomStream m_main_memory_pattern;  // (main memory only when mem.main.non_volatile = false)
    RandomStream m_main_memory_tear;     // old or new value of a word being written at a failure
    void plan_power_cut();
    void foresee_brownouts();  // harvest mode: the commands' energy in the drain and the forecast
    double energy_pj(const sc_core::sc_time& at);  // every ledger component's, from time 0 to `at`
    // Harvest mode: the DMA's bursts, whose energy (the engine's, the bus's and the memories') the
    // ledger counts when they are issued ahead of kernel time, charged over their runs.
    ChargedEnergy m_dma_charged;
    double m_energy_before_burst = 0;

    // Tracing
    void trace_energy(const sc_core::sc_time& at);
    Tracer* m_tracer = nullptr;
    std::unique_ptr<LineTraceProbe> m_irq_probe;
    std::unique_ptr<RoiTrace> m_roi_trace;  // group roi
    std::vector<TraceSignal> m_energy_signals;  // per ledger component, then the total
};

}  // namespace pimsoc
