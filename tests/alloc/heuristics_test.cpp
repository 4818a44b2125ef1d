// The three baselines of the paper's comparison.
#include <gtest/gtest.h>

#include "heuristics.h"

using namespace pimsoc::alloc;

namespace {
Layer conv(int64_t co, int64_t wo, int64_t kp) {
    Layer l;
    l.ci = 1;
    l.co = co;
    l.wo = l.ho = wo;
    l.kp = l.sp = kp;
    return l;
}
// Sets (at size 128): 1, 1, 2 crossbars; outputs 64, 16, 4 positions.
Network net() { return {"h", {conv(1, 8, 2), conv(1, 4, 2), conv(200, 2, 1)}}; }
}  // namespace

TEST(AllocHeuristics, ProportionalToOutputPositions) {
    // R = floor(a * [64, 16, 4]); a = 1/4 uses 16 + 4 + 2*1 = 22 <= 22 crossbars.
    EXPECT_EQ(baseline_allocation("proportional", net(), 22, 128), (std::vector<int64_t>{16, 4, 1}));
    // A budget of exactly the output positions gives one copy per position.
    EXPECT_EQ(baseline_allocation("proportional", net(), 64 + 16 + 8, 128),
              (std::vector<int64_t>{64, 16, 4}));
}

TEST(AllocHeuristics, IsaacStrideRuleStartsFromOneCopyOfTheLastLayer) {
    // Pooling 2x2/2 after layers 1 and 2: R = [16, 4, 1] if it fits, never more.
    EXPECT_EQ(baseline_allocation("isaac", net(), 1000, 128), (std::vector<int64_t>{16, 4, 1}));
    // Too few crossbars: divided by the smallest integer that fits (2 -> [8, 2, 1]).
    EXPECT_EQ(baseline_allocation("isaac", net(), 12, 128), (std::vector<int64_t>{8, 2, 1}));
}

TEST(AllocHeuristics, UniformGivesEveryLayerTheSameCopies) {
    // R copies cost R + R + 2 * min(R, 4) (layer 3 has only 4 positions): 20 crossbars -> R = 6.
    EXPECT_EQ(baseline_allocation("uniform", net(), 20, 128), (std::vector<int64_t>{6, 6, 4}));
    EXPECT_EQ(baseline_allocation("uniform", net(), 17, 128), (std::vector<int64_t>{4, 4, 4}));
}

TEST(AllocHeuristics, UnknownNameIsAnError) {
    EXPECT_THROW(baseline_allocation("greedy", net(), 20, 128), std::invalid_argument);
}
