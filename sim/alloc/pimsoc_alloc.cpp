// pimsoc-alloc: the optimal crossbar allocation of a CNN on a layer-pipelined ReRAM accelerator
// (Li, Han, Chen, TODAES 2024), or a heuristic's, with the time model's breakdown per layer; with
// --simulate / --validate, the model against the step-level pipeline simulator.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "alloc_options.h"
#include "alloc_report.h"
#include "exit_codes.h"
#include "heuristics.h"
#include "network_json.h"
#include "simulation.h"
#include "solver.h"

using namespace pimsoc::alloc;

namespace {
// A progress bar on stderr, only for a terminal and only once a run has taken a second.
Progress progress_bar(const char* what) {
    if (!isatty(STDERR_FILENO)) return {};
    const auto start = std::chrono::steady_clock::now();
    return [start, what, last = -1](int64_t done, int64_t total) mutable {
        if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
        const int percent = static_cast<int>(100 * done / std::max<int64_t>(total, 1));
        if (percent == last) return;
        last = percent;
        const int filled = percent / 5;
        std::fprintf(stderr, "\r%s [%s%s] %3d%%%s", what, std::string(filled, '#').c_str(),
                     std::string(20 - filled, '.').c_str(), percent, percent == 100 ? "\n" : "");
    };
}

// One CSV row per simulated allocation (docs/allocation.md, "Validation").
class CsvRows {
public:
    explicit CsvRows(const std::string& path) {
        if (path.empty()) return;
        m_file.open(path);
        if (!m_file) throw std::runtime_error(path + ": cannot write the CSV file");
        m_file << "index,kind,R,model_steps,simulated_steps,model_us,simulated_us,error\n";
    }
    void write(int64_t index, const std::string& kind, const Simulated& s) {
        if (!m_file.is_open()) return;
        m_file << index << "," << kind << ",";
        for (size_t i = 0; i < s.copies.size(); ++i) m_file << (i ? " " : "") << s.copies[i];
        char numbers[160];
        std::snprintf(numbers, sizeof numbers, ",%lld,%lld,%.6f,%.6f,%.6g\n",
                      static_cast<long long>(s.model.steps), static_cast<long long>(s.run.steps),
                      s.model.total_ns / 1000.0, s.run.total_ns / 1000.0, s.error);
        m_file << numbers;
    }

private:
    std::ofstream m_file;
};
}  // namespace

int main(int argc, char** argv) {
    try {
        const AllocOptions o = parse_alloc_options(std::vector<std::string>(argv + 1, argv + argc));
        if (o.help) {
            std::cout << alloc_usage();
            return 0;
        }
        const Network net = load_network(network_path(o.network, PIMSOC_ALLOC_NETWORKS_DIR));
        Hardware hw = o.hardware;
        std::optional<pimsoc::reram::PipelineSetup> setup;
        if (o.simulate) {
            // The model computes with the tile model's step too, so that the comparison measures
            // the step counts and data access, not two different TCs.
            setup = pipeline_setup(net, hw, o.bus_broadcast);
            hw = with_tile_stage(hw, *setup);
            setup->hw = hw;
        }
        check_fits(net, o.crossbars, hw);
        Report report{net, o.crossbars, hw, {}, "optimum", {}, {}, false, {}, {}, 1};
        if (!o.copies.empty()) {
            check_allocation(net, o.copies, o.crossbars, hw);
            report.label = "given";
            report.copies = o.copies;
        } else {
            const Solution solution = solve(net, o.crossbars, hw, progress_bar("solving"), 1000, o.search_nodes);
            if (o.baseline) {
                report.label = "baseline " + *o.baseline;
                report.copies = baseline_allocation(*o.baseline, net, o.crossbars, hw.crossbar_size);
                report.optimum_ns = solution.best.time_ns;
            } else {
                report.copies = solution.best.copies;
                report.search = solution.search;
                report.show_optima = o.all_optima;
            }
        }
        if (setup) {
            CsvRows csv(o.csv);
            report.simulated = simulate(net, report.copies, hw, *setup);
            csv.write(0, report.label, *report.simulated);
            report.seed = o.seed;
            if (o.validate) {
                Progress bar = progress_bar("simulating");
                report.validation =
                    validate_random(net, o.crossbars, hw, *setup, o.validate, o.seed, [&](int64_t k, const Simulated& s) {
                        csv.write(k, "random", s);
                        if (bar) bar(k, o.validate);
                    });
            }
        }
        std::cout << (o.json ? json_report(report) : text_report(report));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "pimsoc-alloc: " << e.what() << "\n";
        if (std::string(e.what()).find("NETWORK") != std::string::npos) std::cerr << alloc_usage();
        return pimsoc::exit_codes::usage_or_input_error;
    }
}
