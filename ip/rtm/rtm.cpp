#include "rtm/rtm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "common/ledger_time.h"

namespace pimsoc {
namespace {

constexpr unsigned max_banks_in_status = 8;  // STATUS has one busy bit per bank for banks 0..7

bool is_counter(uint64_t offset) { return offset >= RTM_SHIFTS && offset < RTM_COMMANDS + 8; }

sc_core::sc_time from_ps(uint64_t ps)
{
    return sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS);
}

sc_core::sc_time clock_period(const std::string& who, uint64_t clock_hz)
{
    if (clock_hz == 0 || clock_hz > 1'000'000'000'000ull) {
        throw std::invalid_argument(who + ".clock_hz: must be in 1..10^12");
    }
    const sc_core::sc_time period(1.0 / static_cast<double>(clock_hz), sc_core::SC_SEC);
    if (period == sc_core::SC_ZERO_TIME) {
        throw std::invalid_argument(who + ".clock_hz: is finer than the time resolution");
    }
    return period;
}

rtm::ElemType elem_type(uint32_t field) { return rtm::elem_type_from_code(field); }

uint32_t opcode_of(uint32_t op) { return op & RTM_OP_OPCODE_MASK; }

}  // namespace

Rtm::Rtm(sc_core::sc_module_name name, const RtmParams& params)
    : MmioTarget(name, RTM_REG_SPACE, width32 | width64,
                 sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS)),
      window("window"),
      irq("irq"),
      m_params(params),
      m_array(params.to_model()),
      m_cycle(clock_period("rtm", params.clock_hz)),
      m_bank_free(m_array.map().banks())
{
    if (params.leakage_uw_per_bank < 0 || !std::isfinite(params.leakage_uw_per_bank)) {
        throw std::invalid_argument("rtm.leakage_uw_per_bank: must be a finite value >= 0");
    }
    window.register_b_transport(this, &Rtm::window_b_transport);
    window.register_transport_dbg(this, &Rtm::window_transport_dbg);
    irq.initialize(false);
    SC_HAS_PROCESS(Rtm);
    SC_METHOD(drive_irq);
    sensitive << m_irq_line.event();
    dont_initialize();
}

// --- registers ---------------------------------------------------------------------------------

uint32_t* Rtm::descriptor_field(uint64_t offset)
{
    switch (offset) {
        case RTM_OP: return &m_desc.op;
        case RTM_SRC_A: return &m_desc.src_a;
        case RTM_SRC_B: return &m_desc.src_b;
        case RTM_DST: return &m_desc.dst;
        case RTM_LENGTH: return &m_desc.length;
        case RTM_COUNT: return &m_desc.count;
        case RTM_STRIDE_A: return &m_desc.stride_a;
        case RTM_STRIDE_B: return &m_desc.stride_b;
        case RTM_INIT: return &m_desc.init;
        case RTM_CONV_IN: return &m_desc.conv_in;
        case RTM_CONV_K: return &m_desc.conv_k;
        case RTM_BIAS: return &m_desc.bias;
        default: return nullptr;
    }
}

uint32_t Rtm::status(const sc_core::sc_time& at) const
{
    uint32_t value = (m_done ? RTM_STATUS_DONE : 0) | (m_err ? RTM_STATUS_ERR : 0);
    for (unsigned b = 0; b < m_bank_free.size(); ++b) {
        if (m_bank_free[b] > at) {
            value |= RTM_STATUS_BUSY;
            if (b < max_banks_in_status) {
                value |= 1u << (RTM_STATUS_BANK_BUSY_SHIFT + b);
            }
        }
    }
    return value;
}

uint64_t Rtm::read_counter(uint64_t base_offset) const
{
    const rtm::Counters& c = m_array.counters();
    const rtm::Counters& b = m_base.counters;
    switch (base_offset) {
        case RTM_SHIFTS: return c.shifts - b.shifts;
        case RTM_READS: return c.reads - b.reads;
        case RTM_WRITES: return c.writes - b.writes;
        case RTM_ADDS: return c.adds - b.adds;
        case RTM_MULTS: return c.mults - b.mults;
        case RTM_BUSY_CYCLES: return (m_busy_ps - m_base.busy_ps) / to_ps(m_cycle);
        case RTM_ENERGY_PJ: return static_cast<uint64_t>(std::floor(m_array.energy().total_pj() - m_base.energy_pj));
        default: return m_completed - m_base.completed;
    }
}

RegStatus Rtm::read_register(const MmioAccess& access, uint64_t& value)
{
    if (!access.debug) {
        catch_up(access.time);
    }
    if (is_counter(access.offset)) {
        const uint64_t counter = read_counter(access.offset & ~uint64_t{7});
        value = access.width == 8 ? counter : (access.offset & 4) ? counter >> 32 : counter & 0xFFFFFFFFu;
        return RegStatus::ok;
    }
    if (access.width != 4) {
        return RegStatus::bad_width;
    }
    const rtm::Geometry& g = m_array.config().geometry;
    if (const uint32_t* field = descriptor_field(access.offset)) {
        value = *field;
        return RegStatus::ok;
    }
    switch (access.offset) {
        case RTM_ID: value = RTM_ID_VALUE; break;
        case RTM_CTRL: value = 0; break;
        case RTM_STATUS: value = status(access.time); break;
        case RTM_IRQ_EN: value = m_irq_en; break;
        case RTM_IRQ_STATUS: value = m_irq_status; break;
        case RTM_ERR_CODE: value = m_err_code; break;
        case RTM_CAPS:
            value = (g.banks & RTM_CAPS_BANKS_MASK) | ((g.tracks_per_dbc / 8) << RTM_CAPS_WORD_BYTES_SHIFT) |
                    (g.ports_per_track << RTM_CAPS_PORTS_SHIFT);
            break;
        case RTM_GEOMETRY:
            value = (g.domains_per_track & RTM_GEOMETRY_DOMAINS_MASK) |
                    ((g.dbcs_per_subarray << RTM_GEOMETRY_DBCS_SHIFT) & RTM_GEOMETRY_DBCS_MASK) |
                    ((g.subarrays_per_bank << RTM_GEOMETRY_SUBARRAYS_SHIFT) & RTM_GEOMETRY_SUBARRAYS_MASK);
            break;
        case RTM_BANK_BYTES: value = m_array.map().bank_bytes(); break;
        case RTM_RESULT: value = static_cast<uint32_t>(m_result); break;
        case RTM_CMD: return RegStatus::write_only;
        default: return RegStatus::no_register;
    }
    return RegStatus::ok;
}

RegStatus Rtm::write_register(const MmioAccess& access, uint64_t value)
{
    if (is_counter(access.offset)) {
        return RegStatus::read_only;
    }
    if (access.width != 4) {
        return RegStatus::bad_width;
    }
    const auto v = static_cast<uint32_t>(value);
    if (uint32_t* field = descriptor_field(access.offset)) {
        *field = v;
        return RegStatus::ok;
    }
    switch (access.offset) {
        case RTM_CTRL:
            catch_up(access.time);
            if (v & RTM_CTRL_CLEAR_STATUS) {
                m_done = false;
                m_err = false;
                m_err_code = RTM_ERR_NONE;
            }
            if (v & RTM_CTRL_CLEAR_COUNTERS) {
                m_base = CounterBase{m_array.counters(), m_array.energy().total_pj(), m_busy_ps, m_completed};
            }
            return RegStatus::ok;
        case RTM_IRQ_EN:
            m_irq_en = v & RTM_IRQ_MASK;
            update_irq(access.time);
            return RegStatus::ok;
        case RTM_IRQ_STATUS:
            catch_up(access.time);
            m_irq_status &= ~(v & RTM_IRQ_MASK);
            update_irq(access.time);
            return RegStatus::ok;
        case RTM_CMD:
            if (v == RTM_CMD_START) {
                start_command(access.time);
            } else {
                catch_up(access.time);
                reject(rtm::RtmError::none, access.time, "unknown CMD value");
            }
            return RegStatus::ok;
        case RTM_ID:
        case RTM_STATUS:
        case RTM_ERR_CODE:
        case RTM_CAPS:
        case RTM_GEOMETRY:
        case RTM_BANK_BYTES:
        case RTM_RESULT:
            return RegStatus::read_only;
        default:
            return RegStatus::no_register;
    }
}

// --- commands ----------------------------------------------------------------------------------

rtm::Result Rtm::run_descriptor(int32_t& last_result)
{
    const Descriptor& d = m_desc;
    const uint32_t opcode = opcode_of(d.op);
    const rtm::ElemType type_a = elem_type((d.op & RTM_OP_TYPE_MASK) >> RTM_OP_TYPE_SHIFT);
    const rtm::ElemType type_b = elem_type((d.op & RTM_OP_TYPE_B_MASK) >> RTM_OP_TYPE_B_SHIFT);
    switch (opcode) {
        case RTM_OP_ADD:
        case RTM_OP_MUL: {
            rtm::ElementwiseCommand c;
            c.op = opcode == RTM_OP_ADD ? rtm::ElementwiseOp::add : rtm::ElementwiseOp::mul;
            c.type = type_a;
            c.a = d.src_a;
            c.b = d.src_b;
            c.dst = d.dst;
            c.length = d.length;
            return m_array.run(c);
        }
        case RTM_OP_DOT: {
            rtm::DotCommand c;
            c.type_a = type_a;
            c.type_b = type_b;
            c.a = d.src_a;
            c.b = d.src_b;
            c.length = d.length;
            c.count = d.count;
            c.stride_a = d.stride_a;
            c.stride_b = d.stride_b;
            c.init = static_cast<int32_t>(d.init);
            c.has_bias = (d.op & RTM_OP_FLAG_BIAS) != 0;
            c.bias = d.bias;
            c.dst = d.dst;
            std::vector<int32_t> results;
            rtm::Result r = m_array.run(c, &results);
            if (r.error == rtm::RtmError::none && !results.empty()) {
                last_result = results.back();
            }
            return r;
        }
        case RTM_OP_CONV2D: {
            rtm::Conv2dCommand c;
            c.in_type = type_a;
            c.kernel_type = type_b;
            c.in = d.src_a;
            c.kernel = d.src_b;
            c.dst = d.dst;
            c.channels = d.conv_in & RTM_CONV_IN_C_MASK;
            c.height = (d.conv_in & RTM_CONV_IN_H_MASK) >> RTM_CONV_IN_H_SHIFT;
            c.width = (d.conv_in & RTM_CONV_IN_W_MASK) >> RTM_CONV_IN_W_SHIFT;
            c.kernel_h = d.conv_k & 0xF;
            c.kernel_w = (d.conv_k >> 4) & 0xF;
            c.stride_h = (d.conv_k >> 8) & 0xF;
            c.stride_w = (d.conv_k >> 12) & 0xF;
            c.pad_h = (d.conv_k >> 16) & 0xF;
            c.pad_w = (d.conv_k >> 20) & 0xF;
            c.init = static_cast<int32_t>(d.init);
            return m_array.run(c);
        }
        default: {
            rtm::Result r;
            r.error = rtm::RtmError::bad_opcode;
            return r;
        }
    }
}

void Rtm::start_command(const sc_core::sc_time& at)
{
    catch_up(at);
    int32_t result = m_result;
    const rtm::Result r = run_descriptor(result);
    if (r.error != rtm::RtmError::none) {
        reject(r.error, at, rtm::to_string(r.error));
        return;
    }
    sc_core::sc_time& bank_free = m_bank_free.at(r.bank);
    const sc_core::sc_time start = std::max(at, bank_free);
    const sc_core::sc_time end = start + from_ps(r.cost.latency_ps);
    bank_free = end;
    m_pending.insert(end);
    m_busy_ps += r.cost.latency_ps;
    m_result = result;
    m_err = false;
    m_err_code = RTM_ERR_NONE;
    if (log()->should_log(spdlog::level::debug)) {
        log()->debug("op {:#x} on bank {}: {} shifts, {} reads, {} writes, {} MACs, {} .. {}", m_desc.op, r.bank,
                     r.cost.counters.shifts, r.cost.counters.reads, r.cost.counters.writes, r.cost.counters.macs,
                     start.to_string(), end.to_string());
    }
    if (m_tracer != nullptr) {
        m_tracer->set(m_trace_opcode, opcode_of(m_desc.op), to_ps(start));
    }
    trace_activity(r, start, end, m_desc.dst);
    update_irq(at);
}

void Rtm::reject(rtm::RtmError code, const sc_core::sc_time& at, const char* why)
{
    // The model's error codes are the register's (rtm_regs.h); a bad CMD value is the wrapper's.
    m_err_code = code == rtm::RtmError::none ? RTM_ERR_BAD_CMD : static_cast<uint32_t>(code);
    m_err = true;
    ++m_rejected;
    m_irq_status |= RTM_IRQ_ERR;
    log()->warn("command rejected at {}: op {:#x}: {} (ERR_CODE {})", at.to_string(), m_desc.op, why, m_err_code);
    update_irq(at);
}

void Rtm::catch_up(const sc_core::sc_time& at)
{
    while (!m_pending.empty() && *m_pending.begin() <= at) {
        m_pending.erase(m_pending.begin());
        m_done = true;
        m_irq_status |= RTM_IRQ_DONE;
        ++m_completed;
    }
}

void Rtm::update_irq(const sc_core::sc_time& at)
{
    catch_up(at);
    const bool level = (m_irq_status & m_irq_en) != 0;
    m_irq_line.schedule(at, level);
    if (!level && (m_irq_en & RTM_IRQ_DONE) && !m_pending.empty()) {
        m_irq_line.schedule(*m_pending.begin(), true);  // DONE stays set until written 1 to clear
    }
}

void Rtm::drive_irq() { m_irq_line.apply_due(irq); }

// --- data window -------------------------------------------------------------------------------

void Rtm::window_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const uint64_t address = trans.get_address();
    const unsigned length = trans.get_data_length();
    if (trans.get_command() == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr() != nullptr) {
        log()->warn("window {} at {:#x}: byte enables are not supported", trans.is_write() ? "write" : "read", address);
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < length) {
        log()->warn("window access at {:#x}: streaming is not supported", address);
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (!m_array.map().contains(address, length) || length == 0) {
        log()->warn("window {} of {} bytes at {:#x}: outside the array of {} bytes", trans.is_write() ? "write" : "read",
                    length, address, window_bytes());
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    // The access waits for its bank (a command or an earlier access still running on it).
    const sc_core::sc_time at = sc_core::sc_time_stamp() + delay;
    sc_core::sc_time& bank_free = m_bank_free.at(m_array.map().bank_of(address));
    const sc_core::sc_time start = std::max(at, bank_free);
    const rtm::Result r = trans.is_write() ? m_array.write(address, trans.get_data_ptr(), length)
                                           : m_array.read(address, trans.get_data_ptr(), length);
    if (r.error != rtm::RtmError::none) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    bank_free = start + from_ps(r.cost.latency_ps);
    delay += (start - at) + from_ps(trans.is_write() ? r.cost.latency_ps : r.cost.data_ps);
    trace_activity(r, start, bank_free, address);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int Rtm::window_transport_dbg(tlm::tlm_generic_payload& trans)
{
    const uint64_t address = trans.get_address();
    if (address >= window_bytes()) {
        return 0;
    }
    const auto length = static_cast<unsigned int>(std::min<uint64_t>(trans.get_data_length(), window_bytes() - address));
    const bool ok = trans.is_write() ? m_array.load(address, trans.get_data_ptr(), length)
                                     : m_array.dump(address, trans.get_data_ptr(), length);
    return ok ? length : 0;
}

// --- ledger and tracing ------------------------------------------------------------------------

void Rtm::register_stats(Ledger& ledger)
{
    const rtm::UnitCosts& u = m_array.unit_costs();
    LedgerComponent component;
    component.name = basename();
    // DBC shifts that bring words under a port (and eager returns) apart from the multiplier
    // cells' positional shifts: placement and ports change the first, only the MAC count the second.
    component.events = {{"shift", u.shift_pj, false},      {"cell_shift", u.shift_pj, false},
                        {"read", u.read_pj},               {"write", u.write_pj},
                        {"add_bit", u.add_pj_per_bit, false}, {"mult_bit", u.mult_pj_per_bit, false},
                        {"mac", 0.0}};
    const uint32_t banks = m_array.map().banks();
    component.leakage_uw = m_params.leakage_uw_per_bank * banks;
    component.area_um2 = m_array.area().total_um2();
    component.sample = [this, banks](LedgerCounters& counters) {
        const rtm::Counters& c = m_array.counters();
        counters.events = {c.shifts - c.cell_shifts, c.cell_shifts, c.reads, c.writes, c.add_bits, c.mult_bits, c.macs};
        uint64_t busy = 0;
        for (uint32_t b = 0; b < banks; ++b) {
            busy += m_array.bank_busy_ps(b);
        }
        counters.busy_ps = busy / banks;
    };
    ledger.add(std::move(component));
}

void Rtm::trace_to(Tracer& tracer)
{
    if (!tracer.enabled("rtm")) {
        return;
    }
    m_tracer = &tracer;
    const std::string scope = std::string(name()) + ".";
    for (uint32_t b = 0; b < m_array.map().banks(); ++b) {
        m_trace_bank_busy.push_back(tracer.wire(scope + "bank" + std::to_string(b) + "_busy", 1));
    }
    m_trace_opcode = tracer.wire(scope + "opcode", 8);
    m_trace_shifts = tracer.wire(scope + "shifts", 64);
    m_trace_offset = tracer.wire(scope + "dbc_offset", 16);
    m_trace_energy = tracer.real(scope + "energy_pj");
}

void Rtm::trace_activity(const rtm::Result& result, const sc_core::sc_time& start, const sc_core::sc_time& end,
                         uint64_t address)
{
    if (m_tracer == nullptr) {
        return;
    }
    const uint64_t start_ps = to_ps(start);
    const uint64_t end_ps = to_ps(end);
    m_tracer->set(m_trace_bank_busy.at(result.bank), 1, start_ps);
    m_tracer->set(m_trace_bank_busy.at(result.bank), 0, end_ps);
    m_tracer->set(m_trace_shifts, m_array.counters().shifts, end_ps);
    m_tracer->set_real(m_trace_energy, m_array.energy().total_pj(), end_ps);
    if (address < window_bytes()) {
        const auto offset = static_cast<uint16_t>(m_array.dbc_offset(m_array.locate(address).dbc_index));
        m_tracer->set(m_trace_offset, offset, end_ps);
    }
}

}  // namespace pimsoc
