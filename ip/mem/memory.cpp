#include "mem/memory.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "common/ledger_time.h"

namespace pimsoc {
namespace {

sc_core::sc_time ns(uint32_t value)
{
    return sc_core::sc_time(static_cast<double>(value), sc_core::SC_NS);
}

}  // namespace

Memory::Memory(sc_core::sc_module_name name, const MemoryParams& params)
    : sc_core::sc_module(name), socket("socket"), m_params(params), m_log(module_logger(this->name()))
{
    if (m_params.size_bytes == 0) {
        throw std::invalid_argument(std::string(this->name()) + ": size_bytes must not be 0");
    }
    if (m_params.access_bytes == 0) {
        throw std::invalid_argument(std::string(this->name()) + ": access_bytes must not be 0");
    }
    // Checked before allocating: a size the 32-bit bus cannot address is a configuration error,
    // not a host allocation failure (or gigabytes zero-filled and then refused by the SoC).
    if (m_params.size_bytes > max_size_bytes) {
        throw std::invalid_argument(std::string(this->name()) + ": size_bytes " + std::to_string(m_params.size_bytes) +
                                    " exceeds the 32-bit address space (at most 4294967296)");
    }
    // calloc: the host hands out zeroed pages on first touch, so a large memory costs host RAM
    // only for what the guest uses (new[]() would write every byte first).
    m_data.reset(static_cast<uint8_t*>(std::calloc(m_params.size_bytes, 1)));
    if (!m_data) {
        throw std::invalid_argument(std::string(this->name()) + ": cannot allocate size_bytes " +
                                    std::to_string(m_params.size_bytes) + " on the host");
    }
    m_read_latency = ns(m_params.read_latency_ns);
    m_write_latency = ns(m_params.write_latency_ns);
    socket.register_b_transport(this, &Memory::b_transport);
    socket.register_transport_dbg(this, &Memory::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
}

uint64_t Memory::accesses_for(uint64_t bytes) const
{
    return std::max<uint64_t>(1, (bytes + m_params.access_bytes - 1) / m_params.access_bytes);
}

void Memory::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const uint64_t address = trans.get_address();
    const uint64_t length = trans.get_data_length();
    const uint64_t streaming = trans.get_streaming_width();
    const tlm::tlm_command command = trans.get_command();

    if (command == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (length == 0 || (streaming != 0 && streaming < length)) {
        m_log->warn("{} at {:#x}: unsupported length {} / streaming width {}",
                    trans.is_write() ? "write" : "read", address, length, streaming);
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (address >= size() || length > size() - address) {
        m_log->warn("{} of {} bytes at {:#x} is outside the memory (size {:#x})",
                    trans.is_write() ? "write" : "read", length, address, size());
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (command == tlm::TLM_WRITE_COMMAND && !m_params.writable) {
        m_log->warn("write of {} bytes at {:#x} to read-only memory", length, address);
        trans.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
    }

    const uint64_t accesses = accesses_for(length);
    const sc_core::sc_time start = sc_core::sc_time_stamp() + delay;
    if (command == tlm::TLM_WRITE_COMMAND && m_keep_writes_ahead) {
        keep_write_ahead(address, length, start, accesses);
    }
    if (command == tlm::TLM_WRITE_COMMAND && m_power_cut != sc_core::sc_max_time() &&
        start + m_write_latency * static_cast<double>(accesses) > m_power_cut) {
        write_until_power_cut(trans, m_data.get() + address, start);
    } else {
        copy_with_byte_enables(trans, m_data.get() + address);
    }
    if (command == tlm::TLM_READ_COMMAND) {
        ++m_reads;
        m_bytes_read += length;
        m_read_accesses += accesses;
        delay += m_read_latency * static_cast<double>(accesses);
    } else {
        ++m_writes;
        m_bytes_written += length;
        m_write_accesses += accesses;
        delay += m_write_latency * static_cast<double>(accesses);
    }
    trans.set_dmi_allowed(m_params.dmi && !is_watched(address));
    trans.set_response_status(tlm::TLM_OK_RESPONSE);

    if (command == tlm::TLM_WRITE_COMMAND) {
        const uint64_t last = address + length - 1;
        for (const auto& watch : m_watches) {
            if (address <= watch.last && watch.first <= last) {
                watch.on_write(address, static_cast<unsigned>(length), delay);
            }
        }
    }
}

void Memory::copy_with_byte_enables(tlm::tlm_generic_payload& trans, uint8_t* mem)
{
    uint8_t* data = trans.get_data_ptr();
    const unsigned length = trans.get_data_length();
    const uint8_t* enables = trans.get_byte_enable_ptr();
    const unsigned enable_length = trans.get_byte_enable_length();
    const bool read = trans.is_read();
    if (enables == nullptr || enable_length == 0) {
        if (read) {
            std::memcpy(data, mem, length);
        } else {
            std::memcpy(mem, data, length);
        }
        return;
    }
    // Byte enables repeat when shorter than the data (TLM-2.0 rule); disabled bytes are untouched.
    for (unsigned i = 0; i < length; ++i) {
        if (enables[i % enable_length] == TLM_BYTE_ENABLED) {
            if (read) {
                data[i] = mem[i];
            } else {
                mem[i] = data[i];
            }
        }
    }
}

unsigned int Memory::transport_dbg(tlm::tlm_generic_payload& trans)
{
    const uint64_t address = trans.get_address();
    if (address >= size() || trans.get_command() == tlm::TLM_IGNORE_COMMAND) {
        return 0;
    }
    const uint64_t room = size() - address;
    const unsigned int length =
        room < trans.get_data_length() ? static_cast<unsigned int>(room) : trans.get_data_length();
    if (trans.is_read()) {
        std::memcpy(trans.get_data_ptr(), m_data.get() + address, length);
    } else {
        // Debug writes reach ROMs too (a debugger may patch them) and do not trigger write watches.
        std::memcpy(m_data.get() + address, trans.get_data_ptr(), length);
    }
    return length;
}

bool Memory::is_watched(uint64_t address) const
{
    return std::any_of(m_watches.begin(), m_watches.end(),
                       [address](const Watch& w) { return address >= w.first && address <= w.last; });
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
{
    const uint64_t address = trans.get_address();
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    if (!m_params.dmi || address >= size()) {
        dmi.set_start_address(address >= size() ? size() : 0);
        dmi.set_end_address(std::numeric_limits<uint64_t>::max());
        return false;
    }
    // The largest range around the address that contains no watched byte.
    uint64_t first = 0;
    uint64_t last = size() - 1;
    for (const auto& watch : m_watches) {
        if (address >= watch.first && address <= watch.last) {
            dmi.set_start_address(watch.first);
            dmi.set_end_address(watch.last);
            return false;
        }
        if (watch.last < address) {
            first = std::max(first, watch.last + 1);
        } else {
            last = std::min(last, watch.first - 1);
        }
    }
    dmi.set_dmi_ptr(m_data.get() + first);
    dmi.set_start_address(first);
    dmi.set_end_address(last);
    dmi.set_read_latency(m_read_latency);
    dmi.set_write_latency(m_write_latency);
    dmi.set_granted_access(m_params.writable ? tlm::tlm_dmi::DMI_ACCESS_READ_WRITE
                                             : tlm::tlm_dmi::DMI_ACCESS_READ);
    m_dmi_granted = true;
    return true;
}

void Memory::invalidate_dmi(uint64_t first, uint64_t last)
{
    // Nobody holds a pointer before the first grant (and the socket may not be bound yet).
    if (m_dmi_granted) {
        socket->invalidate_direct_mem_ptr(first, last);
    }
}

void Memory::watch_writes(uint64_t offset, uint64_t length, WriteCallback on_write)
{
    if (length == 0 || offset >= size() || length > size() - offset) {
        throw std::invalid_argument(
            fmt::format("{}: write watch [{:#x}, +{:#x}) outside the memory (size {:#x})", name(), offset,
                        length, size()));
    }
    m_watches.push_back(Watch{offset, offset + length - 1, std::move(on_write)});
    m_log->debug("watching writes to [{:#x}, {:#x}]", offset, offset + length - 1);
    invalidate_dmi(offset, offset + length - 1);
}

void Memory::power_fail(RandomStream& pattern)
{
    if (m_params.non_volatile) {
        return;
    }
    uint8_t* bytes = m_data.get();
    for (uint64_t at = 0; at < size(); at += sizeof(uint64_t)) {
        const uint64_t word = pattern.next_u64();
        std::memcpy(bytes + at, &word, std::min<uint64_t>(sizeof word, size() - at));
    }
    invalidate_dmi(0, size() - 1);
}

void Memory::set_power_cut(const sc_core::sc_time& at, RandomStream* tear)
{
    m_power_cut = at;
    m_tear = tear;
}

uint64_t Memory::bytes_before_cut(const sc_core::sc_time& start, uint64_t length, const sc_core::sc_time& cut,
                                  RandomStream* tear, const char*& torn) const
{
    const uint64_t word = m_params.access_bytes;
    uint64_t written = 0;
    torn = "";
    for (uint64_t at = 0; at < length; at += word) {
        const sc_core::sc_time word_start = start + m_write_latency * static_cast<double>(at / word);
        const uint64_t n = std::min<uint64_t>(word, length - at);
        if (word_start + m_write_latency <= cut) {
            written += n;
            continue;
        }
        if (word_start < cut) {  // the word in progress: old or new value, as the seed says
            const bool takes_new = tear != nullptr && tear->bernoulli(0.5);
            written += takes_new ? n : 0;
            torn = takes_new ? ", the word in progress torn to its new value" : ", the word in progress kept its old value";
        }
        break;
    }
    return written;
}

void Memory::write_until_power_cut(tlm::tlm_generic_payload& trans, uint8_t* mem, const sc_core::sc_time& start)
{
    const unsigned length = trans.get_data_length();
    const char* torn = "";
    const uint64_t written = bytes_before_cut(start, length, m_power_cut, m_tear, torn);
    // The words written go through the usual path (byte enables apply); the length is restored.
    trans.set_data_length(static_cast<unsigned>(written));
    copy_with_byte_enables(trans, mem);
    trans.set_data_length(length);
    m_log->info("write of {} bytes at {:#x} at {} cut by the power failure at {}: {} bytes written{}", length,
                trans.get_address(), start.to_string(), m_power_cut.to_string(), written, torn);
}

void Memory::keep_writes_ahead(bool keep)
{
    m_keep_writes_ahead = keep;
    m_writes_ahead.clear();
}

void Memory::keep_write_ahead(uint64_t address, uint64_t length, const sc_core::sc_time& start, uint64_t accesses)
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    m_writes_ahead.erase(std::remove_if(m_writes_ahead.begin(), m_writes_ahead.end(),
                                        [&now](const WriteAhead& w) { return w.end <= now; }),
                         m_writes_ahead.end());
    const sc_core::sc_time end = start + m_write_latency * static_cast<double>(accesses);
    if (end <= now) {
        return;
    }
    const uint8_t* bytes = m_data.get() + address;
    m_writes_ahead.push_back({address, start, end, end > m_power_cut ? m_power_cut : sc_core::sc_max_time(),
                              std::vector<uint8_t>(bytes, bytes + length)});
}

void Memory::cut_writes_ahead(const sc_core::sc_time& at, RandomStream* tear)
{
    for (auto w = m_writes_ahead.rbegin(); w != m_writes_ahead.rend(); ++w) {
        if (w->end <= at || w->cut <= at) {
            continue;  // done by the failure, or cut at its arrival at or before it
        }
        const char* torn = "";
        const uint64_t length = w->old.size();
        const uint64_t kept = bytes_before_cut(w->start, length, at, tear, torn);
        std::memcpy(m_data.get() + w->address + kept, w->old.data() + kept, length - kept);
        m_log->info("write of {} bytes at {:#x} at {} issued ahead, cut by the power failure at {}: {} bytes written{}",
                    length, w->address, w->start.to_string(), at.to_string(), kept, torn);
    }
    m_writes_ahead.clear();
}

double Memory::dynamic_energy_pj() const
{
    return static_cast<double>(m_read_accesses) * m_params.read_energy_pj_per_access +
           static_cast<double>(m_write_accesses) * m_params.write_energy_pj_per_access +
           static_cast<double>(m_bytes_read) * m_params.read_energy_pj_per_byte +
           static_cast<double>(m_bytes_written) * m_params.write_energy_pj_per_byte;
}

double Memory::leakage_energy_pj() const
{
    // uW * s = uJ = 1e6 pJ
    return m_params.leakage_power_uw * sc_core::sc_time_stamp().to_seconds() * 1e6;
}

void Memory::account_dmi(uint64_t reads, uint64_t writes, uint64_t bytes_read, uint64_t bytes_written)
{
    m_reads += reads;
    m_writes += writes;
    m_bytes_read += bytes_read;
    m_bytes_written += bytes_written;
    m_read_accesses += std::max(reads, (bytes_read + m_params.access_bytes - 1) / m_params.access_bytes);
    m_write_accesses += std::max(writes, (bytes_written + m_params.access_bytes - 1) / m_params.access_bytes);
}

void Memory::reset_counters()
{
    m_reads = m_writes = m_bytes_read = m_bytes_written = m_read_accesses = m_write_accesses = 0;
}

void Memory::register_stats(Ledger& ledger)
{
    LedgerComponent component;
    component.name = basename();
    component.events = {{"read_access", m_params.read_energy_pj_per_access},
                        {"write_access", m_params.write_energy_pj_per_access},
                        {"read_byte", m_params.read_energy_pj_per_byte, false},
                        {"write_byte", m_params.write_energy_pj_per_byte, false}};
    component.leakage_uw = m_params.leakage_power_uw;
    component.area_um2 = area_um2();
    component.sample = [this](LedgerCounters& counters) {
        counters.events = {m_read_accesses, m_write_accesses, m_bytes_read, m_bytes_written};
        counters.busy_ps = m_read_accesses * to_ps(m_read_latency) + m_write_accesses * to_ps(m_write_latency);
    };
    ledger.add(std::move(component));
}

}  // namespace pimsoc
