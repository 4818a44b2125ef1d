#include "adc.h"

#include <algorithm>
#include <cmath>

namespace pimsoc::reram {

double max_column_sum(const Geometry& geometry)
{
    return static_cast<double>(geometry.rows) * ((1u << geometry.cell_bits) - 1) * ((1u << geometry.dac_bits) - 1);
}

Adc::Adc(uint32_t bits, double full_scale, bool exact)
    : m_bits(bits),
      m_exact(exact),
      m_max_code((int64_t{1} << bits) - 1),
      m_lsb(exact ? 1.0 : std::max(1.0, full_scale / static_cast<double>(m_max_code)))
{
}

Adc::Adc(const ReramConfig& config)
    : Adc(config.geometry.adc_bits, config.geometry.adc_full_scale * max_column_sum(config.geometry),
          config.non_ideal.ideal)
{
}

Conversion Adc::convert(double level_sum, double offset_lsb) const
{
    Conversion c;
    if (m_exact) {
        c.code = std::llround(level_sum);
        return c;
    }
    const double x = std::round(level_sum / m_lsb + offset_lsb);
    if (x < 0) {
        c.clipped = true;
        c.code = 0;
    } else if (x > static_cast<double>(m_max_code)) {
        c.clipped = true;
        c.code = m_max_code;
    } else {
        c.code = static_cast<int64_t>(x);
    }
    return c;
}

}  // namespace pimsoc::reram
