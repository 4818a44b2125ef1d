#include "dma/dma.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/clock_period.h"
#include "common/ledger_time.h"

namespace pimsoc {
namespace {

constexpr CommandDeviceLayout layout{DMA_REG_SPACE, DMA_ID_VALUE, DMA_CMD, DMA_BYTES_MOVED,
                                     (DMA_BUSY_CYCLES - DMA_BYTES_MOVED) / 8 + 1};

// The time slice the engine runs ahead of kernel time: it waits when 2 slices ahead until it is
// one slice ahead (bounds how early data reaches memory relative to its annotated time, and keeps
// huge copies interruptible).
sc_core::sc_time engine_slice()
{
    const sc_core::sc_time quantum = tlm::tlm_global_quantum::instance().get();
    return quantum > sc_core::SC_ZERO_TIME ? quantum : sc_core::sc_time(1, sc_core::SC_US);
}

}  // namespace

Dma::Dma(sc_core::sc_module_name name, const DmaParams& params)
    : CommandDevice(name, layout, sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS)),
      bus("bus"),
      m_params(params),
      m_cycle(clock_period(std::string(this->name()) + ".clock_hz", params.clock_hz))
{
    const std::string who = this->name();
    const uint32_t width = m_params.bus_width_bytes;
    if (width == 0 || width > 64 || (width & (width - 1)) != 0) {
        throw std::invalid_argument(who + ": bus_width_bytes must be a power of 2 in 1..64");
    }
    if (m_params.burst_bytes == 0 || m_params.burst_bytes > 0xFFFF) {
        throw std::invalid_argument(who + ": burst_bytes must be in 1..65535");
    }
    if (m_params.queue_depth > 255) {
        throw std::invalid_argument(who + ": queue_depth must be in 0..255");
    }
    m_buffer.resize(m_params.burst_bytes);
    const std::pair<uint64_t, uint32_t*> descriptor[] = {
        {DMA_SRC, &m_desc.src},   {DMA_DST, &m_desc.dst},   {DMA_ROWS, &m_desc.rows},
        {DMA_ROW_BYTES, &m_desc.row_bytes}, {DMA_SRC_STRIDE, &m_desc.src_stride}, {DMA_DST_STRIDE, &m_desc.dst_stride}};
    for (const auto& [offset, field] : descriptor) {
        descriptor_register(offset, *field);
    }

    bus.register_invalidate_direct_mem_ptr(this, &Dma::invalidate_direct_mem_ptr);

    SC_HAS_PROCESS(Dma);
    SC_THREAD(engine_thread);
}

void Dma::reset_device()
{
    m_err_addr = 0;
    m_desc = Descriptor{};
    m_bytes_moved = 0;
    m_descs_done = 0;
    m_busy_cycles = 0;
    m_queue.clear();
    m_inflight.active = false;
    ++m_generation;
}

// --- registers -------------------------------------------------------------------------------

uint32_t Dma::device_status(const sc_core::sc_time&) const
{
    const uint64_t accepted = pending();
    const uint32_t queued = static_cast<uint32_t>(std::min<uint64_t>(accepted > 0 ? accepted - 1 : 0, 255));
    return queued << DMA_STATUS_QUEUED_SHIFT;
}

uint64_t Dma::busy_cycles_at(const sc_core::sc_time& time) const
{
    uint64_t cycles = m_busy_cycles;
    if (m_inflight.active) {
        const sc_core::sc_time until = m_inflight.known ? std::min(time, m_inflight.end) : time;
        if (until > m_inflight.start) {
            cycles += (until - m_inflight.start).value() / m_cycle.value();
        }
    }
    return cycles;
}

uint64_t Dma::counter(unsigned index, const sc_core::sc_time& time) const
{
    switch (DMA_BYTES_MOVED + 8 * index) {
        case DMA_BYTES_MOVED: return m_bytes_moved;
        case DMA_DESCS_DONE: return m_descs_done;
        default: return busy_cycles_at(time);
    }
}

void Dma::clear_counters(const sc_core::sc_time& time)
{
    m_bytes_moved = 0;
    m_descs_done = 0;
    m_busy_cycles = 0;
    if (m_inflight.active) {
        m_inflight.start = std::max(m_inflight.start, time);  // count from now on
    }
}

RegStatus Dma::read_device_register(const MmioAccess& access, uint32_t& value)
{
    switch (access.offset) {
        case DMA_ERR_ADDR: value = m_err_addr; return RegStatus::ok;
        case DMA_CAPS:
            value = (m_params.queue_depth & DMA_CAPS_QUEUE_DEPTH_MASK) |
                    ((m_params.bus_width_bytes << DMA_CAPS_BUS_WIDTH_SHIFT) & DMA_CAPS_BUS_WIDTH_MASK) |
                    ((m_params.burst_bytes << DMA_CAPS_BURST_SHIFT) & DMA_CAPS_BURST_MASK);
            return RegStatus::ok;
        default: return RegStatus::no_register;
    }
}

RegStatus Dma::write_device_register(const MmioAccess& access, uint32_t)
{
    switch (access.offset) {
        case DMA_ERR_ADDR:
        case DMA_CAPS: return RegStatus::read_only;
        default: return RegStatus::no_register;
    }
}

uint32_t Dma::check_descriptor(const Descriptor& d) const
{
    if (d.rows == 0 || d.row_bytes == 0) {
        return DMA_ERR_ZERO_SIZE;
    }
    // Last byte touched: base + (rows - 1) * stride + row_bytes - 1 must stay below 2^32.
    const uint64_t limit = uint64_t{1} << 32;
    const uint64_t rows_before_last = d.rows - uint64_t{1};
    const uint64_t src_end = d.src + rows_before_last * d.src_stride + d.row_bytes;
    const uint64_t dst_end = d.dst + rows_before_last * d.dst_stride + d.row_bytes;
    if (src_end > limit || dst_end > limit) {
        return DMA_ERR_OVERFLOW;
    }
    return DMA_ERR_NONE;
}

void Dma::command(uint32_t value, const sc_core::sc_time& time)
{
    uint32_t code = DMA_ERR_NONE;
    if (value != DMA_CMD_START && value != DMA_CMD_ENQUEUE) {
        code = DMA_ERR_BAD_CMD;
    } else if (value == DMA_CMD_START && busy()) {
        code = DMA_ERR_BUSY;
    } else if (value == DMA_CMD_ENQUEUE && pending() > m_params.queue_depth) {
        code = DMA_ERR_QUEUE_FULL;
    } else {
        code = check_descriptor(m_desc);
    }
    if (code != DMA_ERR_NONE) {
        log()->warn("CMD {:#x} rejected: {} (src {:#x} dst {:#x} rows {} row_bytes {} strides {}/{})", value,
                    dma_error_name(code), m_desc.src, m_desc.dst, m_desc.rows, m_desc.row_bytes,
                    m_desc.src_stride, m_desc.dst_stride);
        report_error(code, 0, time);
        return;
    }
    if (!busy()) {  // a new batch reports its own outcome
        clear_done();
        clear_error();
        m_err_addr = 0;
    }
    Descriptor d = m_desc;
    d.submitted = time;
    m_queue.push_back(d);
    log()->debug("descriptor queued: src {:#x} dst {:#x} rows {} row_bytes {} strides {}/{}", d.src, d.dst,
                 d.rows, d.row_bytes, d.src_stride, d.dst_stride);
    m_work_event.notify(sc_core::SC_ZERO_TIME);
}

void Dma::report_error(uint32_t code, uint32_t address, const sc_core::sc_time& time)
{
    m_err_addr = address;
    fail(code, time);
}

void Dma::catch_up(const sc_core::sc_time& time)
{
    InFlight& f = m_inflight;
    if (!f.active || !f.known || time < f.end) {
        return;
    }
    f.active = false;
    m_ledger_busy += f.end > f.ledger_start ? f.end - f.ledger_start : sc_core::SC_ZERO_TIME;
    if (f.generation != m_generation) {
        return;  // reset() happened meanwhile
    }
    m_bytes_moved += f.bytes;
    m_busy_cycles += f.end > f.start ? (f.end - f.start).value() / m_cycle.value() : 0;
    if (f.error != DMA_ERR_NONE) {
        ++m_bus_errors;
        log()->warn("descriptor stopped: {} at {:#010x}; {} queued descriptor(s) dropped",
                    dma_error_name(f.error), f.error_addr, m_queue.size());
        m_queue.clear();
        report_error(f.error, f.error_addr, f.end);
        return;
    }
    ++m_descs_done;
    if (m_queue.empty()) {
        complete();
        update_irq(f.end);
    }
}

// --- engine ----------------------------------------------------------------------------------

void Dma::engine_thread()
{
    for (;;) {
        if (m_queue.empty()) {
            wait(m_work_event);
            continue;
        }
        const sc_core::sc_time now = sc_core::sc_time_stamp();
        if (m_queue.front().submitted > now) {
            wait(m_queue.front().submitted - now);
            continue;  // the queue may have changed (reset)
        }
        const Descriptor d = m_queue.front();
        m_queue.pop_front();
        m_inflight = InFlight{};
        m_inflight.active = true;
        m_inflight.start = now;
        m_inflight.ledger_start = now;
        ++m_ledger_descriptors;
        m_inflight.generation = m_generation;
        if (active_tracer() != nullptr) {
            active_tracer()->set(m_trace_busy, 1, to_ps(now));
            active_tracer()->set(m_trace_descriptor, m_ledger_descriptors, to_ps(now));
        }
        execute(d);
        if (active_tracer() != nullptr) {
            active_tracer()->set(m_trace_busy, 0, to_ps(m_inflight.end));
        }
        wait(m_inflight.end - sc_core::sc_time_stamp());
        catch_up(sc_core::sc_time_stamp());
    }
}

void Dma::execute(const Descriptor& d)
{
    // Runs ahead of kernel time by at most one slice (temporal decoupling, like the CPU); `t` is
    // the absolute time the engine has reached. The outcome becomes known with the last burst.
    const sc_core::sc_time slice = engine_slice();
    const uint64_t generation = m_generation;
    sc_core::sc_time t = sc_core::sc_time_stamp() + m_cycle * static_cast<double>(m_params.setup_cycles);
    uint64_t bytes = 0;
    for (uint64_t row = 0; row < d.rows; ++row) {
        const uint64_t src_row = d.src + row * d.src_stride;
        const uint64_t dst_row = d.dst + row * d.dst_stride;
        for (uint64_t offset = 0; offset < d.row_bytes; offset += m_params.burst_bytes) {
            // Keep a lead of at least one slice over kernel time (frontier in [now + slice,
            // now + 2 slices]): the CPU runs at most one quantum ahead, so the engine books its
            // bursts on the bus calendar before CPU accesses at the same simulated time arrive,
            // whatever the quantum (docs/models/dma.md, "Bus sharing").
            if (t - sc_core::sc_time_stamp() >= slice + slice) {
                wait(t - sc_core::sc_time_stamp() - slice);
                if (generation != m_generation) {
                    m_inflight.end = sc_core::sc_time_stamp();
                    m_inflight.known = true;
                    return;  // reset() abandoned this descriptor
                }
            }
            const sc_core::sc_time burst_start = t;
            if (m_burst_listener.before) {
                // Harvest mode: the forecast brought up to this burst's time before it is issued,
                // up to a slice past it (a burst lasts far less), so a brown-out foreseen by its
                // end is the main memory's cut before its write.
                m_burst_listener.before(t, t + slice);
            }
            const auto length =
                static_cast<unsigned>(std::min<uint64_t>(m_params.burst_bytes, d.row_bytes - offset));
            uint32_t error = DMA_ERR_NONE;
            uint64_t address = src_row + offset;
            if (!transfer(tlm::TLM_READ_COMMAND, address, length, t)) {
                error = DMA_ERR_BUS_READ;
            } else {
                address = dst_row + offset;
                if (!transfer(tlm::TLM_WRITE_COMMAND, address, length, t)) {
                    error = DMA_ERR_BUS_WRITE;
                }
            }
            if (m_burst_listener.after) {
                m_burst_listener.after(burst_start, t);
            }
            if (error != DMA_ERR_NONE) {
                m_inflight.error = error;
                m_inflight.error_addr = static_cast<uint32_t>(address);
                m_inflight.bytes = bytes;
                m_inflight.end = t;
                m_inflight.known = true;
                return;
            }
            bytes += length;
            if (active_tracer() != nullptr) {
                active_tracer()->set(m_trace_bytes, m_ledger_bytes, to_ps(t));
            }
        }
    }
    m_inflight.bytes = bytes;
    m_inflight.end = t;
    m_inflight.known = true;
}

bool Dma::transfer(tlm::tlm_command command, uint64_t address, unsigned length, sc_core::sc_time& t)
{
    tlm::tlm_generic_payload& p = m_trans;
    p.set_command(command);
    p.set_address(address);
    p.set_data_ptr(m_buffer.data());
    p.set_data_length(length);
    p.set_streaming_width(length);
    p.set_byte_enable_ptr(nullptr);
    p.set_byte_enable_length(0);
    p.set_dmi_allowed(false);
    p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = t - sc_core::sc_time_stamp();
    bus->b_transport(p, delay);
    t = sc_core::sc_time_stamp() + delay;  // a target may have waited
    ++m_ledger_transfers;
    if (command == tlm::TLM_WRITE_COMMAND && !p.is_response_error()) {
        m_ledger_bytes += length;
    }
    if (p.is_response_error()) {
        log()->debug("{} of {} bytes at {:#x}: {}", command == tlm::TLM_READ_COMMAND ? "read" : "write",
                     length, address, p.get_response_string());
        return false;
    }
    // The beats (ceil(length / bus width) bus cycles, plus any wait for the shared bus) are in the
    // delay: the bus models the data path's occupancy (docs/models/bus.md).
    return true;
}

// --- energy ledger -----------------------------------------------------------------------------

void Dma::register_stats(Ledger& ledger)
{
    LedgerComponent component;
    component.name = basename();
    component.events = {{"descriptor", m_params.energy_pj_per_descriptor, false},
                        {"transfer", m_params.energy_pj_per_transfer},
                        {"byte", m_params.energy_pj_per_byte, false}};
    component.leakage_uw = m_params.leakage_uw;
    component.area_um2 = m_params.area_um2;
    component.sample = [this](LedgerCounters& counters) {
        counters.events = {m_ledger_descriptors, m_ledger_transfers, m_ledger_bytes};
        sc_core::sc_time busy = m_ledger_busy;
        const sc_core::sc_time now = sc_core::sc_time_stamp();
        if (m_inflight.active) {
            const sc_core::sc_time until = m_inflight.known ? std::min(now, m_inflight.end) : now;
            busy += until > m_inflight.ledger_start ? until - m_inflight.ledger_start : sc_core::SC_ZERO_TIME;
        }
        counters.busy_ps = to_ps(busy);
    };
    ledger.add(std::move(component));
}

void Dma::trace_to(Tracer& tracer)
{
    if (!attach_tracer(tracer, "dma")) {
        return;
    }
    m_trace_busy = tracer.wire(trace_signal("busy"), 1);
    m_trace_descriptor = tracer.wire(trace_signal("descriptor"), 32);
    m_trace_bytes = tracer.wire(trace_signal("bytes"), 64);
}

}  // namespace pimsoc
