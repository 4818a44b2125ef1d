// Area model of the RTM array (docs/models/rtm.md, "Area"), per component so a ledger can show
// it. With F = feature size and a domain of domain_length_f x track_pitch_f F:
//   data domains     = tracks x N x domain area
//   overhead domains = tracks x overhead x domain area          (overhead from the port policy)
//   ports            = tracks x P x (port_cell_f2 + sense_amp_f2) F^2
//   adders           = cells x slices x adder_transistors_per_bit x transistor_f2 F^2
//   multipliers      = cells x [(slices x adder_transistors_per_bit + recoder) x transistor_f2 F^2
//                               + product register: T tracks x 66 domains, one port per track]
//   periphery        = periphery_fraction x (data + overhead + ports)
//   input buffer     = input_buffer_bytes x 8 x sram_bit_f2 F^2
// slices = 1 (bit-serial) or the widest addition (32 accumulator bits for adders, 34 for the
// radix-4 / 33 for the radix-2 partial products of 32-bit operands) when word-parallel. The
// product register is a DBC-like cluster (its positional shifts are costed as DBC shift steps).
// Pure C++17, no SystemC.
#pragma once

#include <tuple>

#include "pim/model/fields.h"
#include "rtm_config.h"

namespace pimsoc::rtm {

struct AreaBreakdown {
    double data_domains_um2 = 0;
    double overhead_domains_um2 = 0;
    double ports_um2 = 0;
    double adders_um2 = 0;
    double multipliers_um2 = 0;
    double periphery_um2 = 0;
    double input_buffer_um2 = 0;

    // The components in one list: total_um2() and total_area() walk it.
    template <class Self>
    static auto fields(Self& a)
    {
        return std::tie(a.data_domains_um2, a.overhead_domains_um2, a.ports_um2, a.adders_um2, a.multipliers_um2,
                        a.periphery_um2, a.input_buffer_um2);
    }
    double total_um2() const { return pim::sum_fields(fields(*this)); }
};
static_assert(pim::lists_every_member<AreaBreakdown>(), "AreaBreakdown::fields() names every component");

// One bank; the config must pass validate().
AreaBreakdown bank_area(const RtmConfig& config);
// All banks (banks x bank_area).
AreaBreakdown total_area(const RtmConfig& config);

}  // namespace pimsoc::rtm
