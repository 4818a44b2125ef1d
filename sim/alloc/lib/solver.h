#pragma once
// Crossbar allocation solvers: the paper's dynamic programming (Algorithm 2) and an exact pruned
// search used to measure how close the DP gets and to list every optimum.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "network.h"
#include "time_model.h"

namespace pimsoc::alloc {

struct Allocation {
    std::vector<int64_t> copies;  // R_i
    double time_ns = 0;
};

// The tie-break order between allocations: less time, then more crossbars used, then more copies
// for earlier layers (lexicographically larger R). This order picks the paper's published
// allocations among the model's equal optima (docs/allocation.md).
bool preferred(const Allocation& a, const Allocation& b, const std::vector<int64_t>& sets);

// Called with (work done, work total) while a solver runs.
using Progress = std::function<void(int64_t, int64_t)>;

// Throws std::invalid_argument when the network does not fit even with one copy per layer.
void check_fits(const Network& net, int64_t total_crossbars, const Hardware& hw);
// Throws std::invalid_argument (one line) unless copies has one R per layer, each in
// 1..max_copies, using at most total_crossbars.
void check_allocation(const Network& net, const std::vector<int64_t>& copies, int64_t total_crossbars,
                      const Hardware& hw);

// Algorithm 2: T_min[i][G] = best allocation of at most G crossbars to layers 1..i, built from
// T_min[i-1][G - R_i*set_i] and scored with the time model on the prefix; ties by preferred().
Allocation solve_dp(const Network& net, int64_t total_crossbars, const Hardware& hw,
                    const Progress& progress = {});

// Exact minimum by depth-first search with a lower bound (T_step so far x the largest normal step
// count any layer must still take). Returns every allocation with the optimum time (at most
// `limit` of them, preferred() first); `upper_bound_ns` (e.g. the DP's time) seeds the
// pruning.
struct SearchResult {
    double time_ns = 0;
    std::vector<std::vector<int64_t>> optima;
    bool truncated = false;  // more optima than `limit`
    int64_t nodes = 0;
    bool complete = true;  // false: stopped after max_nodes, the optima are the best seen
};
SearchResult search_optima(const Network& net, int64_t total_crossbars, const Hardware& hw,
                           double upper_bound_ns, size_t limit = 1000,
                           int64_t max_nodes = std::numeric_limits<int64_t>::max());

// The command's solver: the DP, then the exact search seeded with the DP's time, which proves
// the result optimal (or finds better) and applies the tie-break over all equal optima. The
// search stops after max_nodes (0: no search); the DP's answer (or the best seen) stands then.
// About 10 s on one core of the machine this was written on.
constexpr int64_t kDefaultSearchNodes = 20'000'000;
struct Solution {
    Allocation best;
    Allocation dp;
    SearchResult search;
};
Solution solve(const Network& net, int64_t total_crossbars, const Hardware& hw,
               const Progress& progress = {}, size_t optima_limit = 1000,
               int64_t max_nodes = kDefaultSearchNodes);

}  // namespace pimsoc::alloc
