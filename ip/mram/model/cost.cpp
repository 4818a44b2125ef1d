#include "cost.h"

#include "pim/model/config_checks.h"

namespace pimsoc::mram {

Counters& Counters::operator+=(const Counters& o)
{
    row_writes += o.row_writes;
    write_bits += o.write_bits;
    row_reads += o.row_reads;
    read_bits += o.read_bits;
    and_senses += o.and_senses;
    or_senses += o.or_senses;
    sense_bits += o.sense_bits;
    counts += o.counts;
    shifts += o.shifts;
    adds += o.adds;
    nv_writes += o.nv_writes;
    nv_write_bits += o.nv_write_bits;
    nv_reads += o.nv_reads;
    nv_read_bits += o.nv_read_bits;
    steps += o.steps;
    commands += o.commands;
    return *this;
}

bool operator==(const Counters& a, const Counters& b)
{
    return a.row_writes == b.row_writes && a.write_bits == b.write_bits && a.row_reads == b.row_reads &&
           a.read_bits == b.read_bits && a.and_senses == b.and_senses && a.or_senses == b.or_senses &&
           a.sense_bits == b.sense_bits && a.counts == b.counts && a.shifts == b.shifts && a.adds == b.adds &&
           a.nv_writes == b.nv_writes && a.nv_write_bits == b.nv_write_bits && a.nv_reads == b.nv_reads &&
           a.nv_read_bits == b.nv_read_bits && a.steps == b.steps && a.commands == b.commands;
}

UnitCosts::UnitCosts(const MramConfig& config)
    : write_ps(pim::ns_to_ps(config.ops.write_ns)),
      read_ps(pim::ns_to_ps(config.ops.read_ns)),
      sense_ps(pim::ns_to_ps(config.ops.sense_ns)),
      count_ps(pim::ns_to_ps(config.ops.count_ns)),
      shift_ps(pim::ns_to_ps(config.ops.shift_ns)),
      add_ps(pim::ns_to_ps(config.ops.add_ns)),
      write_pj_per_bit(config.ops.write_pj_per_bit),
      read_pj_per_bit(config.ops.read_pj_per_bit),
      sense_pj_per_bit(config.ops.sense_pj_per_bit),
      count_pj(config.ops.count_pj),
      shift_pj(config.ops.shift_pj),
      add_pj(config.ops.add_pj),
      leakage_uw(config.ops.leakage_uw_per_subarray * config.geometry.subarrays_per_bank *
                 config.geometry.banks)
{
}

Energy UnitCosts::energy(const Counters& c) const
{
    auto d = [](uint64_t n) { return static_cast<double>(n); };
    Energy e;
    e.write_pj = d(c.write_bits) * write_pj_per_bit;
    e.read_pj = d(c.read_bits) * read_pj_per_bit;
    e.sense_pj = d(c.sense_bits) * sense_pj_per_bit;
    e.count_pj = d(c.counts) * count_pj;
    e.shift_pj = d(c.shifts) * shift_pj;
    e.add_pj = d(c.adds) * add_pj;
    e.nv_pj = d(c.nv_write_bits) * write_pj_per_bit + d(c.nv_read_bits) * read_pj_per_bit;
    return e;
}

}  // namespace pimsoc::mram
