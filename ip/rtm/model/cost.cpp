#include "cost.h"

#include "pim/model/config_checks.h"

namespace pimsoc::rtm {

Counters& Counters::operator+=(const Counters& o)
{
    shifts += o.shifts;
    access_shifts += o.access_shifts;
    return_shifts += o.return_shifts;
    cell_shifts += o.cell_shifts;
    reads += o.reads;
    writes += o.writes;
    adds += o.adds;
    add_bits += o.add_bits;
    mults += o.mults;
    mult_steps += o.mult_steps;
    mult_bits += o.mult_bits;
    macs += o.macs;
    compute_ps += o.compute_ps;
    commands += o.commands;
    return *this;
}

bool operator==(const Counters& a, const Counters& b)
{
    return a.shifts == b.shifts && a.access_shifts == b.access_shifts && a.return_shifts == b.return_shifts &&
           a.cell_shifts == b.cell_shifts && a.reads == b.reads && a.writes == b.writes && a.adds == b.adds &&
           a.add_bits == b.add_bits && a.mults == b.mults && a.mult_steps == b.mult_steps &&
           a.mult_bits == b.mult_bits && a.macs == b.macs && a.compute_ps == b.compute_ps &&
           a.commands == b.commands;
}

Counters operator-(const Counters& a, const Counters& b)
{
    Counters d;
    d.shifts = a.shifts - b.shifts;
    d.access_shifts = a.access_shifts - b.access_shifts;
    d.return_shifts = a.return_shifts - b.return_shifts;
    d.cell_shifts = a.cell_shifts - b.cell_shifts;
    d.reads = a.reads - b.reads;
    d.writes = a.writes - b.writes;
    d.adds = a.adds - b.adds;
    d.add_bits = a.add_bits - b.add_bits;
    d.mults = a.mults - b.mults;
    d.mult_steps = a.mult_steps - b.mult_steps;
    d.mult_bits = a.mult_bits - b.mult_bits;
    d.macs = a.macs - b.macs;
    d.compute_ps = a.compute_ps - b.compute_ps;
    d.commands = a.commands - b.commands;
    return d;
}

namespace {
using pim::ns_to_ps;
}  // namespace

UnitCosts::UnitCosts(const RtmConfig& config)
    : shift_ps(ns_to_ps(config.access.shift_ns)),
      read_ps(ns_to_ps(config.access.read_ns)),
      write_ps(ns_to_ps(config.access.write_ns)),
      add_step_ps(ns_to_ps(config.cells.add_sense_ns + config.cells.add_write_ns)),
      shift_pj(config.access.shift_pj),
      read_pj(config.access.read_pj * config.geometry.tracks_per_dbc / 32.0),
      write_pj(config.access.write_pj * config.geometry.tracks_per_dbc / 32.0),
      add_pj_per_bit(config.cells.add_sense_pj_per_bit + config.cells.add_write_pj_per_bit),
      mult_pj_per_bit(add_pj_per_bit),
      adder_mode(config.cells.adder_mode),
      booth_radix(config.cells.booth_radix),
      booth_skip_zero_digits(config.cells.booth_skip_zero_digits)
{
}

}  // namespace pimsoc::rtm
