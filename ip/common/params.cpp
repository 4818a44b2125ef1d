#include "common/params.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace pimsoc {
namespace {

std::string format_real(double value)
{
    std::ostringstream out;
    out.precision(std::numeric_limits<double>::max_digits10 - 2);
    out << value;
    return out.str();
}

template <typename Int>
void bind_integer(ParamRegistry& registry, const std::string& key, Int& value, const char* type,
                  const std::string& unit, const std::string& doc)
{
    ParamInfo info{key, type, unit, doc, std::to_string(value), nullptr, nullptr};
    info.current = [&value] { return std::to_string(value); };
    info.parse = [&value](const std::string& text) {
        if constexpr (std::is_signed_v<Int>) {
            value = static_cast<Int>(parse_int(text));
        } else {
            const uint64_t parsed = parse_uint(text);
            if (parsed > std::numeric_limits<Int>::max()) {
                throw std::invalid_argument("value " + text + " is out of range");
            }
            value = static_cast<Int>(parsed);
        }
    };
    registry.add(std::move(info));
}

}  // namespace

uint64_t parse_uint(const std::string& text)
{
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0]))) {
        throw std::invalid_argument("'" + text + "' is not an unsigned integer");
    }
    errno = 0;
    char* end = nullptr;
    const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    const unsigned long long number = std::strtoull(text.c_str(), &end, hex ? 16 : 10);
    if (errno == ERANGE) {
        throw std::invalid_argument("'" + text + "' is out of range");
    }
    std::string suffix(end);
    if (!suffix.empty() && (suffix.back() == 'B' || suffix.back() == 'b') && suffix != "b") {
        suffix.pop_back();
    }
    static const std::pair<const char*, uint64_t> multipliers[] = {
        {"", 1},           {"K", 1000},        {"M", 1000000},        {"G", 1000000000},
        {"Ki", 1ull << 10}, {"Mi", 1ull << 20}, {"Gi", 1ull << 30},
    };
    for (const auto& [name, factor] : multipliers) {
        if (suffix == name) {
            if (number > std::numeric_limits<uint64_t>::max() / factor) {
                throw std::invalid_argument("'" + text + "' is out of range");
            }
            return number * factor;
        }
    }
    throw std::invalid_argument("'" + text + "' is not an unsigned integer (bad suffix '" + suffix + "')");
}

int64_t parse_int(const std::string& text)
{
    const bool negative = !text.empty() && text[0] == '-';
    const uint64_t magnitude = parse_uint(negative ? text.substr(1) : text);
    if (magnitude > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0)) {
        throw std::invalid_argument("'" + text + "' is out of range");
    }
    return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

double parse_real(const std::string& text)
{
    errno = 0;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value)) {
        throw std::invalid_argument("'" + text + "' is not a finite real number");
    }
    return value;
}

uint64_t parse_duration_ns(const std::string& text)
{
    static const std::pair<const char*, double> units[] = {
        {"ps", 1e-3}, {"ns", 1.0}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9},
    };
    for (const auto& [unit, scale] : units) {
        const std::string suffix(unit);
        if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
            const std::string number = text.substr(0, text.size() - suffix.size());
            const double value = parse_real(number) * scale;
            if (value < 0 || value > 1.8e19) {
                throw std::invalid_argument("'" + text + "' is out of range");
            }
            return static_cast<uint64_t>(std::llround(value));
        }
    }
    throw std::invalid_argument("'" + text + "' is not a duration (use a unit: s, ms, us, ns, ps)");
}

bool parse_bool(const std::string& text)
{
    if (text == "true" || text == "1" || text == "on" || text == "yes") {
        return true;
    }
    if (text == "false" || text == "0" || text == "off" || text == "no") {
        return false;
    }
    throw std::invalid_argument("'" + text + "' is not a boolean (true/false)");
}

ParamBinder::ParamBinder(ParamRegistry& registry, std::string prefix)
    : m_registry(&registry), m_prefix(std::move(prefix))
{
}

ParamBinder ParamBinder::scope(const std::string& name) const { return ParamBinder(*m_registry, full_key(name)); }

std::string ParamBinder::full_key(const std::string& name) const
{
    return m_prefix.empty() ? name : m_prefix + "." + name;
}

void ParamBinder::bind(const std::string& name, uint64_t& value, const std::string& unit, const std::string& doc) const
{
    bind_integer(*m_registry, full_key(name), value, "uint", unit, doc);
}

void ParamBinder::bind(const std::string& name, uint32_t& value, const std::string& unit, const std::string& doc) const
{
    bind_integer(*m_registry, full_key(name), value, "uint", unit, doc);
}

void ParamBinder::bind(const std::string& name, int64_t& value, const std::string& unit, const std::string& doc) const
{
    bind_integer(*m_registry, full_key(name), value, "int", unit, doc);
}

void ParamBinder::bind(const std::string& name, double& value, const std::string& unit, const std::string& doc) const
{
    ParamInfo info{full_key(name), "real", unit, doc, format_real(value), nullptr, nullptr};
    info.current = [&value] { return format_real(value); };
    info.parse = [&value](const std::string& text) {
        const double parsed = parse_real(text);
        if (parsed < 0) {
            throw std::invalid_argument("'" + text + "' is negative: a real parameter is a physical magnitude (>= 0)");
        }
        value = parsed;
    };
    m_registry->add(std::move(info));
}

void ParamBinder::bind(const std::string& name, bool& value, const std::string& unit, const std::string& doc) const
{
    ParamInfo info{full_key(name), "bool", unit, doc, value ? "true" : "false", nullptr, nullptr};
    info.current = [&value] { return std::string(value ? "true" : "false"); };
    info.parse = [&value](const std::string& text) { value = parse_bool(text); };
    m_registry->add(std::move(info));
}

void ParamBinder::bind(const std::string& name, std::string& value, const std::string& unit,
                       const std::string& doc) const
{
    ParamInfo info{full_key(name), "string", unit, doc, value, nullptr, nullptr};
    info.current = [&value] { return value; };
    info.parse = [&value](const std::string& text) { value = text; };
    m_registry->add(std::move(info));
}

void ParamRegistry::add(ParamInfo info)
{
    const std::string key = info.key;
    if (!m_params.emplace(key, std::move(info)).second) {
        throw ConfigError("parameter '" + key + "' is declared twice");
    }
}

void ParamRegistry::set(const std::string& key, const std::string& text)
{
    const auto it = m_params.find(key);
    if (it == m_params.end()) {
        throw ConfigError("unknown parameter '" + key + "' (see 'pimsoc config --dump')");
    }
    try {
        it->second.parse(text);
    } catch (const std::invalid_argument& error) {
        throw ConfigError("parameter '" + key + "' (" + it->second.type + "): " + error.what());
    }
}

std::string ParamRegistry::get_text(const std::string& key) const
{
    const auto it = m_params.find(key);
    if (it == m_params.end()) {
        throw ConfigError("unknown parameter '" + key + "'");
    }
    return it->second.current();
}

std::string ParamRegistry::dump() const
{
    std::ostringstream out;
    for (const auto& [key, info] : m_params) {
        const std::string value = info.current();
        out << key << " = " << (info.type == "string" ? "\"" + value + "\"" : value);
        if (!info.unit.empty()) {
            out << " [" << info.unit << "]";
        }
        const std::string& fallback = info.default_text;
        out << " (" << info.type << ", default " << (info.type == "string" ? "\"" + fallback + "\"" : fallback)
            << "): " << info.doc << "\n";
    }
    return out.str();
}

}  // namespace pimsoc
