// The MRAM config: defaults are valid, and every bad member is named "mram.<member>".
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <stdexcept>

#include "mram/model/mram_array.h"

namespace pimsoc::mram {
namespace {

TEST(MramConfig, DefaultsAreValid)
{
    const MramConfig c;
    EXPECT_EQ(validate(c), "");
    EXPECT_EQ(c.geometry.rows, 256u);
    EXPECT_EQ(c.geometry.columns, 256u);
    EXPECT_EQ(c.geometry.segment_bits, 32u);
    EXPECT_FALSE(c.nv.nv_partial_state);
}

struct BadCase {
    std::function<void(MramConfig&)> change;
    const char* message;
};

TEST(MramConfig, EachBadMemberIsNamed)
{
    const BadCase cases[] = {
        {[](MramConfig& c) { c.geometry.rows = 8; }, "mram.rows: 8 is not in 16..4096"},
        {[](MramConfig& c) { c.geometry.columns = 5000; }, "mram.columns: 5000 is not in 8..4096"},
        {[](MramConfig& c) { c.geometry.segment_bits = 0; }, "mram.segment_bits: 0 is not in 1..256"},
        {[](MramConfig& c) { c.geometry.segment_bits = 48; },
         "mram.segment_bits: 48 does not divide columns 256"},
        {[](MramConfig& c) { c.geometry.subarrays_per_bank = 0; },
         "mram.subarrays_per_bank: 0 is not in 1..1024"},
        {[](MramConfig& c) { c.geometry.banks = 65; }, "mram.banks: 65 is not in 1..64"},
        {[](MramConfig& c) { c.geometry.window_bytes_per_bank = 1001; },
         "mram.window_bytes_per_bank: 1001 is not a multiple of 4"},
        {[](MramConfig& c) {
             c.geometry.banks = 64;
             c.geometry.window_bytes_per_bank = 2u << 20;
         },
         "mram.banks: 64 banks of 2097152 window bytes are more than 64 MiB"},
        {[](MramConfig& c) {
             c.geometry.subarrays_per_bank = 1024;
             c.geometry.rows = 4096;
         },
         "mram.subarrays_per_bank: 1024 sub-arrays make more than 2^29 array bits (banks x sub-arrays x rows "
         "x "
         "columns)"},
        {[](MramConfig& c) { c.ops.write_ns = -1; }, "mram.write_ns: -1 is not a latency in 0..1e6 ns"},
        {[](MramConfig& c) { c.ops.sense_pj_per_bit = NAN; },
         "mram.sense_pj_per_bit: nan is not a finite energy >= 0 pJ"},
        {[](MramConfig& c) { c.ops.add_ns = 2e6; }, "mram.add_ns: 2e+06 is not a latency in 0..1e6 ns"},
        {[](MramConfig& c) { c.ops.leakage_uw_per_subarray = -0.5; },
         "mram.leakage_uw_per_subarray: -0.5 is not a finite value >= 0"},
        {[](MramConfig& c) { c.nv.accumulator_bits = 8; }, "mram.accumulator_bits: 8 is not in 16..64"},
        {[](MramConfig& c) { c.area.feature_nm = 0; }, "mram.feature_nm: 0 is not a finite value > 0"},
        {[](MramConfig& c) { c.area.cell_f2 = -1; }, "mram.cell_f2: -1 is not a finite value >= 0"},
    };
    for (const BadCase& bc : cases) {
        MramConfig c;
        bc.change(c);
        EXPECT_EQ(validate(c), bc.message);
        try {
            MramArray m(c);
            ADD_FAILURE() << "accepted: " << bc.message;
        } catch (const std::invalid_argument& e) {
            EXPECT_STREQ(e.what(), bc.message);
        }
    }
}

}  // namespace
}  // namespace pimsoc::mram
