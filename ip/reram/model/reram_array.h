// The ReRAM crossbar tiles (ISAAC-like; docs/PAPERS.md section B): tiles x crossbars_per_tile
// crossbars of M x N multi-level cells. A controller programs a block of integer weights onto a
// run of crossbars once, then runs matrix-vector multiplications on it with integer input
// vectors; each call returns its cost (pim::Result: error, the tile as the busy unit, latency,
// counters, energy by component).
//
// MVM (docs/models/reram.md, "MVM"): out[o] = sum_i W[o][i] x[i] for a block of `inputs` x
// `outputs` weights. Weights are bit-sliced onto cells (weight_slicing.h); the input is applied
// bit-serially, d bits per read through the row DACs (signed inputs shifted by 2^(a-1) and the
// shift's share 2^(a-1) sum_i W[o][i] subtracted digitally); every read senses the block's
// columns of each of its crossbars (crossbar.h), the ADC converts each column (adc.h), and the
// shift-and-add units accumulate code x 2^(b slice + d chunk) with the group's sign (minus the
// reference column for the offset scheme). The sum of codes times the ADC's lsb, rounded, is the
// output: in ideal mode the integer dot product exactly.
//
// Randomness (all from `streams`, named from `name`): "<name>.faults.<c>" the fault map of
// crossbar c and "<name>.adc.<c>" its ADC's offset (drawn when c is first programmed),
// "<name>.program" the programming variation (in programming order), "<name>.read" the read
// noise (in read order). Same seed and same calls give the same numbers; ideal mode draws none.
//
// Typical use by a controller:
//   ReramConfig config;                                  // bound under "reram."
//   if (auto e = validate(config); !e.empty()) -> configuration error e
//   ReramArray xbars(config, streams, "soc.reram");
//   WeightBlock w{ElemType::i8, 150, 16, weights};       // weights[o * inputs + i]
//   Result p = xbars.program(first, w);                  // p.error, p.cost (programming)
//   Result r = xbars.mvm(first, ElemType::u8, x, &out);  // r.error -> ERR_CODE, r.cost -> time, energy
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adc.h"
#include "area.h"
#include "common/model/random_streams.h"
#include "cost.h"
#include "crossbar.h"
#include "pim/model/elem_type.h"
#include "pim/model/error.h"
#include "reram_config.h"
#include "weight_slicing.h"

namespace pimsoc::reram {

using pim::ElemType;
using ReramError = pim::Error;

// A block of weights: weights[o * inputs + i] = W[o][i] (row o of an MvmCommand's matrix).
struct WeightBlock {
    ElemType type = ElemType::i8;  // 1..16 bits, signed or unsigned
    uint32_t inputs = 0;           // crossbar rows used: the dot products' length, <= M
    uint32_t outputs = 0;          // outputs: columns per column group
    std::vector<int64_t> weights;
};

// A programmed block, as the model keeps it.
struct ProgrammedBlock {
    uint32_t first_crossbar = 0;
    ElemType type;
    uint32_t inputs = 0;
    uint32_t outputs = 0;
    SlicePlan plan;
    std::vector<int64_t> weight_sums;  // sum_i W[o][i] (the signed-input correction)
    std::vector<int64_t> weights;      // W[o][i] as programmed (the integer path of ideal mode)
};

class ReramArray {
public:
    // Throws std::invalid_argument with validate()'s message for a bad config.
    explicit ReramArray(const ReramConfig& config, const RandomStreams& streams = RandomStreams(),
                        std::string name = "reram");
    ~ReramArray();

    const ReramConfig& config() const { return m_config; }  // as given
    const ReramConfig& effective_config() const { return m_effective; }  // what runs (ideal applied)
    const UnitCosts& unit_costs() const { return m_units; }
    const Adc& adc() const { return m_adc; }
    uint32_t crossbar_count() const { return m_geometry.tiles * m_geometry.crossbars_per_tile; }

    // How a block of `outputs` columns of `type` weights is laid out (plan.crossbars = how many
    // crossbars program() needs), for a controller's allocation.
    SlicePlan plan(ElemType type, uint32_t outputs) const { return plan_slices(m_geometry, type, outputs); }

    // What program() would reject, in this order: bad_type (not 1..16 bits), zero_size (inputs or
    // outputs 0), too_large (inputs > M, or the used columns > N), out_of_range (weights.size() !=
    // inputs x outputs, a weight outside its type, or the crossbars past the last one),
    // cross_bank (the crossbars not in one tile).
    ReramError check_program(uint32_t first_crossbar, const WeightBlock& block) const;
    // Writes the block's cells (write-verify per cell, rows one after another, the block's
    // crossbars in parallel). Blocks it overwrites are forgotten.
    Result program(uint32_t first_crossbar, const WeightBlock& block);

    // What mvm() would reject, in this order: out_of_range (first_crossbar past the last),
    // bad_cmd (no block programmed at first_crossbar), bad_type (x_type not 1..16 bits),
    // out_of_range (x.size() != the block's inputs, or a value outside x_type).
    ReramError check_mvm(uint32_t first_crossbar, ElemType x_type, const std::vector<int64_t>& x) const;
    // out (if given) gets the block's outputs (int64; a controller wraps them to int32).
    // In ideal mode the analog path is exact, so mvm() takes the integer path: the dot products
    // computed directly and the same counters and cost counted from the input codes, without
    // reading the crossbars (the same integers and cost record, thousands of times faster: the
    // CNN's 10,000 images). set_integer_path(false) forces the analog path (tests compare them).
    Result mvm(uint32_t first_crossbar, ElemType x_type, const std::vector<int64_t>& x, std::vector<int64_t>* out);
    void set_integer_path(bool on) { m_integer_path = on && m_effective.non_ideal.ideal; }
    bool integer_path() const { return m_integer_path; }
    // Non-ideal (analog) reads use each crossbar's effective conductances computed once after
    // programming (crossbar.h, "Fast reads"); set_cached_reads(false) recomputes them per read,
    // the reference the tests compare with (the same numbers, several times slower).
    void set_cached_reads(bool on) { m_read.cached = on; }
    bool cached_reads() const { return m_read.cached; }

    // Forgets the blocks on crossbars [first, first + count) (their cells keep their levels): a
    // PROGRAM cut by a power failure leaves no usable block there.
    void forget_blocks(uint32_t first, uint32_t count);
    // The block programmed at first_crossbar, or nullptr.
    const ProgrammedBlock* block(uint32_t first_crossbar) const;
    // A crossbar's cells (nullptr until it is first programmed: crossbars are built then).
    const Crossbar* crossbar(uint32_t index) const;
    // The static offset (LSB) of a crossbar's ADC (0 until it is first programmed).
    double adc_offset_lsb(uint32_t index) const;
    uint32_t tile_of(uint32_t crossbar) const { return crossbar / m_geometry.crossbars_per_tile; }

    const Counters& counters() const { return m_counters; }       // monotonic since construction
    Energy energy() const { return m_units.energy(m_counters); }  // dynamic, by event type
    AreaBreakdown area() const { return total_area(m_config); }

private:
    Crossbar& built(uint32_t index);
    // The counts every MVM adds (mvms, buffer bytes), its energy and latency; adds it to the totals.
    Result finish_mvm(Result& r, const ProgrammedBlock& b, ElemType x_type, uint32_t chunks);

    ReramConfig m_config;
    ReramConfig m_effective;
    const Geometry& m_geometry;
    RandomStreams m_streams;
    std::string m_name;
    UnitCosts m_units;
    Adc m_adc;
    CellScale m_scale;
    ReadConditions m_read;
    RandomStream m_variation;
    RandomStream m_noise;
    std::vector<std::unique_ptr<Crossbar>> m_crossbars;
    std::vector<double> m_adc_offset;
    std::map<uint32_t, ProgrammedBlock> m_blocks;  // by first crossbar
    Counters m_counters;
    bool m_integer_path;
};

}  // namespace pimsoc::reram
