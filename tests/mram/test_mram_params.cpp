// The mram.* parameters: every model member is bound with a doc, overrides reach the model, and
// validate() names a bad value by the same key the tree binds it under.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "mram/mram_params.h"

namespace pimsoc {
namespace {

TEST(MramParams, EveryMemberIsBoundWithItsDefault)
{
    ParamRegistry registry;
    MramParams params;
    params.bind(registry.root().scope("mram"));
    EXPECT_EQ(registry.params().size(), 35u);  // 6 geometry + 13 costs + 2 nv + 10 area + 3 controller + power_gating
    EXPECT_EQ(registry.get_text("mram.power_gating"), "unused");
    for (const auto& [key, info] : registry.params()) EXPECT_FALSE(info.doc.empty()) << key;
    EXPECT_EQ(registry.get_text("mram.rows"), "256");
    EXPECT_EQ(registry.get_text("mram.sense_ns"), "1.3");
    EXPECT_EQ(registry.get_text("mram.nv_partial_state"), "false");
    EXPECT_EQ(registry.params().at("mram.write_pj_per_bit").unit, "pJ");
    registry.set("mram.segment_bits", "64");
    registry.set("mram.nv_partial_state", "true");
    const mram::MramConfig c = params.to_model();
    EXPECT_EQ(c.geometry.segment_bits, 64u);
    EXPECT_TRUE(c.nv.nv_partial_state);
}

// A bad value of each key that the tree lets through but validate() refuses (a zero size, a
// latency beyond 1e6 ns, a zero feature size) is reported under that key. (The tree itself
// refuses negative reals, so energies and areas have no such value.)
TEST(MramParams, ValidationNamesTheBoundKey)
{
    ParamRegistry registry;
    MramParams defaults;
    defaults.bind(registry.root().scope("mram"));
    auto bad_value = [](const std::string& key, const ParamInfo& info) -> std::string {
        const bool ends_ns = key.size() > 3 && key.compare(key.size() - 3, 3, "_ns") == 0;
        // The controller's own keys are checked by the controller (tests/mram_tlm, MramDeviceParams).
        if (key == "mram.clock_hz" || key == "mram.access_latency_ns" || key == "mram.queue_depth") return {};
        if (info.type == "uint" && key.find("transistors") == std::string::npos) return "0";
        if (info.type == "real" && ends_ns) return "2e6";
        if (key == "mram.feature_nm") return "0";
        return {};  // every value the tree accepts is valid
    };
    int checked = 0;
    for (const auto& [key, info] : registry.params()) {
        const std::string bad = bad_value(key, info);
        if (bad.empty()) continue;
        ParamRegistry one;
        MramParams params;
        params.bind(one.root().scope("mram"));
        one.set(key, bad);
        try {
            params.to_model();
            ADD_FAILURE() << key << " accepted " << bad;
        } catch (const std::invalid_argument& e) {
            EXPECT_EQ(std::string(e.what()).rfind(key + ": ", 0), 0u) << e.what();
        }
        ++checked;
    }
    EXPECT_EQ(checked, 14);  // 7 sizes, 6 latencies, feature_nm
}

}  // namespace
}  // namespace pimsoc
