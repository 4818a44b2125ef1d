#include "bus/bus.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "common/ledger_time.h"

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
    const uint32_t width = params.width_bytes;
    if (width == 0 || width > 64 || (width & (width - 1)) != 0) {
        throw std::invalid_argument(std::string(this->name()) + ": width_bytes must be a power of 2 in 1..64");
    }
    if (params.clock_hz == 0) {
        throw std::invalid_argument(std::string(this->name()) + ": clock_hz must not be 0");
    }
    m_cycle = sc_core::sc_time(1.0 / static_cast<double>(params.clock_hz), sc_core::SC_SEC);
    if (m_cycle == sc_core::SC_ZERO_TIME) {
        throw std::invalid_argument(std::string(this->name()) + ": clock_hz is finer than the time resolution");
    }
    m_holdoff = sc_core::sc_time::from_value(m_cycle.value() * params.dmi_holdoff_cycles);
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

uint64_t Bus::occupancy_cycles(uint64_t length) const
{
    const uint64_t width = m_params.width_bytes;
    return (std::max<uint64_t>(length, 1) + width - 1) / width;
}

sc_core::sc_time Bus::book(const sc_core::sc_time& requested, uint64_t cycles)
{
    // Forget what lies entirely in the kernel's past: no transaction can start there any more
    // (every initiator annotates times >= sc_time_stamp()). Ends are sorted like starts.
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    using Interval = std::pair<sc_core::sc_time, sc_core::sc_time>;
    const auto ends_after = [](const Interval& iv, const sc_core::sc_time& t) { return iv.second <= t; };
    m_busy.erase(m_busy.begin(), std::lower_bound(m_busy.begin(), m_busy.end(), now, ends_after));

    const sc_core::sc_time length = sc_core::sc_time::from_value(m_cycle.value() * cycles);
    sc_core::sc_time start = requested;
    // First interval that ends after the requested start; walk the gaps from there.
    auto it = std::lower_bound(m_busy.begin(), m_busy.end(), start, ends_after);
    for (; it != m_busy.end(); ++it) {
        if (it->first >= start + length) {
            break;  // the gap before *it is long enough
        }
        start = std::max(start, it->second);
    }
    const sc_core::sc_time end = start + length;
    // Insert before `it`, merging with touching neighbours to keep the list short.
    if (it != m_busy.begin() && std::prev(it)->second == start) {
        auto prev = std::prev(it);
        prev->second = end;
        if (it != m_busy.end() && it->first == end) {
            prev->second = it->second;
            m_busy.erase(it);
        }
    } else if (it != m_busy.end() && it->first == end) {
        it->first = start;
    } else {
        m_busy.insert(it, {start, end});
    }
    return start;
}

void Bus::update_dmi_block(const sc_core::sc_time& time)
{
    if (m_dmi_blocked && time >= m_stream_last_end + m_holdoff) {
        m_dmi_blocked = false;
        m_log->debug("no streaming traffic since {}: DMI allowed again", m_stream_last_end.to_string());
    }
}

void Bus::b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const uint64_t address = trans.get_address();
    const BusRegion* region = decode(address, span_of(trans));
    if (m_tracer != nullptr) {
        trace_request(id, trans, sc_core::sc_time_stamp() + delay);
    }
    if (region == nullptr) {
        ++m_decode_errors;
        log_guest_error(m_log, "initiator {}: {} of {} bytes at {} is {}", id, trans.is_write() ? "write" : "read",
                        trans.get_data_length(), hex(address),
                        region_at(address) ? "crossing the end of its region" : "unmapped");
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        if (m_tracer != nullptr) {
            trace_response(id, trans, sc_core::sc_time_stamp() + delay);
        }
        return;
    }
    ++m_transactions;

    // Occupancy: ceil(length / width) bus cycles in the first gap at or after the annotated time.
    const sc_core::sc_time requested = sc_core::sc_time_stamp() + delay;
    const uint64_t cycles = occupancy_cycles(trans.get_data_length());
    m_bytes += trans.get_data_length();
    m_beats += cycles;
    const sc_core::sc_time start = book(requested, cycles);
    const sc_core::sc_time occupancy = sc_core::sc_time::from_value(m_cycle.value() * cycles);
    m_occupied += occupancy;
    if (start > requested) {
        ++m_delayed;
        m_contention_wait += start - requested;
        if (m_log->should_log(spdlog::level::debug)) {
            m_log->debug("initiator {}: {} bytes at {} requested at {} waits {} for the bus", id,
                         trans.get_data_length(), hex(address), requested.to_string(),
                         (start - requested).to_string());
        }
    }

    const bool streaming = is_streaming(id);
    if (streaming && !m_dmi_blocked) {
        // A streaming initiator became active: make every other initiator use b_transport so its
        // memory traffic goes through the calendar.
        m_dmi_blocked = true;
        if (m_dmi_granted) {
            m_dmi_granted = false;
            ++m_dmi_revocations;
            m_log->debug("initiator {} streaming: DMI invalidated for the other initiators", id);
            for (unsigned int i = 0; i < upstream.size(); ++i) {
                if (static_cast<int>(i) != id) {
                    upstream[static_cast<int>(i)]->invalidate_direct_mem_ptr(
                        0, std::numeric_limits<sc_dt::uint64>::max());
                }
            }
        }
    } else if (!streaming) {
        update_dmi_block(requested);
    }
    if (static_cast<size_t>(id) >= m_last_access.size()) {
        m_last_access.resize(static_cast<size_t>(id) + 1);
    }
    m_last_access[static_cast<size_t>(id)] = requested;

    // The transaction reaches the target after the hop, the wait for the bus and its beats.
    delay += m_hop_latency + (start - requested) + occupancy;
    trans.set_address(address - region->base);
    downstream[region->target]->b_transport(trans, delay);
    trans.set_address(address);
    if (m_tracer != nullptr) {
        trace_response(id, trans, sc_core::sc_time_stamp() + delay);
    }

    if (streaming) {
        m_stream_last_end = std::max(m_stream_last_end, sc_core::sc_time_stamp() + delay);
    } else if (m_dmi_blocked) {
        trans.set_dmi_allowed(false);
    }
}

void Bus::trace_to(Tracer& tracer, const std::vector<std::string>& initiator_names)
{
    if (!tracer.enabled("bus")) {
        return;
    }
    m_tracer = &tracer;
    m_trace.clear();
    // The signal names carry the initiator's name (soc.bus.cpu_address, soc.bus.dma_address): a
    // waveform viewer lists signals by their last name, and "address" twice is ambiguous there.
    for (const auto& initiator : initiator_names) {
        const std::string prefix = std::string(name()) + "." + initiator + "_";
        m_trace.push_back({tracer.wire(prefix + "address", 32), tracer.wire(prefix + "command", 2),
                           tracer.wire(prefix + "status", 3)});
    }
}

void Bus::trace_request(int id, const tlm::tlm_generic_payload& trans, const sc_core::sc_time& at)
{
    if (static_cast<size_t>(id) >= m_trace.size()) {
        return;
    }
    const uint64_t at_ps = to_ps(at);
    m_tracer->set(m_trace[static_cast<size_t>(id)].address, trans.get_address(), at_ps);
    m_tracer->set(m_trace[static_cast<size_t>(id)].command, trans.is_write() ? 2 : 1, at_ps);
}

void Bus::trace_response(int id, const tlm::tlm_generic_payload& trans, const sc_core::sc_time& at)
{
    if (static_cast<size_t>(id) >= m_trace.size()) {
        return;
    }
    const uint64_t at_ps = to_ps(at);
    const int status = trans.get_response_status();
    constexpr uint64_t incomplete = 7;
    const uint64_t code = status == tlm::TLM_OK_RESPONSE ? 0
                          : status < 0                   ? static_cast<uint64_t>(-status)
                                                         : incomplete;
    m_tracer->set(m_trace[static_cast<size_t>(id)].command, 0, at_ps);
    m_tracer->set(m_trace[static_cast<size_t>(id)].status, code, at_ps);
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
    if (!is_streaming(id)) {
        // The initiator's own time: that of its last access (it may run ahead of kernel time).
        sc_core::sc_time time = sc_core::sc_time_stamp();
        if (static_cast<size_t>(id) < m_last_access.size()) {
            time = std::max(time, m_last_access[static_cast<size_t>(id)]);
        }
        update_dmi_block(time);
        if (m_dmi_blocked) {
            // Denied for this address only: ask again after the hold-off.
            dmi.set_start_address(address);
            dmi.set_end_address(address);
            dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
            m_log->debug("initiator {}: DMI request at {} refused while a streaming initiator is active", id,
                         hex(address));
            return false;
        }
    }
    trans.set_address(address - region->base);
    const bool granted = downstream[region->target]->get_direct_mem_ptr(trans, dmi);
    trans.set_address(address);
    m_dmi_granted = m_dmi_granted || granted;

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

// --- energy ledger -----------------------------------------------------------------------------

void Bus::account_dmi(uint64_t count, uint64_t length)
{
    m_dmi_transactions += count;
    m_bytes += count * length;
    m_beats += count * occupancy_cycles(length);
}

void Bus::register_stats(Ledger& ledger)
{
    LedgerComponent component;
    component.name = basename();
    component.events = {{"transaction", m_params.energy_pj_per_transaction},
                        {"byte", m_params.energy_pj_per_byte, false}};
    component.leakage_uw = m_params.leakage_uw;
    component.area_um2 = m_params.area_um2;
    component.sample = [this](LedgerCounters& counters) {
        counters.events = {m_transactions + m_dmi_transactions, m_bytes};
        counters.busy_ps = m_beats * to_ps(m_cycle);
    };
    ledger.add(std::move(component));
}

}  // namespace pimsoc
