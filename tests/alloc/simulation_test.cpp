// The time model against the pipeline simulator (docs/allocation.md, "Validation"): random
// allocations valid and reproducible by seed, exact agreement where the model is exact, and the
// paper's accuracy bounds on AlexNet.
#include <gtest/gtest.h>

#include <numeric>

#include "network_json.h"
#include "random_allocation.h"
#include "simulation.h"
#include "solver.h"

using namespace pimsoc::alloc;

namespace {
Network paper_network(const std::string& name) {
    return load_network(std::string(PIMSOC_ALLOC_NETWORKS_DIR) + "/" + name + ".json");
}

std::vector<std::vector<int64_t>> draws(const Network& net, int64_t total, uint64_t seed, int count) {
    pimsoc::RandomStream stream = pimsoc::RandomStreams(seed).stream("test");
    std::vector<std::vector<int64_t>> out;
    for (int k = 0; k < count; ++k) out.push_back(random_allocation(net, total, 128, stream));
    return out;
}
}  // namespace

TEST(AllocSimulation, RandomAllocationsAreValidAndReproducibleBySeed) {
    const Network net = paper_network("vgg-a");
    const std::vector<int64_t> sets = crossbar_sets(net, 128);
    const auto a = draws(net, 2304, 5, 300);
    EXPECT_EQ(a, draws(net, 2304, 5, 300));
    EXPECT_NE(a, draws(net, 2304, 6, 300));
    int64_t most_used = 0;
    for (const auto& copies : a) {
        EXPECT_NO_THROW(check_allocation(net, copies, 2304, Hardware{}));
        most_used = std::max(most_used, std::inner_product(copies.begin(), copies.end(), sets.begin(), int64_t{0}));
    }
    // Not stuck at one copy per layer (564 crossbars): the draws reach into the budget.
    EXPECT_GT(most_used, 2000);
    EXPECT_THROW(draws(net, 500, 1, 1), std::invalid_argument);
}

TEST(AllocSimulation, ValidationIsReproducibleBySeed) {
    const Network net = paper_network("alexnet");
    const auto setup = pipeline_setup(net, Hardware{});
    const Hardware hw = with_tile_stage(Hardware{}, setup);
    const ValidationSummary a = validate_random(net, 2304, hw, setup, 50, 3);
    const ValidationSummary b = validate_random(net, 2304, hw, setup, 50, 3);
    EXPECT_EQ(a.count, 50);
    EXPECT_EQ(a.mean_abs_error, b.mean_abs_error);
    EXPECT_EQ(a.max_abs_error, b.max_abs_error);
    EXPECT_EQ(a.worst, b.worst);
    EXPECT_NE(a.mean_abs_error, validate_random(net, 2304, hw, setup, 50, 4).mean_abs_error);
}

TEST(AllocSimulation, ModelAndSimulatorAgreeOnAHandComputedPipeline) {
    // 4x4 -> 3x3 conv (pad 1), R = [2, 2]: the model's Op = 12 (time_model_test) and the
    // simulator's 12 steps at the same step time.
    Layer in;
    in.wo = in.ho = 4;
    Layer c = in;
    c.kc = 3;
    c.pc = 1;
    const Network net{"two", {in, c}};
    const auto setup = pipeline_setup(net, Hardware{});
    const Simulated s = simulate(net, {2, 2}, with_tile_stage(Hardware{}, setup), setup);
    EXPECT_EQ(s.model.steps, 12);
    EXPECT_EQ(s.run.steps, 12);
    EXPECT_NEAR(s.error, 0.0, 1e-12);  // a sum of 12 steps against 12 x T_step
}

TEST(AllocSimulation, ModelIsWithinThePapersAccuracyBoundsOnAlexNet) {
    // The paper's Table 4: accuracy 97.1-99.6 % (mean |error| at most 2.9 %), max error 15 %.
    const Network net = paper_network("alexnet");
    const auto setup = pipeline_setup(net, Hardware{});
    const ValidationSummary v = validate_random(net, 2304, with_tile_stage(Hardware{}, setup), setup, 300, 1);
    EXPECT_LT(v.mean_abs_error, 0.029);
    EXPECT_LT(v.max_abs_error, 0.15);
    // The model's Tail counts only the rows reading bottom padding; the rows whose windows reach
    // the producer's last row wait for it too, so the model is optimistic on average.
    EXPECT_LT(v.mean_error, 0.0);
}

TEST(AllocSimulation, GivenAllocationIsChecked) {
    const Network net = paper_network("alexnet");
    EXPECT_THROW(check_allocation(net, {1, 1}, 2304, Hardware{}), std::invalid_argument);
    EXPECT_THROW(check_allocation(net, {1, 1, 1, 1, 170}, 100000, Hardware{}), std::invalid_argument);
    EXPECT_THROW(check_allocation(net, {700, 1, 1, 1, 1}, 2304, Hardware{}), std::invalid_argument);
    EXPECT_NO_THROW(check_allocation(net, {106, 21, 7, 6, 6}, 2304, Hardware{}));
}
