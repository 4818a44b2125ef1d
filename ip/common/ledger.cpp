#include "common/ledger.h"

#include <stdexcept>

namespace pimsoc {
namespace {

// 1 uW over 1 ps = 1e-6 W x 1e-12 s = 1e-18 J = 1e-6 pJ.
constexpr double pj_per_uw_ps = 1e-6;

}  // namespace

size_t Ledger::add(LedgerComponent component)
{
    if (!component.sample) {
        throw std::invalid_argument("ledger component '" + component.name + "' has no sampler");
    }
    for (const auto& existing : m_components) {
        if (existing.name == component.name) {
            throw std::invalid_argument("ledger component '" + component.name + "' registered twice");
        }
    }
    m_leakage.push_back(Leakage{component.leakage_uw, false, 0, 0});
    m_components.push_back(std::move(component));
    return m_components.size() - 1;
}

void Ledger::set_leakage_uw(size_t component, double uw, uint64_t at_ps)
{
    Leakage& l = m_leakage.at(component);
    l.accumulated_pj = leakage_pj(component, at_ps);
    l.since_ps = at_ps;
    l.uw = uw;
}

void Ledger::set_power_gated(size_t component, bool gated, uint64_t at_ps)
{
    Leakage& l = m_leakage.at(component);
    l.accumulated_pj = leakage_pj(component, at_ps);
    l.since_ps = at_ps;
    l.gated = gated;
}

double Ledger::leakage_pj(size_t component, uint64_t at_ps) const
{
    const Leakage& l = m_leakage[component];
    const uint64_t span = at_ps > l.since_ps ? at_ps - l.since_ps : 0;
    const double uw = l.gated ? 0.0 : l.uw;
    return l.accumulated_pj + uw * static_cast<double>(span) * pj_per_uw_ps;
}

std::vector<ComponentTally> Ledger::sample(uint64_t at_ps)
{
    for (const auto& hook : m_settle_hooks) {
        hook();
    }
    std::vector<ComponentTally> tallies(m_components.size());
    for (size_t i = 0; i < m_components.size(); ++i) {
        m_scratch.events.assign(m_components[i].events.size(), 0);
        m_scratch.busy_ps = 0;
        m_components[i].sample(m_scratch);
        tallies[i].events = m_scratch.events;
        tallies[i].events.resize(m_components[i].events.size());  // a sampler must not change the size
        tallies[i].busy_ps = m_scratch.busy_ps;
        tallies[i].leakage_pj = leakage_pj(i, at_ps);
    }
    return tallies;
}

std::vector<double> Ledger::total_energy_pj(uint64_t at_ps)
{
    const std::vector<ComponentTally> tallies = sample(at_ps);
    std::vector<double> energy(m_components.size(), 0.0);
    for (size_t c = 0; c < m_components.size(); ++c) {
        for (size_t e = 0; e < m_components[c].events.size(); ++e) {
            energy[c] += static_cast<double>(tallies[c].events[e]) * m_components[c].events[e].energy_pj;
        }
        energy[c] += tallies[c].leakage_pj;
    }
    return energy;
}

void Ledger::roi_begin(uint32_t id, uint64_t at_ps)
{
    m_open[id].push_back(Snapshot{at_ps, sample(at_ps)});
}

void Ledger::roi_end(uint32_t id, uint64_t at_ps)
{
    const auto open = m_open.find(id);
    if (open == m_open.end() || open->second.empty()) {
        return;
    }
    const Snapshot begin = std::move(open->second.back());
    open->second.pop_back();
    if (open->second.empty()) {
        m_open.erase(open);
    }
    const std::vector<ComponentTally> now = sample(at_ps);
    RegionTally& region = m_regions[id];
    region.components.resize(now.size());
    ++region.occurrences;
    region.elapsed_ps += at_ps > begin.at_ps ? at_ps - begin.at_ps : 0;
    for (size_t c = 0; c < now.size(); ++c) {
        ComponentTally& sum = region.components[c];
        const ComponentTally& before = begin.tallies[c];
        sum.events.resize(now[c].events.size());
        for (size_t e = 0; e < now[c].events.size(); ++e) {
            sum.events[e] += now[c].events[e] - before.events[e];
        }
        sum.busy_ps += now[c].busy_ps - before.busy_ps;
        sum.leakage_pj += now[c].leakage_pj - before.leakage_pj;
    }
}

size_t Ledger::open_regions() const
{
    size_t n = 0;
    for (const auto& [id, stack] : m_open) {
        n += stack.size();
    }
    return n;
}

ScopeReport Ledger::evaluate(const std::vector<ComponentTally>& tallies, uint64_t elapsed_ps) const
{
    ScopeReport scope;
    scope.elapsed_ps = elapsed_ps;
    for (size_t c = 0; c < m_components.size() && c < tallies.size(); ++c) {
        const LedgerComponent& component = m_components[c];
        const ComponentTally& tally = tallies[c];
        ComponentLine line;
        line.name = component.name;
        line.busy_ps = tally.busy_ps;
        line.utilisation =
            elapsed_ps > 0 ? static_cast<double>(tally.busy_ps) / static_cast<double>(elapsed_ps) : 0.0;
        for (size_t e = 0; e < component.events.size(); ++e) {
            const LedgerEvent& event = component.events[e];
            const uint64_t count = e < tally.events.size() ? tally.events[e] : 0;
            const double energy = static_cast<double>(count) * event.energy_pj;
            line.events.push_back(EventLine{event.name, count, event.energy_pj, energy});
            line.dynamic_pj += energy;
            if (event.operation) {
                line.operations += count;
            }
        }
        line.leakage_pj = tally.leakage_pj;
        line.total_pj = line.dynamic_pj + line.leakage_pj;
        line.area_um2 = component.area_um2;
        scope.dynamic_pj += line.dynamic_pj;
        scope.leakage_pj += line.leakage_pj;
        scope.total_pj += line.total_pj;
        scope.area_um2 += line.area_um2;
        scope.components.push_back(std::move(line));
    }
    // pJ / ps = W; x 1e6 = uW
    scope.average_power_uw = elapsed_ps > 0 ? scope.total_pj / static_cast<double>(elapsed_ps) * 1e6 : 0.0;
    return scope;
}

LedgerReport Ledger::report(uint64_t at_ps)
{
    LedgerReport report;
    report.run = evaluate(sample(at_ps), at_ps);
    for (const auto& [id, tally] : m_regions) {
        RegionReport region;
        region.id = id;
        region.occurrences = tally.occurrences;
        region.scope = evaluate(tally.components, tally.elapsed_ps);
        report.regions.push_back(std::move(region));
    }
    const auto inference = m_regions.find(inference_region_id);
    if (inference != m_regions.end() && inference->second.occurrences > 0) {
        const double n = static_cast<double>(inference->second.occurrences);
        report.inferences = inference->second.occurrences;
        for (const auto& region : report.regions) {
            if (region.id == inference_region_id) {
                report.energy_per_inference_pj = region.scope.total_pj / n;
            }
        }
        report.latency_per_inference_ps = static_cast<double>(inference->second.elapsed_ps) / n;
    }
    return report;
}

}  // namespace pimsoc
