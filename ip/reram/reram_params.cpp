#include "reram/reram_params.h"

#include <stdexcept>
#include <string>

#include "common/param_choice.h"

namespace pimsoc {

void ReramParams::bind(const ParamBinder& b)
{
    reram::Geometry& g = model.geometry;
    b.bind("rows", g.rows, "rows", "M: word lines (inputs) per crossbar, 8..1024 (ISAAC 128)");
    b.bind("columns", g.columns, "columns", "N: bit lines (outputs) per crossbar, 8..1024 (ISAAC 128)");
    b.bind("cell_bits", g.cell_bits, "bits", "b: bits per cell, 1..4 (ISAAC 2)");
    b.bind("tiles", g.tiles, "", "tiles, the parallel units, 1..64; estimate (LeNet-5 fits two)");
    b.bind("crossbars_per_tile", g.crossbars_per_tile, "", "crossbars per tile, 1..1024 (ISAAC tile / TODAES 72)");
    b.bind("dac_bits", g.dac_bits, "bits", "d: input bits applied per read, 1..4 (ISAAC 1-bit DACs)");
    b.bind("adc_bits", g.adc_bits, "bits", "k: ADC resolution, 1..16 (ISAAC 8)");
    b.bind("adc_full_scale", g.adc_full_scale, "",
           "ADC full scale as a fraction of the largest column sum, (0, 1]; estimate");
    b.bind("adcs_per_crossbar", g.adcs_per_crossbar, "", "ADCs sharing a crossbar's columns (ISAAC 1)");
    b.bind("signed_scheme", signed_scheme, "", "signed weights: differential (W+ - W- pairs) or offset (reference column)");
    b.bind("slice_placement", slice_placement, "",
           "weight slices: crossbars (one per slice and polarity) or columns (side by side in one crossbar)");
    reram::Device& d = model.device;
    b.bind("r_on_ohm", d.r_on_ohm, "ohm", "low-resistance state (ISAAC cell)");
    b.bind("r_off_ohm", d.r_off_ohm, "ohm", "high-resistance state (ISAAC cell)");
    b.bind("read_voltage_v", d.read_voltage_v, "V", "full-scale input voltage (MNSIM-2.0 Read_Voltage)");
    reram::NonIdealities& n = model.non_ideal;
    b.bind("ideal", n.ideal, "", "every non-ideality off and an exact ADC: integer dot products exactly");
    b.bind("variation_model", variation_model, "", "programming variation: gaussian or lognormal");
    b.bind("programming_sigma", n.programming_sigma, "", "programming variation relative to the target conductance");
    b.bind("stuck_on_rate", n.stuck_on_rate, "", "fraction of cells stuck at R_on");
    b.bind("stuck_off_rate", n.stuck_off_rate, "", "fraction of cells stuck at R_off");
    b.bind("read_noise_sigma", n.read_noise_sigma, "", "read noise per read, relative to each cell's current");
    b.bind("adc_offset_sigma_lsb", n.adc_offset_sigma_lsb, "LSB", "static offset of each ADC (sigma)");
    b.bind("drift_nu", n.drift_nu, "", "conductance drift exponent: G(t) = G(t0) (t / t0)^-nu");
    b.bind("drift_t0_s", n.drift_t0_s, "s", "drift reference time after programming");
    b.bind("drift_time_s", n.drift_time_s, "s", "time of the reads since programming");
    b.bind("wire_ohm", n.wire_ohm, "ohm", "word/bit-line resistance per cell pitch (IR drop)");
    reram::OpCosts& o = model.ops;
    b.bind("crossbar_read_ns", o.crossbar_read_ns, "ns", "one read of a crossbar: DAC, array, S&H (ISAAC 100 ns)");
    b.bind("crossbar_read_pj", o.crossbar_read_pj, "pJ", "one read with all rows driven (ISAAC 0.3 mW x 100 ns)");
    b.bind("dac_pj", o.dac_pj, "pJ", "one 1-bit DAC conversion (ISAAC)");
    b.bind("sample_hold_pj", o.sample_hold_pj, "pJ", "one column sampled and held (ISAAC)");
    b.bind("adc_pj_8bit", o.adc_pj_8bit, "pJ", "one 8-bit ADC conversion (ISAAC 1.67 pJ)");
    b.bind("adc_gsps", o.adc_gsps, "GS/s", "conversions per ns of one ADC (ISAAC 1.28)");
    b.bind("shift_add_pj", o.shift_add_pj, "pJ", "one shift-and-add (ISAAC 0.021 pJ)");
    b.bind("shift_add_ns", o.shift_add_ns, "ns", "the last shift-and-add after the last conversion; estimate");
    b.bind("buffer_pj_per_byte", o.buffer_pj_per_byte, "pJ", "eDRAM buffer access per byte; estimate from ISAAC");
    b.bind("write_pulse_ns", o.write_pulse_ns, "ns", "one SET/RESET pulse (PRIME 40 ns)");
    b.bind("write_pulse_pj", o.write_pulse_pj, "pJ", "one SET/RESET pulse; estimate from PRIME");
    b.bind("verify_read_ns", o.verify_read_ns, "ns", "the verify read after a pulse; estimate");
    b.bind("verify_read_pj", o.verify_read_pj, "pJ", "the verify read after a pulse; estimate");
    b.bind("write_verify_iterations", o.write_verify_iterations, "", "pulse + verify per cell, 1..64; estimate");
    b.bind("leakage_uw_per_crossbar", o.leakage_uw_per_crossbar, "uW", "static power of a crossbar's periphery; estimate");
    bind_command_device_params(b, *this, "tile", "one more START is ERR_BUSY");
    reram::AreaParams& a = model.area;
    b.bind("crossbar_um2", a.crossbar_um2, "um2", "a 128 x 128 array, scaled by M x N (ISAAC)");
    b.bind("adc_um2", a.adc_um2, "um2", "one 8-bit ADC (ISAAC)");
    b.bind("dac_um2", a.dac_um2, "um2", "one 1-bit DAC (ISAAC)");
    b.bind("sample_hold_um2", a.sample_hold_um2, "um2", "one sample-and-hold (ISAAC)");
    b.bind("shift_add_um2", a.shift_add_um2, "um2", "the shift-and-add unit of a crossbar (ISAAC)");
    b.bind("buffer_bytes_per_tile", a.buffer_bytes_per_tile, "bytes",
           "eDRAM buffer of a tile (ISAAC 64 KB): the tile's part of the buffer window, 64..16 MiB / tiles");
    b.bind("buffer_um2_per_byte", a.buffer_um2_per_byte, "um2", "eDRAM buffer area per byte (ISAAC)");
    b.bind("buffer_access_ns", buffer_access_ns, "ns", "one bus access to a tile's buffer; estimate");
    bind_pipeline(b);
}

// --- the PIPELINE command's keys ---------------------------------------------------------------

void ReramParams::bind_pipeline(const ParamBinder& b)
{
    b.bind("pipeline_output_ns", pipeline_output_ns, "ns",
           "PIPELINE: output unit (requantize, clamp, max-pool) per step of a layer; estimate from ISAAC");
    b.bind("pipeline_bandwidth", pipeline_bandwidth, "", "PIPELINE: buffer and bus bandwidth limits on");
    b.bind("pipeline_buffer_gbps", pipeline_buffer_gbps, "GB/s", "PIPELINE: a tile's buffer bandwidth (ISAAC 128)");
    b.bind("pipeline_bus_gbps", pipeline_bus_gbps, "GB/s", "PIPELINE: inter-tile bus bandwidth (TODAES 12.8)");
    b.bind("pipeline_bus_broadcast", pipeline_bus_broadcast, "",
           "PIPELINE: one bus transfer reaches every tile of the next layer");
}

void ReramParams::check_pipeline() const
{
    if (!(pipeline_output_ns >= 0 && pipeline_output_ns <= 1e6))
        throw std::invalid_argument("reram.pipeline_output_ns: " + std::to_string(pipeline_output_ns) + " is not in 0..10^6");
    if (!(pipeline_buffer_gbps > 0 && pipeline_buffer_gbps <= 1e6))
        throw std::invalid_argument("reram.pipeline_buffer_gbps: " + std::to_string(pipeline_buffer_gbps) +
                                    " is not in (0, 10^6]");
    if (!(pipeline_bus_gbps > 0 && pipeline_bus_gbps <= 1e6))
        throw std::invalid_argument("reram.pipeline_bus_gbps: " + std::to_string(pipeline_bus_gbps) + " is not in (0, 10^6]");
}

reram::ReramConfig ReramParams::to_model() const
{
    using namespace reram;
    ReramConfig config = model;
    config.geometry.signed_scheme = choose_param<SignedScheme>(
        "reram.signed_scheme", signed_scheme, {{"differential", SignedScheme::differential}, {"offset", SignedScheme::offset}});
    config.geometry.slice_placement = choose_param<SlicePlacement>(
        "reram.slice_placement", slice_placement,
        {{"crossbars", SlicePlacement::crossbars}, {"columns", SlicePlacement::columns}});
    config.non_ideal.variation_model = choose_param<VariationModel>(
        "reram.variation_model", variation_model,
        {{"gaussian", VariationModel::gaussian}, {"lognormal", VariationModel::lognormal}});
    if (std::string e = validate(config); !e.empty()) throw std::invalid_argument(e);
    return config;
}

}  // namespace pimsoc
