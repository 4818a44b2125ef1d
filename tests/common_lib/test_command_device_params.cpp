// The keys every command device binds alike (common/command_device_params.h): their spellings
// under the device's scope, defaults, units and the queue_depth doc naming the device's unit.
#include <gtest/gtest.h>

#include "common/command_device_params.h"

namespace pimsoc {
namespace {

TEST(CommandDeviceParams, BindsTheFourControllerKeysUnderTheDevicesScope)
{
    ParamRegistry registry;
    CommandDeviceParams p;
    bind_command_device_params(registry.root().scope("xyz"), p, "tile", "one more START is ERR_BUSY");
    ASSERT_EQ(registry.params().size(), 4u);
    EXPECT_EQ(registry.get_text("xyz.clock_hz"), "100000000");
    EXPECT_EQ(registry.params().at("xyz.clock_hz").unit, "Hz");
    EXPECT_EQ(registry.get_text("xyz.access_latency_ns"), "10");
    EXPECT_EQ(registry.params().at("xyz.access_latency_ns").unit, "ns");
    EXPECT_EQ(registry.get_text("xyz.queue_depth"), "4");
    EXPECT_EQ(registry.params().at("xyz.queue_depth").doc,
              "commands that may wait per tile behind the running one (0..255); one more START is ERR_BUSY");
    EXPECT_EQ(registry.get_text("xyz.power_gating"), "unused");
}

TEST(CommandDeviceParams, SettingAKeyWritesTheBoundMember)
{
    ParamRegistry registry;
    CommandDeviceParams p;
    bind_command_device_params(registry.root().scope("xyz"), p, "bank", "refused");
    registry.set("xyz.clock_hz", "250000000");
    registry.set("xyz.access_latency_ns", "3");
    registry.set("xyz.queue_depth", "0");
    registry.set("xyz.power_gating", "off");
    EXPECT_EQ(p.clock_hz, 250'000'000u);
    EXPECT_EQ(p.access_latency_ns, 3u);
    EXPECT_EQ(p.queue_depth, 0u);
    EXPECT_EQ(p.power_gating, "off");
}

}  // namespace
}  // namespace pimsoc
