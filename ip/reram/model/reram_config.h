// Parameters of the ReRAM crossbar model (ISAAC-like tiles, docs/PAPERS.md section B and "ReRAM
// crossbar parameters"): crossbar geometry and cells, weight and input encodings, the ADC, the
// device non-idealities, operation costs, programming, leakage and area. Plain structs whose
// member initialisers are the documented defaults; docs/models/reram.md lists every member with
// its unit and source ([S] seen in the named source, [E] estimate with its reasoning). Each member
// is bound flat under "reram." (the member's name is its key: reram.cell_bits, reram.ideal, ...),
// and validate() names the first bad member that way.
//
// The defaults are the realistic, non-ideal set. `ideal = true` turns every non-ideality off at
// once (effective() below), so the crossbars then compute exact integer dot products.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <string>

namespace pimsoc::reram {

// How a signed weight is held by non-negative conductances.
enum class SignedScheme : uint8_t {
    differential,  // W = W+ - W-: two column groups (or crossbars) per slice, subtracted digitally
    offset,        // U = W + 2^(w-1) stored; a reference column of 2^(w-1) cells is read and subtracted
};

// Where the ceil(w/b) slices (and the two polarities) of a weight block go.
enum class SlicePlacement : uint8_t {
    crossbars,  // one crossbar per slice and polarity, same columns in each (the TODAES paper's logical crossbar)
    columns,    // side by side as column groups of one crossbar (ISAAC's 8 cells of a 16-bit weight in a row)
};

// Distribution of the programmed conductance around its target.
enum class VariationModel : uint8_t {
    gaussian,   // G = G_t (1 + sigma z), clamped at 0
    lognormal,  // G = G_t exp(sigma z - sigma^2 / 2): mean G_t, log-sigma = sigma
};

// Crossbars, cells and the encodings. Tiles x crossbars_per_tile crossbars of rows x columns cells.
struct Geometry {
    uint32_t rows = 128;                // M: word lines (inputs), 8..1024 [S ISAAC]
    uint32_t columns = 128;             // N: bit lines (outputs), 8..1024 [S ISAAC]
    uint32_t cell_bits = 2;             // b: bits per cell, 1..4 [S ISAAC]
    uint32_t tiles = 2;                 // 1..64 [E: the SoC's LeNet-5 needs 72 crossbars at w8 b2]
    uint32_t crossbars_per_tile = 72;   // 1..1024 [S TODAES setup / ISAAC tile]
    uint32_t dac_bits = 1;              // d: input bits applied per read, 1..4 [S ISAAC 1-bit DACs]
    uint32_t adc_bits = 8;              // k: 1..16 [S ISAAC]
    double adc_full_scale = 0.5;        // ADC full scale as a fraction of the largest column sum, (0, 1]
                                        // [E: ISAAC's weight encoding keeps a column within half its
                                        // largest sum, so 8 bits resolve it; see the doc]
    uint32_t adcs_per_crossbar = 1;     // ADCs sharing a crossbar's columns, 1..columns [S ISAAC]
    SignedScheme signed_scheme = SignedScheme::differential;
    SlicePlacement slice_placement = SlicePlacement::crossbars;
};

// The cell: two resistance bounds; 2^b levels evenly spaced in conductance between them.
struct Device {
    double r_on_ohm = 2e3;      // low-resistance state [S ISAAC cell, PAPERS.md]
    double r_off_ohm = 3e6;     // high-resistance state [S ISAAC cell, PAPERS.md]
    double read_voltage_v = 0.5;  // full-scale input voltage [S MNSIM-2.0 SimConfig.ini Read_Voltage]
};

// Device and circuit non-idealities. All are off when `ideal` is true.
struct NonIdealities {
    bool ideal = false;  // key reram.ideal: every non-ideality off, exact ADC
    VariationModel variation_model = VariationModel::gaussian;
    double programming_sigma = 0.05;  // relative to the target conductance [S MNSIM-2.0 Device_Variation 5 %]
    double stuck_on_rate = 0.01;      // cells stuck at R_on [S MNSIM-2.0 Device_SAF stuck-at-LRS 1 %]
    double stuck_off_rate = 0.09;     // cells stuck at R_off [S MNSIM-2.0 Device_SAF stuck-at-HRS 9 %]
    double read_noise_sigma = 0.01;   // per read, relative to each cell's current [S aihwkit ReRAM noise
                                      // models: "short-term read noise (about 1 %)"]
    double adc_offset_sigma_lsb = 0.2;  // static offset of each ADC, drawn once [E: SAR ADC offset spec +-0.5 LSB]
    double drift_nu = 0.003;          // G(t) = G(t0) (t / t0)^-nu [E: aihwkit ReRamCMONoiseModel decay,
                                      // -0.089 uS per ln t at ~30 uS]
    double drift_t0_s = 1.0;          // reference time after programming [S aihwkit ReRAM model's first time, 1 s]
    double drift_time_s = 86400.0;    // time of the reads since programming [S aihwkit ReRAM model: 1 day]
    double wire_ohm = 1.0;            // word/bit-line resistance per cell pitch [E: Cu at 32 nm, see the doc]
};

// Energies and times of one operation. ISAAC's power figures over its 100 ns stage.
struct OpCosts {
    double crossbar_read_ns = 100.0;     // one read of a crossbar (DAC -> array -> S&H) [S ISAAC]
    double crossbar_read_pj = 30.0;      // all M rows driven: 0.3 mW x 100 ns [S ISAAC]; scaled by rows driven
    double dac_pj = 0.42;                // one 1-bit DAC conversion [S PAPERS.md, ISAAC]; x(2^d - 1) for d bits [E]
    double sample_hold_pj = 0.001;       // one column sampled: 10 uW / 1024 S&H x 100 ns [S ISAAC Table 6]
    double adc_pj_8bit = 1.67;           // one 8-bit conversion [S ISAAC]; x 2^(k-8) for k bits [E: Walden FoM]
    double adc_gsps = 1.28;              // conversions per ns of one ADC [S ISAAC]
    double shift_add_pj = 0.021;         // one shift-and-add of a converted value [S ISAAC]
    double shift_add_ns = 1.0;           // the last shift-and-add after the last conversion [E: one 1 GHz cycle]
    double buffer_pj_per_byte = 0.67;    // eDRAM buffer: 20.7 mW x 100 ns / ~3 KiB per stage [E from ISAAC]
    double write_pulse_ns = 40.0;        // one SET/RESET pulse [S PRIME: 2 V, 40 ns]
    double write_pulse_pj = 40.0;        // (2 V)^2 / 4 kOhm x 40 ns [E: PRIME's pulse on a mid-range cell]
    double verify_read_ns = 10.0;        // the verify read after a pulse [E]
    double verify_read_pj = 0.5;         // [E: 0.5 V^2 / 4 kOhm x 10 ns ~ 0.6 pJ]
    uint32_t write_verify_iterations = 4;  // pulse + verify per cell, 1..64 [E: multi-level cells need a few]
    double leakage_uw_per_crossbar = 10.0; // periphery (ADC, S&H, drivers) at rest [E]
};

// Area per component (ISAAC, 32 nm). docs/models/reram.md, "Area".
struct AreaParams {
    double crossbar_um2 = 25.0;           // a 128 x 128 array, scaled by M x N [S ISAAC 0.0002 mm^2 / 8]
    double adc_um2 = 1200.0;              // one 8-bit ADC, x 2^(k-8) [S ISAAC 0.0096 mm^2 / 8; scaling E]
    double dac_um2 = 0.17;                // one 1-bit DAC per row, x(2^d - 1) [S ISAAC 0.00017 mm^2 / 1024]
    double sample_hold_um2 = 0.04;        // one per column [S ISAAC 0.00004 mm^2 / 1024]
    double shift_add_um2 = 30.0;          // per crossbar [S ISAAC 0.00024 mm^2 / 8 crossbars]
    uint32_t buffer_bytes_per_tile = 65536;  // eDRAM buffer of a tile [S ISAAC 64 KB]
    double buffer_um2_per_byte = 1.27;    // 0.083 mm^2 / 64 KB [S ISAAC]
    // The PIPELINE command's output unit of a tile (requantize and clamp, max-pool; bound by the
    // controller as reram.pipeline_output_um2) [S ISAAC Table 6, per tile: sigmoid 0.0006 mm^2 +
    // max-pool 0.00024 mm^2].
    double pipeline_output_um2 = 840.0;
};

struct ReramConfig {
    Geometry geometry;
    Device device;
    NonIdealities non_ideal;
    OpCosts ops;
    AreaParams area;
};

// The widest weights and inputs the model takes (signed or unsigned).
constexpr uint32_t max_weight_bits = 16;
constexpr uint32_t max_input_bits = 16;

// Empty when the config is valid, else one line "reram.<member>: <value> <problem>" naming the
// first bad member (e.g. "reram.cell_bits: 5 is not in 1..4").
std::string validate(const ReramConfig& config);

// `n` with every effect at zero: programming_sigma, the stuck rates, read noise, ADC offset,
// drift_nu and wire_ohm (the flag `ideal` and the models' choices unchanged).
NonIdealities switched_off(NonIdealities n);

// The config the model runs with: `config` itself, or with `ideal` set its non-idealities
// switched_off() (the ADC is then exact too: Adc(config)).
ReramConfig effective(const ReramConfig& config);

}  // namespace pimsoc::reram
