#include "rtm/rtm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <type_traits>

#include "common/clock_period.h"
#include "common/ledger_time.h"
#include "pim/model/conv_registers.h"

namespace pimsoc {
namespace {

constexpr unsigned max_banks_in_status = 8;  // STATUS has one busy bit per bank for banks 0..7
constexpr CommandDeviceLayout layout{RTM_REG_SPACE, RTM_ID_VALUE, RTM_CMD, RTM_SHIFTS,
                                     (RTM_COMMANDS - RTM_SHIFTS) / 8 + 1};

rtm::ElemType elem_type(uint32_t field) { return rtm::elem_type_from_code(field); }

uint32_t opcode_of(uint32_t op) { return op & RTM_OP_OPCODE_MASK; }

}  // namespace

Rtm::Rtm(sc_core::sc_module_name name, const RtmParams& params)
    : BankedCommandDevice(name, layout,
                          sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS),
                          params.to_model().geometry.banks,  // to_model() names a bad key first
                          checked_queue_depth("rtm.queue_depth", params.queue_depth)),
      window("window", *this, log(), power_gate()),
      m_params(params),
      m_array(params.to_model()),
      m_cycle(clock_period("rtm.clock_hz", params.clock_hz))
{
    power_gate().set_mode(power_gating_mode("rtm.power_gating", params.power_gating));
    if (params.leakage_uw_per_bank < 0 || !std::isfinite(params.leakage_uw_per_bank)) {
        throw std::invalid_argument("rtm.leakage_uw_per_bank: must be a finite value >= 0");
    }
    const std::pair<uint64_t, uint32_t*> descriptor[] = {
        {RTM_OP, &m_desc.op},         {RTM_SRC_A, &m_desc.src_a},       {RTM_SRC_B, &m_desc.src_b},
        {RTM_DST, &m_desc.dst},       {RTM_LENGTH, &m_desc.length},     {RTM_COUNT, &m_desc.count},
        {RTM_STRIDE_A, &m_desc.stride_a}, {RTM_STRIDE_B, &m_desc.stride_b}, {RTM_INIT, &m_desc.init},
        {RTM_CONV_IN, &m_desc.conv_in}, {RTM_CONV_K, &m_desc.conv_k},   {RTM_BIAS, &m_desc.bias}};
    for (const auto& [offset, field] : descriptor) {
        descriptor_register(offset, *field);
    }
}

// --- registers ---------------------------------------------------------------------------------

uint32_t Rtm::device_status(const sc_core::sc_time& at) const
{
    return m_banks.busy_mask(at, max_banks_in_status) << RTM_STATUS_BANK_BUSY_SHIFT;
}

Rtm::CounterBase Rtm::counters_now() const
{
    return CounterBase{counted(), counted_energy_pj(), m_busy_ps, m_completed};
}

uint64_t Rtm::counter(unsigned index, const sc_core::sc_time&) const
{
    const rtm::Counters c = counted();
    const rtm::Counters& b = m_base.counters;
    switch (RTM_SHIFTS + 8 * index) {
        case RTM_SHIFTS: return c.shifts - b.shifts;
        case RTM_READS: return c.reads - b.reads;
        case RTM_WRITES: return c.writes - b.writes;
        case RTM_ADDS: return c.adds - b.adds;
        case RTM_MULTS: return c.mults - b.mults;
        case RTM_BUSY_CYCLES: return (m_busy_ps - m_base.busy_ps) / to_ps(m_cycle);
        case RTM_ENERGY_PJ: return static_cast<uint64_t>(std::floor(counted_energy_pj() - m_base.energy_pj));
        default: return m_completed - m_base.completed;
    }
}

void Rtm::clear_counters(const sc_core::sc_time&) { m_base = counters_now(); }

RegStatus Rtm::read_device_register(const MmioAccess& access, uint32_t& value)
{
    const rtm::Geometry& g = m_array.config().geometry;
    switch (access.offset) {
        case RTM_CAPS:
            value = (g.banks & RTM_CAPS_BANKS_MASK) | ((g.tracks_per_dbc / 8) << RTM_CAPS_WORD_BYTES_SHIFT) |
                    (g.ports_per_track << RTM_CAPS_PORTS_SHIFT);
            return RegStatus::ok;
        case RTM_GEOMETRY:
            value = (g.domains_per_track & RTM_GEOMETRY_DOMAINS_MASK) |
                    ((g.dbcs_per_subarray << RTM_GEOMETRY_DBCS_SHIFT) & RTM_GEOMETRY_DBCS_MASK) |
                    ((g.subarrays_per_bank << RTM_GEOMETRY_SUBARRAYS_SHIFT) & RTM_GEOMETRY_SUBARRAYS_MASK);
            return RegStatus::ok;
        case RTM_BANK_BYTES: value = m_array.map().bank_bytes(); return RegStatus::ok;
        case RTM_RESULT: value = static_cast<uint32_t>(m_result); return RegStatus::ok;
        default: return RegStatus::no_register;
    }
}

RegStatus Rtm::write_device_register(const MmioAccess& access, uint32_t)
{
    switch (access.offset) {
        case RTM_CAPS:
        case RTM_GEOMETRY:
        case RTM_BANK_BYTES:
        case RTM_RESULT: return RegStatus::read_only;
        default: return RegStatus::no_register;
    }
}

// --- commands ----------------------------------------------------------------------------------

bool Rtm::decode(Command& command) const
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
            command = c;
            return true;
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
            command = c;
            return true;
        }
        case RTM_OP_CONV2D: {
            rtm::Conv2dCommand c;
            c.in_type = type_a;
            c.kernel_type = type_b;
            c.in = d.src_a;
            c.kernel = d.src_b;
            c.dst = d.dst;
            pim::set_conv_geometry(c, d.conv_in, d.conv_k);
            c.init = static_cast<int32_t>(d.init);
            command = c;
            return true;
        }
        default: return false;
    }
}

void Rtm::command(uint32_t value, const sc_core::sc_time& at)
{
    if (value == RTM_CMD_START) {
        start_command(at);
    } else {
        reject(RTM_ERR_BAD_CMD, at, m_desc.op, "unknown CMD value");
    }
}

void Rtm::start_command(const sc_core::sc_time& at)
{
    Command command;
    if (!decode(command)) {
        reject(static_cast<uint32_t>(rtm::RtmError::bad_opcode), at, m_desc.op, rtm::to_string(rtm::RtmError::bad_opcode));
        return;
    }
    const rtm::RtmError error = std::visit([this](const auto& c) { return m_array.check(c); }, command);
    if (error != rtm::RtmError::none) {
        reject(static_cast<uint32_t>(error), at, m_desc.op, rtm::to_string(error));
        return;
    }
    // Checked: the operands and the result lie in one bank, the result's.
    const uint32_t bank = m_array.map().bank_of(m_desc.dst);
    if (m_banks.queue_full(bank, at)) {
        reject(RTM_ERR_BUSY, at, m_desc.op, "the bank's command queue is full");
        return;
    }
    // A known power failure (docs/models/rtm_controller.md, "Power failure"): a command queued to
    // start at or after it never runs (accepted, BUSY until the failure resets the device); one
    // running across it leaves none of its results (its bank's bytes are put back as they were).
    if (accept_unrun_after_power_cut(bank, at, m_desc.op)) {
        return;
    }
    // (In the harvest mode the command's own energy may bring the failure: foresee_power() below,
    // and one foreseen after its acceptance cuts it at the failure: cut_at_power_failure().)
    const bool may_cut = power_cut_ahead() || foresees_power();
    Undo undo{m_desc.op, bank, {}, {}, {}, may_cut ? bank_bytes_of(bank) : std::vector<uint8_t>()};
    // The model computes the result at once; the bank is busy for the command's latency.
    std::vector<int32_t> dot_results;
    const rtm::Result r = std::visit(
        [&](const auto& c) {
            if constexpr (std::is_same_v<std::decay_t<decltype(c)>, rtm::DotCommand>) {
                return m_array.run(c, &dot_results);
            } else {
                return m_array.run(c);
            }
        },
        command);
    if (r.error != rtm::RtmError::none) {
        reject(static_cast<uint32_t>(r.error), at, m_desc.op, rtm::to_string(r.error));
        return;
    }
    const UnitScheduler::Slot slot = m_banks.submit(r.bank, at, from_ps(r.cost.latency_ps));
    m_busy_ps += r.cost.latency_ps;
    charge_ahead(at, slot.start, slot.end, m_array.unit_costs().energy(r.cost.counters).total_pj());
    foresee_power(at);
    undo.start = slot.start;
    undo.end = slot.end;
    undo.cost = r.cost;
    if (power_cut_ahead() && slot.end > m_power_cut) {
        charge_cut(cut_command(undo, m_power_cut));
        undo.cut = m_power_cut;
        log()->debug("op {:#x} on bank {} cut by the power failure at {}: none of its results written", m_desc.op,
                     bank, m_power_cut.to_string());
    }
    if (foresees_power()) {
        drop_ended(m_undo, at);
        m_undo.push_back(std::move(undo));
    }
    if (!dot_results.empty()) {
        m_result = dot_results.back();
    }
    clear_error();
    if (log()->should_log(spdlog::level::debug)) {
        log()->debug("op {:#x} on bank {}: {} shifts, {} reads, {} writes, {} MACs, {} .. {}", m_desc.op, r.bank,
                     r.cost.counters.shifts, r.cost.counters.reads, r.cost.counters.writes, r.cost.counters.macs,
                     slot.start.to_string(), slot.end.to_string());
    }
    if (active_tracer() != nullptr) {
        active_tracer()->set(m_trace_opcode, opcode_of(m_desc.op), to_ps(slot.start));
    }
    trace_activity(r.bank, slot.start, slot.end, m_desc.dst);
    update_irq(at);
}

double Rtm::cut_command(const Undo& command, const sc_core::sc_time& cut)
{
    restore_bank(command.bank, command.before);
    // cut < its end (and <= an earlier cut); a failure foreseen at the acceptance may come before its start.
    const rtm::Cost& cost = command.cost;
    const uint64_t counted_ps = ps_before(command.start, cost.latency_ps, command.cut);
    const uint64_t done_ps = ps_before(command.start, cost.latency_ps, cut);
    const rtm::Counters done =
        pim::split_at_power_cut(cost.counters, done_ps, counted_ps, cost.latency_ps, m_cut_off);
    m_cut_off_bank_ps += counted_ps - done_ps;
    m_busy_ps -= counted_ps - done_ps;
    return m_array.unit_costs().energy(done).total_pj();
}

void Rtm::cut_at_power_failure(const sc_core::sc_time& at)
{
    // Latest first: each bank ends as it was before the first of its commands running past `at`
    // (those queued behind it, which start after `at`, never ran either). A command cut at its
    // acceptance by a failure planned later than `at` counts only its part before `at` now.
    for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) {
        if (std::min(it->end, it->cut) > at) {
            cut_command(*it, at);
            log_cut_after_acceptance(it->op, it->bank, at, it->cut,
                                     it->start < at ? "none of its results written" : "queued behind, never run");
        }
    }
    m_undo.clear();
}

std::vector<uint8_t> Rtm::bank_bytes_of(uint32_t bank) const
{
    const uint64_t base = static_cast<uint64_t>(bank) * m_array.map().bank_bytes();
    std::vector<uint8_t> bytes(std::min(m_array.map().bank_bytes(), m_array.capacity_bytes() - base));
    m_array.dump(base, bytes.data(), bytes.size());
    return bytes;
}

void Rtm::restore_bank(uint32_t bank, const std::vector<uint8_t>& bytes)
{
    m_array.load(static_cast<uint64_t>(bank) * m_array.map().bank_bytes(), bytes.data(), bytes.size());
}

void Rtm::reset_device()
{
    m_desc = Descriptor{};
    m_result = 0;
    m_banks.reset();
    m_undo.clear();
    m_base = counters_now();
}

// --- data window -------------------------------------------------------------------------------

tlm::tlm_response_status Rtm::window_access(bool write, uint64_t address, uint8_t* data, unsigned length,
                                            const sc_core::sc_time& at, sc_core::sc_time& wait)
{
    // The access waits for its bank (a command or an earlier access still running on it).
    const rtm::Result r = write ? m_array.write(address, data, length) : m_array.read(address, data, length);
    if (r.error != rtm::RtmError::none) {
        log()->warn("window {} of {} bytes at {:#x}: {}", write ? "write" : "read", length, address,
                    rtm::to_string(r.error));
        return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    }
    const UnitScheduler::Slot slot = m_banks.occupy(r.bank, at, from_ps(r.cost.latency_ps));
    wait = (slot.start - at) + from_ps(write ? r.cost.latency_ps : r.cost.data_ps);
    trace_activity(r.bank, slot.start, slot.end, address);
    return tlm::TLM_OK_RESPONSE;
}

bool Rtm::window_debug(bool write, uint64_t address, uint8_t* data, unsigned length)
{
    return write ? m_array.load(address, data, length) : m_array.dump(address, data, length);
}

// --- ledger and tracing ------------------------------------------------------------------------

void Rtm::register_stats(Ledger& ledger)
{
    const rtm::UnitCosts& u = m_array.unit_costs();
    LedgerComponent component;
    component.name = basename();
    // DBC shifts that bring words under a port (and eager returns) apart from the multiplier
    // cells' positional shifts: placement and ports change the first, only the MAC count the second.
    // The circuit model prices cell shifts per track domain moved (cell_shift_domain, traversal);
    // the legacy preset per step (cell_shift). The unused unit is 0 pJ.
    component.events = {{"shift", u.shift_pj, false},
                        {"cell_shift", u.cell_shift_pj, false},
                        {"cell_shift_domain", u.track_domain_pj, false},
                        {"traversal_domain", u.track_domain_pj, false},
                        {"read", u.read_pj},
                        {"write", u.write_pj},
                        {"add_bit", u.add_pj_per_bit, false},
                        {"mult_bit", u.mult_pj_per_bit, false},
                        {"buffer_read", u.buffer_pj, false},
                        {"buffer_write", u.buffer_pj, false},
                        {"mac", 0.0}};
    const uint32_t banks = m_array.map().banks();
    component.leakage_uw = m_params.leakage_uw_per_bank * banks;
    component.area_um2 = m_array.area().total_um2();
    component.sample = [this, banks](LedgerCounters& counters) {
        const rtm::Counters c = counted();
        counters.events = {c.shifts - c.cell_shifts, c.cell_shifts, c.cell_shift_domains, c.traversal_shift_domains,
                           c.reads,  c.writes,      c.add_bits,           c.mult_bits,
                           c.buffer_reads, c.buffer_writes, c.macs};
        uint64_t busy = 0;
        for (uint32_t b = 0; b < banks; ++b) {
            busy += m_array.bank_busy_ps(b);
        }
        counters.busy_ps = (busy - m_cut_off_bank_ps) / banks;
    };
    power_gate().attach(ledger, ledger.add(std::move(component)));
}

void Rtm::trace_to(Tracer& tracer)
{
    if (!attach_tracer(tracer, "rtm")) {
        return;
    }
    m_trace_bank_busy.attach(tracer, trace_signal("bank"), m_array.map().banks());
    m_trace_opcode = tracer.wire(trace_signal("opcode"), 8);
    m_trace_shifts = tracer.wire(trace_signal("shifts"), 64);
    m_trace_offset = tracer.wire(trace_signal("dbc_offset"), 16);
    m_trace_energy = tracer.real(trace_signal("energy_pj"));
}

void Rtm::trace_activity(unsigned bank, const sc_core::sc_time& start, const sc_core::sc_time& end, uint64_t address)
{
    if (active_tracer() == nullptr) {
        return;
    }
    const uint64_t start_ps = to_ps(start);
    const uint64_t end_ps = to_ps(end);
    m_trace_bank_busy.mark(active_tracer(), bank, start_ps, end_ps);
    active_tracer()->set(m_trace_shifts, counted().shifts, end_ps);
    active_tracer()->set_real(m_trace_energy, counted_energy_pj(), end_ps);
    if (address < window_bytes()) {
        const auto offset = static_cast<uint16_t>(m_array.dbc_offset(m_array.locate(address).dbc_index));
        active_tracer()->set(m_trace_offset, offset, end_ps);
    }
}

}  // namespace pimsoc
