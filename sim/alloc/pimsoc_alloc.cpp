// pimsoc-alloc: the optimal crossbar allocation of a CNN on a layer-pipelined ReRAM accelerator
// (Li, Han, Chen, TODAES 2024), or a heuristic's, with the time model's breakdown per layer.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "alloc_options.h"
#include "alloc_report.h"
#include "exit_codes.h"
#include "heuristics.h"
#include "network_json.h"
#include "solver.h"

using namespace pimsoc::alloc;

namespace {
// A file path as given, else a name in the source tree's network folder.
std::string network_path(const std::string& network) {
    if (std::filesystem::exists(network)) return network;
    const std::string named = std::string(PIMSOC_ALLOC_NETWORKS_DIR) + "/" + network + ".json";
    if (network.find('/') == std::string::npos && std::filesystem::exists(named)) return named;
    throw std::runtime_error("no network file \"" + network + "\" (nor " + named + ")");
}

// A progress bar on stderr, only for a terminal and only once a run has taken a second.
Progress progress_bar() {
    if (!isatty(STDERR_FILENO)) return {};
    const auto start = std::chrono::steady_clock::now();
    return [start, last = -1](int64_t done, int64_t total) mutable {
        if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
        const int percent = static_cast<int>(100 * done / std::max<int64_t>(total, 1));
        if (percent == last) return;
        last = percent;
        const int filled = percent / 5;
        std::fprintf(stderr, "\rsolving [%s%s] %3d%%%s", std::string(filled, '#').c_str(),
                     std::string(20 - filled, '.').c_str(), percent, percent == 100 ? "\n" : "");
    };
}
}  // namespace

int main(int argc, char** argv) {
    try {
        const AllocOptions o = parse_alloc_options(std::vector<std::string>(argv + 1, argv + argc));
        if (o.help) {
            std::cout << alloc_usage();
            return 0;
        }
        const Network net = load_network(network_path(o.network));
        check_fits(net, o.crossbars, o.hardware);
        Report report{net, o.crossbars, o.hardware, {}, "optimum", {}, {}};
        const Solution solution =
            solve(net, o.crossbars, o.hardware, progress_bar(), 1000, o.search_nodes);
        if (o.baseline) {
            report.label = "baseline " + *o.baseline;
            report.copies = baseline_allocation(*o.baseline, net, o.crossbars, o.hardware.crossbar_size);
            report.optimum_ns = solution.best.time_ns;
        } else {
            report.copies = solution.best.copies;
            report.search = solution.search;
            report.show_optima = o.all_optima;
        }
        std::cout << (o.json ? json_report(report) : text_report(report));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "pimsoc-alloc: " << e.what() << "\n";
        if (std::string(e.what()).find("NETWORK") != std::string::npos) std::cerr << alloc_usage();
        return pimsoc::exit_codes::usage_or_input_error;
    }
}
