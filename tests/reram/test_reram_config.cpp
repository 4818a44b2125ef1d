// The reram.* config: the defaults are valid and non-ideal, `ideal` turns every non-ideality off,
// and each bad value is one line naming its key.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <stdexcept>

#include "reram_test_util.h"

namespace pimsoc::reram {
namespace {

TEST(ReramConfig, DefaultsAreValidAndNonIdeal)
{
    const ReramConfig c;
    EXPECT_EQ(validate(c), "");
    EXPECT_FALSE(c.non_ideal.ideal);
    EXPECT_GT(c.non_ideal.programming_sigma, 0);
    EXPECT_GT(c.non_ideal.stuck_on_rate, 0);
    EXPECT_GT(c.non_ideal.stuck_off_rate, 0);
    EXPECT_GT(c.non_ideal.read_noise_sigma, 0);
    EXPECT_GT(c.non_ideal.adc_offset_sigma_lsb, 0);
    EXPECT_GT(c.non_ideal.drift_nu, 0);
    EXPECT_GT(c.non_ideal.wire_ohm, 0);
    // The 128 x 128 crossbar of 2-bit cells sums up to 384 levels; the 8-bit ADC resolves one
    // level per code over half of them and more (255 levels) and clips above.
    EXPECT_EQ(Adc(c).lsb(), 1.0);
    EXPECT_EQ(Adc(c).convert(255.2).code, 255);
    EXPECT_TRUE(Adc(c).convert(300).clipped);
    EXPECT_EQ(effective(c).non_ideal.programming_sigma, c.non_ideal.programming_sigma);
}

TEST(ReramConfig, IdealTurnsEveryNonIdealityOff)
{
    ReramConfig c;
    c.non_ideal.ideal = true;
    const NonIdealities n = effective(c).non_ideal;
    EXPECT_EQ(n.programming_sigma, 0);
    EXPECT_EQ(n.stuck_on_rate, 0);
    EXPECT_EQ(n.stuck_off_rate, 0);
    EXPECT_EQ(n.read_noise_sigma, 0);
    EXPECT_EQ(n.adc_offset_sigma_lsb, 0);
    EXPECT_EQ(n.drift_nu, 0);
    EXPECT_EQ(n.wire_ohm, 0);
    EXPECT_TRUE(Adc(effective(c)).exact());
    EXPECT_EQ(Adc(effective(c)).lsb(), 1.0);
}

struct BadValue {
    const char* key;
    std::function<void(ReramConfig&)> set;
};

TEST(ReramConfig, EachBadValueNamesItsKey)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const BadValue cases[] = {
        {"rows", [](ReramConfig& c) { c.geometry.rows = 4; }},
        {"columns", [](ReramConfig& c) { c.geometry.columns = 2048; }},
        {"cell_bits", [](ReramConfig& c) { c.geometry.cell_bits = 5; }},
        {"tiles", [](ReramConfig& c) { c.geometry.tiles = 0; }},
        {"crossbars_per_tile", [](ReramConfig& c) { c.geometry.crossbars_per_tile = 0; }},
        {"crossbars_per_tile", [](ReramConfig& c) { c.geometry.tiles = 64, c.geometry.crossbars_per_tile = 1024; }},
        {"dac_bits", [](ReramConfig& c) { c.geometry.dac_bits = 0; }},
        {"adc_bits", [](ReramConfig& c) { c.geometry.adc_bits = 17; }},
        {"adc_full_scale", [](ReramConfig& c) { c.geometry.adc_full_scale = 0; }},
        {"adc_full_scale", [nan](ReramConfig& c) { c.geometry.adc_full_scale = nan; }},
        {"adcs_per_crossbar", [](ReramConfig& c) { c.geometry.adcs_per_crossbar = 129; }},
        {"signed_scheme", [](ReramConfig& c) { c.geometry.signed_scheme = static_cast<SignedScheme>(7); }},
        {"slice_placement", [](ReramConfig& c) { c.geometry.slice_placement = static_cast<SlicePlacement>(2); }},
        {"r_on_ohm", [](ReramConfig& c) { c.device.r_on_ohm = -1; }},
        {"r_off_ohm", [](ReramConfig& c) { c.device.r_off_ohm = 1e3; }},
        {"read_voltage_v", [](ReramConfig& c) { c.device.read_voltage_v = 0; }},
        {"variation_model", [](ReramConfig& c) { c.non_ideal.variation_model = static_cast<VariationModel>(3); }},
        {"programming_sigma", [](ReramConfig& c) { c.non_ideal.programming_sigma = -0.1; }},
        {"stuck_on_rate", [](ReramConfig& c) { c.non_ideal.stuck_on_rate = 1.5; }},
        {"stuck_off_rate", [nan](ReramConfig& c) { c.non_ideal.stuck_off_rate = nan; }},
        {"stuck_off_rate", [](ReramConfig& c) { c.non_ideal.stuck_on_rate = 0.6, c.non_ideal.stuck_off_rate = 0.6; }},
        {"read_noise_sigma", [](ReramConfig& c) { c.non_ideal.read_noise_sigma = -1; }},
        {"adc_offset_sigma_lsb", [nan](ReramConfig& c) { c.non_ideal.adc_offset_sigma_lsb = nan; }},
        {"drift_nu", [](ReramConfig& c) { c.non_ideal.drift_nu = -0.1; }},
        {"drift_t0_s", [](ReramConfig& c) { c.non_ideal.drift_t0_s = 0; }},
        {"drift_time_s", [](ReramConfig& c) { c.non_ideal.drift_time_s = -5; }},
        {"wire_ohm", [](ReramConfig& c) { c.non_ideal.wire_ohm = -1; }},
        {"crossbar_read_ns", [](ReramConfig& c) { c.ops.crossbar_read_ns = 2e6; }},
        {"adc_pj_8bit", [](ReramConfig& c) { c.ops.adc_pj_8bit = -1; }},
        {"adc_gsps", [](ReramConfig& c) { c.ops.adc_gsps = 0; }},
        {"adc_gsps", [](ReramConfig& c) { c.ops.adc_gsps = 5000; }},
        {"write_verify_iterations", [](ReramConfig& c) { c.ops.write_verify_iterations = 0; }},
        {"leakage_uw_per_crossbar", [](ReramConfig& c) { c.ops.leakage_uw_per_crossbar = -1; }},
        {"adc_um2", [](ReramConfig& c) { c.area.adc_um2 = -3; }},
        {"buffer_bytes_per_tile", [](ReramConfig& c) { c.area.buffer_bytes_per_tile = 1u << 30; }},
    };
    for (const BadValue& bad : cases) {
        ReramConfig c;
        bad.set(c);
        const std::string e = validate(c);
        EXPECT_EQ(e.rfind(std::string("reram.") + bad.key + ": ", 0), 0u) << bad.key << " -> " << e;
        EXPECT_EQ(e.find('\n'), std::string::npos) << e;
        // The model refuses it with the same line.
        try {
            ReramArray xbars(c);
            ADD_FAILURE() << bad.key << " accepted by ReramArray";
        } catch (const std::invalid_argument& ex) {
            EXPECT_EQ(ex.what(), e);
        }
    }
}

}  // namespace
}  // namespace pimsoc::reram
