#include "run_control.h"

#include <algorithm>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <tlm>

#include "common/ledger_time.h"
#include "memory_map.h"
#include "soc.h"
#include "stats_report.h"

namespace pimsoc {

namespace {

// Module constructors reject parameter values they cannot model (std::invalid_argument) and host
// files they cannot open (std::runtime_error), naming the module and the parameter: those are
// configuration errors, reported as such.
std::unique_ptr<Soc> build_soc(const SocParams& params, SimulationExit& exit)
{
    try {
        return std::make_unique<Soc>("soc", params, exit);
    } catch (const ConfigError&) {
        throw;
    } catch (const std::invalid_argument& error) {
        throw ConfigError(error.what());
    } catch (const std::runtime_error& error) {
        throw ConfigError(error.what());
    }
}

}  // namespace

std::vector<std::string> firmware_command_line(const RunRequest& request)
{
    // argv[0] is the ELF's file name without its folder, so that where a checkout lives changes
    // nothing the firmware sees (the length of argv[0] shifts its stack and its instruction count).
    std::vector<std::string> args{std::filesystem::path(request.firmware).filename().string()};
    args.insert(args.end(), request.firmware_args.begin(), request.firmware_args.end());
    return args;
}

RunOutcome run_firmware(const SocParams& params, const RunRequest& request)
{
    // Everything that can be wrong with the input is checked before the kernel starts.
    const ElfImage firmware = ElfImage::read(request.firmware);
    std::vector<RawImage> images;
    if (!params.rom_file.empty()) {
        images.push_back(RawImage{params.rom_file, PIMSOC_ROM_BASE});
    }
    images.insert(images.end(), request.images.begin(), request.images.end());
    check_image_overlaps(firmware, images);

    // The run's end is reported by pimsoc itself, not by the kernel's "stopped by user" note.
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(static_cast<double>(params.run.quantum_ns), sc_core::SC_NS));
    SimulationExit exit;
    const std::unique_ptr<Soc> soc_module = build_soc(params, exit);
    Soc& soc = *soc_module;
    soc.load_firmware(firmware);
    try {
        soc.sysctl.set_command_line(firmware_command_line(request));
    } catch (const std::invalid_argument& error) {
        throw ConfigError(error.what());
    }
    for (const auto& image : images) {
        soc.load_image(image);
    }
    if (request.print_stats_requests) {
        soc.on_stats_request = [](const LedgerReport& report, const std::string& title) {
            std::fflush(stdout);  // the UART's output so far comes first
            write_stats_text(std::cerr, report, title);
            std::cerr.flush();
        };
    }

    if (request.tracer != nullptr) {
        soc.trace_to(*request.tracer);
        request.tracer->set_horizon([] { return to_ps(sc_core::sc_time_stamp()); });
    }

    std::unique_ptr<GdbRunControl> debugger;
    if (request.gdb.enabled) {
        debugger = std::make_unique<GdbRunControl>(soc, exit, request.gdb);
    }

    const auto host_start = std::chrono::steady_clock::now();
    // The time limit as pending activity: the CPU defers idle synchronisations only up to the next
    // activity (Cpu::sync_is_idle), so it must see where the run stops.
    sc_core::sc_event time_limit("time_limit");
    if (params.run.max_time_ns > 0) {
        time_limit.notify(sc_core::sc_time(static_cast<double>(params.run.max_time_ns), sc_core::SC_NS));
        sc_core::sc_start(sc_core::sc_time(static_cast<double>(params.run.max_time_ns), sc_core::SC_NS));
    } else {
        sc_core::sc_start();
    }
    const auto host_end = std::chrono::steady_clock::now();

    if (!exit.ended()) {
        if (params.run.max_time_ns > 0 && sc_core::sc_time_stamp() >= sc_core::sc_time(static_cast<double>(params.run.max_time_ns), sc_core::SC_NS)) {
            exit.report(ExitKind::time_limit, 0, "time limit of " + sc_core::sc_time_stamp().to_string() + " reached");
        } else {
            exit.report(ExitKind::stalled, 0,
                        "simulation stalled at " + sc_core::sc_time_stamp().to_string() +
                            ": nothing left to simulate (e.g. wfi with no interrupt source)");
        }
    }
    if (sc_core::sc_get_status() != sc_core::SC_STOPPED) {
        sc_core::sc_stop();  // lets end_of_simulation callbacks run
    }
    flush_repeated_log_lines();  // the totals of rate-limited guest-error lines
    if (debugger) {
        debugger->report_end(exit);
    }

    RunOutcome outcome;
    outcome.kind = exit.kind();
    outcome.code = exit.code();
    outcome.reason = exit.reason();
    const sc_core::sc_time end = std::max(exit.time(), sc_core::sc_time_stamp());
    outcome.simulated_seconds = end.to_seconds();
    outcome.end_ps = to_ps(end);
    soc.trace_end(end);
    outcome.stats = soc.stats_report(end);
    outcome.instructions = soc.cpu.instructions();
    outcome.cycles = soc.cpu.cycles();
    outcome.sleep_cycles = soc.cpu.sleep_cycles();
    outcome.host_seconds = std::chrono::duration<double>(host_end - host_start).count();
    return outcome;
}

}  // namespace pimsoc
