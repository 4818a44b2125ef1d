// The column ADC (docs/models/reram.md, "ADC"). Its input is a column's value in level units: the
// sensed current with the G_off baseline removed, divided by the current of one level step at one
// DAC step, so that an ideal column gives S = sum_i code_i level_i, an integer in 0..S_max with
// S_max = M (2^b - 1) (2^d - 1).
//
// A k-bit ADC has 2^k - 1 steps of
//   lsb = max(1, FS / (2^k - 1)),   FS = adc_full_scale x S_max
// and spans [0, (2^k - 1) lsb]: FS, or more when the ADC has more codes than FS has levels (then
// it resolves each level: a finer step would only measure noise). code = clamp(round(S / lsb + offset), 0, 2^k - 1): values above FS clip to the top
// code, negative ones (noise) to 0. The digital value of a code is code x lsb.
// Exact mode (ideal): code = round(S), lsb 1, no range: every level sum is resolved.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "reram_config.h"

namespace pimsoc::reram {

struct Conversion {
    int64_t code = 0;
    bool clipped = false;  // the value was outside the range (top or bottom code forced)
};

class Adc {
public:
    // bits 1..16; full_scale > 0 (level units).
    Adc(uint32_t bits, double full_scale, bool exact);
    // The ADC of a config's crossbars (exact in ideal mode).
    explicit Adc(const ReramConfig& config);

    uint32_t bits() const { return m_bits; }
    bool exact() const { return m_exact; }
    double lsb() const { return m_lsb; }
    int64_t max_code() const { return m_max_code; }

    // One conversion with a static offset in LSB (0 in exact mode).
    Conversion convert(double level_sum, double offset_lsb = 0.0) const;

private:
    uint32_t m_bits;
    bool m_exact;
    int64_t m_max_code;
    double m_lsb;
};

// S_max of a config: the largest column value in level units.
double max_column_sum(const Geometry& geometry);

}  // namespace pimsoc::reram
