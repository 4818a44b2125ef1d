// TLM-2.0 loosely-timed router: several initiators on `upstream`, one target per mapped address
// region on `downstream`. Translates global addresses to target-local offsets, adds a hop latency,
// passes DMI through (translated and clipped) and routes debug transport. Models occupancy of the
// shared data path (a calendar of busy intervals in simulated time) and withholds DMI from the
// other initiators while a streaming initiator (index >= 1, e.g. the DMA) is active, so that their
// memory traffic is seen by the calendar. See docs/models/bus.md.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "common/ledger.h"
#include "common/log.h"
#include "common/params.h"
#include "common/tracer.h"

namespace pimsoc {

struct BusParams {
    // One cycle of a 100 MHz interconnect per transaction (address decode + arbitration), the
    // order of a single-layer AHB-lite/TileLink-UL crossbar hop.
    uint64_t hop_latency_ns = 10;
    // Data path width: one beat per bus cycle (the SoC's 32-bit interconnect). Power of 2, 1..64.
    uint32_t width_bytes = 4;
    // Bus clock (SoC clock): the beat time.
    uint64_t clock_hz = 100'000'000;
    // DMI is refused to the other initiators until no streaming-initiator transaction has been
    // seen for this many bus cycles of simulated time.
    uint64_t dmi_holdoff_cycles = 1000;
    // Energy ledger (estimates, docs/models/bus.md): arbitration + address decode per transaction,
    // data wires per byte; leakage and area of a small 32-bit crossbar.
    double energy_pj_per_transaction = 2.0;
    double energy_pj_per_byte = 0.5;
    double leakage_uw = 5.0;
    double area_um2 = 5000.0;

    void bind(const ParamBinder& b)
    {
        b.bind("energy_pj_per_transaction", energy_pj_per_transaction, "pJ",
               "dynamic energy per routed transaction (arbitration, decode, address); estimate");
        b.bind("energy_pj_per_byte", energy_pj_per_byte, "pJ", "dynamic energy per data byte moved; estimate");
        b.bind("leakage_uw", leakage_uw, "uW", "static power of the interconnect; estimate");
        b.bind("area_um2", area_um2, "um2", "interconnect area; estimate");
        b.bind("hop_latency_ns", hop_latency_ns, "ns", "latency added to every routed b_transport");
        b.bind("width_bytes", width_bytes, "B", "data path width, bytes per bus cycle (1..64, power of 2)");
        b.bind("clock_hz", clock_hz, "Hz", "bus clock (beat time of the occupancy model)");
        b.bind("dmi_holdoff_cycles", dmi_holdoff_cycles, "cycles",
               "bus cycles without streaming-initiator traffic before DMI is granted again");
    }
};

// One mapped address range, as the platform prints it in the memory map.
struct BusRegion {
    std::string name;
    uint64_t base = 0;
    uint64_t size = 0;
    unsigned target = 0;  // index of the downstream binding

    uint64_t last() const { return base + size - 1; }  // last byte, inclusive
};

class Bus : public sc_core::sc_module {
public:
    using TargetSocket =
        tlm::tlm_base_target_socket_b<32, tlm::tlm_fw_transport_if<>, tlm::tlm_bw_transport_if<>>;

    tlm_utils::multi_passthrough_target_socket<Bus> upstream;
    tlm_utils::multi_passthrough_initiator_socket<Bus> downstream;

    // Throws std::invalid_argument for a width that is not a power of 2 in 1..64 or a clock of 0
    // or finer than the time resolution.
    Bus(sc_core::sc_module_name name, const BusParams& params);

    // Binds `downstream` to `target` and routes [base, base + size) to it, with addresses
    // translated to offsets from base. Call during elaboration. Throws std::invalid_argument for a
    // zero size, a range past 2^64, or an overlap (naming both regions), std::logic_error after
    // elaboration.
    void map(TargetSocket& target, uint64_t base, uint64_t size, const std::string& name);

    // Mapped regions sorted by base address.
    const std::vector<BusRegion>& regions() const { return m_regions; }

    // The region containing [address, address + length), or nullptr.
    const BusRegion* decode(uint64_t address, uint64_t length = 1) const;

    const BusParams& params() const { return m_params; }

    // Routed transactions and those answered with an address error (not counting debug transport).
    uint64_t transactions() const { return m_transactions; }
    uint64_t decode_errors() const { return m_decode_errors; }

    // Occupancy: one bus cycle.
    sc_core::sc_time cycle() const { return m_cycle; }
    // Bus cycles a routed transaction of `length` data bytes occupies the data path.
    uint64_t occupancy_cycles(uint64_t length) const;
    // Contention: routed transactions that had to wait for the bus, and their total wait.
    uint64_t delayed_transactions() const { return m_delayed; }
    sc_core::sc_time contention_wait() const { return m_contention_wait; }
    // Total time booked on the data path by routed transactions.
    sc_core::sc_time occupied_time() const { return m_occupied; }
    // Busy intervals [start, end) still in the calendar (sorted, disjoint; for tests).
    const std::vector<std::pair<sc_core::sc_time, sc_core::sc_time>>& busy_intervals() const { return m_busy; }
    // DMI is currently withheld from the non-streaming initiators (a streaming initiator is active).
    bool dmi_blocked() const { return m_dmi_blocked; }
    // Times DMI was invalidated for the other initiators because a streaming initiator became active.
    uint64_t dmi_revocations() const { return m_dmi_revocations; }

    // Energy ledger: routed data bytes and bus cycles, including the accesses an initiator made
    // through DMI and reports with account_dmi() (on silicon they cross the bus too).
    uint64_t bytes() const { return m_bytes; }
    uint64_t beats() const { return m_beats; }
    // Adds `count` accesses of `length` bytes each that bypassed the bus through DMI.
    void account_dmi(uint64_t count, uint64_t length);
    // Events: transaction, byte; busy time = beats x bus cycle.
    void register_stats(Ledger& ledger);

    // Declares the `bus` trace group's signals when the tracer has it on: per initiator (upstream
    // index i named initiator_names[i]) the address, the command (0 idle, 1 read, 2 write) from
    // the annotated request time to the response, and the response status (0 ok, k for TLM error
    // status -k). Accesses served through DMI do not cross b_transport and are not traced.
    void trace_to(Tracer& tracer, const std::vector<std::string>& initiator_names);

private:
    struct InitiatorTrace {
        TraceSignal address, command, status;
    };
    void trace_request(int id, const tlm::tlm_generic_payload& trans, const sc_core::sc_time& at);
    void trace_response(int id, const tlm::tlm_generic_payload& trans, const sc_core::sc_time& at);

    void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload& trans);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
    void invalidate_direct_mem_ptr(int id, sc_dt::uint64 start, sc_dt::uint64 end);

    const BusRegion* region_at(uint64_t address) const;
    // Books `cycles` bus cycles at the earliest gap at or after `requested`; returns the start.
    sc_core::sc_time book(const sc_core::sc_time& requested, uint64_t cycles);
    // Initiators at upstream index >= 1 are streaming initiators (index 0 is the CPU).
    static bool is_streaming(int id) { return id >= 1; }
    // Ends the DMI hold-off if no streaming transaction has been seen up to `time` for long enough.
    void update_dmi_block(const sc_core::sc_time& time);

    BusParams m_params;
    sc_core::sc_time m_hop_latency;
    std::vector<BusRegion> m_regions;        // sorted by base
    std::vector<size_t> m_region_of_target;  // downstream index -> index into m_regions
    mutable size_t m_last_hit = 0;           // index of the last decoded region (locality cache)
    uint64_t m_transactions = 0;
    uint64_t m_decode_errors = 0;
    uint64_t m_dmi_transactions = 0;  // reported with account_dmi()
    uint64_t m_bytes = 0;
    uint64_t m_beats = 0;

    // Occupancy calendar
    sc_core::sc_time m_cycle;
    std::vector<std::pair<sc_core::sc_time, sc_core::sc_time>> m_busy;  // [start, end), sorted, disjoint
    uint64_t m_delayed = 0;
    sc_core::sc_time m_contention_wait;
    sc_core::sc_time m_occupied;

    // DMI hold-off while a streaming initiator is active
    sc_core::sc_time m_holdoff;
    bool m_dmi_blocked = false;
    bool m_dmi_granted = false;             // some DMI pointer may be held by an initiator
    sc_core::sc_time m_stream_last_end;     // annotated end of the latest streaming transaction
    uint64_t m_dmi_revocations = 0;
    std::vector<sc_core::sc_time> m_last_access;  // per upstream index: annotated time of its last access
    Tracer* m_tracer = nullptr;
    std::vector<InitiatorTrace> m_trace;  // per upstream index
    Logger m_log;
};

}  // namespace pimsoc
