#include "soc.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "common/ledger_time.h"
#include "memory_layout.h"
#include "memory_map.h"

namespace pimsoc {

Soc::Soc(const sc_core::sc_module_name& name, const SocParams& params, SimulationExit& exit)
    : sc_core::sc_module(name),
      random_streams(checked(params).sim.seed),  // checked() before any module allocates
      cpu("cpu", params.cpu, exit),
      bus("bus", params.bus),
      main_memory("main_memory", params.main_memory),
      sram("sram", params.sram),
      rom("rom", params.rom),
      uart0("uart0", params.uart0),
      finisher("finisher", exit),
      clint("clint", params.clint),
      plic("plic", params.plic),
      dma("dma", dma_params(params)),
      sysctl("sysctl", params.sysctl, sysctl_probes()),
      rtm("rtm", params.rtm),
      cpu_interrupts("cpu_interrupts", cpu),
      uart0_irq("uart0_irq"),
      dma_irq("dma_irq"),
      rtm_irq("rtm_irq"),
      msip("msip"),
      mtip("mtip"),
      meip("meip"),
      no_irq("no_irq"),
      m_exit(exit),
      m_log(module_logger(this->name()))
{
    cpu.bus.bind(bus.upstream);
    dma.bus.bind(bus.upstream);
    bus.map(finisher.socket, PIMSOC_FINISHER_BASE, PIMSOC_FINISHER_SIZE, "finisher");
    bus.map(clint.socket, PIMSOC_CLINT_BASE, PIMSOC_CLINT_SIZE, "clint");
    bus.map(plic.socket, PIMSOC_PLIC_BASE, PIMSOC_PLIC_SIZE, "plic");
    bus.map(uart0.socket, PIMSOC_UART0_BASE, PIMSOC_UART0_SIZE, "uart0");
    bus.map(dma.socket, PIMSOC_DMA_BASE, PIMSOC_DMA_SIZE, "dma");
    bus.map(sysctl.socket, PIMSOC_SYSCTL_BASE, PIMSOC_SYSCTL_SIZE, "sysctl");
    if (rtm.window_bytes() > PIMSOC_RTM_DATA_MAX_SIZE) {
        throw ConfigError("rtm: the array of " + std::to_string(rtm.window_bytes()) +
                          " bytes exceeds the data window of " + std::to_string(PIMSOC_RTM_DATA_MAX_SIZE) + " bytes");
    }
    bus.map(rtm.socket, PIMSOC_RTM_BASE, RTM_REG_SPACE, "rtm");
    bus.map(rtm.window, PIMSOC_RTM_DATA_BASE, rtm.window_bytes(), "rtm_array");
    bus.map(rom.socket, PIMSOC_ROM_BASE, params.rom.size_bytes, "rom");
    bus.map(main_memory.socket, PIMSOC_MAIN_MEM_BASE, params.main_memory.size_bytes, "main_memory");
    bus.map(sram.socket, PIMSOC_SRAM_BASE, params.sram.size_bytes, "sram");
    wire_interrupts();
    register_stats();
    cpu.set_time_source([this](const sc_core::sc_time& now) { return clint.mtime_at(now); });
}

const SocParams& Soc::checked(const SocParams& params)
{
    check_memory_layout(params);
    return params;
}

void Soc::wire_interrupts()
{
    uart0.irq.bind(uart0_irq);
    dma.irq.bind(dma_irq);
    rtm.irq.bind(rtm_irq);
    for (unsigned source = 0; source < plic.sources.size(); ++source) {
        switch (source) {
            case PIMSOC_IRQ_UART0: plic.sources[source].bind(uart0_irq); break;
            case PIMSOC_IRQ_DMA: plic.sources[source].bind(dma_irq); break;
            case PIMSOC_IRQ_RTM: plic.sources[source].bind(rtm_irq); break;
            default: plic.sources[source].bind(no_irq); break;
        }
    }
    clint.msip.bind(msip);
    clint.mtip.bind(mtip);
    plic.meip.bind(meip);
    cpu_interrupts.msip.bind(msip);
    cpu_interrupts.mtip.bind(mtip);
    cpu_interrupts.meip.bind(meip);
}

DmaParams Soc::dma_params(const SocParams& params)
{
    DmaParams dma_params = params.dma;
    dma_params.bus_width_bytes = params.bus.width_bytes;  // one data path width
    return dma_params;
}

SysctlProbes Soc::sysctl_probes()
{
    // The CPU is the only initiator that reaches sysctl today, so its counters at the moment of the
    // access are its current counters.
    SysctlProbes probes;
    probes.cycles = [this](const sc_core::sc_time&) { return cpu.cycles(); };
    probes.instret = [this](const sc_core::sc_time&) { return cpu.instructions(); };
    probes.print_stats = [this] {
        if (on_stats_request) {
            const sc_core::sc_time at = sysctl.last_stats_time();
            on_stats_request(stats_report(at),
                             "stats request " + std::to_string(sysctl.stats_requests()) + " at " + at.to_string());
        }
    };
    probes.roi_mark = [this](const RoiMark& mark) {
        if (mark.kind == RoiMark::Kind::begin) {
            ledger.roi_begin(mark.id, to_ps(mark.time));
        } else if (!mark.unmatched) {  // sysctl's view of what is open wins (e.g. after its reset)
            ledger.roi_end(mark.id, to_ps(mark.time));
        }
        if (m_roi_trace) {
            m_roi_trace->mark(mark, to_ps(mark.time));
        }
    };
    probes.roi_name = [this](uint32_t id, const std::string& region_name) {
        if (m_roi_trace) {
            m_roi_trace->name(id, region_name);
        }
    };
    return probes;
}

// --- tracing -----------------------------------------------------------------------------------

void Soc::trace_to(Tracer& tracer)
{
    m_tracer = &tracer;
    cpu.trace_to(tracer);
    bus.trace_to(tracer, {"cpu", "dma"});  // upstream binding order (constructor)
    dma.trace_to(tracer);
    uart0.trace_to(tracer);
    rtm.trace_to(tracer);
    const std::string scope = std::string(name()) + ".";
    if (tracer.enabled("roi")) {
        m_roi_trace = std::make_unique<RoiTrace>(tracer, scope + "roi.region");
    }
    if (tracer.enabled("irq")) {
        // PLIC sources without a device are tied low (no_irq) and not traced.
        m_irq_probe = std::make_unique<LineTraceProbe>(
            "irq_trace", tracer,
            std::vector<LineTraceProbe::Line>{
                {&uart0_irq, scope + "irq.plic_src" + std::to_string(PIMSOC_IRQ_UART0) + "_uart0"},
                {&dma_irq, scope + "irq.plic_src" + std::to_string(PIMSOC_IRQ_DMA) + "_dma"},
                {&rtm_irq, scope + "irq.plic_src" + std::to_string(PIMSOC_IRQ_RTM) + "_rtm"},
                {&msip, scope + "irq.msip"},
                {&mtip, scope + "irq.mtip"},
                {&meip, scope + "irq.meip"}});
    }
    if (tracer.enabled("energy")) {
        for (const LedgerComponent& component : ledger.components()) {
            m_energy_signals.push_back(tracer.real(scope + "energy." + component.name + "_pj"));
        }
        m_energy_signals.push_back(tracer.real(scope + "energy.total_pj"));
        cpu.set_slice_listener([this](const sc_core::sc_time& at) { trace_energy(at); });
    }
}

void Soc::trace_energy(const sc_core::sc_time& at)
{
    const uint64_t at_ps = to_ps(at);
    const std::vector<double> energy = ledger.total_energy_pj(at_ps);
    double total = 0;
    for (size_t c = 0; c < energy.size(); ++c) {
        m_tracer->set_real(m_energy_signals[c], energy[c], at_ps);
        total += energy[c];
    }
    m_tracer->set_real(m_energy_signals.back(), total, at_ps);
}

void Soc::trace_end(const sc_core::sc_time& at)
{
    if (m_tracer == nullptr) {
        return;
    }
    cpu.trace_end(at);
    if (!m_energy_signals.empty()) {
        trace_energy(at);
    }
}

// --- energy ledger -----------------------------------------------------------------------------

void Soc::register_stats()
{
    cpu.register_stats(ledger);
    bus.register_stats(ledger);
    main_memory.register_stats(ledger);
    sram.register_stats(ledger);
    rom.register_stats(ledger);
    dma.register_stats(ledger);
    rtm.register_stats(ledger);
    ledger.add_settle_hook([this] { settle_dmi_traffic(); });
}

Memory* Soc::memory_at(uint64_t address)
{
    const std::pair<uint64_t, Memory*> memories[] = {
        {PIMSOC_MAIN_MEM_BASE, &main_memory}, {PIMSOC_SRAM_BASE, &sram}, {PIMSOC_ROM_BASE, &rom}};
    for (const auto& [base, memory] : memories) {
        if (address >= base && address - base < memory->size()) {
            return memory;
        }
    }
    return nullptr;
}

void Soc::settle_dmi_traffic()
{
    cpu.take_dmi_traffic(m_dmi_traffic);
    for (const cpu::DmiTraffic& traffic : m_dmi_traffic) {
        Memory* memory = memory_at(traffic.base);
        for (unsigned w = 0; w < cpu::DmiTraffic::widths; ++w) {
            const uint64_t bytes = cpu::DmiTraffic::width_bytes(w);
            const uint64_t reads = traffic.reads[w];
            const uint64_t writes = traffic.writes[w];
            if (memory != nullptr) {
                memory->account_dmi(reads, writes, reads * bytes, writes * bytes);
            } else if (reads + writes != 0) {
                m_log->warn("DMI traffic at 0x{:08x} belongs to no memory: not in the ledger", traffic.base);
            }
            bus.account_dmi(reads + writes, bytes);
        }
    }
}

LedgerReport Soc::stats_report(const sc_core::sc_time& at)
{
    LedgerReport report = ledger.report(to_ps(at));
    for (RegionReport& region : report.regions) {
        const auto named = sysctl.roi_names().find(region.id);
        if (named != sysctl.roi_names().end()) {
            region.name = named->second;
        }
    }
    return report;
}

PhysicalWriter Soc::physical_writer()
{
    const std::pair<uint64_t, Memory*> memories[] = {
        {PIMSOC_MAIN_MEM_BASE, &main_memory}, {PIMSOC_SRAM_BASE, &sram}, {PIMSOC_ROM_BASE, &rom}};
    return [memories](uint64_t address, const uint8_t* data, size_t length) {
        for (const auto& [base, memory] : memories) {
            if (address >= base && address - base <= memory->size() && length <= memory->size() - (address - base)) {
                uint8_t* target = memory->data() + (address - base);
                if (data == nullptr) {
                    std::fill(target, target + length, uint8_t{0});
                } else {
                    std::copy(data, data + length, target);
                }
                return true;
            }
        }
        return length == 0;
    };
}

void Soc::load_firmware(const ElfImage& image)
{
    load_elf(image, physical_writer());
    cpu.set_reset_pc(image.entry());
    if (const auto tohost = image.symbol("tohost")) {
        const uint64_t base = PIMSOC_MAIN_MEM_BASE;
        if (*tohost < base || *tohost + uint64_t{8} > base + main_memory.size()) {
            throw ImageError(image.path() + ": symbol tohost at " + std::to_string(*tohost) +
                             " is not in main memory");
        }
        m_htif = std::make_unique<Htif>(main_memory, *tohost - base, m_exit, module_logger(std::string(name()) + ".htif"));
        m_log->debug("HTIF tohost at 0x{:08x}", *tohost);
    }
}

void Soc::load_image(const RawImage& image) { load_raw_image(image, physical_writer()); }

}  // namespace pimsoc
