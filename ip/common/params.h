// Configuration parameters: each IP keeps its parameters in a plain struct whose member
// initializers are the documented defaults, and binds the members to hierarchical keys with a unit
// and a one-line doc. The platform composes the bindings into one tree ("cpu.clock_hz",
// "mem.main.size_bytes"), applies a config file and --set overrides to it, and dumps it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace pimsoc {

// A configuration problem (unknown key, malformed value); the message names the key.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ParamInfo {
    std::string key;
    std::string type;  // "uint", "int", "real", "bool", "string"
    std::string unit;  // "" when dimensionless
    std::string doc;
    std::string default_text;
    std::function<std::string()> current;           // formats the bound member's value
    std::function<void(const std::string&)> parse;  // parses text into the bound member or throws
};

class ParamRegistry;

// Binds struct members under a key prefix. Cheap to copy; scope() nests.
class ParamBinder {
public:
    explicit ParamBinder(ParamRegistry& registry, std::string prefix = "");
    ParamBinder scope(const std::string& name) const;

    // Unsigned integers accept decimal, 0x hex and the size suffixes K, M, G, Ki, Mi, Gi
    // (optionally followed by B), e.g. "16MiB" or "0x1000".
    void bind(const std::string& name, uint64_t& value, const std::string& unit, const std::string& doc) const;
    void bind(const std::string& name, uint32_t& value, const std::string& unit, const std::string& doc) const;
    void bind(const std::string& name, int64_t& value, const std::string& unit, const std::string& doc) const;
    // Reals are physical magnitudes (energies, latencies, powers, lengths, fractions): negative
    // values are refused.
    void bind(const std::string& name, double& value, const std::string& unit, const std::string& doc) const;
    void bind(const std::string& name, bool& value, const std::string& unit, const std::string& doc) const;
    void bind(const std::string& name, std::string& value, const std::string& unit, const std::string& doc) const;

private:
    std::string full_key(const std::string& name) const;
    ParamRegistry* m_registry;
    std::string m_prefix;
};

class ParamRegistry {
public:
    ParamBinder root() { return ParamBinder(*this); }

    void add(ParamInfo info);  // throws ConfigError on a duplicate key

    // Sets a parameter from text; throws ConfigError naming the key when it is unknown or the
    // value is malformed.
    void set(const std::string& key, const std::string& text);

    bool contains(const std::string& key) const { return m_params.count(key) != 0; }
    std::string get_text(const std::string& key) const;
    const std::map<std::string, ParamInfo>& params() const { return m_params; }

    // One line per parameter: key = value [unit] (default ...): doc
    std::string dump() const;

private:
    std::map<std::string, ParamInfo> m_params;
};

// Parsers shared by the binder and the command line; each throws std::invalid_argument.
uint64_t parse_uint(const std::string& text);
int64_t parse_int(const std::string& text);
double parse_real(const std::string& text);
bool parse_bool(const std::string& text);
// "10ms", "2.5us", "1s", "100ns", "500ps" -> nanoseconds (a unit is required).
uint64_t parse_duration_ns(const std::string& text);

}  // namespace pimsoc
