// pimsoc: command-line entry point. Our own main() sits in front of libsystemc's: it silences the
// kernel's banner (printed before sc_main) and hands over to the kernel, which calls sc_main.
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <systemc>

#include "cli_options.h"
#include "config_file.h"
#include "elf_image.h"
#include "exit_codes.h"
#include "gdb/gdb_socket.h"
#include "run_control.h"
#include "stats_report.h"
#include "sysctl/sysctl.h"

namespace pimsoc {
namespace {

void apply_configuration(ParamRegistry& registry, const CliOptions& options)
{
    for (const auto& file : options.config_files) {
        apply_config_file(registry, file);
    }
    for (const auto& assignment : options.overrides) {
        apply_override(registry, assignment);
    }
}

const char* kind_text(ExitKind kind)
{
    switch (kind) {
        case ExitKind::firmware: return "firmware exit";
        case ExitKind::time_limit: return "time limit";
        case ExitKind::instruction_limit: return "instruction limit";
        case ExitKind::stalled: return "stalled";
        case ExitKind::error: return "error";
        case ExitKind::killed: return "killed";
        case ExitKind::running: break;
    }
    return "running";
}

int process_exit_code(const RunOutcome& outcome)
{
    switch (outcome.kind) {
        case ExitKind::firmware: return static_cast<int>(outcome.code & 0xff);
        case ExitKind::time_limit: return exit_codes::time_limit;
        case ExitKind::instruction_limit: return exit_codes::instruction_limit;
        case ExitKind::stalled: return exit_codes::stalled;
        case ExitKind::error: return exit_codes::internal_error;
        case ExitKind::killed: return exit_codes::killed;
        case ExitKind::running: break;
    }
    return exit_codes::internal_error;
}

void print_summary(const RunOutcome& outcome)
{
    std::fflush(stdout);
    if (outcome.kind == ExitKind::firmware) {
        std::fprintf(stderr, "pimsoc: firmware exited with code %" PRId64 " (%s)\n", outcome.code,
                     outcome.reason.c_str());
    } else {
        std::fprintf(stderr, "pimsoc: %s: %s\n", kind_text(outcome.kind), outcome.reason.c_str());
    }
    const double mips = outcome.host_seconds > 0 ? outcome.instructions / outcome.host_seconds / 1e6 : 0.0;
    std::fprintf(stderr,
                 "pimsoc: simulated %.9f s, %" PRIu64 " instructions, %" PRIu64 " cycles busy, %" PRIu64
                 " asleep, host %.3f s, %.1f MIPS\n",
                 outcome.simulated_seconds, outcome.instructions, outcome.cycles, outcome.sleep_cycles,
                 outcome.host_seconds, mips);
}

// Opens a stats output before the run, so that a bad path fails at once, not after a long run.
std::unique_ptr<std::ofstream> open_stats_file(const std::string& option, const std::string& path)
{
    if (path.empty()) {
        return nullptr;
    }
    auto file = std::make_unique<std::ofstream>(path, std::ios::out | std::ios::trunc);
    if (!*file) {
        throw UsageError("option " + option + ": cannot write stats file '" + path + "': " + std::strerror(errno));
    }
    return file;
}

// Writes one stats file; false (after one error line naming the file) when that fails.
bool finish_stats_file(std::ofstream* file, const std::string& path, const LedgerReport& report,
                       void (*writer)(std::ostream&, const LedgerReport&))
{
    if (file == nullptr) {
        return true;
    }
    writer(*file, report);
    file->close();
    if (!*file) {
        std::fprintf(stderr, "pimsoc: cannot write stats file '%s'\n", path.c_str());
        return false;
    }
    return true;
}

// Opens the VCD before the run, so that a bad path fails at once.
std::unique_ptr<Tracer> open_tracer(const CliOptions& options)
{
    if (options.vcd.empty()) {
        return nullptr;
    }
    try {
        return std::make_unique<Tracer>(options.vcd, options.trace_groups, "pimsoc " PIMSOC_VERSION);
    } catch (const std::exception& error) {
        throw UsageError(std::string("option --vcd: ") + error.what());
    }
}

// Writes the rest of the trace; false (after one error line naming the file) when that fails.
bool finish_tracer(Tracer* tracer, uint64_t end_ps)
{
    if (tracer == nullptr) {
        return true;
    }
    try {
        tracer->finish(end_ps);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "pimsoc: %s\n", error.what());
        return false;
    }
    if (tracer->late_changes() > 0) {
        std::fprintf(stderr, "pimsoc: warning: %" PRIu64 " trace changes arrived after their time was written (%s)\n",
                     tracer->late_changes(), tracer->path().c_str());
    }
    return true;
}

int run_command(const CliOptions& options)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    apply_configuration(registry, options);

    RunRequest request;
    request.firmware = options.firmware;
    request.firmware_args = options.firmware_args;
    if (const std::string problem = Sysctl::command_line_problem(firmware_command_line(request)); !problem.empty()) {
        throw UsageError(problem);
    }
    for (const auto& spec : options.images) {
        request.images.push_back(parse_image_spec(spec));
    }
    request.print_stats_requests = !options.quiet;
    request.gdb = options.gdb;
    const auto json_file = open_stats_file("--stats", options.stats_json);
    const auto csv_file = open_stats_file("--stats-csv", options.stats_csv);
    const auto tracer = open_tracer(options);
    request.tracer = tracer.get();
    configure_logging(options.log_level, options.log_rules);
    const RunOutcome outcome = run_firmware(params, request);
    if (!options.quiet || outcome.kind != ExitKind::firmware) {
        print_summary(outcome);
    }
    if (!options.quiet) {
        write_stats_text(std::cerr, outcome.stats, "stats at the end of the run");
        std::cerr.flush();
    }
    const bool json_ok = finish_stats_file(json_file.get(), options.stats_json, outcome.stats, write_stats_json);
    const bool csv_ok = finish_stats_file(csv_file.get(), options.stats_csv, outcome.stats, write_stats_csv);
    const bool vcd_ok = finish_tracer(tracer.get(), outcome.end_ps);
    if (!json_ok || !csv_ok || !vcd_ok) {
        return exit_codes::usage_or_input_error;
    }
    return process_exit_code(outcome);
}

int config_dump_command(const CliOptions& options)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    apply_configuration(registry, options);
    std::cout << registry.dump();
    return 0;
}

int dispatch(const CliOptions& options)
{
    switch (options.command) {
        case CliOptions::Command::help: std::cout << usage_text; return 0;
        case CliOptions::Command::version: std::cout << "pimsoc " PIMSOC_VERSION "\n"; return 0;
        case CliOptions::Command::run: return run_command(options);
        case CliOptions::Command::config_dump: return config_dump_command(options);
    }
    return exit_codes::internal_error;
}

}  // namespace
}  // namespace pimsoc

int sc_main(int argc, char* argv[])
{
    using namespace pimsoc;
    try {
        const CliOptions options = parse_cli(std::vector<std::string>(argv + 1, argv + argc));
        return dispatch(options);
    } catch (const NoCommandError& error) {
        std::fprintf(stderr, "pimsoc: %s\n%s", error.what(), usage_text);
        return exit_codes::usage_or_input_error;
    } catch (const UsageError& error) {
        std::fprintf(stderr, "pimsoc: %s\n", error.what());
        return exit_codes::usage_or_input_error;
    } catch (const ConfigError& error) {
        std::fprintf(stderr, "pimsoc: config error: %s\n", error.what());
        return exit_codes::usage_or_input_error;
    } catch (const ImageError& error) {
        std::fprintf(stderr, "pimsoc: %s\n", error.what());
        return exit_codes::usage_or_input_error;
    } catch (const gdb::SocketError& error) {
        std::fprintf(stderr, "pimsoc: option --gdb: %s\n", error.what());
        return exit_codes::usage_or_input_error;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "pimsoc: internal error: %s\n", error.what());
        return exit_codes::internal_error;
    }
}

int main(int argc, char* argv[])
{
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    return sc_core::sc_elab_and_sim(argc, argv);
}
