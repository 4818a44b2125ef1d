// The racetrack-memory array with its in-memory compute cells: exact contents, the shift offset of
// every DBC, the data-window access path and the commands (element-wise ADD/MUL, batched DOT,
// CONV2D for one output channel), each returning its exact results and its cost.
//
// Typical use by a wrapper (docs/models/rtm.md):
//   pimsoc::rtm::RtmConfig config;                      // bind its members under "rtm."
//   if (auto e = pimsoc::rtm::validate(config); !e.empty()) -> configuration error e
//   pimsoc::rtm::RtmArray rtm(config);
//   rtm.load(offset, bytes, n);                         // image loading / debug: no cost
//   Result r = rtm.read(offset, buf, 4);                // a bus read of the data window
//   Result r = rtm.run(DotCommand{...});                // CMD: r.error -> ERR_CODE, r.cost.latency_ps ->
//   BUSY time rtm.counters(), rtm.energy(), rtm.bank_busy_ps(b)   // ledger sampling
//
// Timing is per call: every call starts at time 0 with all its DBCs idle and returns its latency;
// a wrapper serialises the calls on one bank (the next starts after latency_ps) and may overlap
// calls on different banks.
// Pure C++17, no SystemC, no allocation per element.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "address_map.h"
#include "area.h"
#include "commands.h"
#include "cost.h"
#include "pim/model/cost.h"
#include "ports.h"
#include "rtm_config.h"

namespace pimsoc::rtm {

// error, bank (the bank that did the work; a window access: that of its first byte), cost (all
// zero when error != none).
using Result = pim::Result<Cost>;

class RtmArray {
public:
    // Throws std::invalid_argument with validate()'s message for a bad config. Contents start 0,
    // every DBC at offset 0.
    explicit RtmArray(const RtmConfig& config);

    const RtmConfig& config() const { return m_config; }
    const AddressMap& map() const { return m_map; }
    const PortGeometry& ports() const { return m_ports; }
    const UnitCosts& unit_costs() const { return m_units; }
    uint64_t capacity_bytes() const { return m_map.capacity_bytes(); }
    Location locate(uint64_t address) const { return m_map.locate(address); }  // address < capacity

    // Data window (costed). Every word the bytes touch is one access at a port: shifts + one
    // word read, or shifts + one masked write of the touched tracks. The words of one call are
    // accessed together (different DBCs in parallel, the same DBC in turn). [address, address +
    // length) outside the window: out_of_range, nothing done. length 0: nothing, no cost.
    Result read(uint64_t address, uint8_t* data, uint32_t length);
    Result write(uint64_t address, const uint8_t* data, uint32_t length);

    // Back door (no shift, no cost, no counter): image loading and debuggers. False (and nothing
    // done) if the range is outside the window.
    bool load(uint64_t address, const void* data, size_t length);
    bool dump(uint64_t address, void* data, size_t length) const;

    // Command checks alone (what run() would reject, without running).
    RtmError check(const ElementwiseCommand& cmd) const;
    RtmError check(const DotCommand& cmd) const;
    RtmError check(const Conv2dCommand& cmd) const;

    // Commands. DOT and CONV2D also return their int32 results in *results if given (resized to
    // count or H' x W'); with write_result they are written to dst as well (and cost the writes).
    Result run(const ElementwiseCommand& cmd);
    Result run(const DotCommand& cmd, std::vector<int32_t>* results = nullptr);
    Result run(const Conv2dCommand& cmd, std::vector<int32_t>* results = nullptr);

    // State, for tests, traces ("racetrack port positions") and the ledger.
    int32_t dbc_offset(uint32_t dbc_index) const { return m_offsets.at(dbc_index); }
    uint64_t dbc_word(uint32_t dbc_index, uint32_t domain) const;  // logical contents of a domain
    const Counters& counters() const { return m_counters; }        // monotonic since construction
    Energy energy() const { return m_units.energy(m_counters); }   // dynamic, by event type
    uint64_t bank_busy_ps(uint32_t bank) const { return m_bank_busy_ps.at(bank); }
    AreaBreakdown area() const { return total_area(m_config); }

private:
    class Exec;

    RtmConfig m_config;
    AddressMap m_map;
    PortGeometry m_ports;
    UnitCosts m_units;
    std::vector<uint8_t> m_data;     // contents in window (address) order
    std::vector<int32_t> m_offsets;  // per DBC
    Counters m_counters;
    std::vector<uint64_t> m_bank_busy_ps;
    // Scratch of the per-call timing (when each DBC is free again), valid where epoch matches.
    std::vector<uint64_t> m_ready_ps;
    std::vector<uint64_t> m_ready_epoch;
    uint64_t m_epoch = 0;
};

}  // namespace pimsoc::rtm
