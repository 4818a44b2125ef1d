#include "bus/bus.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace pimsoc {
namespace {

std::string hex(uint64_t value)
{
    return fmt::format("{:#x}", value);
}

std::string describe(const BusRegion& r)
{
    return fmt::format("'{}' [{:#x}, {:#x}]", r.name, r.base, r.last());
}

// Number of bytes a transaction touches from its address (a streaming transaction repeats over
// streaming_width bytes).
uint64_t span_of(const tlm::tlm_generic_payload& trans)
{
    uint64_t length = trans.get_data_length();
    const uint64_t streaming = trans.get_streaming_width();
    if (streaming != 0 && streaming < length) {
        length = streaming;
    }
    return std::max<uint64_t>(length, 1);
}

}  // namespace

Bus::Bus(sc_core::sc_module_name name, const BusParams& params)
    : sc_core::sc_module(name),
      upstream("upstream"),
      downstream("downstream"),
      m_params(params),
      m_hop_latency(sc_core::sc_time(static_cast<double>(params.hop_latency_ns), sc_core::SC_NS)),
      m_log(module_logger(this->name()))
{
    upstream.register_b_transport(this, &Bus::b_transport);
    upstream.register_transport_dbg(this, &Bus::transport_dbg);
    upstream.register_get_direct_mem_ptr(this, &Bus::get_direct_mem_ptr);
    downstream.register_invalidate_direct_mem_ptr(this, &Bus::invalidate_direct_mem_ptr);
}

void Bus::map(TargetSocket& target, uint64_t base, uint64_t size, const std::string& name)
{
    if (sc_core::sc_get_status() > sc_core::SC_BEFORE_END_OF_ELABORATION) {
        throw std::logic_error(fmt::format("{}: map('{}') after elaboration", this->name(), name));
    }
    if (size == 0) {
        throw std::invalid_argument(
            fmt::format("{}: region '{}' at {} has zero size", this->name(), name, hex(base)));
    }
    if (base > std::numeric_limits<uint64_t>::max() - (size - 1)) {
        throw std::invalid_argument(fmt::format("{}: region '{}' at {} size {} wraps past 2^64", this->name(),
                                                name, hex(base), hex(size)));
    }
    BusRegion region{name, base, size, static_cast<unsigned>(m_region_of_target.size())};
    for (const auto& other : m_regions) {
        if (region.base <= other.last() && other.base <= region.last()) {
            throw std::invalid_argument(fmt::format("{}: region {} overlaps region {}", this->name(),
                                                    describe(region), describe(other)));
        }
    }
    downstream.bind(target);
    auto pos = std::upper_bound(m_regions.begin(), m_regions.end(), base,
                                [](uint64_t b, const BusRegion& r) { return b < r.base; });
    m_regions.insert(pos, region);
    m_region_of_target.assign(m_regions.size(), 0);
    for (size_t i = 0; i < m_regions.size(); ++i) {
        m_region_of_target[m_regions[i].target] = i;
    }
    m_last_hit = 0;
    m_log->debug("mapped {} -> downstream[{}]", describe(region), region.target);
}

const BusRegion* Bus::region_at(uint64_t address) const
{
    if (m_regions.empty()) {
        return nullptr;
    }
    const BusRegion& cached = m_regions[m_last_hit];
    if (address >= cached.base && address <= cached.last()) {
        return &cached;
    }
    auto it = std::upper_bound(m_regions.begin(), m_regions.end(), address,
                               [](uint64_t a, const BusRegion& r) { return a < r.base; });
    if (it == m_regions.begin()) {
        return nullptr;
    }
    --it;
    if (address > it->last()) {
        return nullptr;
    }
    m_last_hit = static_cast<size_t>(it - m_regions.begin());
    return &*it;
}

const BusRegion* Bus::decode(uint64_t address, uint64_t length) const
{
    const BusRegion* region = region_at(address);
    if (region == nullptr || length == 0) {
        return region;
    }
    // The access must end inside the same region: [address, address + length - 1].
    if (length - 1 > region->last() - address) {
        return nullptr;
    }
    return region;
}

void Bus::b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const uint64_t address = trans.get_address();
    const BusRegion* region = decode(address, span_of(trans));
    if (region == nullptr) {
        ++m_decode_errors;
        m_log->warn("initiator {}: {} of {} bytes at {} is {}", id, trans.is_write() ? "write" : "read",
                    trans.get_data_length(), hex(address),
                    region_at(address) ? "crossing the end of its region" : "unmapped");
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    ++m_transactions;
    delay += m_hop_latency;
    trans.set_address(address - region->base);
    downstream[region->target]->b_transport(trans, delay);
    trans.set_address(address);
}

unsigned int Bus::transport_dbg(int id, tlm::tlm_generic_payload& trans)
{
    const uint64_t address = trans.get_address();
    const BusRegion* region = region_at(address);
    if (region == nullptr) {
        m_log->debug("initiator {}: debug access at {} is unmapped", id, hex(address));
        return 0;
    }
    // Debug accesses crossing the end of the region are clipped to it (partial transfer).
    const unsigned int length = trans.get_data_length();
    const uint64_t room = region->last() - address + 1;
    const unsigned int clipped = room < length ? static_cast<unsigned int>(room) : length;
    trans.set_data_length(clipped);
    trans.set_address(address - region->base);
    const unsigned int done = downstream[region->target]->transport_dbg(trans);
    trans.set_address(address);
    trans.set_data_length(length);
    return done;
}

bool Bus::get_direct_mem_ptr(int id, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
{
    const uint64_t address = trans.get_address();
    const BusRegion* region = region_at(address);
    if (region == nullptr) {
        // Deny DMI over the whole unmapped gap around the address.
        auto next = std::upper_bound(m_regions.begin(), m_regions.end(), address,
                                     [](uint64_t a, const BusRegion& r) { return a < r.base; });
        dmi.set_start_address(next == m_regions.begin() ? 0 : std::prev(next)->last() + 1);
        dmi.set_end_address(next == m_regions.end() ? std::numeric_limits<uint64_t>::max() : next->base - 1);
        dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
        m_log->debug("initiator {}: DMI request at {} is unmapped", id, hex(address));
        return false;
    }
    trans.set_address(address - region->base);
    const bool granted = downstream[region->target]->get_direct_mem_ptr(trans, dmi);
    trans.set_address(address);

    // Translate the target-local range to global addresses and clip it to the region. Only the
    // end can stick out (local start addresses are >= 0 by construction).
    const uint64_t local_end = std::min<uint64_t>(dmi.get_end_address(), region->size - 1);
    const uint64_t local_start = std::min<uint64_t>(dmi.get_start_address(), local_end);
    dmi.set_start_address(region->base + local_start);
    dmi.set_end_address(region->base + local_end);
    dmi.set_read_latency(dmi.get_read_latency() + m_hop_latency);
    dmi.set_write_latency(dmi.get_write_latency() + m_hop_latency);
    return granted;
}

void Bus::invalidate_direct_mem_ptr(int id, sc_dt::uint64 start, sc_dt::uint64 end)
{
    if (id < 0 || static_cast<size_t>(id) >= m_region_of_target.size()) {
        return;
    }
    const BusRegion& region = m_regions[m_region_of_target[static_cast<size_t>(id)]];
    if (start > end || start >= region.size) {
        return;
    }
    const uint64_t global_start = region.base + start;
    const uint64_t global_end = region.base + std::min<uint64_t>(end, region.size - 1);
    m_log->debug("DMI invalidate [{}, {}] from {}", hex(global_start), hex(global_end), describe(region));
    for (unsigned int i = 0; i < upstream.size(); ++i) {
        upstream[static_cast<int>(i)]->invalidate_direct_mem_ptr(global_start, global_end);
    }
}

}  // namespace pimsoc
