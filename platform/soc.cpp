#include "soc.h"

#include <algorithm>
#include <map>
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
      power("power", params.power, random_streams.stream(std::string(this->name()) + ".power"), power_probes()),
      rtm("rtm", params.rtm),
      mram("mram", params.mram),
      reram("reram", params.reram, random_streams),
      cpu_interrupts("cpu_interrupts", cpu),
      uart0_irq("uart0_irq"),
      dma_irq("dma_irq"),
      power_irq("power_irq"),
      rtm_irq("rtm_irq"),
      mram_irq("mram_irq"),
      reram_irq("reram_irq"),
      msip("msip"),
      mtip("mtip"),
      meip("meip"),
      no_irq("no_irq"),
      m_exit(exit),
      m_log(module_logger(this->name())),
      m_sram_pattern(random_streams.stream(std::string(this->name()) + ".sram.power_loss")),
      m_main_memory_pattern(random_streams.stream(std::string(this->name()) + ".main_memory.power_loss")),
      m_main_memory_tear(random_streams.stream(std::string(this->name()) + ".main_memory.tear"))
{
    cpu.bus.bind(bus.upstream);
    dma.bus.bind(bus.upstream);
    collect_devices(params);
    map_devices();
    bus.map(rom.socket, PIMSOC_ROM_BASE, params.rom.size_bytes, "rom");
    bus.map(main_memory.socket, PIMSOC_MAIN_MEM_BASE, params.main_memory.size_bytes, "main_memory");
    bus.map(sram.socket, PIMSOC_SRAM_BASE, params.sram.size_bytes, "sram");
    wire_interrupts();
    register_stats();
    cpu.set_time_source([this](const sc_core::sc_time& now) { return clint.mtime_at(now); });
    if (power.mode() != power::SupplyMode::off) {
        cpu.set_power_hook(this);  // with the power never failing, the CPU runs exactly as before
        if (power.mode() == power::SupplyMode::harvest) {
            foresee_brownouts();
        }
        plan_power_cut();
    }
}

const SocParams& Soc::checked(const SocParams& params)
{
    check_memory_layout(params);
    return params;
}

void Soc::collect_devices(const SocParams& params)
{
    // The members behind each row of the device table (device_table.h).
    struct Parts {
        MmioTarget* regs;
        DataWindow* window;
        sc_core::sc_out<bool>* irq;
        sc_core::sc_signal<bool>* line;
    };
    const std::map<std::string, Parts> parts = {
        {"finisher", {&finisher, nullptr, nullptr, nullptr}},
        {"clint", {&clint, nullptr, nullptr, nullptr}},
        {"plic", {&plic, nullptr, nullptr, nullptr}},
        {"uart0", {&uart0, nullptr, &uart0.irq, &uart0_irq}},
        {"dma", {&dma, nullptr, &dma.irq, &dma_irq}},
        {"sysctl", {&sysctl, nullptr, nullptr, nullptr}},
        {"power", {&power, nullptr, &power.irq, &power_irq}},
        {"rtm", {&rtm, &rtm.window, &rtm.irq, &rtm_irq}},
        {"mram", {&mram, &mram.window, &mram.irq, &mram_irq}},
        {"reram", {&reram, &reram.window, &reram.irq, &reram_irq}},
    };
    for (const DeviceRow& row : device_table()) {
        const Parts& p = parts.at(row.name);  // every row has its member: a table/SoC mismatch is a bug
        m_devices.push_back(SocDevice{&row, p.regs, p.window, p.irq, p.line, params.enabled(row.name)});
    }
}

void Soc::map_devices()
{
    for (const SocDevice& device : m_devices) {
        const DeviceRow& row = *device.row;
        if (!device.enabled) {
            // Off the bus: its sockets are bound to initiators that never send anything.
            m_log->info("{} left out (soc.{}.enabled=false): {:#010x} answers with an address error", row.name,
                        row.name, row.base);
            leave_unconnected(device.regs->socket);
            if (device.window != nullptr) {
                leave_unconnected(*device.window);
            }
            continue;
        }
        bus.map(device.regs->socket, row.base, row.size, row.name);
        if (device.window != nullptr) {
            if (device.window->size() > row.data_max) {
                throw ConfigError(std::string(row.name) + ": the array of " + std::to_string(device.window->size()) +
                                  " bytes exceeds the data window of " + std::to_string(row.data_max) + " bytes");
            }
            bus.map(*device.window, row.data_base, device.window->size(), std::string(row.name) + "_array");
        }
    }
}

void Soc::leave_unconnected(tlm::tlm_target_socket<>& socket)
{
    const std::string name = "unconnected" + std::to_string(m_unconnected.size());
    m_unconnected.push_back(std::make_unique<tlm_utils::simple_initiator_socket<Soc>>(name.c_str()));
    m_unconnected.back()->bind(socket);
}

void Soc::wire_interrupts()
{
    std::map<unsigned, sc_core::sc_signal<bool>*> lines;  // PLIC source -> line of an included device
    for (const SocDevice& device : m_devices) {
        if (device.irq != nullptr) {
            device.irq->bind(*device.line);  // a left-out device's line is bound but reaches nothing
            if (device.enabled) {
                lines[device.row->plic_source] = device.line;
            }
        }
    }
    for (unsigned source = 0; source < plic.sources.size(); ++source) {
        const auto line = lines.find(source);
        plic.sources[source].bind(line != lines.end() ? *line->second : no_irq);
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
    for (const SocDevice& device : m_devices) {
        if (device.enabled) {
            device.regs->trace_to(tracer);
        }
    }
    const std::string scope = std::string(name()) + ".";
    if (tracer.enabled("roi")) {
        m_roi_trace = std::make_unique<RoiTrace>(tracer, scope + "roi.region");
    }
    if (tracer.enabled("irq")) {
        // PLIC sources without a device are tied low (no_irq) and not traced.
        std::vector<LineTraceProbe::Line> lines;
        for (const SocDevice& device : m_devices) {
            // With power.mode=off the power manager's line can never rise: left out, so that a run
            // without failures traces exactly what it did before the power manager existed.
            const bool silent = device.regs == &power && power.mode() == power::SupplyMode::off;
            if (device.irq != nullptr && device.enabled && !silent) {
                lines.push_back({device.line, scope + "irq.plic_src" + std::to_string(device.row->plic_source) + "_" +
                                                  device.row->name});
            }
        }
        lines.push_back({&msip, scope + "irq.msip"});
        lines.push_back({&mtip, scope + "irq.mtip"});
        lines.push_back({&meip, scope + "irq.meip"});
        m_irq_probe = std::make_unique<LineTraceProbe>("irq_trace", tracer, lines);
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
    for (const SocDevice& device : m_devices) {
        if (device.enabled) {
            device.regs->register_stats(ledger);
        }
    }
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
    if (power.mode() != power::SupplyMode::off) {
        report.power = power.summary();
    }
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
