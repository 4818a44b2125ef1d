// What the RTM model counts and what it costs.
//
// Every counter is a monotonic integer in a unit whose energy is a constant of the config, so
// energy = count x energy per unit (UnitCosts) and an energy ledger can sample the counters:
//   event   counter     energy per unit
//   shift   shifts      shift_pj                 (one shift step of one DBC or cell cluster)
//   read    reads       read_pj * T / 32         (one word at a port)
//   write   writes      write_pj * T / 32        (one word, or a masked part of one)
//   add     add_bits    add_sense_pj_per_bit + add_write_pj_per_bit   (one adder bit slice)
//   mult    mult_bits   the same per bit slice, in the multiplier cells
// Times are integer picoseconds (the ns parameters rounded once to ps).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "booth.h"
#include "pim/model/cost.h"
#include "rtm_config.h"

namespace pimsoc::rtm {

struct Counters {
    uint64_t shifts = 0;         // all shift steps: access + return + cell (energy unit of "shift")
    uint64_t access_shifts = 0;  //   of which: bringing words under a port (data window and commands)
    uint64_t return_shifts = 0;  //   of which: eager returns to offset 0
    uint64_t cell_shifts = 0;    //   of which: multiplier positional shifts (Booth digits)
    uint64_t reads = 0;          // word reads at a port
    uint64_t writes = 0;         // word writes at a port (a masked write counts one)
    uint64_t adds = 0;           // additions on adder cells (element-wise ADD, MAC accumulations)
    uint64_t add_bits = 0;       // bit slices those additions processed (energy unit of "add")
    uint64_t mults = 0;          // multiplications on multiplier cells (element-wise MUL, MACs)
    uint64_t mult_steps = 0;     // partial-product additions (Booth digits not skipped)
    uint64_t mult_bits = 0;      // bit slices of those additions (energy unit of "mult")
    uint64_t macs = 0;           // multiply-accumulates (DOT, CONV2D)
    uint64_t compute_ps = 0;     // cell busy time, summed over all cells
    uint64_t commands = 0;       // commands completed

    Counters& operator+=(const Counters& o);
    friend bool operator==(const Counters& a, const Counters& b);
    friend bool operator!=(const Counters& a, const Counters& b) { return !(a == b); }
};

Counters operator-(const Counters& a, const Counters& b);

// Dynamic energy by event type.
struct Energy {
    double shift_pj = 0;
    double read_pj = 0;
    double write_pj = 0;
    double add_pj = 0;
    double mult_pj = 0;
    double total_pj() const { return shift_pj + read_pj + write_pj + add_pj + mult_pj; }
};

// The cost of one call (a data-window access or a command): latency_ps (until its bank is idle
// again, eager returns included), data_ps (a window read: the data is there), the counter
// increments and their energy.
using Cost = pim::Cost<Counters, Energy>;

// Cost of one multiplication in the multiplier cell.
struct MultCost {
    uint64_t latency_ps = 0;
    uint32_t steps = 0;   // partial-product additions
    uint32_t bits = 0;    // steps x partial-product width
    uint32_t shifts = 0;  // positional shifts: digits x (1 radix-2, 2 radix-4)
};

// Per-unit costs of a config (validated), in the units the model counts.
struct UnitCosts {
    explicit UnitCosts(const RtmConfig& config);

    uint64_t shift_ps;
    uint64_t read_ps;
    uint64_t write_ps;
    uint64_t add_step_ps;  // one adder step: sense + write-back
    double shift_pj;
    double read_pj;   // per word of this config's T
    double write_pj;  // per word of this config's T
    double add_pj_per_bit;
    double mult_pj_per_bit;
    AdderMode adder_mode;
    BoothRadix booth_radix;
    bool booth_skip_zero_digits;

    Energy energy(const Counters& c) const
    {
        return Energy{static_cast<double>(c.shifts) * shift_pj, static_cast<double>(c.reads) * read_pj,
                      static_cast<double>(c.writes) * write_pj,
                      static_cast<double>(c.add_bits) * add_pj_per_bit,
                      static_cast<double>(c.mult_bits) * mult_pj_per_bit};
    }

    // One `bits`-bit addition: bit-serial bits steps, word-parallel one step.
    uint64_t add_latency_ps(uint32_t bits) const
    {
        return adder_mode == AdderMode::bit_serial ? bits * add_step_ps : add_step_ps;
    }

    // A multiplication with multiplier operand `b` (value sign/zero-extended to 64 bits, b_bits
    // wide) and an a_bits-wide multiplicand: per digit the positional shift(s), per performed
    // digit an addition of the (a_bits + 1)-bit (radix-2) or (a_bits + 2)-bit (radix-4) partial
    // product.
    MultCost mult(uint64_t b, uint32_t b_bits, bool b_signed, uint32_t a_bits) const
    {
        const BoothCount bc = booth_count(b, b_bits, b_signed, booth_radix);
        const uint32_t per_digit_shifts = booth_radix == BoothRadix::radix2 ? 1 : 2;
        const uint32_t width = a_bits + per_digit_shifts;
        MultCost m;
        m.steps = booth_skip_zero_digits ? bc.nonzero : bc.digits;
        m.bits = m.steps * width;
        m.shifts = bc.digits * per_digit_shifts;
        m.latency_ps = m.shifts * shift_ps + m.steps * add_latency_ps(width);
        return m;
    }
};

}  // namespace pimsoc::rtm
