// Parameters of the racetrack-memory (RTM) model: geometry, port/return/placement policies,
// access costs, compute-cell costs and area. Plain structs whose member initialisers are the
// documented defaults; docs/models/rtm.md lists every member with its unit and source ([S] seen
// in the named source, [E] estimate). validate() checks a whole config and names the first bad
// field as "rtm.<member>", so a wrapper binding these members under "rtm." can report it as a
// configuration error.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <string>

namespace pimsoc::rtm {

// Which access port serves a domain.
enum class PortPolicy : uint8_t {
    static_ports,   // domain d always uses its home port d / S (S = ceil(N / P))
    dynamic_ports,  // the port needing the fewest shifts from the current offset (ties: lower port)
};

// Where a DBC is left after an access.
enum class ReturnPolicy : uint8_t {
    lazy,   // stays where the access left it
    eager,  // shifts back to offset 0 after every access (those shifts are counted and take time)
};

// How the words of a bank are spread over its DBCs.
enum class Placement : uint8_t {
    sequential,   // word w of the bank -> DBC w / N, domain w % N
    interleaved,  // word w of the bank -> DBC w % D, domain w / D (D = DBCs in the bank)
};

// How an adder cell processes an n-bit addition.
enum class AdderMode : uint8_t {
    bit_serial,     // one bit slice per step: n steps
    word_parallel,  // all bit slices in one step
};

// Booth recoding of the multiplier operand in the multiplier cell.
enum class BoothRadix : uint8_t {
    radix2,  // digits in {-1, 0, 1}, one per bit position (one positional shift per digit)
    radix4,  // digits in {-2..2}, one per two bit positions (two positional shifts per digit)
};

// Which energy model prices the counted events (docs/models/rtm.md, "Energy models").
enum class CostModel : uint8_t {
    legacy,   // the first model: RTSim's whole-array figures per DBC shift, word and bit slice
    circuit,  // shift energy per track and domain moved, cell-local bit slices, periphery per bank
};

// How the circuit model prices the CMOS periphery of an array access (docs/models/rtm.md).
enum class PeripheryModel : uint8_t {
    estimate,  // per bank from its organisation and the node's capacitances (bank_energy.h)
    sqrt,      // the SoC SRAM's per-bit figure scaled with sqrt(bank bytes / reference bytes)
};

// How a MAC's products are accumulated (circuit model; legacy always adds 32 bits per MAC).
enum class Accumulator : uint8_t {
    int32,  // one 32-bit addition per MAC (as the legacy model)
    bound,  // one addition per MAC, as wide as the command's bound (product bits + log2 terms)
    fused,  // partial products added into the accumulator itself; one carry pass per output
};

const char* to_string(CostModel model);
const char* to_string(Accumulator accumulator);
const char* to_string(PeripheryModel model);
const char* to_string(PortPolicy policy);
const char* to_string(ReturnPolicy policy);
const char* to_string(Placement placement);
const char* to_string(AdderMode mode);
const char* to_string(BoothRadix radix);

// Array organisation: banks -> subarrays -> DBCs -> T tracks x N domains (+ overhead domains).
struct Geometry {
    uint32_t banks = 4;                // 1..64; contiguous ranges of the window
    uint32_t subarrays_per_bank = 16;  // 1..1024; each holds the compute cells
    uint32_t dbcs_per_subarray = 16;   // 1..1024
    uint32_t tracks_per_dbc = 32;      // T = word width in bits: 8, 16, 32 or 64 [S RTSim RM.config: 32]
    uint32_t domains_per_track = 64;   // N data domains per track, 1..1024 [S paper: N_dom = 64]
    uint32_t ports_per_track = 2;      // P, 1..8, P <= N, every port with a non-empty segment [S 1-2]
    PortPolicy port_policy = PortPolicy::static_ports;
    ReturnPolicy return_policy = ReturnPolicy::lazy;
    Placement placement = Placement::interleaved;
};

// Cost of one access at a port [S RTSim Config/RM.config, from DESTINY]. Energies are for 32-bit
// words and scale linearly with T / 32; latencies do not scale.
struct AccessCosts {
    double shift_ns = 2.14;   // one shift step of one DBC (all T tracks together)
    double shift_pj = 19.5;   // energy of that step (not scaled with T: the figure is per DBC shift)
    double read_ns = 1.61;    // one word read at a port (after the shifts)
    double read_pj = 80.0;    // per 32-bit word
    double write_ns = 4.85;   // one word write (a masked write of part of a word costs the same)
    double write_pj = 109.0;  // per 32-bit word
};

// In-memory compute cells, per subarray. One add step = a sense of the operand bits through a
// pre-charge sense amplifier (XOR for the sum, majority for the carry) + a write-back [E].
struct CellParams {
    uint32_t adders_per_subarray = 1;       // 1..64
    uint32_t multipliers_per_subarray = 1;  // 1..64
    AdderMode adder_mode = AdderMode::bit_serial;
    double add_sense_ns = 1.61;             // [E] ~ one read (PAPERS.md A)
    double add_write_ns = 4.85;             // [E] ~ one write (PAPERS.md A)
    double add_sense_pj_per_bit = 2.5;      // [E] RTSim read energy / 32 bits
    double add_write_pj_per_bit = 3.40625;  // [E] RTSim write energy / 32 bits
    BoothRadix booth_radix = BoothRadix::radix4;
    // true: partial-product steps of zero Booth digits are skipped (only their positional shifts
    // remain), so a multiplication's cost depends on the multiplier operand's value.
    bool booth_skip_zero_digits = true;
    // Input/broadcast buffer per bank (SRAM next to the cells): a DOT whose A vector is shared by
    // every output (stride_a 0) and fits reads it from the array once, then from here. 0 = none.
    uint32_t input_buffer_bytes = 512;  // [E] LeNet-5's largest fc input (400 B) with room to spare
    double buffer_read_ns = 0.5;        // [E] a word from a 512 B SRAM, well under one array read
};

// Area model inputs; F = feature size. All [E] unless docs/models/rtm.md says otherwise.
struct AreaParams {
    double feature_nm = 32.0;      // F
    double domain_length_f = 2.0;  // one domain along the track, in F
    double track_pitch_f = 2.0;    // track width F + spacing F, in F
    double port_cell_f2 = 30.0;    // access transistor + MTJ of one port on one track, in F^2
    double sense_amp_f2 = 200.0;   // sense amplifier / write driver of one port on one track, in F^2
    double transistor_f2 = 40.0;   // layout area per logic transistor incl. wiring, in F^2
    uint32_t adder_transistors_per_bit = 30;   // one bit slice of the magnetic full adder (PCSA-based)
    uint32_t booth2_recoder_transistors = 12;  // radix-2 Booth digit recoder
    uint32_t booth4_recoder_transistors = 36;  // radix-4 Booth digit recoder
    double periphery_fraction = 0.5;           // decoders, drivers, shift controllers: x (domains + ports)
    double sram_bit_f2 = 146.0;                // a 6T SRAM bit cell of the input buffer, in F^2
};

// The circuit energy model's inputs (used when model == circuit; AccessCosts' energies and
// CellParams' per-bit energies are then the legacy preset's and unused). Sources and the
// low/default/high range of each estimate in docs/models/rtm.md.
struct CircuitEnergy {
    CostModel model = CostModel::circuit;
    Accumulator accumulator = Accumulator::bound;
    // Shifting one track one domain: the drive current flows through the whole track, so the
    // energy is this x the track's length in domains (data + overhead). Default: RTSim's 19.5 pJ
    // per 32-track DBC step spread over a 95-domain track (64 data + 31 overhead, 2 static ports).
    double shift_pj_per_track_domain = 19.5 / 32.0 / 95.0;
    double cell_sense_pj_per_bit = 0.5;    // MTJ read + pre-charge sense amplifier, one bit [E, SPIMulator TR]
    double cell_write_pj_per_bit = 1.0;    // writing one domain (STT/DW nucleation + driver) [E]
    // CMOS periphery of an array access (decoders, select lines, bitlines, sense amplifiers,
    // H-tree): estimated per bank (bank_energy.h) from these node figures [S CACTI 6.5/7
    // tech_params/32nm.dat (hp) unless marked]:
    PeripheryModel periphery_model = PeripheryModel::estimate;
    double vdd_v = 0.9;             // supply
    double wire_ff_per_um = 0.26;   // local wire: CACTI's wire_capacitance() on 32nm.dat's geometry
    double gate_ff_per_um = 0.574;  // C_g_ideal 0.534 + C_fringe 0.04 fF per um of gate width
    double sense_amp_fj = 2.16;     // sense_dy_power: one sense amplifier's dynamic energy
    double bitline_swing_v = 0.08;  // VBITSENSEMIN: the bitline swing sensed (CACTI/NVSim)
    // periphery_model = sqrt (the first circuit model, for comparison): the SoC SRAM's 5 pJ per
    // 32-bit access of 256 KiB per bit, scaled with sqrt(bank bytes / reference bytes).
    double periphery_pj_per_bit = 5.0 / 32.0;
    double periphery_ref_bytes = 256.0 * 1024.0;
};

struct RtmConfig {
    Geometry geometry;
    AccessCosts access;
    CellParams cells;
    AreaParams area;
    CircuitEnergy energy;
};

// Upper bound of the window the model accepts (host memory holds the whole array).
constexpr uint64_t max_capacity_bytes = 64ull << 20;
// Upper bound of the input buffer (a bank's worth of a small SRAM).
constexpr uint32_t max_input_buffer_bytes = 65536;

// Empty when the config is valid, else one line "rtm.<member>: <value> <problem>" naming the first
// bad member (e.g. "rtm.tracks_per_dbc: 24 is not 8, 16, 32 or 64").
std::string validate(const RtmConfig& config);

}  // namespace pimsoc::rtm
