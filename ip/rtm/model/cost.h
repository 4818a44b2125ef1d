// What the RTM model counts and what it costs.
//
// Every counter is a monotonic integer in a unit whose energy is a constant of the config, so
// energy = count x energy per unit (UnitCosts) and an energy ledger can sample the counters:
//   event       counter                   legacy preset               circuit model (default)
//   shift       shifts - cell_shifts      shift_pj                    T x track domains x e
//   cell_shift  cell_shifts               shift_pj                    0 (priced per domain below)
//               cell_shift_domains        0                           e
//   traversal   traversal_shift_domains   0                           e
//   read        reads                     read_pj x T / 32            bank read periphery + T x sense
//   write       writes                    write_pj x T / 32           bank write periphery + T x write
//   add, mult   add_bits, mult_bits       add_sense + add_write       cell_sense + cell_write
//   buffer      buffer_reads, _writes     an SRAM read of the buffer's size (both models)
// (e = shift_pj_per_track_domain; the periphery of an access is estimated per bank, bank_energy.h,
// or with periphery_model sqrt T x periphery_pj_per_bit x sqrt(bank or buffer / ref bytes);
// docs/models/rtm.md, "Energy models"). Times are integer picoseconds (ns rounded once to ps).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <tuple>

#include "booth.h"
#include "pim/model/cost.h"
#include "rtm_config.h"

namespace pimsoc::rtm {

struct Counters {
    uint64_t shifts = 0;         // all shift steps: access + return + cell (energy unit of "shift")
    uint64_t access_shifts = 0;  //   of which: bringing words under a port (data window and commands)
    uint64_t return_shifts = 0;  //   of which: eager returns to offset 0
    uint64_t cell_shifts = 0;    //   of which: multiplier positional shifts (Booth digits; circuit: and back)
    uint64_t cell_shift_domains = 0;       // cell_shifts x the length of the register track moved
    uint64_t traversal_shift_domains = 0;  // bit-serial cells: operand/sum track steps x track lengths
    uint64_t reads = 0;          // word reads at a port
    uint64_t writes = 0;         // word writes at a port (a masked write counts one)
    uint64_t adds = 0;           // additions on adder cells (element-wise ADD, MAC accumulations)
    uint64_t add_bits = 0;       // bit slices those additions processed (energy unit of "add")
    uint64_t mults = 0;          // multiplications on multiplier cells (element-wise MUL, MACs)
    uint64_t mult_steps = 0;     // partial-product additions (Booth digits not skipped)
    uint64_t mult_bits = 0;      // bit slices of those additions (energy unit of "mult")
    uint64_t buffer_reads = 0;   // words read from the input buffer (instead of the array)
    uint64_t buffer_writes = 0;  // words written into the input buffer (its fill)
    uint64_t macs = 0;           // multiply-accumulates (DOT, CONV2D)
    uint64_t compute_ps = 0;     // cell busy time, summed over all cells
    uint64_t commands = 0;       // commands completed

    // The members in one list: operator+=, operator== and operator- walk it.
    template <class Self>
    static auto fields(Self& c)
    {
        return std::tie(c.shifts, c.access_shifts, c.return_shifts, c.cell_shifts, c.cell_shift_domains,
                        c.traversal_shift_domains, c.reads, c.writes, c.adds, c.add_bits, c.mults, c.mult_steps,
                        c.mult_bits, c.buffer_reads, c.buffer_writes, c.macs, c.compute_ps, c.commands);
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

inline Counters operator-(const Counters& a, const Counters& b)
{
    Counters d = a;
    pim::subtract_fields(Counters::fields(d), Counters::fields(b));
    return d;
}

// Dynamic energy by event type.
struct Energy {
    double shift_pj = 0;       // DBC shifts: bringing words under a port, eager returns
    double cell_shift_pj = 0;  // multiplier positional shifts
    double traversal_pj = 0;   // bit-serial cells moving operand and sum tracks past their port
    double read_pj = 0;
    double write_pj = 0;
    double add_pj = 0;   // adder bit slices (sense + write-back)
    double mult_pj = 0;  // multiplier bit slices
    double buffer_pj = 0;  // input buffer reads and fills
    double total_pj() const
    {
        return shift_pj + cell_shift_pj + traversal_pj + read_pj + write_pj + add_pj + mult_pj + buffer_pj;
    }
};

// The cost of one call (a data-window access or a command): latency_ps (until its bank is idle
// again, eager returns included), data_ps (a window read: the data is there), the counter
// increments and their energy.
using Cost = pim::Cost<Counters, Energy>;

// Cost of one addition on an adder cell (or of a partial product in a multiplier cell).
struct AddCost {
    uint64_t latency_ps = 0;
    uint64_t traversal_domains = 0;  // bit-serial (circuit): track-domain steps of operand + sum tracks
};

// Cost of one multiplication in the multiplier cell.
struct MultCost {
    uint64_t latency_ps = 0;
    uint32_t steps = 0;              // partial-product additions
    uint32_t bits = 0;               // steps x partial-product width
    uint32_t shifts = 0;             // positional shifts: digits x (1 radix-2, 2 radix-4); circuit: x 2
    uint64_t shift_domains = 0;      // shifts x the product register's track length (circuit)
    uint64_t traversal_domains = 0;  // of the partial-product additions (circuit, bit-serial)
};

// Per-unit costs of a config (validated), in the units the model counts.
struct UnitCosts {
    explicit UnitCosts(const RtmConfig& config);

    CostModel model;
    Accumulator accumulator;  // legacy: int32
    uint64_t shift_ps;
    uint64_t read_ps;
    uint64_t write_ps;
    uint64_t add_step_ps;  // one adder step: sense + write-back
    uint64_t buffer_read_ps;
    uint32_t input_buffer_bytes;  // 0: no buffer
    double shift_pj;       // one DBC shift step (access, return)
    double cell_shift_pj;  // one positional shift step (legacy; circuit: 0, priced per domain)
    double track_domain_pj;  // one track moved one domain, per domain of its length (circuit; legacy: 0)
    double read_pj;        // per word of this config's T
    double write_pj;       // per word of this config's T
    double add_pj_per_bit;
    double mult_pj_per_bit;
    double buffer_pj;  // one word (T bits) read from or written into the input buffer
    AdderMode adder_mode;
    BoothRadix booth_radix;
    bool booth_skip_zero_digits;

    Energy energy(const Counters& c) const
    {
        Energy e;
        e.shift_pj = static_cast<double>(c.shifts - c.cell_shifts) * shift_pj;
        e.cell_shift_pj = static_cast<double>(c.cell_shifts) * cell_shift_pj +
                          static_cast<double>(c.cell_shift_domains) * track_domain_pj;
        e.traversal_pj = static_cast<double>(c.traversal_shift_domains) * track_domain_pj;
        e.read_pj = static_cast<double>(c.reads) * read_pj;
        e.write_pj = static_cast<double>(c.writes) * write_pj;
        e.add_pj = static_cast<double>(c.add_bits) * add_pj_per_bit;
        e.mult_pj = static_cast<double>(c.mult_bits) * mult_pj_per_bit;
        e.buffer_pj = static_cast<double>(c.buffer_reads + c.buffer_writes) * buffer_pj;
        return e;
    }

    // Width of a MAC command's accumulator: 32 (legacy, int32) or the bound of `terms` products of
    // product_bits each (+ the bias or init as one more term), at most 32.
    uint32_t accumulator_bits(uint32_t product_bits, uint64_t terms) const;

    // A `bits`-bit addition of an operand_bits-wide operand into a register_bits-wide register:
    // bit-serial `bits` steps (circuit: + the tracks' return, `bits` shift steps), word-parallel one.
    AddCost add(uint32_t bits, uint32_t operand_bits, uint32_t register_bits) const;

    // A multiplication with multiplier operand `b` (value sign/zero-extended to 64 bits, b_bits
    // wide) and an a_bits-wide multiplicand into a register_bits-wide product register: per digit
    // the positional shift(s) (circuit: and their return), per performed digit an addition of the
    // (a_bits + 1)-bit (radix-2) or (a_bits + 2)-bit (radix-4) partial product.
    MultCost mult(uint64_t b, uint32_t b_bits, bool b_signed, uint32_t a_bits, uint32_t register_bits) const;
};

}  // namespace pimsoc::rtm
