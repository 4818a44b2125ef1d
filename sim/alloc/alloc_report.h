#pragma once
// pimsoc-alloc's output: a table per layer ending with "R: r1 r2 ...", or one JSON object.
#include <optional>
#include <string>
#include <vector>

#include "network.h"
#include "simulation.h"
#include "solver.h"
#include "time_model.h"

namespace pimsoc::alloc {

struct Report {
    const Network& net;
    int64_t crossbars;
    Hardware hardware;
    std::vector<int64_t> copies;
    std::string label;                  // "optimum" or "baseline NAME"
    std::optional<SearchResult> search;  // the optimum's exact search
    std::optional<double> optimum_ns;    // a baseline's: the optimum's time, for the ratio
    bool show_optima = false;
    std::optional<Simulated> simulated;           // --simulate: this allocation on the pipeline simulator
    std::optional<ValidationSummary> validation;  // --validate K
    uint64_t seed = 1;
};

std::string text_report(const Report& r);
std::string json_report(const Report& r);

}  // namespace pimsoc::alloc
