#pragma once
// Command line of pimsoc-alloc (docs/allocation.md, "The command").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "solver.h"
#include "time_model.h"

namespace pimsoc::alloc {

struct AllocOptions {
    std::string network;  // a path, or a name in sim/alloc/networks
    int64_t crossbars = 0;
    Hardware hardware;    // crossbar size and bandwidths
    std::optional<std::string> baseline;
    bool all_optima = false;
    int64_t search_nodes = kDefaultSearchNodes;  // 0: the DP alone
    bool json = false;
    bool help = false;
    std::vector<int64_t> copies;  // --copies r1,r2,...: this allocation instead of the optimum
    // The pipeline simulator (docs/allocation.md, "Validation").
    bool simulate = false;        // simulate the printed allocation
    int64_t validate = 0;         // and this many random allocations
    uint64_t seed = 1;
    std::string csv;              // one row per simulated allocation
    bool bus_broadcast = false;
};

// A network file as given, else NAME.json in networks_dir; throws std::runtime_error naming both.
std::string network_path(const std::string& network, const std::string& networks_dir);
// Throws std::invalid_argument with a one-line message on a bad command line.
AllocOptions parse_alloc_options(const std::vector<std::string>& args);
// "buffer=128GB/s,bus=12.8GB/s" into hw's bandwidths (bytes per ns); either key may be left out.
void parse_bandwidth(const std::string& spec, Hardware& hw);
const char* alloc_usage();

}  // namespace pimsoc::alloc
