// What the MRAM model counts and what it costs.
//
// Every counter is a monotonic integer in a unit whose energy is a constant of the config, so
// energy = count x energy per unit (UnitCosts) and an energy ledger can sample the counters:
//   event   counter                      energy per unit
//   write   write_bits                   write_pj_per_bit      (row_writes: rows written)
//   read    read_bits                    read_pj_per_bit       (row_reads: single-row reads)
//   sense   sense_bits                   sense_pj_per_bit      (and_senses + or_senses: dual-row)
//   count   counts                       count_pj              (one segment's bit-count)
//   shift   shifts                       shift_pj              (one segment's count shifted)
//   add     adds                         add_pj                (one accumulation or reduction add)
//   nv      nv_write_bits, nv_read_bits  write_pj_per_bit, read_pj_per_bit (non-volatile state)
// Times are integer picoseconds (the ns parameters rounded once to ps).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <tuple>

#include "mram_config.h"
#include "pim/model/cost.h"

namespace pimsoc::mram {

struct Counters {
    uint64_t row_writes = 0;     // SOT row writes (bit planes loaded)
    uint64_t write_bits = 0;     //   columns written
    uint64_t row_reads = 0;      // single-row reads (the activation sum of +-1 weights)
    uint64_t read_bits = 0;      //   columns sensed
    uint64_t and_senses = 0;     // dual-row activations with the AND reference
    uint64_t or_senses = 0;      // dual-row activations with the OR reference
    uint64_t sense_bits = 0;     //   columns sensed by them
    uint64_t counts = 0;         // segment bit-counts
    uint64_t shifts = 0;         // segment shifts
    uint64_t adds = 0;           // accumulator adds/subtracts and output reductions
    uint64_t nv_writes = 0;      // updates of the non-volatile accumulators / progress record
    uint64_t nv_write_bits = 0;  //   bits written
    uint64_t nv_reads = 0;       // restores of the non-volatile state after a power loss
    uint64_t nv_read_bits = 0;   //   bits read
    uint64_t steps = 0;          // lock-step steps of the bank (the progress record's unit)
    uint64_t commands = 0;       // commands completed

    // The members in one list: operator+= and operator== walk it.
    template <class Self>
    static auto fields(Self& c)
    {
        return std::tie(c.row_writes, c.write_bits, c.row_reads, c.read_bits, c.and_senses, c.or_senses, c.sense_bits,
                        c.counts, c.shifts, c.adds, c.nv_writes, c.nv_write_bits, c.nv_reads, c.nv_read_bits, c.steps,
                        c.commands);
    }
    Counters& operator+=(const Counters& o)
    {
        pim::add_fields(fields(*this), fields(o));
        return *this;
    }
    friend bool operator==(const Counters& a, const Counters& b) { return fields(a) == fields(b); }
    friend bool operator!=(const Counters& a, const Counters& b) { return !(a == b); }
};
static_assert(pim::lists_every_member<Counters>(), "Counters::fields() names every counter");

// Dynamic energy by event type.
struct Energy {
    double write_pj = 0;
    double read_pj = 0;
    double sense_pj = 0;
    double count_pj = 0;
    double shift_pj = 0;
    double add_pj = 0;
    double nv_pj = 0;
    double total_pj() const { return write_pj + read_pj + sense_pj + count_pj + shift_pj + add_pj + nv_pj; }
};

using Cost = pim::Cost<Counters, Energy>;
using Result = pim::Result<Cost>;

// Per-unit costs of a (validated) config.
struct UnitCosts {
    explicit UnitCosts(const MramConfig& config);

    uint64_t write_ps;
    uint64_t read_ps;
    uint64_t sense_ps;
    uint64_t count_ps;
    uint64_t shift_ps;
    uint64_t add_ps;
    double write_pj_per_bit;
    double read_pj_per_bit;
    double sense_pj_per_bit;
    double count_pj;
    double shift_pj;
    double add_pj;
    double leakage_uw;  // all banks

    Energy energy(const Counters& c) const;
    // Leakage energy over `duration_ps` of simulated time (1 uW x 1 ps = 1e-6 pJ).
    double leakage_pj(uint64_t duration_ps) const
    {
        return leakage_uw * static_cast<double>(duration_ps) * 1e-6;
    }
};

}  // namespace pimsoc::mram
