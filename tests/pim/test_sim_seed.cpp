// `sim.seed` in the configuration tree reaches the SoC's random-stream service.
#include <gtest/gtest.h>

#include "common/params.h"
#include "soc.h"

namespace pimsoc {
namespace {

TEST(SimSeed, IsAParameterWithItsDocumentedDefault)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    ASSERT_TRUE(registry.contains("sim.seed"));
    EXPECT_EQ(registry.get_text("sim.seed"), "1");
    EXPECT_EQ(params.sim.seed, RandomStreams::default_seed);
    registry.set("sim.seed", "0xdeadbeefcafe");
    EXPECT_EQ(params.sim.seed, 0xdeadbeefcafeull);
    EXPECT_THROW(registry.set("sim.seed", "-1"), ConfigError);
}

TEST(SimSeed, TheSocBuildsItsStreamsFromIt)
{
    SocParams params;
    params.sim.seed = 12345;
    SimulationExit exit;
    Soc soc("soc", params, exit);
    EXPECT_EQ(soc.random_streams.seed(), 12345u);
    RandomStream a = soc.random_streams.stream("soc.rtm");
    RandomStream b = RandomStreams(12345).stream("soc.rtm");
    EXPECT_EQ(a.next_u64(), b.next_u64());
}

}  // namespace
}  // namespace pimsoc
