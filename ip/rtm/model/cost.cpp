#include "cost.h"

#include <algorithm>
#include <cmath>

#include "bank_energy.h"
#include "pim/model/config_checks.h"
#include "ports.h"

namespace pimsoc::rtm {

namespace {

using pim::ns_to_ps;

bool is_circuit(const RtmConfig& config)
{
    return config.energy.model == CostModel::circuit;
}

// A compute cell's register of w bits lies on one track of 2w domains: w data + w overhead, so
// every bit can pass the cell's single port without shifting data off the track.
uint64_t register_track_domains(uint32_t bits)
{
    return 2ull * bits;
}

// Circuit: one step of a DBC moves its T tracks, each as long as its data + overhead domains.
double dbc_shift_pj(const RtmConfig& config)
{
    if (!is_circuit(config)) return config.access.shift_pj;
    const Geometry& g = config.geometry;
    const PortGeometry ports(g.domains_per_track, g.ports_per_track, g.port_policy);
    return config.energy.shift_pj_per_track_domain * g.tracks_per_dbc * ports.track_domains();
}

// Circuit, periphery_model sqrt: the SoC SRAM's per-bit figure scaled to `bytes` with sqrt(capacity).
double sqrt_scaled_pj_per_bit(const RtmConfig& config, double bytes)
{
    return config.energy.periphery_pj_per_bit * std::sqrt(bytes / config.energy.periphery_ref_bytes);
}

double bank_bytes(const Geometry& g)
{
    return static_cast<double>(g.subarrays_per_bank) * g.dbcs_per_subarray * g.domains_per_track * g.tracks_per_dbc /
           8.0;
}

// Circuit: a word access = the bank's CMOS periphery (estimated, or sqrt-scaled) + T MTJ senses/writes.
double word_pj(const RtmConfig& config, double legacy_pj_per_32, double cell_pj_per_bit, AccessKind kind)
{
    const double t = config.geometry.tracks_per_dbc;
    if (!is_circuit(config)) return legacy_pj_per_32 * t / 32.0;
    const double periphery = config.energy.periphery_model == PeripheryModel::estimate
                                 ? access_energy(rtm_bank_organisation(config), config, kind).total_pj()
                                 : t * sqrt_scaled_pj_per_bit(config, bank_bytes(config.geometry));
    return periphery + t * cell_pj_per_bit;
}

double bit_slice_pj(const RtmConfig& config)
{
    if (!is_circuit(config)) return config.cells.add_sense_pj_per_bit + config.cells.add_write_pj_per_bit;
    return config.energy.cell_sense_pj_per_bit + config.energy.cell_write_pj_per_bit;
}

// The input buffer is a small SRAM (its access is all periphery; reads and fills priced alike, at
// a read): the same estimator on its organisation, or the SoC SRAM's figure scaled with
// sqrt(capacity). Under either energy model (the legacy preset has no figure of its own for it).
double buffer_word_pj(const RtmConfig& config)
{
    const uint32_t bytes = config.cells.input_buffer_bytes;
    const uint32_t t = config.geometry.tracks_per_dbc;
    if (bytes == 0) return 0.0;
    if (config.energy.periphery_model == PeripheryModel::sqrt) return t * sqrt_scaled_pj_per_bit(config, bytes);
    return access_energy(sram_organisation(bytes, t, config), config, AccessKind::read).total_pj();
}

uint32_t ceil_log2(uint64_t n)
{
    uint32_t bits = 0;
    while ((1ull << bits) < n) ++bits;
    return bits;
}

}  // namespace

UnitCosts::UnitCosts(const RtmConfig& config)
    : model(config.energy.model),
      accumulator(is_circuit(config) ? config.energy.accumulator : Accumulator::int32),
      shift_ps(ns_to_ps(config.access.shift_ns)),
      read_ps(ns_to_ps(config.access.read_ns)),
      write_ps(ns_to_ps(config.access.write_ns)),
      add_step_ps(ns_to_ps(config.cells.add_sense_ns + config.cells.add_write_ns)),
      buffer_read_ps(ns_to_ps(config.cells.buffer_read_ns)),
      input_buffer_bytes(config.cells.input_buffer_bytes),
      shift_pj(dbc_shift_pj(config)),
      cell_shift_pj(is_circuit(config) ? 0.0 : config.access.shift_pj),
      track_domain_pj(is_circuit(config) ? config.energy.shift_pj_per_track_domain : 0.0),
      read_pj(word_pj(config, config.access.read_pj, config.energy.cell_sense_pj_per_bit, AccessKind::read)),
      write_pj(word_pj(config, config.access.write_pj, config.energy.cell_write_pj_per_bit, AccessKind::write)),
      add_pj_per_bit(bit_slice_pj(config)),
      mult_pj_per_bit(add_pj_per_bit),
      buffer_pj(buffer_word_pj(config)),
      adder_mode(config.cells.adder_mode),
      booth_radix(config.cells.booth_radix),
      booth_skip_zero_digits(config.cells.booth_skip_zero_digits)
{
}

uint32_t UnitCosts::accumulator_bits(uint32_t product_bits, uint64_t terms) const
{
    if (accumulator == Accumulator::int32) return 32;
    return std::min<uint32_t>(32, product_bits + ceil_log2(terms));
}

AddCost UnitCosts::add(uint32_t bits, uint32_t operand_bits, uint32_t register_bits) const
{
    AddCost a;
    if (adder_mode == AdderMode::word_parallel) {
        a.latency_ps = add_step_ps;  // a port per bit slice: nothing moves
        return a;
    }
    a.latency_ps = bits * add_step_ps;
    if (model == CostModel::circuit) {
        // Operand and sum tracks step once per bit slice past the cell's port, then return
        // together: 2 x bits steps of both tracks, `bits` shift steps of time.
        a.latency_ps += bits * shift_ps;
        a.traversal_domains =
            2ull * bits * (register_track_domains(operand_bits) + register_track_domains(register_bits));
    }
    return a;
}

MultCost UnitCosts::mult(uint64_t b, uint32_t b_bits, bool b_signed, uint32_t a_bits, uint32_t register_bits) const
{
    const BoothCount bc = booth_count(b, b_bits, b_signed, booth_radix);
    const uint32_t per_digit_shifts = booth_radix == BoothRadix::radix2 ? 1 : 2;
    const uint32_t width = a_bits + per_digit_shifts;
    MultCost m;
    m.steps = booth_skip_zero_digits ? bc.nonzero : bc.digits;
    m.bits = m.steps * width;
    m.shifts = bc.digits * per_digit_shifts;
    // Circuit: the product register shifts back to its rest position for the next product.
    if (model == CostModel::circuit) {
        m.shifts *= 2;
        m.shift_domains = m.shifts * register_track_domains(register_bits);
    }
    const AddCost partial = add(width, width, register_bits);
    m.traversal_domains = m.steps * partial.traversal_domains;
    m.latency_ps = m.shifts * shift_ps + m.steps * partial.latency_ps;
    return m;
}

}  // namespace pimsoc::rtm
