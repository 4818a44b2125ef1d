#include "config_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace pimsoc {
namespace {

// read_json recurses once per nesting level with no limit, so a deeply nested file would overflow
// the host stack: the nesting is measured first, by a scan that skips strings. The deepest real
// key (e.g. mem.main.size_bytes) is a few levels; anything past the limit is not a configuration.
void check_nesting(const std::string& text, const std::string& path)
{
    unsigned depth = 0;
    unsigned line = 1;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
        }
        if (in_string) {
            if (c == '\\') {
                ++i;  // the escaped character cannot end the string
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_config_nesting) {
                throw ConfigError(path + ":" + std::to_string(line) + ": JSON nested deeper than " +
                                  std::to_string(max_config_nesting) + " levels");
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
}

void apply_tree(ParamRegistry& registry, const boost::property_tree::ptree& tree, const std::string& prefix,
                const std::string& path)
{
    for (const auto& [name, child] : tree) {
        if (name.empty()) {
            throw ConfigError(path + ": key '" + prefix + "' holds an array; expected an object or a value");
        }
        const std::string key = prefix.empty() ? name : prefix + "." + name;
        if (child.empty()) {
            try {
                registry.set(key, child.data());
            } catch (const ConfigError& error) {
                throw ConfigError(path + ": " + error.what());
            }
        } else {
            apply_tree(registry, child, key, path);
        }
    }
}

}  // namespace

void apply_config_file(ParamRegistry& registry, const std::string& path)
{
    std::error_code ignored;
    std::ifstream in(path);
    if (std::filesystem::is_directory(path, ignored) || !in) {
        throw ConfigError(path + ": cannot open config file");
    }
    // Read at most one byte past the limit: a pipe or device (/dev/zero) may never end.
    std::string text(max_config_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > max_config_bytes) {
        throw ConfigError(path + ": config file larger than " + std::to_string(max_config_bytes) + " bytes");
    }
    check_nesting(text, path);
    std::istringstream json(text);
    boost::property_tree::ptree tree;
    try {
        boost::property_tree::read_json(json, tree);
    } catch (const boost::property_tree::json_parser_error& error) {
        throw ConfigError(path + ":" + std::to_string(error.line()) + ": JSON syntax error: " + error.message());
    }
    apply_tree(registry, tree, "", path);
}

void apply_override(ParamRegistry& registry, const std::string& assignment)
{
    const auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
        throw ConfigError("--set " + assignment + ": expected key=value");
    }
    registry.set(assignment.substr(0, equals), assignment.substr(equals + 1));
}

}  // namespace pimsoc
