// pimsoc: command-line entry point. Our own main() sits in front of libsystemc's: it silences the
// kernel's banner (printed before sc_main) and hands over to the kernel, which calls sc_main.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <systemc>

#include "cli_options.h"
#include "config_file.h"
#include "elf_image.h"
#include "exit_codes.h"
#include "run_control.h"

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
        case ExitKind::error: return "error";
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
        case ExitKind::error:
        case ExitKind::running: break;
    }
    return exit_codes::stalled;
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

int run_command(const CliOptions& options)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    apply_configuration(registry, options);

    RunRequest request;
    request.firmware = options.firmware;
    for (const auto& spec : options.images) {
        request.images.push_back(parse_image_spec(spec));
    }
    configure_logging(options.log_level, options.log_rules);
    const RunOutcome outcome = run_firmware(params, request);
    if (!options.quiet || outcome.kind != ExitKind::firmware) {
        print_summary(outcome);
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
    } catch (const UsageError& error) {
        std::fprintf(stderr, "pimsoc: %s\n", error.what());
        return exit_codes::usage_or_input_error;
    } catch (const ConfigError& error) {
        std::fprintf(stderr, "pimsoc: config error: %s\n", error.what());
        return exit_codes::usage_or_input_error;
    } catch (const ImageError& error) {
        std::fprintf(stderr, "pimsoc: %s\n", error.what());
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
