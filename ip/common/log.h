// Logging for SystemC modules: one spdlog logger per module, named by its hierarchical name,
// with the simulated time in every line. Levels are set per module path prefix.
#pragma once

#include <cstdint>
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

// Guest errors (an access to an unmapped address, a bad width, a write to a read-only register)
// can repeat millions of times when a guest loops on one. These lines are rate-limited per logger
// and message text: the first `repeated_line_limit` identical lines are printed, the next one says
// that further copies are suppressed, and flush_repeated_log_lines() (called at the end of a run)
// prints one line with the total count of each suppressed message. A logger at debug or trace
// level prints every line. Lines are logged at warn level.
constexpr uint64_t repeated_line_limit = 10;

void log_repeatable(const Logger& logger, spdlog::level::level_enum level, const std::string& message);

template <typename... Args>
void log_guest_error(const Logger& logger, fmt::format_string<Args...> format, Args&&... args)
{
    if (logger->should_log(spdlog::level::warn)) {
        log_repeatable(logger, spdlog::level::warn, fmt::format(format, std::forward<Args>(args)...));
    }
}

// Prints "<message> (repeated N times in total)" for every message that was suppressed, then
// forgets the counts.
void flush_repeated_log_lines();

}  // namespace pimsoc
