#include "cost.h"

#include "pim/model/config_checks.h"

namespace pimsoc::mram {

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
