// The energy/stats ledger: every IP registers a component (its event types with a dynamic energy
// per event, its leakage power and its area) and a sampler that reads its own cumulative integer
// counters. Nothing is accumulated per event here: the ledger samples the counters when a report
// or a region-of-interest mark needs them, and energy = count x energy per event is computed at
// report time. Leakage is integrated piecewise over simulated time (set_leakage_uw() changes the
// power from a given time on, e.g. when a power manager turns a component off).
// Pure C++ (no SystemC): times are picoseconds. See docs/observability.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pimsoc {

struct LedgerEvent {
    std::string name;       // e.g. "alu", "read_access", "read_byte"
    double energy_pj = 0;   // dynamic energy per event
    bool operation = true;  // counts in the component's "operations" (false: bytes and the like)
};

// Cumulative counters of one component since the start of the simulation, as its sampler reads them.
struct LedgerCounters {
    std::vector<uint64_t> events;  // one per LedgerEvent, in the same order
    uint64_t busy_ps = 0;
};

struct LedgerComponent {
    std::string name;  // e.g. "cpu", "main_memory"
    std::vector<LedgerEvent> events;
    double leakage_uw = 0;  // static power from time 0 (see Ledger::set_leakage_uw)
    double area_um2 = 0;
    // Fills counters.events (already sized to events.size(), zeroed) and counters.busy_ps.
    std::function<void(LedgerCounters& counters)> sample;
};

// Raw figures of one component over an interval (the run so far, or the sum over the occurrences
// of a region of interest).
struct ComponentTally {
    std::vector<uint64_t> events;
    uint64_t busy_ps = 0;
    double leakage_pj = 0;
};

struct RegionTally {
    uint64_t occurrences = 0;  // completed BEGIN..END pairs
    uint64_t elapsed_ps = 0;   // summed over the occurrences
    std::vector<ComponentTally> components;
};

// What a report shows for one component over an interval: energies computed from the tally.
struct EventLine {
    std::string name;
    uint64_t count = 0;
    double energy_pj_per_event = 0;
    double energy_pj = 0;
};

struct ComponentLine {
    std::string name;
    uint64_t operations = 0;
    uint64_t busy_ps = 0;
    double utilisation = 0;  // busy / elapsed
    std::vector<EventLine> events;
    double dynamic_pj = 0;
    double leakage_pj = 0;
    double total_pj = 0;
    double area_um2 = 0;
};

struct ScopeReport {
    uint64_t elapsed_ps = 0;
    std::vector<ComponentLine> components;
    double dynamic_pj = 0;  // sums over the components
    double leakage_pj = 0;
    double total_pj = 0;
    double area_um2 = 0;
    double average_power_uw = 0;  // total / elapsed (0 when no time passed)
};

struct RegionReport {
    uint32_t id = 0;
    std::string name;  // the firmware's name for the region (sysctl ROI_NAME), "" when it gave none
    uint64_t occurrences = 0;
    ScopeReport scope;  // sums over the occurrences
};

// The power section of a report (power manager, docs/power.md): present when power.mode is not off.
struct PowerSummary {
    uint64_t failures = 0;
    uint64_t time_off_ps = 0;         // without power, summed over the failures
    double lost_energy_pj = 0;        // energy of each boot up to its failure (between the boot and the failure)
    double checkpoint_energy_pj = 0;  // energy between the firmware's CHECKPOINT_BEGIN and END marks
    uint64_t checkpoints = 0;         // committed (BEGIN..END pairs)
};

struct LedgerReport {
    ScopeReport run;
    std::vector<RegionReport> regions;  // sorted by id
    // Region inference_region_id ("one inference"): its totals divided by its occurrences.
    uint64_t inferences = 0;
    double energy_per_inference_pj = 0;
    double latency_per_inference_ps = 0;
    std::optional<PowerSummary> power;  // filled by the SoC, not the ledger
};

class Ledger {
public:
    static constexpr uint32_t inference_region_id = 1;

    // Registers a component; returns its index. Throws std::invalid_argument without a sampler or
    // with a name already registered.
    size_t add(LedgerComponent component);
    // Runs before every sample, e.g. to hand counts gathered by one IP on behalf of another to
    // their owner (the CPU's DMI loads/stores to the memories).
    void add_settle_hook(std::function<void()> hook) { m_settle_hooks.push_back(std::move(hook)); }

    // From at_ps on, the component leaks `uw` (0 when powered off). Times must not go backwards.
    void set_leakage_uw(size_t component, double uw, uint64_t at_ps);
    // From at_ps on, the component's power domain is gated (leaks 0 whatever set_leakage_uw said)
    // or not (leaks the set_leakage_uw power again): the supply (power failures) and the domain's
    // switch (common/power_gate.h) are independent.
    void set_power_gated(size_t component, bool gated, uint64_t at_ps);

    const std::vector<LedgerComponent>& components() const { return m_components; }

    // Totals of every component from time 0 to at_ps.
    std::vector<ComponentTally> sample(uint64_t at_ps);

    // Region-of-interest marks: BEGIN snapshots the totals, END adds the difference to the
    // region's sums. Regions of the same id may nest (matched last-in first-out). An END without
    // an open BEGIN is ignored.
    void roi_begin(uint32_t id, uint64_t at_ps);
    void roi_end(uint32_t id, uint64_t at_ps);
    const std::map<uint32_t, RegionTally>& regions() const { return m_regions; }
    size_t open_regions() const;

    // Total energy (dynamic + leakage) of every component from time 0 to at_ps, in registration
    // order (the energy trace group).
    std::vector<double> total_energy_pj(uint64_t at_ps);
    // The whole report at at_ps: the run from time 0, every region, per-inference figures.
    LedgerReport report(uint64_t at_ps);

    // Energies of one interval from its tallies (one per component, in registration order).
    ScopeReport evaluate(const std::vector<ComponentTally>& tallies, uint64_t elapsed_ps) const;

private:
    struct Leakage {
        double uw = 0;
        bool gated = false;
        uint64_t since_ps = 0;
        double accumulated_pj = 0;  // before since_ps
    };
    struct Snapshot {
        uint64_t at_ps = 0;
        std::vector<ComponentTally> tallies;
    };

    double leakage_pj(size_t component, uint64_t at_ps) const;

    std::vector<LedgerComponent> m_components;
    std::vector<Leakage> m_leakage;
    std::vector<std::function<void()>> m_settle_hooks;
    std::map<uint32_t, std::vector<Snapshot>> m_open;  // id -> BEGIN snapshots not yet ended
    std::map<uint32_t, RegionTally> m_regions;
    LedgerCounters m_scratch;
};

}  // namespace pimsoc
