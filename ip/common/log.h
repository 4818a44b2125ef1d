// Logging for SystemC modules: one spdlog logger per module, named by its hierarchical name,
// with the simulated time in every line. Levels are set per module path prefix.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

namespace pimsoc {

using Logger = std::shared_ptr<spdlog::logger>;

// Returns the logger for a hierarchical name (e.g. "soc.uart0"), creating it on first use with the
// level that the current configuration gives that name.
Logger module_logger(const std::string& hierarchical_name);

struct LogLevelRule {
    std::string prefix;  // module path prefix; "" matches every module
    spdlog::level::level_enum level;
};

// Sets the default level and per-prefix rules (the longest matching prefix wins) and applies them
// to existing and future loggers.
void configure_logging(spdlog::level::level_enum default_level, std::vector<LogLevelRule> rules);

// Parses "trace|debug|info|warn|error|critical|off"; throws std::invalid_argument naming the text.
spdlog::level::level_enum parse_log_level(const std::string& text);

}  // namespace pimsoc
