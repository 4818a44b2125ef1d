// Area model of the ReRAM crossbar tiles (docs/models/reram.md, "Area"), per component so a
// ledger can show it. Per crossbar of M x N cells with A = adcs_per_crossbar ADCs of k bits and
// d-bit DACs (ISAAC's figures at 32 nm scale from its 128 x 128, 8-bit, 1-bit point):
//   crossbars     = crossbar_um2 x (M N / 128^2)
//   adcs          = A x adc_um2 x 2^(k - 8)
//   dacs          = M x dac_um2 x (2^d - 1)
//   sample_holds  = N x sample_hold_um2
//   shift_adds    = shift_add_um2
// and per tile buffers = buffer_bytes_per_tile x buffer_um2_per_byte, output_units =
// pipeline_output_um2 (the PIPELINE command's output unit).
// Pure C++17, no SystemC.
#pragma once

#include "reram_config.h"

namespace pimsoc::reram {

struct AreaBreakdown {
    double crossbars_um2 = 0;
    double adcs_um2 = 0;
    double dacs_um2 = 0;
    double sample_holds_um2 = 0;
    double shift_adds_um2 = 0;
    double buffers_um2 = 0;
    double output_units_um2 = 0;
    double total_um2() const
    {
        return crossbars_um2 + adcs_um2 + dacs_um2 + sample_holds_um2 + shift_adds_um2 + buffers_um2 +
               output_units_um2;
    }
};

// One tile (crossbars_per_tile crossbars and its buffer); the config must pass validate().
AreaBreakdown tile_area(const ReramConfig& config);
// All tiles (tiles x tile_area).
AreaBreakdown total_area(const ReramConfig& config);

}  // namespace pimsoc::reram
