#include "common/log.h"

#include <map>
#include <mutex>
#include <stdexcept>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <systemc>

namespace pimsoc {
namespace {

// "%*" in the pattern: the current simulated time, e.g. "1250 ns".
class SimTimeFlag : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override
    {
        const std::string now = sc_core::sc_time_stamp().to_string();
        dest.append(now.data(), now.data() + now.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<SimTimeFlag>(); }
};

struct LogConfig {
    std::mutex mutex;
    spdlog::level::level_enum default_level = spdlog::level::warn;
    std::vector<LogLevelRule> rules;
    std::shared_ptr<spdlog::sinks::sink> sink;

    spdlog::level::level_enum level_for(const std::string& name) const
    {
        spdlog::level::level_enum level = default_level;
        size_t best = 0;
        bool found = false;
        for (const auto& rule : rules) {
            const bool matches = name.compare(0, rule.prefix.size(), rule.prefix) == 0 &&
                                 (name.size() == rule.prefix.size() || rule.prefix.empty() ||
                                  name[rule.prefix.size()] == '.');
            if (matches && (!found || rule.prefix.size() >= best)) {
                best = rule.prefix.size();
                level = rule.level;
                found = true;
            }
        }
        return level;
    }
};

// Counts of rate-limited lines, per logger and message text. Bounded: past `max_tracked`
// distinct messages, new ones are printed without being counted (a guest sweeping addresses
// makes every line different; those are not "identical repeated lines").
struct RepeatCounts {
    static constexpr size_t max_tracked = 4096;
    std::mutex mutex;
    std::map<std::pair<std::string, std::string>, uint64_t> counts;  // (logger, message) -> lines
    std::vector<std::pair<Logger, std::string>> suppressed;           // in order of first suppression
};

RepeatCounts& repeat_counts()
{
    static RepeatCounts instance;
    return instance;
}

LogConfig& config()
{
    static LogConfig instance;
    return instance;
}

std::shared_ptr<spdlog::sinks::sink> shared_sink()
{
    auto& cfg = config();
    if (!cfg.sink) {
        // Log lines go to stderr so that the firmware's UART output on stdout stays clean.
        cfg.sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        auto formatter = std::make_unique<spdlog::pattern_formatter>();
        formatter->add_flag<SimTimeFlag>('*').set_pattern("[%*] [%n] %^%l%$: %v");
        cfg.sink->set_formatter(std::move(formatter));
    }
    return cfg.sink;
}

}  // namespace

Logger module_logger(const std::string& hierarchical_name)
{
    auto& cfg = config();
    std::lock_guard<std::mutex> lock(cfg.mutex);
    if (auto existing = spdlog::get(hierarchical_name)) {
        return existing;
    }
    auto logger = std::make_shared<spdlog::logger>(hierarchical_name, shared_sink());
    logger->set_level(cfg.level_for(hierarchical_name));
    spdlog::register_logger(logger);
    return logger;
}

void configure_logging(spdlog::level::level_enum default_level, std::vector<LogLevelRule> rules)
{
    auto& cfg = config();
    std::lock_guard<std::mutex> lock(cfg.mutex);
    cfg.default_level = default_level;
    cfg.rules = std::move(rules);
    spdlog::apply_all([&cfg](const Logger& logger) { logger->set_level(cfg.level_for(logger->name())); });
}

spdlog::level::level_enum parse_log_level(const std::string& text)
{
    static const std::pair<const char*, spdlog::level::level_enum> names[] = {
        {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug},
        {"info", spdlog::level::info},   {"warn", spdlog::level::warn},
        {"warning", spdlog::level::warn}, {"error", spdlog::level::err},
        {"critical", spdlog::level::critical}, {"off", spdlog::level::off},
    };
    for (const auto& [name, level] : names) {
        if (text == name) {
            return level;
        }
    }
    throw std::invalid_argument("unknown log level '" + text +
                                "' (expected trace, debug, info, warn, error, critical or off)");
}

void log_repeatable(const Logger& logger, spdlog::level::level_enum level, const std::string& message)
{
    if (logger->level() <= spdlog::level::debug) {
        logger->log(level, message);  // debugging: every line
        return;
    }
    auto& repeats = repeat_counts();
    uint64_t seen = 0;
    {
        std::lock_guard<std::mutex> lock(repeats.mutex);
        const auto key = std::make_pair(logger->name(), message);
        auto found = repeats.counts.find(key);
        if (found == repeats.counts.end() && repeats.counts.size() < RepeatCounts::max_tracked) {
            found = repeats.counts.emplace(key, 0).first;
        }
        if (found != repeats.counts.end()) {
            seen = ++found->second;
            if (seen == repeated_line_limit + 1) {
                repeats.suppressed.emplace_back(logger, message);
            }
        }
    }
    if (seen <= repeated_line_limit) {
        logger->log(level, message);
    } else if (seen == repeated_line_limit + 1) {
        logger->log(level, "{} (repeated {} times; further identical lines suppressed, total at the end)", message,
                    seen);
    }
}

void flush_repeated_log_lines()
{
    auto& repeats = repeat_counts();
    std::vector<std::pair<Logger, std::string>> suppressed;
    std::map<std::pair<std::string, std::string>, uint64_t> counts;
    {
        std::lock_guard<std::mutex> lock(repeats.mutex);
        suppressed.swap(repeats.suppressed);
        counts.swap(repeats.counts);
    }
    for (const auto& [logger, message] : suppressed) {
        logger->warn("{} (repeated {} times in total)", message, counts[{logger->name(), message}]);
    }
}

}  // namespace pimsoc
