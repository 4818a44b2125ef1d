#include "solver.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace pimsoc::alloc {

namespace {
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

int64_t crossbars_used(const std::vector<int64_t>& copies, const std::vector<int64_t>& sets) {
    int64_t used = 0;
    for (size_t i = 0; i < copies.size(); ++i) used += copies[i] * sets[i];
    return used;
}
}  // namespace

bool preferred(const Allocation& a, const Allocation& b, const std::vector<int64_t>& sets) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    const int64_t used_a = crossbars_used(a.copies, sets), used_b = crossbars_used(b.copies, sets);
    if (used_a != used_b) return used_a > used_b;
    return a.copies > b.copies;
}

void check_fits(const Network& net, int64_t total_crossbars, const Hardware& hw) {
    const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
    const int64_t minimum = std::accumulate(sets.begin(), sets.end(), int64_t{0});
    if (minimum > total_crossbars)
        throw std::invalid_argument(net.name + " needs at least " + std::to_string(minimum) +
                                    " crossbars of " + std::to_string(hw.crossbar_size) + " x " +
                                    std::to_string(hw.crossbar_size) + " (one copy per layer), " +
                                    std::to_string(total_crossbars) + " given");
}

void check_allocation(const Network& net, const std::vector<int64_t>& copies, int64_t total_crossbars,
                      const Hardware& hw) {
    if (copies.size() != net.layers.size())
        throw std::invalid_argument("the allocation has " + std::to_string(copies.size()) + " copy counts, " +
                                    net.name + " has " + std::to_string(net.layers.size()) + " layers");
    for (size_t i = 0; i < copies.size(); ++i)
        if (copies[i] < 1 || copies[i] > max_copies(net.layers[i]))
            throw std::invalid_argument("layer " + std::to_string(i + 1) + " (" + net.layers[i].name + "): R = " +
                                        std::to_string(copies[i]) + " is not in 1.." +
                                        std::to_string(max_copies(net.layers[i])));
    const int64_t used = crossbars_used(copies, crossbar_sets(net, hw.crossbar_size));
    if (used > total_crossbars)
        throw std::invalid_argument("the allocation uses " + std::to_string(used) + " crossbars, " +
                                    std::to_string(total_crossbars) + " given");
}

namespace {
// A DP cell: the best prefix allocation for a budget, with the pipeline state the next layer's
// step counts need.
struct Prefix {
    std::vector<int64_t> copies, pre;
    int64_t op = 0;
    double step_ns = 0;
    double time_ns = std::numeric_limits<double>::infinity();
};
}  // namespace

Allocation solve_dp(const Network& net, int64_t total_crossbars, const Hardware& hw,
                    const Progress& progress) {
    check_fits(net, total_crossbars, hw);
    const size_t layers = net.layers.size();
    const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
    // prefix_min[i]: crossbars layers 0..i-1 need at least; suffix_min[i]: layers i+1.. need.
    std::vector<int64_t> prefix_min(layers + 1, 0), suffix_min(layers, 0);
    for (size_t i = 0; i < layers; ++i) prefix_min[i + 1] = prefix_min[i] + sets[i];
    for (size_t i = layers; i-- > 1;) suffix_min[i - 1] = suffix_min[i] + sets[i];

    // The best prefix per budget G (at most G crossbars); only the previous layer's row is kept.
    std::vector<Prefix> previous(total_crossbars + 1), current(total_crossbars + 1);
    const Prefix empty;
    const int64_t work_total = static_cast<int64_t>(layers) * total_crossbars;
    for (size_t i = 0; i < layers; ++i) {
        const int64_t budget_hi = total_crossbars - suffix_min[i];
        for (int64_t budget = prefix_min[i + 1]; budget <= budget_hi; ++budget) {
            const int64_t r_hi =
                std::min(max_copies(net.layers[i]), (budget - prefix_min[i]) / sets[i]);
            // Layer 0 alone: more copies are never slower, so all of the budget goes to it.
            Allocation best{{}, std::numeric_limits<double>::infinity()}, candidate;
            const Prefix* best_before = nullptr;
            LayerSteps best_steps;
            double best_step_ns = 0;
            for (int64_t r = (i == 0 ? r_hi : 1); r <= r_hi; ++r) {
                const Prefix& before = i == 0 ? empty : previous[budget - r * sets[i]];
                const LayerSteps steps = next_layer_steps(net, before.copies, before.pre, before.op, r);
                const double step_ns = std::max(
                    before.step_ns,
                    layer_step_ns(net, sets, i, r, i ? before.copies.back() : 0, hw));
                candidate.time_ns = step_ns * static_cast<double>(steps.op);
                candidate.copies = before.copies;
                candidate.copies.push_back(r);
                if (preferred(candidate, best, sets)) {
                    std::swap(best, candidate);
                    best_before = &before;
                    best_steps = steps;
                    best_step_ns = step_ns;
                }
            }
            Prefix& cell = current[budget];
            cell.copies = std::move(best.copies);
            cell.pre = best_before->pre;
            cell.pre.push_back(best_steps.pre);
            cell.op = best_steps.op;
            cell.step_ns = best_step_ns;
            cell.time_ns = best.time_ns;
            if (progress) progress(static_cast<int64_t>(i) * total_crossbars + budget, work_total);
        }
        std::swap(previous, current);
    }
    if (progress) progress(work_total, work_total);
    return {previous[total_crossbars].copies, previous[total_crossbars].time_ns};
}

namespace {
struct Search {
    const Network& net;
    const Hardware& hw;
    std::vector<int64_t> sets, remaining_min;  // remaining_min[i]: layers i.. need at least
    size_t limit;
    int64_t max_nodes;
    SearchResult result;
    std::vector<int64_t> copies;
    // A time within this relative margin of the best counts as equal (float noise only).
    static constexpr double kSame = 1e-12;

    bool worse(double t) const { return t > result.time_ns * (1 + kSame); }

    void visit(size_t i, int64_t budget, double step_ns, int64_t max_normal) {
        if (result.nodes >= max_nodes) {
            result.complete = false;
            return;
        }
        ++result.nodes;
        const size_t layers = net.layers.size();
        if (i == layers) {
            const double t = prefix_time_ns(net, sets, copies, hw);
            if (worse(t)) return;
            if (t < result.time_ns * (1 - kSame)) {
                result.time_ns = t;
                result.optima.clear();
                result.truncated = false;
            }
            if (result.optima.size() < limit)
                result.optima.push_back(copies);
            else
                result.truncated = true;
            return;
        }
        const Layer& layer = net.layers[i];
        const int64_t r_hi = std::min(max_copies(layer), (budget - remaining_min[i + 1]) / sets[i]);
        for (int64_t r = 1; r <= r_hi; ++r) {
            const int64_t normal = ceil_div(layer.outputs(), r);
            copies.push_back(r);
            const double layer_step = layer_step_ns(net, sets, i, r, i ? copies[i - 1] : 0, hw);
            const double bound_step = std::max(step_ns, layer_step);
            const int64_t bound_normal = std::max(max_normal, normal);
            if (!worse(bound_step * static_cast<double>(bound_normal)) &&
                !worse(bound_step * static_cast<double>(remaining_normal(i + 1, budget - r * sets[i])))) {
                visit(i + 1, budget - r * sets[i], bound_step, bound_normal);
            }
            copies.pop_back();
        }
    }

    // The most normal steps some later layer needs even with all the budget it could get.
    int64_t remaining_normal(size_t from, int64_t budget) const {
        int64_t worst = 0;
        for (size_t k = from; k < net.layers.size(); ++k) {
            const int64_t r =
                std::min(max_copies(net.layers[k]), (budget - (remaining_min[from] - sets[k])) / sets[k]);
            worst = std::max(worst, ceil_div(net.layers[k].outputs(), std::max<int64_t>(r, 1)));
        }
        return worst;
    }
};
}  // namespace

SearchResult search_optima(const Network& net, int64_t total_crossbars, const Hardware& hw,
                           double upper_bound_ns, size_t limit, int64_t max_nodes) {
    check_fits(net, total_crossbars, hw);
    Search s{net, hw, crossbar_sets(net, hw.crossbar_size), {}, limit, max_nodes, {}, {}};
    const size_t layers = net.layers.size();
    s.remaining_min.assign(layers + 1, 0);
    for (size_t i = layers; i-- > 0;) s.remaining_min[i] = s.remaining_min[i + 1] + s.sets[i];
    s.result.time_ns = upper_bound_ns;
    s.visit(0, total_crossbars, 0.0, 0);
    // Equal times: list in the tie-break order of the DP, the preferred optimum first.
    std::vector<Allocation> ranked;
    for (const auto& copies : s.result.optima)
        ranked.push_back({copies, prefix_time_ns(net, s.sets, copies, hw)});
    std::stable_sort(ranked.begin(), ranked.end(), [&](const Allocation& a, const Allocation& b) {
        return preferred(a, b, s.sets);
    });
    for (size_t i = 0; i < ranked.size(); ++i) s.result.optima[i] = ranked[i].copies;
    return s.result;
}

Solution solve(const Network& net, int64_t total_crossbars, const Hardware& hw,
               const Progress& progress, size_t optima_limit, int64_t max_nodes) {
    Solution s;
    s.dp = solve_dp(net, total_crossbars, hw, progress);
    s.best = s.dp;
    if (max_nodes == 0) {
        s.search.complete = false;
        s.search.time_ns = s.dp.time_ns;
        return s;
    }
    s.search = search_optima(net, total_crossbars, hw, s.dp.time_ns, optima_limit, max_nodes);
    const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
    if (!s.search.optima.empty()) {
        const Allocation found{s.search.optima.front(), s.search.time_ns};
        if (preferred(found, s.best, sets)) s.best = found;
    }
    return s;
}

}  // namespace pimsoc::alloc
