#include "power/model/failure_schedule.h"

#include <cmath>
#include <stdexcept>

namespace pimsoc::power {

namespace {

struct ModeName {
    SupplyMode mode;
    const char* name;
};
constexpr ModeName mode_names[] = {{SupplyMode::off, "off"},         {SupplyMode::times, "times"},
                                   {SupplyMode::periodic, "periodic"}, {SupplyMode::random, "random"},
                                   {SupplyMode::harvest, "harvest"}};

}  // namespace

SupplyMode parse_supply_mode(const std::string& text)
{
    for (const ModeName& m : mode_names) {
        if (text == m.name) {
            return m.mode;
        }
    }
    throw std::invalid_argument("power.mode: '" + text + "' is not a mode (off, times, periodic, random, harvest)");
}

const char* supply_mode_name(SupplyMode mode)
{
    for (const ModeName& m : mode_names) {
        if (m.mode == mode) {
            return m.name;
        }
    }
    return "?";
}

FailureSchedule::FailureSchedule(const ScheduleConfig& config, RandomStream stream)
    : m_config(config), m_stream(stream)
{
    switch (config.mode) {
    case SupplyMode::times:
        if (config.times_ns.empty()) {
            throw std::invalid_argument("power.times: the times mode needs at least one failure time");
        }
        for (size_t i = 1; i < config.times_ns.size(); ++i) {
            if (config.times_ns[i] <= config.times_ns[i - 1]) {
                throw std::invalid_argument("power.times: failure times must be strictly increasing");
            }
        }
        if (config.times_ns.front() == 0) {
            throw std::invalid_argument("power.times: a failure at time 0 leaves nothing to run");
        }
        break;
    case SupplyMode::periodic:
        if (config.period_ns == 0) {
            throw std::invalid_argument("power.period: must be > 0");
        }
        break;
    case SupplyMode::random:
        if (config.mtbf_ns == 0) {
            throw std::invalid_argument("power.mtbf: must be > 0");
        }
        break;
    case SupplyMode::off:
        break;
    case SupplyMode::harvest:
        throw std::invalid_argument("power.mode: the harvest mode has no failure schedule");
    }
}

std::optional<uint64_t> FailureSchedule::next_failure(uint64_t boot_ns)
{
    switch (m_config.mode) {
    case SupplyMode::times:
        while (m_next_listed < m_config.times_ns.size() && m_config.times_ns[m_next_listed] <= boot_ns) {
            ++m_next_listed;  // fell while the power was off
        }
        if (m_next_listed == m_config.times_ns.size()) {
            return std::nullopt;
        }
        return m_config.times_ns[m_next_listed++];
    case SupplyMode::periodic:
        return boot_ns + m_config.period_ns;
    case SupplyMode::random: {
        // Time powered: exponential with mean mtbf, at least 1 ns so that every boot runs.
        const double on_ns = m_stream.exponential(1.0 / static_cast<double>(m_config.mtbf_ns));
        return boot_ns + std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(on_ns)));
    }
    case SupplyMode::off:
    case SupplyMode::harvest:
        break;
    }
    return std::nullopt;
}

}  // namespace pimsoc::power
