// The configuration tree's sources: a JSON file (nested objects map to dotted keys) and
// "key=value" overrides from the command line.
#pragma once

#include <cstddef>
#include <string>

#include "common/params.h"

namespace pimsoc {

// Deepest nesting of objects/arrays a config file may have (checked before parsing).
constexpr unsigned max_config_nesting = 64;
// Largest config file read (a real one is a few KiB).
constexpr size_t max_config_bytes = 1 << 20;

// Applies every leaf of a JSON file, e.g. {"cpu": {"clock_hz": 50000000}} sets "cpu.clock_hz".
// Throws ConfigError naming the file and the key (unknown key, bad value, array, syntax error
// with its line, nesting deeper than max_config_nesting, larger than max_config_bytes).
void apply_config_file(ParamRegistry& registry, const std::string& path);

// Applies "key=value"; throws ConfigError naming the key.
void apply_override(ParamRegistry& registry, const std::string& assignment);

}  // namespace pimsoc
