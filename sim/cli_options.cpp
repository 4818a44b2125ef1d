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
  --trace GROUP,...      signal groups to trace: cpu, bus, irq, dma, uart, rtm, mram, reram, energy, roi
                         (default all)
  --gdb [HOST:]PORT      serve the GDB remote protocol on 127.0.0.1:PORT (or HOST:PORT); port 0
                         picks a free port; the address is printed on stderr
  --gdb-wait             with --gdb: halt at the reset vector until a debugger attaches

exit codes: the firmware's code (0 = pass); 2 bad input; 3 simulator error or trap loop (the
guest makes no progress); 4 stalled (no exit and nothing left to simulate); 124 time limit;
125 instruction limit; 137 killed by the debugger.
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

// --gdb PORT or HOST:PORT (the last colon separates the port, so an IPv6 host may contain colons).
void parse_gdb_option(CliOptions& options, const std::string& text)
{
    const size_t colon = text.rfind(':');
    const std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
    if (colon != std::string::npos) {
        options.gdb.host = text.substr(0, colon);
        if (options.gdb.host.empty()) {
            throw UsageError("option --gdb: '" + text + "' has an empty host (use PORT or HOST:PORT)");
        }
    }
    constexpr unsigned long max_port = 65535;
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoul(port) > max_port) {
        throw UsageError("option --gdb: '" + text + "' is not a TCP port (0..65535) or HOST:PORT");
    }
    options.gdb.port = static_cast<uint16_t>(std::stoul(port));
    options.gdb.enabled = true;
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
        } else if (arg == "--gdb") {
            parse_gdb_option(options, cursor.value_for(arg));
        } else if (arg == "--gdb-wait") {
            options.gdb.wait = true;
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
    if (options.gdb.wait && !options.gdb.enabled) {
        throw UsageError("option --gdb-wait: needs --gdb PORT (where the debugger connects)");
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
