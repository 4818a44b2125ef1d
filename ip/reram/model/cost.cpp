#include "cost.h"

#include <algorithm>
#include <cmath>

#include "pim/model/config_checks.h"

namespace pimsoc::reram {

UnitCosts::UnitCosts(const ReramConfig& config)
    : crossbar_read_ps(pim::ns_to_ps(config.ops.crossbar_read_ns)),
      adc_conversion_ps(pim::ns_to_ps(1.0 / config.ops.adc_gsps)),
      shift_add_ps(pim::ns_to_ps(config.ops.shift_add_ns)),
      write_pulse_ps(pim::ns_to_ps(config.ops.write_pulse_ns)),
      verify_read_ps(pim::ns_to_ps(config.ops.verify_read_ns)),
      row_activation_pj(config.ops.crossbar_read_pj / config.geometry.rows),
      dac_pj(config.ops.dac_pj * static_cast<double>((1u << config.geometry.dac_bits) - 1)),
      sample_hold_pj(config.ops.sample_hold_pj),
      adc_pj(config.ops.adc_pj_8bit * std::ldexp(1.0, static_cast<int>(config.geometry.adc_bits) - 8)),
      shift_add_pj(config.ops.shift_add_pj),
      buffer_pj_per_byte(config.ops.buffer_pj_per_byte),
      write_pulse_pj(config.ops.write_pulse_pj),
      verify_read_pj(config.ops.verify_read_pj),
      leakage_uw(config.ops.leakage_uw_per_crossbar * config.geometry.tiles * config.geometry.crossbars_per_tile)
{
}

Energy UnitCosts::energy(const Counters& c) const
{
    auto d = [](uint64_t n) { return static_cast<double>(n); };
    Energy e;
    e.crossbar_pj = d(c.row_activations) * row_activation_pj;
    e.dac_pj = d(c.row_activations) * dac_pj;
    e.sample_hold_pj = d(c.samples) * sample_hold_pj;
    e.adc_pj = d(c.adc_conversions) * adc_pj;
    e.shift_add_pj = d(c.shift_adds) * shift_add_pj;
    e.buffer_pj = d(c.buffer_bytes) * buffer_pj_per_byte;
    e.program_pj = d(c.write_pulses) * write_pulse_pj + d(c.verify_reads) * verify_read_pj;
    return e;
}

uint64_t UnitCosts::mvm_latency_ps(uint32_t chunks, uint32_t sensed_columns, uint32_t adcs) const
{
    const uint64_t conversions_ps = static_cast<uint64_t>((sensed_columns + adcs - 1) / adcs) * adc_conversion_ps;
    return crossbar_read_ps + (chunks - 1) * std::max(crossbar_read_ps, conversions_ps) + conversions_ps + shift_add_ps;
}

}  // namespace pimsoc::reram
