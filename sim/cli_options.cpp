#include "cli_options.h"

#include <algorithm>

#include "common/params.h"
#include "common/tracer.h"
#include "device_table.h"
#include "run_control.h"

namespace pimsoc {

const char* const usage_text =
    R"(pimsoc: a RISC-V SoC virtual platform with processing-in-memory accelerators

usage:
  pimsoc run FIRMWARE.elf [options] [-- ARG...]
                                      boot an ELF on the SoC; exits with the firmware's exit code;
                                      the ARGs reach the firmware's main(argc, argv), argv[0] is
                                      the ELF's file name
  pimsoc config --dump [options]      print every parameter: value, unit, default, doc
  pimsoc --help | --version

options:
  --config FILE          JSON configuration tree, e.g. {"cpu": {"clock_hz": 50000000}} (repeatable)
  --set KEY=VALUE        set one parameter, e.g. --set mem.main.size_bytes=32MiB (repeatable)
  --image FILE@ADDR      load a raw file into memory, e.g. --image data.bin@0x60000000 (repeatable)
  --max-time T           stop after T simulated time (e.g. 10ms); exit code 124
  --max-instructions N   stop after N instructions; exit code 125
  --quantum T            global TLM quantum (e.g. 10us): speed vs interrupt-latency trade-off
  --log LEVEL            default log level: trace, debug, info, warn (default), error, off
  --log MODULE=LEVEL     level for one module path and below, e.g. --log soc.uart0=debug
  --quiet                do not print the end-of-run summary and stats report
  --stats FILE           write the energy/stats report as JSON at the end of the run
  --stats-csv FILE       write the same report as CSV
  --vcd FILE             write a VCD waveform trace of the run (open it with GTKWave)
  --trace GROUP,...      signal groups to trace: cpu, bus, irq, dma, uart, rtm, mram, energy, roi
                         (default all)

exit codes: the firmware's code (0 = pass); 2 bad input; 3 simulator error or trap loop (the
guest makes no progress); 4 stalled (no exit and nothing left to simulate); 124 time limit;
125 instruction limit.
)";

namespace {

class ArgCursor {
public:
    explicit ArgCursor(const std::vector<std::string>& args) : m_args(args) {}
    bool done() const { return m_next >= m_args.size(); }
    const std::string& next() { return m_args[m_next++]; }
    const std::string& value_for(const std::string& option)
    {
        if (done()) {
            throw UsageError("option " + option + " needs a value");
        }
        return next();
    }

private:
    const std::vector<std::string>& m_args;
    size_t m_next = 0;
};

std::string checked_duration_ns(const std::string& option, const std::string& text)
{
    try {
        return std::to_string(parse_duration_ns(text));
    } catch (const std::invalid_argument& error) {
        throw UsageError("option " + option + ": " + error.what());
    }
}

void parse_log_option(CliOptions& options, const std::string& text)
{
    try {
        const auto equals = text.find('=');
        if (equals == std::string::npos) {
            options.log_level = parse_log_level(text);
        } else {
            options.log_rules.push_back({text.substr(0, equals), parse_log_level(text.substr(equals + 1))});
        }
    } catch (const std::invalid_argument& error) {
        throw UsageError(std::string("option --log: ") + error.what());
    }
}

void parse_trace_option(CliOptions& options, const std::string& text)
{
    size_t start = 0;
    for (;;) {
        const size_t comma = text.find(',', start);
        const std::string group = text.substr(start, comma - start);
        if (const std::string problem = Tracer::check_groups({group}, soc_trace_groups()); !problem.empty()) {
            throw UsageError("option --trace: " + problem);
        }
        if (std::find(options.trace_groups.begin(), options.trace_groups.end(), group) == options.trace_groups.end()) {
            options.trace_groups.push_back(group);
        }
        if (comma == std::string::npos) {
            return;
        }
        start = comma + 1;
    }
}

}  // namespace

CliOptions parse_cli(const std::vector<std::string>& args)
{
    CliOptions options;
    ArgCursor cursor(args);
    if (cursor.done()) {
        throw NoCommandError("no command given (try 'pimsoc --help')");
    }
    const std::string command = cursor.next();
    if (command == "--help" || command == "-h" || command == "help") {
        options.command = CliOptions::Command::help;
        return options;
    }
    if (command == "--version") {
        options.command = CliOptions::Command::version;
        return options;
    }
    if (command == "run") {
        options.command = CliOptions::Command::run;
    } else if (command == "config") {
        options.command = CliOptions::Command::config_dump;
    } else {
        throw UsageError("unknown command '" + command + "' (expected run or config)");
    }

    bool dump = false;
    while (!cursor.done()) {
        const std::string arg = cursor.next();
        if (arg == "--" && options.command == CliOptions::Command::run) {
            while (!cursor.done()) {
                options.firmware_args.push_back(cursor.next());
            }
        } else if (arg == "--config") {
            options.config_files.push_back(cursor.value_for(arg));
        } else if (arg == "--set") {
            options.overrides.push_back(cursor.value_for(arg));
        } else if (arg == "--image") {
            options.images.push_back(cursor.value_for(arg));
        } else if (arg == "--max-time") {
            options.overrides.push_back("run.max_time_ns=" + checked_duration_ns(arg, cursor.value_for(arg)));
        } else if (arg == "--quantum") {
            options.overrides.push_back("run.quantum_ns=" + checked_duration_ns(arg, cursor.value_for(arg)));
        } else if (arg == "--max-instructions") {
            options.overrides.push_back("cpu.max_instructions=" + cursor.value_for(arg));
        } else if (arg == "--log") {
            parse_log_option(options, cursor.value_for(arg));
        } else if (arg == "--stats") {
            options.stats_json = cursor.value_for(arg);
        } else if (arg == "--stats-csv") {
            options.stats_csv = cursor.value_for(arg);
        } else if (arg == "--vcd") {
            options.vcd = cursor.value_for(arg);
        } else if (arg == "--trace") {
            parse_trace_option(options, cursor.value_for(arg));
        } else if (arg == "--quiet" || arg == "-q") {
            options.quiet = true;
        } else if (arg == "--dump" && options.command == CliOptions::Command::config_dump) {
            dump = true;
        } else if (arg == "--help" || arg == "-h") {
            options.command = CliOptions::Command::help;
            return options;
        } else if (!arg.empty() && arg[0] == '-') {
            throw UsageError("unknown option '" + arg + "' (try 'pimsoc --help')");
        } else if (options.command == CliOptions::Command::run && options.firmware.empty()) {
            options.firmware = arg;
        } else {
            throw UsageError("unexpected argument '" + arg + "'");
        }
    }
    if (!options.trace_groups.empty() && options.vcd.empty()) {
        throw UsageError("option --trace: needs --vcd FILE (where to write the trace)");
    }
    if (!options.vcd.empty() && options.trace_groups.empty()) {
        options.trace_groups = soc_trace_groups();
    }
    if (options.command == CliOptions::Command::run && options.firmware.empty()) {
        throw UsageError("run: no firmware ELF given (usage: pimsoc run FIRMWARE.elf [options])");
    }
    if (options.command == CliOptions::Command::config_dump && !dump) {
        throw UsageError("config: expected --dump");
    }
    return options;
}

}  // namespace pimsoc
