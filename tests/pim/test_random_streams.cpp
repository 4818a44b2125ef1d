// The seeded random-stream service (docs/models/pim.md, "Random streams"): known answers from an
// independent implementation of the documented derivation, determinism, independence of named
// streams, and the draws' distributions with fixed seeds (deterministic: they cannot flake).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "common/model/random_streams.h"

using pimsoc::RandomStream;
using pimsoc::RandomStreams;

namespace {

std::vector<uint64_t> first(RandomStream s, int n)
{
    std::vector<uint64_t> out;
    for (int i = 0; i < n; ++i) out.push_back(s.next_u64());
    return out;
}

struct Moments {
    double mean = 0;
    double variance = 0;
};

template <typename Draw>
Moments moments(Draw draw, int n)
{
    double sum = 0;
    double sum_sq = 0;
    for (int i = 0; i < n; ++i) {
        const double x = draw();
        sum += x;
        sum_sq += x * x;
    }
    const double mean = sum / n;
    return Moments{mean, sum_sq / n - mean * mean};
}

}  // namespace

// Published values of the building blocks.
TEST(RandomStreams, BuildingBlocksMatchTheirReferences)
{
    EXPECT_EQ(pimsoc::fnv1a64(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(pimsoc::fnv1a64("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(pimsoc::splitmix64_mix(0x9e3779b97f4a7c15ull), 0xe220a8397b1dcdafull);  // SplitMix64(0)'s first output
}

// Values computed by a separate Python implementation of the derivation in random_streams.h.
TEST(RandomStreams, KnownAnswers)
{
    EXPECT_EQ(RandomStreams::stream_key(1, "soc.rtm"), 0x37673019a8c39edcull);
    EXPECT_EQ(first(RandomStreams(1).stream("soc.rtm"), 3),
              (std::vector<uint64_t>{0x51ecf9af16f65799ull, 0x54f76c05a90028a0ull, 0xeb0914a6f8d8d9ffull}));
    EXPECT_EQ(first(RandomStreams(1).stream("soc.reram.noise"), 3),
              (std::vector<uint64_t>{0x92d6c000ded2678cull, 0x49e4d1a6bc1570feull, 0x789ad92f3973dadfull}));
    EXPECT_EQ(first(RandomStreams(42).stream("soc.rtm"), 3),
              (std::vector<uint64_t>{0xb98eaecde9615fd7ull, 0x76b830c61b959664ull, 0x81c36ac79ff38379ull}));
    EXPECT_EQ(RandomStreams().seed(), RandomStreams::default_seed);
    EXPECT_EQ(RandomStreams::default_seed, 1u);
}

// The draws' known answers, from the same Python implementation (exact doubles as hex floats).
TEST(RandomStreams, DrawKnownAnswers)
{
    RandomStream n = RandomStreams(1).stream("test.normal_kat");
    EXPECT_EQ(n.normal(), -0x1.98e41238ba273p-6);
    EXPECT_EQ(n.normal(), -0x1.9965924d817b4p-7) << "the pair's second value";
    EXPECT_EQ(n.normal(), -0x1.fd9d3d1ccb0b3p+0);
    EXPECT_EQ(n.normal(), -0x1.0a0a1e4b17455p+0);
    RandomStream e = RandomStreams(1).stream("test.exp_kat");
    EXPECT_EQ(e.exponential(2.0), 0x1.4258f74b2dec1p-5);
    EXPECT_EQ(e.exponential(2.0), 0x1.4149bb3cf9d71p+0);
    EXPECT_EQ(e.exponential(2.0), 0x1.1e30a7442d45ep-3);
    RandomStream u = RandomStreams(1).stream("test.int_kat");
    std::vector<uint64_t> digits;
    for (int i = 0; i < 8; ++i) digits.push_back(u.uniform_u64(0, 9));
    EXPECT_EQ(digits, (std::vector<uint64_t>{1, 1, 2, 3, 1, 2, 7, 3}));
}

TEST(RandomStreams, SameSeedAndNameGiveTheSameSequence)
{
    const RandomStreams a(7);
    const RandomStreams b(7);
    EXPECT_EQ(first(a.stream("soc.mram"), 1000), first(b.stream("soc.mram"), 1000));
    EXPECT_EQ(first(a.stream("soc.mram"), 1000), first(a.stream("soc.mram"), 1000)) << "asking again restarts";
    RandomStream s = a.stream("soc.power");
    s.next_u64();
    RandomStream copy = s;
    EXPECT_EQ(first(copy, 50), first(s, 50)) << "a copy continues the same sequence";
}

TEST(RandomStreams, NamesAndSeedsGiveDifferentStreams)
{
    const RandomStreams streams(7);
    const std::vector<std::string> names = {"soc", "soc.rtm", "soc.mram", "soc.reram", "soc.reram.noise",
                                            "soc.reram.faults", "soc.power", "soc.rtm ", ""};
    std::vector<std::vector<uint64_t>> seqs;
    for (const auto& n : names) seqs.push_back(first(streams.stream(n), 8));
    for (size_t i = 0; i < seqs.size(); ++i)
        for (size_t j = i + 1; j < seqs.size(); ++j)
            for (size_t k = 0; k < 8; ++k) EXPECT_NE(seqs[i][k], seqs[j][k]) << names[i] << " vs " << names[j];
    EXPECT_NE(first(RandomStreams(7).stream("soc.rtm"), 4), first(RandomStreams(8).stream("soc.rtm"), 4));
}

TEST(RandomStreams, OtherStreamsInBetweenChangeNothing)
{
    const RandomStreams streams(99);
    const std::vector<uint64_t> alone = first(streams.stream("soc.reram"), 100);

    // Another module created before, and drawing from in between (interleaved), changes nothing.
    RandomStream other = streams.stream("soc.mram");
    RandomStream reram = streams.stream("soc.reram");
    RandomStream third = streams.stream("soc.power");
    std::vector<uint64_t> interleaved;
    for (int i = 0; i < 100; ++i) {
        other.next_u64();
        other.normal();
        interleaved.push_back(reram.next_u64());
        third.uniform_int(0, 9);
    }
    EXPECT_EQ(interleaved, alone);
}

TEST(RandomStreams, UniformIntegersAreInRangeAndCoverIt)
{
    RandomStream s = RandomStreams(3).stream("test.uniform_int");
    std::vector<int> hits(7, 0);
    const int n = 70000;
    for (int i = 0; i < n; ++i) {
        const int64_t v = s.uniform_int(-3, 3);
        ASSERT_GE(v, -3);
        ASSERT_LE(v, 3);
        ++hits[static_cast<size_t>(v + 3)];
    }
    for (int h : hits) EXPECT_NEAR(h, n / 7, 0.05 * n / 7);  // ~13 sigma: loose on purpose
    EXPECT_EQ(s.uniform_int(5, 5), 5);
    EXPECT_EQ(s.uniform_u64(0, 0), 0u);
    (void)s.uniform_u64(0, UINT64_MAX);  // the full range is allowed
    const int64_t extreme = s.uniform_int(INT64_MIN, INT64_MAX);
    (void)extreme;
    EXPECT_THROW(s.uniform_int(2, 1), std::invalid_argument);
}

TEST(RandomStreams, UniformRealsMeanAndVariance)
{
    RandomStream s = RandomStreams(3).stream("test.uniform");
    const Moments m = moments([&] { return s.uniform(); }, 100000);
    EXPECT_NEAR(m.mean, 0.5, 0.005);
    EXPECT_NEAR(m.variance, 1.0 / 12, 0.002);
    for (int i = 0; i < 10000; ++i) {
        const double u = s.uniform(-2.0, 6.0);
        ASSERT_GE(u, -2.0);
        ASSERT_LT(u, 6.0);
    }
}

TEST(RandomStreams, NormalMeanVarianceAndTails)
{
    RandomStream s = RandomStreams(5).stream("test.normal");
    int beyond_2_sigma = 0;
    const int n = 100000;
    const Moments m = moments(
        [&] {
            const double x = s.normal(10.0, 2.0);
            if (std::fabs(x - 10.0) > 4.0) ++beyond_2_sigma;
            return x;
        },
        n);
    EXPECT_NEAR(m.mean, 10.0, 0.03);
    EXPECT_NEAR(m.variance, 4.0, 0.08);
    EXPECT_NEAR(static_cast<double>(beyond_2_sigma) / n, 0.0455, 0.004);
    EXPECT_EQ(s.normal(3.0, 0.0), 3.0);
    EXPECT_THROW(s.normal(0.0, -1.0), std::invalid_argument);
    EXPECT_THROW(s.normal(0.0, NAN), std::invalid_argument);
}

TEST(RandomStreams, BernoulliAndExponential)
{
    RandomStream s = RandomStreams(11).stream("test.events");
    const Moments b = moments([&] { return s.bernoulli(0.2) ? 1.0 : 0.0; }, 100000);
    EXPECT_NEAR(b.mean, 0.2, 0.005);
    for (int i = 0; i < 1000; ++i) {
        EXPECT_FALSE(s.bernoulli(0.0));
        EXPECT_TRUE(s.bernoulli(1.0));
    }
    EXPECT_THROW(s.bernoulli(1.5), std::invalid_argument);
    EXPECT_THROW(s.bernoulli(NAN), std::invalid_argument);

    const Moments e = moments([&] { return s.exponential(4.0); }, 100000);
    EXPECT_NEAR(e.mean, 0.25, 0.005);
    EXPECT_NEAR(e.variance, 1.0 / 16, 0.004);
    EXPECT_GE(s.exponential(1.0), 0.0);
    EXPECT_THROW(s.exponential(0.0), std::invalid_argument);
}

// Determinism of the real-valued draws: the same stream gives bit-identical doubles.
TEST(RandomStreams, RealDrawsAreReproducible)
{
    RandomStream a = RandomStreams(2).stream("soc.reram.noise");
    RandomStream b = RandomStreams(2).stream("soc.reram.noise");
    for (int i = 0; i < 1000; ++i) {
        ASSERT_EQ(a.normal(), b.normal());
        ASSERT_EQ(a.exponential(3.0), b.exponential(3.0));
        ASSERT_EQ(a.uniform(), b.uniform());
    }
}
