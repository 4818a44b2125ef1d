// One M x N ReRAM crossbar: a conductance per cell, its programmed level and its fault, and the
// analog read of a set of columns for a vector of row voltages (docs/models/reram.md, "Crossbar
// read"). Levels l = 0..2^b - 1 sit evenly in conductance between G_off = 1/R_off and
// G_on = 1/R_on: G(l) = G_off + l dG, dG = (G_on - G_off) / (2^b - 1).
//
// Non-idealities of the cell (all zero in ideal mode):
//   programming variation  G = G(l) (1 + sigma z) (gaussian, clamped at 0) or
//                          G(l) exp(sigma z - sigma^2/2) (lognormal), z ~ N(0, 1), per write
//   stuck-at faults        a faulty cell holds G_on (stuck-on) or G_off (stuck-off) whatever is
//                          written; the fault map is drawn once per crossbar
// and of the read (ReadConditions):
//   drift                  every conductance times (t / t0)^-nu for t > t0
//   IR drop                lumped first-order line resistance (below)
//   read noise             each cell's current times (1 + sigma_r z), fresh per read; summed
//                          per column as one Gaussian of the same variance
// IR drop: with r = wire resistance per cell pitch, row i driven at its left end carries the
// currents of its cells along the word line; column j is sensed at its bottom end. Over a line
// of n cells whose current is spread evenly the mean drop is about r (n/2) I_line, so
//   a_i = 1 / (1 + r (n_cols / 2) sum_j G_ij)      (word-line attenuation of row i)
//   b_j = 1 / (1 + r (n_rows / 2) sum_i a_i G_ij [row i driven])   (bit-line attenuation)
//   I_j = b_j sum_i V_i a_i G_ij
// over the driven rows and the used columns (other columns float). Bounded (never a negative
// current) and exact when r = 0; see the doc for what it leaves out.
// Fast reads: E_ij = G_ij k a_i does not depend on the input, so read() computes it once per
// (columns, drift, wire) after programming and keeps it until the next program(); a read is then
// one pass over the driven rows of E. The numbers are the same, bit for bit, as computing E per
// read (ReadConditions::cached = false, the reference the tests compare with): the same products
// in the same order, and the read noise draws the same values in the same order.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <vector>

#include "common/model/random_streams.h"
#include "reram_config.h"

namespace pimsoc::reram {

enum class Fault : uint8_t { none, stuck_on, stuck_off };

struct ReadConditions {
    double drift_factor = 1.0;      // (t / t0)^-nu
    double wire_ohm = 0.0;
    double noise_sigma = 0.0;
    RandomStream* noise = nullptr;  // required when noise_sigma > 0
    bool cached = true;             // false: E computed per read (the reference of the fast read)
};

// The nominal conductances of a config's cells.
struct CellScale {
    explicit CellScale(const ReramConfig& config);
    double g_on;
    double g_off;
    double g_step;  // dG
    uint32_t levels;
    double target(uint32_t level) const { return g_off + g_step * level; }
};

// The drift factor (t / t0)^-nu of a config's non-idealities (1 when t <= t0 or nu = 0).
double drift_factor(const NonIdealities& n);

class Crossbar {
public:
    // All cells at level 0 (G_off), faults drawn from `faults` with the config's rates.
    Crossbar(const ReramConfig& config, RandomStream faults);

    uint32_t rows() const { return m_rows; }
    uint32_t columns() const { return m_columns; }

    // Writes level l into a cell; its conductance gets the programming variation from `variation`
    // (no draw when sigma = 0), or the fault's conductance.
    void program(uint32_t row, uint32_t column, uint32_t level, RandomStream& variation);

    // Column currents (A) of columns [0, n_columns) for row voltages v[0..n_rows) (V).
    std::vector<double> read(const std::vector<double>& v, uint32_t n_columns, const ReadConditions& conditions) const;

    uint32_t level(uint32_t row, uint32_t column) const { return m_level[index(row, column)]; }
    double conductance(uint32_t row, uint32_t column) const { return m_g[index(row, column)]; }
    Fault fault(uint32_t row, uint32_t column) const { return static_cast<Fault>(m_fault[index(row, column)]); }

private:
    size_t index(uint32_t row, uint32_t column) const { return static_cast<size_t>(row) * m_columns + column; }
    // E_ij = G_ij k a_i of row i over columns [0, n_columns) into out[0..n_columns).
    void effective_row(size_t row, uint32_t n_columns, double k, double r, double* out) const;
    // E of every row (row stride m_columns), computed when the key differs from the cached one.
    const double* effective_matrix(uint32_t n_columns, double k, double r) const;

    uint32_t m_rows;
    uint32_t m_columns;
    CellScale m_scale;
    VariationModel m_model;
    double m_sigma;
    std::vector<double> m_g;        // row-major conductances (S)
    std::vector<uint8_t> m_level;
    std::vector<uint8_t> m_fault;   // Fault
    // The cache of effective_matrix(): valid when m_cached_columns > 0; program() clears it.
    mutable std::vector<double> m_effective;
    mutable uint32_t m_cached_columns = 0;
    mutable double m_cached_k = 0;
    mutable double m_cached_r = 0;
};

}  // namespace pimsoc::reram
