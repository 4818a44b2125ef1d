// The fast read of non-ideal crossbars (effective conductances cached after programming,
// crossbar.h "Fast reads") against the reference that computes them per read: the same currents
// bit for bit, the same read-noise draws, and the same MVM outputs and counters with every
// default non-ideality on, also after a crossbar is reprogrammed.
#include <gtest/gtest.h>

#include <string>

#include "reram_test_util.h"

namespace pimsoc::reram {
namespace {

std::vector<double> random_voltages(std::mt19937_64& rng, size_t rows)
{
    std::uniform_int_distribution<int> code(0, 3);
    std::vector<double> v(rows);
    for (double& x : v) x = code(rng) * (0.5 / 3);  // about a quarter of the rows undriven
    return v;
}

TEST(CachedRead, EqualsThePerReadComputationOnRandomCases)
{
    std::mt19937_64 rng(77);
    ReramConfig c = test::small_config();  // default non-idealities: faults and variation in the cells
    ReramArray xbars(c, RandomStreams(3), "soc.reram");
    for (int block = 0; block < 3; ++block) {  // reprogramming must refresh the cache
        ASSERT_EQ(xbars.program(0, test::random_block(rng, ElemType::i8, 64, 9 + block)).error, ReramError::none);
        const Crossbar& xb = *xbars.crossbar(0);
        for (double wire : {0.0, 1.0, 0.25})
            for (double drift : {1.0, 0.966})
                for (double noise_sigma : {0.0, 0.01}) {
                    RandomStream fast_noise(RandomStreams(9).stream("test.read"));
                    RandomStream reference_noise(RandomStreams(9).stream("test.read"));
                    ReadConditions fast{drift, wire, noise_sigma, &fast_noise, true};
                    ReadConditions reference{drift, wire, noise_sigma, &reference_noise, false};
                    for (int read = 0; read < 8; ++read) {
                        const std::vector<double> v = random_voltages(rng, 64 - static_cast<size_t>(read));
                        const uint32_t columns = 9 + static_cast<uint32_t>(block) - static_cast<uint32_t>(read % 2);
                        const std::string what = "block " + std::to_string(block) + ", wire " + std::to_string(wire) +
                                                 ", drift " + std::to_string(drift) + ", noise " +
                                                 std::to_string(noise_sigma) + ", read " + std::to_string(read);
                        // EXPECT_EQ on doubles: bit-for-bit, not within a tolerance.
                        EXPECT_EQ(xb.read(v, columns, fast), xb.read(v, columns, reference)) << what;
                    }
                }
    }
}

TEST(CachedRead, MvmsEqualTheReferenceWithTheDefaultNonIdealities)
{
    for (SignedScheme scheme : {SignedScheme::differential, SignedScheme::offset})
        for (SlicePlacement placement : {SlicePlacement::crossbars, SlicePlacement::columns}) {
            ReramConfig c = test::small_config();
            c.geometry.signed_scheme = scheme;
            c.geometry.slice_placement = placement;
            ReramArray fast(c, RandomStreams(5), "soc.reram");
            ReramArray reference(c, RandomStreams(5), "soc.reram");
            reference.set_cached_reads(false);
            ASSERT_TRUE(fast.cached_reads());
            std::mt19937_64 rng(12);
            for (int block = 0; block < 2; ++block) {
                const ElemType w_type = block == 0 ? ElemType::i8 : ElemType::u4;
                const uint32_t outputs = std::min<uint32_t>(test::max_outputs(c, w_type), 12);
                const WeightBlock w = test::random_block(rng, w_type, 60, outputs);
                ASSERT_EQ(fast.program(0, w).error, ReramError::none);
                ASSERT_EQ(reference.program(0, w).error, ReramError::none);
                for (ElemType x_type : {ElemType::u8, ElemType::i8}) {
                    const std::vector<int64_t> x = test::random_values(rng, x_type, w.inputs);
                    std::vector<int64_t> out_fast, out_reference;
                    const Result a = fast.mvm(0, x_type, x, &out_fast);
                    const Result b = reference.mvm(0, x_type, x, &out_reference);
                    ASSERT_EQ(a.error, ReramError::none);
                    EXPECT_EQ(out_fast, out_reference);
                    EXPECT_EQ(a.cost.counters, b.cost.counters);
                    EXPECT_NE(out_fast, test::reference_mvm(w, x)) << "the non-idealities should show";
                }
            }
        }
}

}  // namespace
}  // namespace pimsoc::reram
