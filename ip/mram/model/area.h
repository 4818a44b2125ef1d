// Area model of the SOT-MRAM accelerator (docs/models/mram.md, "Area"), per component so a
// ledger can show it. With F = feature size, T = transistor_f2 F^2, per sub-array of R x C bits
// and C / K segments, A = accumulator_bits:
//   cells          = R x C x cell_f2 F^2
//   sense_amps     = C x (sense_amp_f2 + reference_select_f2) F^2   (read / AND / OR reference)
//   counters       = C x counter_transistors_per_input x T          (a popcount tree per segment)
//   accumulators   = C/K x A x (adder + register + shifter transistors per bit) x T
//   decoders       = 2 x R x decoder_transistors_per_row x T         (two rows activated at once)
//   nv_state       = with nv_partial_state: C/K x A cells (the accumulators' non-volatile copies)
//                    per sub-array, plus progress_record_bits cells per bank. The partial outputs
//                    are kept in the operand window, which is MRAM too (no extra area; their
//                    writes are counted).
// Pure C++17, no SystemC.
#pragma once

#include "mram_config.h"

namespace pimsoc::mram {

struct AreaBreakdown {
    double cells_um2 = 0;
    double sense_amps_um2 = 0;
    double counters_um2 = 0;
    double accumulators_um2 = 0;
    double decoders_um2 = 0;
    double nv_state_um2 = 0;
    double total_um2() const
    {
        return cells_um2 + sense_amps_um2 + counters_um2 + accumulators_um2 + decoders_um2 + nv_state_um2;
    }
};

// Bits of the progress record (the index of the next step).
constexpr uint32_t progress_record_bits = 32;

// One bank; the config must pass validate().
AreaBreakdown bank_area(const MramConfig& config);
// All banks (banks x bank_area).
AreaBreakdown total_area(const MramConfig& config);

}  // namespace pimsoc::mram
