// TLM-2.0 loosely-timed router: several initiators on `upstream`, one target per mapped address
// region on `downstream`. Translates global addresses to target-local offsets, adds a hop latency,
// passes DMI through (translated and clipped) and routes debug transport. See docs/models/bus.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "common/log.h"
#include "common/params.h"

namespace pimsoc {

struct BusParams {
    // One cycle of a 100 MHz interconnect per transaction (address decode + arbitration), the
    // order of a single-layer AHB-lite/TileLink-UL crossbar hop.
    uint64_t hop_latency_ns = 10;

    void bind(const ParamBinder& b)
    {
        b.bind("hop_latency_ns", hop_latency_ns, "ns", "latency added to every routed b_transport");
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

private:
    void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload& trans);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
    void invalidate_direct_mem_ptr(int id, sc_dt::uint64 start, sc_dt::uint64 end);

    const BusRegion* region_at(uint64_t address) const;

    BusParams m_params;
    sc_core::sc_time m_hop_latency;
    std::vector<BusRegion> m_regions;        // sorted by base
    std::vector<size_t> m_region_of_target;  // downstream index -> index into m_regions
    mutable size_t m_last_hit = 0;           // index of the last decoded region (locality cache)
    uint64_t m_transactions = 0;
    uint64_t m_decode_errors = 0;
    Logger m_log;
};

}  // namespace pimsoc
