#pragma once
// Network files (docs/allocation.md, "Network files"): JSON read with Boost.PropertyTree.
#include <string>

#include "network.h"

namespace pimsoc::alloc {

// Reads and validates a network file. Throws std::runtime_error with a one-line message naming
// the file and, where it applies, the layer and key.
Network load_network(const std::string& path);
Network parse_network(const std::string& json_text, const std::string& source_name);

}  // namespace pimsoc::alloc
