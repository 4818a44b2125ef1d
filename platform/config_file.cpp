#include "config_file.h"

#include <filesystem>
#include <fstream>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace pimsoc {
namespace {

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
    boost::property_tree::ptree tree;
    try {
        boost::property_tree::read_json(in, tree);
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
