// The configuration tree's sources: a JSON file (nested objects map to dotted keys) and
// "key=value" overrides from the command line.
#pragma once

#include <string>

#include "common/params.h"

namespace pimsoc {

// Applies every leaf of a JSON file, e.g. {"cpu": {"clock_hz": 50000000}} sets "cpu.clock_hz".
// Throws ConfigError naming the file and the key (unknown key, bad value, array, syntax error
// with its line).
void apply_config_file(ParamRegistry& registry, const std::string& path);

// Applies "key=value"; throws ConfigError naming the key.
void apply_override(ParamRegistry& registry, const std::string& assignment);

}  // namespace pimsoc
