// The pimsoc command line.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "common/log.h"
#include "gdb_run_control.h"

namespace pimsoc {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CliOptions {
    enum class Command { help, version, run, config_dump };
    Command command = Command::help;
    std::string firmware;
    std::vector<std::string> firmware_args;  // the words after `--`: main's argv[1..] (argv[0] = firmware)
    std::vector<std::string> config_files;
    std::vector<std::string> overrides;  // "key=value", applied after the config files, in order
    std::vector<std::string> images;     // FILE@ADDR
    spdlog::level::level_enum log_level = spdlog::level::warn;
    std::vector<LogLevelRule> log_rules;
    bool quiet = false;
    std::string stats_json;  // --stats FILE: the ledger's report as JSON at the end of the run
    std::string stats_csv;   // --stats-csv FILE: the same as CSV
    std::string vcd;                       // --vcd FILE: waveform trace of the run
    std::vector<std::string> trace_groups;  // --trace GROUP,...: default (with --vcd) all groups
    GdbOptions gdb;                         // --gdb [HOST:]PORT, --gdb-wait
};

// Throws NoCommandError when `args` is empty (the caller prints the usage) and UsageError naming the
// offending argument.
class NoCommandError : public UsageError {
public:
    using UsageError::UsageError;
};

CliOptions parse_cli(const std::vector<std::string>& args);

extern const char* const usage_text;

}  // namespace pimsoc
