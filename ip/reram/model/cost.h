// What the ReRAM model counts and what it costs (docs/models/reram.md, "Costs").
//
// Every counter is a monotonic integer in a unit whose energy is a constant of the config, so
// energy = count x energy per unit (UnitCosts) and an energy ledger can sample the counters:
//   event        counter            energy per unit
//   crossbar     row_activations    crossbar_read_pj / M    (a row driven with a non-zero input)
//   DAC          row_activations    dac_pj x (2^d - 1)
//   S&H          samples            sample_hold_pj          (one column sampled)
//   ADC          adc_conversions    adc_pj_8bit x 2^(k - 8)
//   shift-add    shift_adds         shift_add_pj
//   buffer       buffer_bytes       buffer_pj_per_byte      (inputs read, outputs written)
//   programming  write_pulses       write_pulse_pj, verify_reads x verify_read_pj
// Times are integer picoseconds (the ns parameters rounded once to ps).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <tuple>

#include "pim/model/cost.h"
#include "reram_config.h"

namespace pimsoc::reram {

struct Counters {
    uint64_t crossbar_reads = 0;   // reads of one crossbar for one input chunk
    uint64_t row_activations = 0;  // rows driven with a non-zero DAC code (= DAC conversions)
    uint64_t samples = 0;          // columns sampled and held
    uint64_t adc_conversions = 0;
    uint64_t adc_clips = 0;        // conversions whose value was outside the ADC's range
    uint64_t shift_adds = 0;
    uint64_t buffer_bytes = 0;
    uint64_t cells_programmed = 0;
    uint64_t write_pulses = 0;
    uint64_t verify_reads = 0;
    uint64_t mvms = 0;
    uint64_t programs = 0;         // weight blocks programmed

    // The members in one list: operator+= and operator== walk it.
    template <class Self>
    static auto fields(Self& c)
    {
        return std::tie(c.crossbar_reads, c.row_activations, c.samples, c.adc_conversions, c.adc_clips, c.shift_adds,
                        c.buffer_bytes, c.cells_programmed, c.write_pulses, c.verify_reads, c.mvms, c.programs);
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
    double crossbar_pj = 0;
    double dac_pj = 0;
    double sample_hold_pj = 0;
    double adc_pj = 0;
    double shift_add_pj = 0;
    double buffer_pj = 0;
    double program_pj = 0;
    double total_pj() const
    {
        return crossbar_pj + dac_pj + sample_hold_pj + adc_pj + shift_add_pj + buffer_pj + program_pj;
    }
};

using Cost = pim::Cost<Counters, Energy>;
using Result = pim::Result<Cost>;

// Per-unit costs of a (validated) config.
struct UnitCosts {
    explicit UnitCosts(const ReramConfig& config);

    uint64_t crossbar_read_ps;
    uint64_t adc_conversion_ps;  // one conversion of one ADC
    uint64_t shift_add_ps;
    uint64_t write_pulse_ps;
    uint64_t verify_read_ps;
    double row_activation_pj;    // crossbar_read_pj / M
    double dac_pj;               // per conversion, d bits
    double sample_hold_pj;
    double adc_pj;               // per conversion, k bits
    double shift_add_pj;
    double buffer_pj_per_byte;
    double write_pulse_pj;
    double verify_read_pj;
    double leakage_uw;           // all crossbars

    Energy energy(const Counters& c) const;
    // An MVM of `chunks` input chunks on crossbars sensing up to `sensed_columns` columns with
    // `adcs` ADCs each: a two-stage pipeline in which the read of a chunk (DAC, array, S&H)
    // overlaps the conversions of the previous one, then the last shift-and-add.
    uint64_t mvm_latency_ps(uint32_t chunks, uint32_t sensed_columns, uint32_t adcs) const;
    // Leakage energy over `duration_ps` of simulated time (1 uW x 1 ps = 1e-6 pJ).
    double leakage_pj(uint64_t duration_ps) const { return leakage_uw * static_cast<double>(duration_ps) * 1e-6; }
};

}  // namespace pimsoc::reram
