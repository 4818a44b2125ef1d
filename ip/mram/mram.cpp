#include "mram/mram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "common/clock_period.h"
#include "common/ledger_time.h"
#include "pim/model/conv_registers.h"

namespace pimsoc {
namespace {

constexpr unsigned max_banks_in_status = 8;  // STATUS has one busy bit per bank for banks 0..7
constexpr CommandDeviceLayout layout{MRAM_REG_SPACE, MRAM_ID_VALUE, MRAM_CMD, MRAM_ROW_WRITES,
                                     (MRAM_COMMANDS - MRAM_ROW_WRITES) / 8 + 1};

uint32_t opcode_of(uint32_t op)
{
    return op & MRAM_OP_OPCODE_MASK;
}

pim::ElemType activation_type(uint32_t op)
{
    const uint32_t bits = (op & MRAM_OP_A_BITS_MASK) >> MRAM_OP_A_BITS_SHIFT;
    return (op & MRAM_OP_A_SIGNED) != 0 ? pim::ElemType::signed_bits(bits)
                                        : pim::ElemType::unsigned_bits(bits);
}

pim::ElemType weight_type(uint32_t op)
{
    const uint32_t bits = (op & MRAM_OP_W_BITS_MASK) >> MRAM_OP_W_BITS_SHIFT;
    return (op & MRAM_OP_W_SIGNED) != 0 ? pim::ElemType::signed_bits(bits)
                                        : pim::ElemType::unsigned_bits(bits);
}

uint32_t saturate32(uint64_t value)
{
    return static_cast<uint32_t>(std::min<uint64_t>(value, UINT32_MAX));
}

// Rows a dual-row sense activates count twice: the trace's "rows activated".
uint64_t rows_activated(const mram::Counters& c)
{
    return c.row_writes + c.row_reads + 2 * (c.and_senses + c.or_senses);
}

}  // namespace

Mram::Mram(sc_core::sc_module_name name, const MramParams& params)
    : BankedCommandDevice(name, layout,
                          sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS),
                          params.to_model().geometry.banks,  // to_model() names a bad key first
                          checked_queue_depth("mram.queue_depth", params.queue_depth)),
      window("window", *this, log(), power_gate()),
      m_params(params),
      m_array(params.to_model()),
      m_cycle(clock_period("mram.clock_hz", params.clock_hz)),
      m_bank_busy_ps(params.model.geometry.banks, 0)
{
    power_gate().set_mode(power_gating_mode("mram.power_gating", params.power_gating));
    const std::pair<uint64_t, uint32_t*> descriptor[] = {{MRAM_OP, &m_desc.op},
                                                         {MRAM_SRC_A, &m_desc.src_a},
                                                         {MRAM_SRC_W, &m_desc.src_w},
                                                         {MRAM_DST, &m_desc.dst},
                                                         {MRAM_LENGTH, &m_desc.length},
                                                         {MRAM_COUNT, &m_desc.count},
                                                         {MRAM_STRIDE_A, &m_desc.stride_a},
                                                         {MRAM_STRIDE_W, &m_desc.stride_w},
                                                         {MRAM_INIT, &m_desc.init},
                                                         {MRAM_CONV_IN, &m_desc.conv_in},
                                                         {MRAM_CONV_K, &m_desc.conv_k},
                                                         {MRAM_BIAS, &m_desc.bias},
                                                         {MRAM_STEPS, &m_desc.steps}};
    for (const auto& [offset, field] : descriptor) {
        descriptor_register(offset, *field);
    }
}

// --- registers ---------------------------------------------------------------------------------

uint32_t Mram::device_status(const sc_core::sc_time& at) const
{
    uint32_t value = m_banks.busy_mask(at, max_banks_in_status) << MRAM_STATUS_BANK_BUSY_SHIFT;
    if (m_array.progress().active) {
        value |= MRAM_STATUS_IN_PROGRESS;
    }
    return value;
}

double Mram::dynamic_energy_pj() const
{
    const mram::UnitCosts& u = m_array.unit_costs();
    return m_array.energy().total_pj() + static_cast<double>(m_window.write_bits) * u.write_pj_per_bit +
           static_cast<double>(m_window.read_bits) * u.read_pj_per_bit;
}

Mram::CounterBase Mram::counters_now() const
{
    return CounterBase{m_array.counters(), dynamic_energy_pj(), m_busy_ps, m_completed};
}

uint64_t Mram::counter(unsigned index, const sc_core::sc_time&) const
{
    const mram::Counters& c = m_array.counters();
    const mram::Counters& b = m_base.counters;
    switch (MRAM_ROW_WRITES + 8 * index) {
        case MRAM_ROW_WRITES:
            return c.row_writes - b.row_writes;
        case MRAM_ROW_READS:
            return c.row_reads - b.row_reads;
        case MRAM_SENSES:
            return (c.and_senses + c.or_senses) - (b.and_senses + b.or_senses);
        case MRAM_COUNTS:
            return c.counts - b.counts;
        case MRAM_SHIFTS:
            return c.shifts - b.shifts;
        case MRAM_ADDS:
            return c.adds - b.adds;
        case MRAM_NV_WRITES:
            return c.nv_writes - b.nv_writes;
        case MRAM_STEPS_RUN:
            return c.steps - b.steps;
        case MRAM_BUSY_CYCLES:
            return (m_busy_ps - m_base.busy_ps) / to_ps(m_cycle);
        case MRAM_ENERGY_PJ:
            return static_cast<uint64_t>(std::floor(dynamic_energy_pj() - m_base.energy_pj));
        default:
            return m_completed - m_base.completed;
    }
}

void Mram::clear_counters(const sc_core::sc_time&)
{
    m_base = counters_now();
}

RegStatus Mram::read_device_register(const MmioAccess& access, uint32_t& value)
{
    const mram::Geometry& g = m_array.config().geometry;
    const mram::Progress p = m_array.progress();
    switch (access.offset) {
        case MRAM_CAPS:
            value = (g.banks & MRAM_CAPS_BANKS_MASK) |
                    ((g.subarrays_per_bank << MRAM_CAPS_SUBARRAYS_SHIFT) & MRAM_CAPS_SUBARRAYS_MASK) |
                    (m_array.config().nv.nv_partial_state ? MRAM_CAPS_NV_PARTIAL_STATE : 0u);
            return RegStatus::ok;
        case MRAM_GEOMETRY:
            value = (g.rows & MRAM_GEOMETRY_ROWS_MASK) | (g.columns << MRAM_GEOMETRY_COLUMNS_SHIFT);
            return RegStatus::ok;
        case MRAM_BANK_BYTES:
            value = g.window_bytes_per_bank;
            return RegStatus::ok;
        case MRAM_SEGMENT_BITS:
            value = g.segment_bits;
            return RegStatus::ok;
        case MRAM_STEPS_DONE:
            value = p.active ? saturate32(p.steps_done) : 0;
            return RegStatus::ok;
        case MRAM_STEPS_TOTAL:
            value = p.active ? saturate32(p.steps_total) : 0;
            return RegStatus::ok;
        case MRAM_RESULT:
            value = static_cast<uint32_t>(m_result);
            return RegStatus::ok;
        default:
            return RegStatus::no_register;
    }
}

RegStatus Mram::write_device_register(const MmioAccess& access, uint32_t)
{
    switch (access.offset) {
        case MRAM_CAPS:
        case MRAM_GEOMETRY:
        case MRAM_BANK_BYTES:
        case MRAM_SEGMENT_BITS:
        case MRAM_STEPS_DONE:
        case MRAM_STEPS_TOTAL:
        case MRAM_RESULT:
            return RegStatus::read_only;
        default:
            return RegStatus::no_register;
    }
}

// --- commands ----------------------------------------------------------------------------------

namespace {

// The fields every command kind shares: int32 outputs at DST from INIT (or the biases).
template <class C>
void set_outputs(C& c, uint32_t op, uint32_t init, uint32_t bias, uint32_t dst)
{
    c.init = static_cast<int32_t>(init);
    if constexpr (!std::is_same_v<C, mram::Conv2dCommand>) {
        c.has_bias = (op & MRAM_OP_FLAG_BIAS) != 0;
        c.bias = bias;
    }
    c.dst = dst;
}

}  // namespace

bool Mram::decode(Command& command, mram::WeightCoding& coding) const
{
    const Descriptor& d = m_desc;
    coding = (d.op & MRAM_OP_W_PLUS_MINUS_ONE) != 0 ? mram::WeightCoding::plus_minus_one
                                                    : mram::WeightCoding::plain;
    const pim::ElemType a = activation_type(d.op), w = weight_type(d.op);
    switch (opcode_of(d.op)) {
        case MRAM_OP_DOT: {
            mram::DotCommand c;
            c.type_a = a;
            c.type_b = w;
            c.a = d.src_a;
            c.b = d.src_w;
            c.length = d.length;
            c.count = d.count;
            c.stride_a = d.stride_a;
            c.stride_b = d.stride_w;
            set_outputs(c, d.op, d.init, d.bias, d.dst);
            command = c;
            return true;
        }
        case MRAM_OP_CONV2D: {
            mram::Conv2dCommand c;
            c.in_type = a;
            c.kernel_type = w;
            c.in = d.src_a;
            c.kernel = d.src_w;
            pim::set_conv_geometry(c, d.conv_in, d.conv_k);
            set_outputs(c, d.op, d.init, d.bias, d.dst);
            command = c;
            return true;
        }
        case MRAM_OP_MVM: {
            // COUNT rows of LENGTH columns at a pitch of STRIDE_W.
            mram::MvmCommand c;
            c.x_type = a;
            c.matrix_type = w;
            c.x = d.src_a;
            c.matrix = d.src_w;
            c.rows = d.count;
            c.cols = d.length;
            c.row_stride = d.stride_w;
            set_outputs(c, d.op, d.init, d.bias, d.dst);
            command = c;
            return true;
        }
        default:
            return false;
    }
}

uint64_t Mram::step_budget() const
{
    return m_desc.steps == 0 ? std::numeric_limits<uint64_t>::max() : m_desc.steps;
}

void Mram::command(uint32_t value, const sc_core::sc_time& at)
{
    switch (value) {
        case MRAM_CMD_START:
            start_command(at);
            break;
        case MRAM_CMD_RESUME:
            resume_command(at);
            break;
        default:
            reject(MRAM_ERR_BAD_CMD, at, "unknown CMD value");
    }
}

template <class Estimate>
void Mram::run_on_bank(unsigned bank, const sc_core::sc_time& at, const RunCall& run, Estimate would_take_ps)
{
    if (m_banks.queue_full(bank, at)) {
        reject(MRAM_ERR_BUSY, at, "the bank's command queue is full");
        return;
    }
    // The steps that end by the power cut run (their results land step by step in the model);
    // the rest never does: the failure resets the device (docs/models/mram_controller.md).
    const sc_core::sc_time start = std::max(at, m_banks.free_at(bank));
    const bool in_progress_uncut = m_array.progress().active && !m_cut_pending;
    const auto limit_ps = [&] {
        return !power_cut_ahead() ? std::numeric_limits<uint64_t>::max()
               : start >= m_power_cut ? 0
                                      : to_ps(m_power_cut - start);
    };
    std::vector<int32_t> results;
    const double energy_before_pj = dynamic_energy_pj();
    mram::Result r{mram::MramError::none, bank, {}};
    uint64_t slot_ps = 0;
    const auto execute = [&](uint64_t limit) {
        if (limit == 0 && !in_progress_uncut) {
            // It would start at or after the failure (queued behind the cut one): it never runs.
            r = mram::Result{mram::MramError::none, bank, {}};
            slot_ps = would_take_ps();
        } else {
            r = run(results, limit);
            slot_ps = r.cost.latency_ps;
        }
    };
    // The harvest mode: the run's energy, spent over it, may itself bring the failure. Run up to
    // the failure known so far, charge it, ask for the forecast; when that foresees a failure
    // inside the run, the run is taken back and done again up to it. One foreseen later still
    // does so at the failure (cut_at_power_failure(): the snapshot is kept until the run's end).
    std::optional<mram::MramArray::Snapshot> before;
    if (foresees_power()) {
        before = m_array.snapshot(bank);
    }
    const uint64_t first_limit_ps = limit_ps();
    execute(first_limit_ps);
    if (r.error != mram::MramError::none) {
        reject(pim::code(r.error), at,
               r.error == mram::MramError::busy ? "a command is in progress (RESUME it first)"
                                                : pim::to_string(r.error));
        return;
    }
    charge_ahead(at, start, start + from_ps(r.cost.latency_ps), dynamic_energy_pj() - energy_before_pj);
    if (before && first_limit_ps != 0) {
        foresee_power(at);
        if (limit_ps() < r.cost.latency_ps) {
            log()->debug("op {:#x} on bank {}: its energy brings the power failure foreseen at {}: run again up to it",
                         m_desc.op, bank, m_power_cut.to_string());
            m_array.restore(*before);
            results.clear();
            execute(limit_ps());
            charge_cut(dynamic_energy_pj() - energy_before_pj);
        }
    }
    const mram::Progress progress = m_array.progress();
    if (limit_ps() != 0 && power_cut_ahead() && r.cost.counters.commands == 0 && progress.active &&
        r.cost.counters.steps < step_budget()) {
        // Cut: the bank stays busy until the command's would-be end (never seen: the failure comes first).
        m_cut_pending = true;
        slot_ps = r.cost.latency_ps + m_array.remaining_ps();
        log()->debug("op {:#x} on bank {} cut by the power failure at {}: {} of {} steps done", m_desc.op, bank,
                     m_power_cut.to_string(), progress.steps_done, progress.steps_total);
    }
    const UnitScheduler::Slot slot = m_banks.submit(r.bank, at, from_ps(slot_ps));
    if (before && first_limit_ps != 0) {
        mram::Counters counted = m_array.counters();
        pim::subtract_fields(mram::Counters::fields(counted), mram::Counters::fields(before->counters));
        drop_ended(m_undo, at);
        m_undo.push_back(Undo{m_desc.op, r.bank, slot.start, slot.end, slot.start + from_ps(r.cost.latency_ps),
                              r.cost.latency_ps, std::move(*before), counted, run});
    }
    m_busy_ps += r.cost.latency_ps;
    m_bank_busy_ps.at(r.bank) += r.cost.latency_ps;
    if (!results.empty()) {
        m_result = results.back();
    }
    clear_error();
    if (log()->should_log(spdlog::level::debug)) {
        const mram::Counters& c = r.cost.counters;
        log()->debug("op {:#x} on bank {}: {} steps, {} row writes, {} senses, {} reads, {} .. {}", m_desc.op,
                     r.bank, c.steps, c.row_writes, c.and_senses + c.or_senses, c.row_reads,
                     slot.start.to_string(), slot.end.to_string());
    }
    if (active_tracer() != nullptr) {
        active_tracer()->set(m_trace_opcode, opcode_of(m_desc.op), to_ps(slot.start));
    }
    trace_activity(r.bank, slot.start, slot.end);
    update_irq(at);
}

void Mram::start_command(const sc_core::sc_time& at)
{
    Command command;
    mram::WeightCoding coding = mram::WeightCoding::plain;
    if (!decode(command, coding)) {
        reject(MRAM_ERR_BAD_OPCODE, at, pim::to_string(pim::Error::bad_opcode));
        return;
    }
    const mram::MramError error =
        std::visit([&](const auto& c) { return m_array.check(c, coding); }, command);
    if (error != mram::MramError::none) {
        reject(pim::code(error), at, pim::to_string(error));
        return;
    }
    // Checked: every region lies in one bank, the result's. The model computes the steps at
    // once; the bank is busy for their latency.
    run_on_bank(
        m_desc.dst / bank_bytes(), at,
        [this, command, coding, budget = step_budget()](std::vector<int32_t>& results, uint64_t limit_ps) {
            const mram::RunOptions options{coding, budget, limit_ps};
            return std::visit([&](const auto& c) { return m_array.run(c, &results, options); }, command);
        },
        [&] { return std::visit([&](const auto& c) { return m_array.latency_ps(c, coding); }, command); });
}

void Mram::resume_command(const sc_core::sc_time& at)
{
    const mram::Progress progress = m_array.progress();
    if (!progress.active) {
        reject(MRAM_ERR_BAD_CMD, at, "RESUME with no command in progress");
        return;
    }
    run_on_bank(
        progress.bank, at,
        [this, budget = step_budget()](std::vector<int32_t>& results, uint64_t limit_ps) {
            return m_array.resume(&results, budget, limit_ps);
        },
        [&] { return m_array.remaining_ps(); });
}

void Mram::cut_at_power_failure(const sc_core::sc_time& at)
{
    const auto first = std::find_if(m_undo.begin(), m_undo.end(), [&at](const Undo& u) { return u.work_end > at; });
    if (first == m_undo.end()) {
        m_undo.clear();
        return;
    }
    // The runs accepted after it that ended by `at` keep their work, and their counters.
    mram::Counters kept;
    for (auto it = std::next(first); it != m_undo.end(); ++it) {
        if (it->work_end <= at) {
            kept += it->counters;
        }
    }
    // Latest first: each bank back as before its first run past `at`; the command in progress and
    // the counters as before `first` (plus the kept runs'). Runs past `at` after `first` never
    // ran: queued behind it, or on another bank (the model holds one command in progress: a
    // failure known at their acceptance would have found `first` in progress, and refused them).
    for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) {
        if (it->work_end <= at) {
            continue;
        }
        m_busy_ps -= it->latency_ps;
        m_bank_busy_ps.at(it->bank) -= it->latency_ps;
        if (it.base() - 1 == first) {
            mram::MramArray::Snapshot before = first->before;
            before.counters += kept;
            m_array.restore(before);
        } else {
            m_array.restore(it->before);
            log_cut_after_acceptance(it->op, it->bank, at, sc_core::sc_max_time(), "never run");
        }
    }
    // `first` again, its steps that end by `at` (with mram.nv_partial_state, resumable): also when
    // it was cut at its acceptance by a failure planned later than `at`.
    if (first->start < at) {
        std::vector<int32_t> results;
        const mram::Result r = first->run(results, to_ps(at - first->start));
        m_busy_ps += r.cost.latency_ps;
        m_bank_busy_ps.at(first->bank) += r.cost.latency_ps;
        const mram::Progress progress = m_array.progress();
        log()->debug("op {:#x} on bank {} cut by the power failure at {} (foreseen or brought earlier after its "
                     "acceptance): {} of {} steps done",
                     first->op, first->bank, at.to_string(), progress.steps_done, progress.steps_total);
    } else {
        log_cut_after_acceptance(first->op, first->bank, at, sc_core::sc_max_time(), "never run");
    }
    m_undo.clear();
}

void Mram::reset_device()
{
    m_desc = Descriptor{};
    m_result = 0;
    m_banks.reset();
    m_undo.clear();
    m_cut_pending = false;
    m_base = counters_now();
}

void Mram::lose_power()
{
    log()->info("power lost at {}: registers reset, {}", sc_core::sc_time_stamp().to_string(),
                m_array.config().nv.nv_partial_state ? "a command in progress stays resumable"
                                                     : "a command in progress is dropped");
    m_array.lose_power();
    reset();
}

// --- data window -------------------------------------------------------------------------------

tlm::tlm_response_status Mram::window_access(bool write, uint64_t address, uint8_t* data, unsigned length,
                                             const sc_core::sc_time& at, sc_core::sc_time& wait)
{
    const char* verb = write ? "write" : "read";
    const auto bank = static_cast<unsigned>(address / bank_bytes());
    if ((address + length - 1) / bank_bytes() != bank) {
        log()->warn("window {} of {} bytes at {:#x}: crosses a bank boundary", verb, length, address);
        return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    }
    // The model reads a command's operands again at each pass: a write under a command that has
    // steps left would change what its later passes compute.
    const mram::Progress progress = m_array.progress();
    if (write && progress.active && progress.bank == bank) {
        log()->warn(
            "window write of {} bytes at {:#x}: bank {} holds a command in progress (RESUME it first)",
            length, address, bank);
        return tlm::TLM_COMMAND_ERROR_RESPONSE;
    }
    const bool moved = write ? m_array.load(address, data, length) : m_array.dump(address, data, length);
    if (!moved) {
        log()->warn("window {} of {} bytes at {:#x}: refused by the model", verb, length, address);
        return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    }
    // The window is MRAM with rows as wide as a sub-array's: an access of n bytes costs
    // ceil(8n / columns) row writes (reads), at the array's per-bit energy.
    const mram::UnitCosts& u = m_array.unit_costs();
    const uint64_t bits = 8ull * length;
    const uint64_t rows = (bits + m_array.config().geometry.columns - 1) / m_array.config().geometry.columns;
    const uint64_t latency_ps = rows * (write ? u.write_ps : u.read_ps);
    if (write) {
        ++m_window.writes;
        m_window.write_bits += bits;
    } else {
        ++m_window.reads;
        m_window.read_bits += bits;
    }
    // The access waits for its bank (a command or an earlier access still running on it).
    const UnitScheduler::Slot slot = m_banks.occupy(bank, at, from_ps(latency_ps));
    m_bank_busy_ps.at(bank) += latency_ps;
    wait = slot.end - at;
    trace_activity(bank, slot.start, slot.end);
    return tlm::TLM_OK_RESPONSE;
}

bool Mram::window_debug(bool write, uint64_t address, uint8_t* data, unsigned length)
{
    return write ? m_array.load(address, data, length) : m_array.dump(address, data, length);
}

// --- ledger and tracing ------------------------------------------------------------------------

void Mram::register_stats(Ledger& ledger)
{
    const mram::UnitCosts& u = m_array.unit_costs();
    LedgerComponent component;
    component.name = basename();
    // Bits at the array's per-bit energies, the column periphery's operations at theirs; row
    // operations and senses as operations without energy of their own (their bits carry it).
    component.events = {{"write", u.write_pj_per_bit, false},
                        {"read", u.read_pj_per_bit, false},
                        {"sense", u.sense_pj_per_bit, false},
                        {"count", u.count_pj},
                        {"shift", u.shift_pj},
                        {"add", u.add_pj},
                        {"nv_write", u.write_pj_per_bit, false},
                        {"nv_read", u.read_pj_per_bit, false},
                        {"window_write", u.write_pj_per_bit, false},
                        {"window_read", u.read_pj_per_bit, false},
                        {"row_write", 0.0},
                        {"row_read", 0.0},
                        {"dual_row_sense", 0.0},
                        {"step", 0.0},
                        {"nv_restore", 0.0}};
    const uint32_t banks = m_array.config().geometry.banks;
    component.leakage_uw = u.leakage_uw;
    component.area_um2 = m_array.area().total_um2();
    component.sample = [this, banks](LedgerCounters& counters) {
        const mram::Counters& c = m_array.counters();
        counters.events = {c.write_bits,
                           c.read_bits,
                           c.sense_bits,
                           c.counts,
                           c.shifts,
                           c.adds,
                           c.nv_write_bits,
                           c.nv_read_bits,
                           m_window.write_bits,
                           m_window.read_bits,
                           c.row_writes,
                           c.row_reads,
                           c.and_senses + c.or_senses,
                           c.steps,
                           c.nv_reads};
        uint64_t busy = 0;
        for (uint64_t b : m_bank_busy_ps) {
            busy += b;
        }
        counters.busy_ps = busy / banks;
    };
    power_gate().attach(ledger, ledger.add(std::move(component)));
}

void Mram::trace_to(Tracer& tracer)
{
    if (!attach_tracer(tracer, "mram")) {
        return;
    }
    m_trace_bank_busy.attach(tracer, trace_signal("bank"), m_array.config().geometry.banks);
    m_trace_opcode = tracer.wire(trace_signal("opcode"), 8);
    m_trace_rows = tracer.wire(trace_signal("rows_activated"), 64);
    m_trace_steps = tracer.wire(trace_signal("steps_done"), 32);
    m_trace_energy = tracer.real(trace_signal("energy_pj"));
}

void Mram::trace_activity(unsigned bank, const sc_core::sc_time& start, const sc_core::sc_time& end)
{
    if (active_tracer() == nullptr) {
        return;
    }
    const uint64_t end_ps = to_ps(end);
    m_trace_bank_busy.mark(active_tracer(), bank, to_ps(start), end_ps);
    active_tracer()->set(m_trace_rows, rows_activated(m_array.counters()), end_ps);
    const mram::Progress p = m_array.progress();
    active_tracer()->set(m_trace_steps, p.active ? saturate32(p.steps_done) : 0, end_ps);
    active_tracer()->set_real(m_trace_energy, dynamic_energy_pj(), end_ps);
}

}  // namespace pimsoc
