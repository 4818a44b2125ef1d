#include "power/model/harvest_source.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace pimsoc::power {

namespace {

constexpr double pj_per_uw_ns = 1e-3;

}  // namespace

HarvestSource::HarvestSource(double constant_uw) : m_samples{{0, constant_uw}}
{
    if (!(constant_uw >= 0) || !std::isfinite(constant_uw)) {
        throw std::invalid_argument("power.harvest_uw: must be a finite power >= 0");
    }
}

HarvestSource::HarvestSource(std::vector<HarvestSample> samples) : m_samples(std::move(samples))
{
    if (m_samples.empty()) {
        throw std::invalid_argument("harvest trace: no rows");
    }
    for (size_t i = 0; i < m_samples.size(); ++i) {
        if (!(m_samples[i].power_uw >= 0) || !std::isfinite(m_samples[i].power_uw)) {
            throw std::invalid_argument("harvest trace: row " + std::to_string(i + 1) + " has a negative power");
        }
        if (i > 0 && m_samples[i].time_ns <= m_samples[i - 1].time_ns) {
            throw std::invalid_argument("harvest trace: row " + std::to_string(i + 1) + " is not after the row before it");
        }
    }
}

double HarvestSource::power_uw_at(uint64_t t_ns) const
{
    double power = 0;
    for (const HarvestSample& s : m_samples) {
        if (s.time_ns > t_ns) {
            break;
        }
        power = s.power_uw;
    }
    return power;
}

uint64_t HarvestSource::next_change(uint64_t t_ns) const
{
    for (const HarvestSample& s : m_samples) {
        if (s.time_ns > t_ns) {
            return s.time_ns;
        }
    }
    return std::numeric_limits<uint64_t>::max();
}

double HarvestSource::energy_pj(uint64_t from_ns, uint64_t to_ns) const
{
    double energy = 0;
    for (size_t i = 0; i < m_samples.size(); ++i) {
        const uint64_t start = std::max(from_ns, m_samples[i].time_ns);
        const uint64_t end = std::min(to_ns, i + 1 < m_samples.size() ? m_samples[i + 1].time_ns : to_ns);
        if (end > start) {
            energy += m_samples[i].power_uw * static_cast<double>(end - start) * pj_per_uw_ns;
        }
    }
    return energy;
}

std::optional<uint64_t> HarvestSource::time_to_harvest(uint64_t from_ns, double energy_pj) const
{
    double needed = energy_pj;
    if (needed <= 0) {
        return from_ns;
    }
    for (size_t i = 0; i < m_samples.size(); ++i) {
        const bool last = i + 1 == m_samples.size();
        const uint64_t seg_end = last ? std::numeric_limits<uint64_t>::max() : m_samples[i + 1].time_ns;
        const uint64_t start = std::max(from_ns, m_samples[i].time_ns);
        if (seg_end <= start || m_samples[i].power_uw <= 0) {
            continue;
        }
        const double rate = m_samples[i].power_uw * pj_per_uw_ns;  // pJ per ns
        const double span_ns = needed / rate;
        if (last || span_ns <= static_cast<double>(seg_end - start)) {
            return start + static_cast<uint64_t>(std::ceil(span_ns));
        }
        needed -= rate * static_cast<double>(seg_end - start);
    }
    return std::nullopt;
}

HarvestSource read_harvest_trace(std::istream& in, const std::string& origin)
{
    std::vector<HarvestSample> samples;
    std::string line;
    unsigned number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::replace(line.begin(), line.end(), ',', ' ');
        std::istringstream fields(line);
        std::string first;
        if (!(fields >> first) || first[0] == '#') {
            continue;
        }
        const std::string where = origin + ":" + std::to_string(number) + ": ";
        double time_s = 0;
        double power_uw = 0;
        std::istringstream row(line);
        if (!(row >> time_s >> power_uw)) {
            if (samples.empty() && number == 1) {
                continue;  // a header
            }
            throw std::invalid_argument(where + "expected 'time_s power_uw'");
        }
        std::string rest;
        if (row >> rest) {
            throw std::invalid_argument(where + "more than two fields");
        }
        if (!(time_s >= 0) || !(power_uw >= 0) || !std::isfinite(time_s) || !std::isfinite(power_uw)) {
            throw std::invalid_argument(where + "time and power must be finite and >= 0");
        }
        const auto time_ns = static_cast<uint64_t>(std::llround(time_s * 1e9));
        if (!samples.empty() && time_ns <= samples.back().time_ns) {
            throw std::invalid_argument(where + "times must increase from row to row");
        }
        samples.push_back({time_ns, power_uw});
    }
    if (samples.empty()) {
        throw std::invalid_argument(origin + ": no rows (expected 'time_s power_uw' lines)");
    }
    return HarvestSource(std::move(samples));
}

}  // namespace pimsoc::power
