#include "crossbar.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pimsoc::reram {

CellScale::CellScale(const ReramConfig& config)
    : g_on(1.0 / config.device.r_on_ohm),
      g_off(1.0 / config.device.r_off_ohm),
      g_step((g_on - g_off) / static_cast<double>((1u << config.geometry.cell_bits) - 1)),
      levels(1u << config.geometry.cell_bits)
{
}

double drift_factor(const NonIdealities& n)
{
    if (n.drift_nu <= 0 || n.drift_time_s <= n.drift_t0_s) return 1.0;
    return std::pow(n.drift_time_s / n.drift_t0_s, -n.drift_nu);
}

Crossbar::Crossbar(const ReramConfig& config, RandomStream faults)
    : m_rows(config.geometry.rows),
      m_columns(config.geometry.columns),
      m_scale(config),
      m_model(config.non_ideal.variation_model),
      m_sigma(config.non_ideal.programming_sigma),
      m_g(static_cast<size_t>(m_rows) * m_columns, m_scale.g_off),
      m_level(m_g.size(), 0),
      m_fault(m_g.size(), static_cast<uint8_t>(Fault::none))
{
    const double on = config.non_ideal.stuck_on_rate;
    const double off = config.non_ideal.stuck_off_rate;
    if (on <= 0 && off <= 0) return;  // no draws: the fault stream is untouched
    // One uniform draw per cell: [0, on) stuck-on, [on, on + off) stuck-off.
    for (size_t i = 0; i < m_g.size(); ++i) {
        const double u = faults.uniform();
        if (u < on) {
            m_fault[i] = static_cast<uint8_t>(Fault::stuck_on);
            m_g[i] = m_scale.g_on;
        } else if (u < on + off) {
            m_fault[i] = static_cast<uint8_t>(Fault::stuck_off);
            m_g[i] = m_scale.g_off;
        }
    }
}

void Crossbar::program(uint32_t row, uint32_t column, uint32_t level, RandomStream& variation)
{
    const size_t i = index(row, column);
    m_level[i] = static_cast<uint8_t>(level);
    m_cached_columns = 0;  // the effective conductances change
    if (static_cast<Fault>(m_fault[i]) != Fault::none) return;  // the cell does not move
    const double target = m_scale.target(level);
    double g = target;
    if (m_sigma > 0) {
        const double z = variation.normal();
        if (m_model == VariationModel::gaussian)
            g = std::max(0.0, target * (1.0 + m_sigma * z));
        else
            g = target * std::exp(m_sigma * z - m_sigma * m_sigma / 2);
    }
    m_g[i] = g;
}

void Crossbar::effective_row(size_t row, uint32_t n_columns, double k, double r, double* out) const
{
    const double* g = &m_g[row * m_columns];
    double a = 1.0;  // word-line attenuation (1 without wire resistance)
    if (r > 0) {
        double row_g = 0;
        for (uint32_t j = 0; j < n_columns; ++j) row_g += g[j] * k;
        a = 1.0 / (1.0 + r * (n_columns / 2.0) * row_g);
    }
    for (uint32_t j = 0; j < n_columns; ++j) out[j] = g[j] * k * a;
}

const double* Crossbar::effective_matrix(uint32_t n_columns, double k, double r) const
{
    if (m_cached_columns != n_columns || m_cached_k != k || m_cached_r != r) {
        m_effective.resize(m_g.size());
        for (size_t i = 0; i < m_rows; ++i) effective_row(i, n_columns, k, r, &m_effective[i * m_columns]);
        m_cached_columns = n_columns;
        m_cached_k = k;
        m_cached_r = r;
    }
    return m_effective.data();
}

std::vector<double> Crossbar::read(const std::vector<double>& v, uint32_t n_columns,
                                   const ReadConditions& conditions) const
{
    if (v.size() > m_rows || n_columns > m_columns) throw std::out_of_range("crossbar read outside the array");
    if (conditions.noise_sigma > 0 && conditions.noise == nullptr)
        throw std::invalid_argument("crossbar read noise without a random stream");
    std::vector<double> current(n_columns, 0.0);
    if (n_columns == 0) return current;
    const size_t n_rows = v.size();
    const double k = conditions.drift_factor;
    const double r = conditions.wire_ohm;
    const bool noisy = conditions.noise_sigma > 0;
    const double* cache = conditions.cached ? effective_matrix(n_columns, k, r) : nullptr;

    std::vector<double> row_buffer(cache != nullptr ? 0 : n_columns);
    std::vector<double> variance(noisy ? n_columns : 0, 0.0);
    std::vector<double> column_g(r > 0 ? n_columns : 0, 0.0);
    for (size_t i = 0; i < n_rows; ++i) {
        if (v[i] == 0) continue;  // an undriven row carries no current
        const double* e = cache != nullptr ? cache + i * m_columns : row_buffer.data();
        if (cache == nullptr) effective_row(i, n_columns, k, r, row_buffer.data());
        const double vi = v[i];
        for (uint32_t j = 0; j < n_columns; ++j) current[j] += vi * e[j];
        if (noisy)
            for (uint32_t j = 0; j < n_columns; ++j) variance[j] += (vi * e[j]) * (vi * e[j]);
        if (r > 0)
            for (uint32_t j = 0; j < n_columns; ++j) column_g[j] += e[j];
    }
    for (uint32_t j = 0; j < n_columns; ++j) {
        if (noisy) current[j] += conditions.noise->normal(0.0, conditions.noise_sigma * std::sqrt(variance[j]));
        if (r > 0) current[j] /= 1.0 + r * (n_rows / 2.0) * column_g[j];
    }
    return current;
}

}  // namespace pimsoc::reram
