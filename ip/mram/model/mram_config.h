// Parameters of the SOT-MRAM bit-wise CNN accelerator model (after Roohi, Angizi, Fan, DeMara,
// ISQED 2019, arXiv 1904.07864; docs/PAPERS.md section C): geometry of the computational
// sub-arrays, the cost of each sub-array operation, leakage, area inputs and the non-volatile
// partial state. Plain structs whose member initialisers are the documented defaults;
// docs/models/mram.md lists every member with its unit and source ([S] seen in the named source,
// [E] estimate with its reasoning). validate() names the first bad member as "mram.<member>".
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <string>

namespace pimsoc::mram {

// banks -> sub-arrays -> R rows x C columns of SOT-MRAM bits; each row's C columns are split into
// segments of K columns, one bit-counter + shifter + accumulator per segment.
struct Geometry {
    uint32_t rows = 256;                     // R: 16..4096
    uint32_t columns = 256;                  // C: 8..4096
    uint32_t segment_bits = 32;              // K: columns per bit-counter, 1..C, divides C
    uint32_t subarrays_per_bank = 16;        // S: 1..1024, run in lock step
    uint32_t banks = 4;                      // B: 1..64, independent
    uint32_t window_bytes_per_bank = 65536;  // operand memory (packed operands, results) per bank
};

// One operation of one sub-array (the sense amplifiers and the column periphery of all C
// columns act together). Energies of array operations are per column (bit); those of the
// counter, shifter and accumulator per segment.
struct OpCosts {
    double write_ns = 1.0;                  // SOT write of one row (separate write path)
    double write_pj_per_bit = 0.3;          //   per column written
    double read_ns = 1.0;                   // single-row read (sense against the read reference)
    double read_pj_per_bit = 0.2;           //   per column sensed
    double sense_ns = 1.3;                  // dual-row activation, AND or OR reference: one sense cycle
    double sense_pj_per_bit = 0.26;         //   per column sensed
    double count_ns = 0.5;                  // bit-count of every segment's sensed bits (in parallel)
    double count_pj = 0.05;                 //   per segment counted
    double shift_ns = 0.25;                 // shift of the count by m + n (+1 for +-1 weights)
    double shift_pj = 0.021;                //   per segment
    double add_ns = 0.5;                    // accumulate (add or subtract) into a segment's accumulator
    double add_pj = 0.021;                  //   per add (segment accumulators and the output reduction)
    double leakage_uw_per_subarray = 10.0;  // CMOS periphery of one sub-array (MTJ cells do not leak)
};

// Keep the accumulators and a progress record in non-volatile MRAM cells (docs/models/mram.md,
// "Non-volatile partial state"): every update of them is an extra SOT write of their bits at the
// array's write cost, and a resume reads them back at its read cost.
struct NvParams {
    bool nv_partial_state = false;
    uint32_t accumulator_bits = 32;  // per accumulator and output register: 16..64
};

// Area inputs; F = feature size. All [E] unless docs/models/mram.md says otherwise.
struct AreaParams {
    double feature_nm = 45.0;                     // F
    double cell_f2 = 60.0;                        // one 2T-1MTJ SOT-MRAM bit cell (separate read/write paths)
    double sense_amp_f2 = 150.0;                  // one column's sense amplifier
    double reference_select_f2 = 40.0;            // its selectable reference (read / AND / OR) and mux
    double transistor_f2 = 40.0;                  // layout area per logic transistor incl. wiring
    uint32_t counter_transistors_per_input = 28;  // popcount tree: ~one full adder per input
    uint32_t adder_transistors_per_bit = 28;      // accumulator adder/subtractor slice
    uint32_t register_transistors_per_bit = 24;   // accumulator register bit (flip-flop)
    uint32_t shifter_transistors_per_bit = 8;     // barrel shifter: 4 stages of 2-transistor muxes
    uint32_t decoder_transistors_per_row = 16;    // per row, per decoder; two decoders (dual-row)
};

struct MramConfig {
    Geometry geometry;
    OpCosts ops;
    NvParams nv;
    AreaParams area;
};

// Upper bound of the operand memory the model holds (all banks' windows).
constexpr uint64_t max_window_bytes = 64ull << 20;

// Empty when the config is valid, else one line "mram.<member>: <value> <problem>" naming the
// first bad member (e.g. "mram.segment_bits: 48 does not divide columns 256").
std::string validate(const MramConfig& config);

}  // namespace pimsoc::mram
