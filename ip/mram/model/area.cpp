#include "area.h"

namespace pimsoc::mram {

namespace {

// The area of `subarrays` sub-arrays with `banks` progress records.
AreaBreakdown area_of(const MramConfig& config, double subarrays, double banks)
{
    const Geometry& g = config.geometry;
    const AreaParams& a = config.area;
    const double f_um = a.feature_nm / 1000.0;
    const double f2_um2 = f_um * f_um;
    const double transistor_um2 = a.transistor_f2 * f2_um2;
    const double s = subarrays;
    const double rows = g.rows;
    const double columns = g.columns;
    const double segments = static_cast<double>(g.columns / g.segment_bits);
    const double acc_bits = config.nv.accumulator_bits;
    const double acc_transistors_per_bit =
        a.adder_transistors_per_bit + a.register_transistors_per_bit + a.shifter_transistors_per_bit;

    AreaBreakdown r;
    r.cells_um2 = s * rows * columns * a.cell_f2 * f2_um2;
    r.sense_amps_um2 = s * columns * (a.sense_amp_f2 + a.reference_select_f2) * f2_um2;
    r.counters_um2 = s * columns * a.counter_transistors_per_input * transistor_um2;
    r.accumulators_um2 = s * segments * acc_bits * acc_transistors_per_bit * transistor_um2;
    r.decoders_um2 = s * 2 * rows * a.decoder_transistors_per_row * transistor_um2;
    if (config.nv.nv_partial_state)
        r.nv_state_um2 = (s * segments * acc_bits + banks * progress_record_bits) * a.cell_f2 * f2_um2;
    return r;
}

}  // namespace

AreaBreakdown bank_area(const MramConfig& config)
{
    return area_of(config, config.geometry.subarrays_per_bank, 1);
}

AreaBreakdown total_area(const MramConfig& config)
{
    const double banks = config.geometry.banks;
    return area_of(config, banks * config.geometry.subarrays_per_bank, banks);
}

}  // namespace pimsoc::mram
