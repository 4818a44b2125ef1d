#include "power/model/capacitor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pimsoc::power {

namespace {

constexpr double pj_per_uj = 1e6;
constexpr double pj_per_uw_ns = 1e-3;

double energy_at(double capacitance_uf, double volts) { return 0.5 * capacitance_uf * volts * volts * pj_per_uj; }

void require(bool ok, const std::string& message)
{
    if (!ok) {
        throw std::invalid_argument(message);
    }
}

}  // namespace

void check_capacitor(const CapacitorConfig& c)
{
    require(c.capacitance_uf > 0 && std::isfinite(c.capacitance_uf), "power.capacitance_uf: must be > 0");
    require(c.v_brownout > 0, "power.v_brownout: must be > 0");
    require(c.v_warning >= c.v_brownout, "power.v_warning: must be >= power.v_brownout");
    require(c.v_on > c.v_warning, "power.v_on: must be > power.v_warning (and power.v_brownout)");
    require(c.v_max >= c.v_on && std::isfinite(c.v_max), "power.v_max: must be >= power.v_on");
}

Capacitor::Capacitor(const CapacitorConfig& config, HarvestSource source)
    : m_config(config), m_source(std::move(source)), m_voltage(config.v_on)
{
    check_capacitor(config);
}

double Capacitor::energy_pj() const { return energy_at(m_config.capacitance_uf, m_voltage); }

void Capacitor::set_energy(double pj)
{
    const double max_pj = energy_at(m_config.capacitance_uf, m_config.v_max);
    const double clamped = std::clamp(pj, 0.0, max_pj);
    m_voltage = std::sqrt(2.0 * clamped / (m_config.capacitance_uf * pj_per_uj));
}

void Capacitor::run(uint64_t from_ns, uint64_t to_ns, double consumed_pj)
{
    set_energy(energy_pj() + m_source.energy_pj(from_ns, to_ns) - consumed_pj);
}

std::optional<uint64_t> Capacitor::brownout_time(uint64_t from_ns, uint64_t until_ns, double drain_uw) const
{
    const double floor_pj = energy_at(m_config.capacitance_uf, m_config.v_brownout);
    const double room_pj = energy_at(m_config.capacitance_uf, m_config.v_max) - floor_pj;
    double above_pj = std::max(0.0, energy_pj() - floor_pj);  // what may still be drained
    for (uint64_t t = from_ns; t < until_ns;) {
        const uint64_t end = std::min(until_ns, m_source.next_change(t));
        const double loss_per_ns = (drain_uw - m_source.power_uw_at(t)) * pj_per_uw_ns;
        const double span_ns = static_cast<double>(end - t);
        if (loss_per_ns > 0 && above_pj <= loss_per_ns * span_ns) {
            return t + static_cast<uint64_t>(std::ceil(above_pj / loss_per_ns));
        }
        above_pj = std::min(room_pj, above_pj - loss_per_ns * span_ns);
        t = end;
    }
    return std::nullopt;
}

std::optional<uint64_t> Capacitor::recharge(uint64_t off_ns)
{
    const double needed = energy_at(m_config.capacitance_uf, m_config.v_on) - energy_pj();
    const std::optional<uint64_t> on = m_source.time_to_harvest(off_ns, needed);
    if (on) {
        m_voltage = m_config.v_on;
    }
    return on;
}

}  // namespace pimsoc::power
