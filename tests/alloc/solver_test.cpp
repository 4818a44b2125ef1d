// The DP and the pruned search: the paper's published allocations, and the DP against a plain
// enumeration of every allocation on small random networks.
#include <gtest/gtest.h>

#include <random>

#include "network_json.h"
#include "solver.h"

using namespace pimsoc::alloc;

namespace {
Network paper_network(const std::string& name) {
    return load_network(std::string(PIMSOC_ALLOC_NETWORKS_DIR) + "/" + name + ".json");
}

// Every allocation, no pruning: the reference the pruned search must match.
void enumerate(const Network& net, const std::vector<int64_t>& sets, int64_t budget,
               const Hardware& hw, std::vector<int64_t>& copies, double& best) {
    const size_t i = copies.size();
    if (i == net.layers.size()) {
        best = std::min(best, prefix_time_ns(net, sets, copies, hw));
        return;
    }
    int64_t later = 0;
    for (size_t k = i + 1; k < sets.size(); ++k) later += sets[k];
    for (int64_t r = 1; r <= max_copies(net.layers[i]) && r * sets[i] + later <= budget; ++r) {
        copies.push_back(r);
        enumerate(net, sets, budget - r * sets[i], hw, copies, best);
        copies.pop_back();
    }
}

Network random_network(std::mt19937& rng) {
    std::uniform_int_distribution<int> layers(2, 4), channels(1, 40), kernel(1, 3), pool(1, 2);
    Network net{"random", {}};
    int64_t width = 12;
    const int count = layers(rng);
    for (int i = 0; i < count; ++i) {
        Layer l;
        l.ci = i == 0 ? 3 : net.layers.back().co;
        l.co = channels(rng);
        l.kc = kernel(rng);
        l.pc = l.kc / 2;
        l.wo = l.ho = width;
        l.kp = l.sp = (width >= 4 && i + 1 < count) ? pool(rng) : 1;
        width = l.pooled_width();
        net.layers.push_back(l);
    }
    return net;
}
}  // namespace

TEST(AllocSolver, ReproducesThePapersAlexNetAllocationWithoutBandwidthLimits) {
    const Network net = paper_network("alexnet");
    EXPECT_EQ(crossbar_sets(net, 128), (std::vector<int64_t>{3, 38, 54, 81, 54}));
    const Solution s = solve(net, 2304, Hardware{});
    EXPECT_TRUE(s.search.complete);
    EXPECT_EQ(s.best.copies, (std::vector<int64_t>{106, 21, 7, 6, 6}));
    // The tie-break is what picks it: other allocations have the same time.
    EXPECT_GT(s.search.optima.size(), 1u);
    EXPECT_EQ(s.search.optima.front(), s.best.copies);
}

TEST(AllocSolver, ReproducesThePapersVggAAllocationWithoutBandwidthLimits) {
    const Network net = paper_network("vgg-a");
    EXPECT_EQ(crossbar_sets(net, 128), (std::vector<int64_t>{1, 5, 18, 36, 72, 144, 144, 144}));
    const Solution s = solve(net, 2304, Hardware{});
    EXPECT_EQ(s.dp.copies, (std::vector<int64_t>{200, 50, 13, 13, 4, 4, 1, 1}));
    EXPECT_EQ(s.best.copies, s.dp.copies);
}

TEST(AllocSolver, TieBreakPrefersMoreCrossbarsThenMoreCopiesEarly) {
    const std::vector<int64_t> sets{1, 2};
    EXPECT_TRUE(preferred({{1, 1}, 1.0}, {{9, 9}, 2.0}, sets));
    EXPECT_TRUE(preferred({{1, 2}, 1.0}, {{2, 1}, 1.0}, sets));  // 5 crossbars over 4
    EXPECT_TRUE(preferred({{3, 1}, 1.0}, {{1, 2}, 1.0}, sets));  // equal use: earlier layer more
    EXPECT_FALSE(preferred({{1, 2}, 1.0}, {{3, 1}, 1.0}, sets));
}

TEST(AllocSolver, DynamicProgrammingIsNearTheExhaustiveOptimumOnRandomNetworks) {
    std::mt19937 rng(2024);
    int exact = 0, cases = 0;
    double worst_gap = 0;
    for (int n = 0; n < 40; ++n) {
        const Network net = random_network(rng);
        Hardware hw;
        hw.crossbar_size = 32;
        hw.bandwidth_limited = n % 2 == 1;
        hw.crossbars_per_tile = 8;
        hw.buffer_bytes_per_ns = 2.0;
        hw.bus_bytes_per_ns = 1.0;
        const std::vector<int64_t> sets = crossbar_sets(net, hw.crossbar_size);
        int64_t minimum = 0;
        for (const int64_t s : sets) minimum += s;
        const int64_t total = minimum + std::uniform_int_distribution<int64_t>(0, 60)(rng);
        std::vector<int64_t> copies;
        double optimum = std::numeric_limits<double>::infinity();
        enumerate(net, sets, total, hw, copies, optimum);
        const Allocation dp = solve_dp(net, total, hw);
        const SearchResult search = search_optima(net, total, hw, dp.time_ns);
        SCOPED_TRACE("case " + std::to_string(n));
        EXPECT_DOUBLE_EQ(search.time_ns, optimum);  // the pruning never loses the optimum
        EXPECT_GE(dp.time_ns, optimum * (1 - 1e-12));
        worst_gap = std::max(worst_gap, dp.time_ns / optimum - 1);
        exact += dp.time_ns <= optimum * (1 + 1e-12);
        ++cases;
    }
    // The DP keeps one prefix per budget, so it can miss (the paper: 3 cases worse than search).
    EXPECT_GE(exact, cases * 3 / 4) << "DP optimal in " << exact << " of " << cases;
    EXPECT_LT(worst_gap, 0.25);
}

TEST(AllocSolver, RefusesABudgetBelowOneCopyPerLayer) {
    const Network net = paper_network("alexnet");
    try {
        solve_dp(net, 229, Hardware{});
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "alexnet needs at least 230 crossbars of 128 x 128 (one copy per layer), 229 given");
    }
}
