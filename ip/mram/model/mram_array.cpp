#include "mram_array.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace pimsoc::mram {

// A command in progress: what it computes, where it is, and its partial state.
struct MramArray::Operation {
    Operation(const OperandSource& src, const Layout& lay, std::vector<Term> t, WeightCoding c, uint32_t b,
              const Outputs& o)
        : source(src), layout(lay), terms(std::move(t)), coding(c), bank(b), outputs(o)
    {
    }
    OperandSource source;
    Layout layout;
    std::vector<Term> terms;
    WeightCoding coding;
    uint32_t bank;
    Outputs outputs;
    uint64_t next_step = 0;        // the progress record
    std::vector<int64_t> segment;  // the accumulators of the current pass, by pass-relative unit
    std::vector<int64_t> partial;  // the partial outputs (init + the finished passes)
    PlaneRows rows;                // the current group's rows, gathered once for its M + N loads
    RowBits sensed;                // the sense amplifiers' output (reused: no allocation per sense)
};

MramArray::MramArray(const MramConfig& config) : m_config(config), m_units(config)
{
    if (std::string e = validate(config); !e.empty()) throw std::invalid_argument(e);
    const Geometry& g = config.geometry;
    m_memory =
        pim::BankedMemory{static_cast<uint64_t>(g.banks) * g.window_bytes_per_bank, g.window_bytes_per_bank};
    m_window.assign(m_memory.capacity, 0);
    m_subarrays.assign(static_cast<size_t>(g.banks) * g.subarrays_per_bank, Subarray(g.rows, g.columns));
}

MramArray::~MramArray() = default;

bool MramArray::load(uint64_t address, const void* data, size_t length)
{
    if (!m_memory.contains(address, length)) return false;
    if (length != 0) std::memcpy(&m_window[address], data, length);
    if (m_op) m_op->rows.invalidate();  // a command's next row writes read the window as it is now
    return true;
}

bool MramArray::dump(uint64_t address, void* data, size_t length) const
{
    if (!m_memory.contains(address, length)) return false;
    if (length != 0) std::memcpy(data, &m_window[address], length);
    return true;
}

const Subarray& MramArray::subarray(uint32_t bank, uint32_t index) const
{
    return m_subarrays.at(static_cast<size_t>(bank) * m_config.geometry.subarrays_per_bank + index);
}

Progress MramArray::progress() const
{
    if (!m_op) return {};
    return Progress{true, m_op->bank, m_op->next_step, m_op->layout.total_steps()};
}

// ---- checks ----

MramError MramArray::check_types(pim::ElemType activation, pim::ElemType weight, WeightCoding coding) const
{
    if (!is_supported_activation(activation) || !is_supported_weight(weight, coding))
        return MramError::bad_type;
    return MramError::none;
}

MramError MramArray::check_units(uint64_t outputs, uint32_t length) const
{
    const uint64_t chunks = (length + m_config.geometry.segment_bits - 1) / m_config.geometry.segment_bits;
    return outputs * chunks > max_units ? MramError::too_large : MramError::none;
}

MramError MramArray::check(const DotCommand& cmd, WeightCoding coding) const
{
    if (MramError e = check_types(cmd.type_a, cmd.type_b, coding); e != MramError::none) return e;
    if (MramError e = pim::validate(cmd); e != MramError::none) return e;
    if (MramError e = pim::check_regions(pim::regions(cmd, m_memory.capacity), m_memory);
        e != MramError::none)
        return e;
    return check_units(cmd.count, cmd.length);
}

MramError MramArray::check(const Conv2dCommand& cmd, WeightCoding coding) const
{
    if (MramError e = check_types(cmd.in_type, cmd.kernel_type, coding); e != MramError::none) return e;
    if (MramError e = pim::validate(cmd); e != MramError::none) return e;
    if (MramError e = pim::check_regions(pim::regions(cmd), m_memory); e != MramError::none) return e;
    const uint64_t outputs = static_cast<uint64_t>(pim::conv_out_height(cmd)) * pim::conv_out_width(cmd);
    return check_units(outputs, cmd.channels * cmd.kernel_h * cmd.kernel_w);
}

MramError MramArray::check(const MvmCommand& cmd, WeightCoding coding) const
{
    if (MramError e = check_types(cmd.x_type, cmd.matrix_type, coding); e != MramError::none) return e;
    if (MramError e = pim::validate(cmd); e != MramError::none) return e;
    return check(pim::to_dot(cmd), coding);
}

// ---- commands ----

namespace {
uint32_t first_bank(const pim::CommandRegions& r, const pim::BankedMemory& memory)
{
    return static_cast<uint32_t>(memory.bank_of(r.in[0].address));
}
}  // namespace

Result MramArray::run(const DotCommand& cmd, std::vector<int32_t>* results, const RunOptions& options)
{
    if (m_op) return Result{MramError::busy, m_op->bank, {}};
    if (MramError e = check(cmd, options.coding); e != MramError::none) return Result{e, 0, {}};
    const Outputs out{cmd.init, cmd.has_bias, cmd.bias, cmd.write_result, cmd.dst};
    return start(OperandSource(cmd), first_bank(pim::regions(cmd, m_memory.capacity), m_memory), out, results,
                 options);
}

Result MramArray::run(const Conv2dCommand& cmd, std::vector<int32_t>* results, const RunOptions& options)
{
    if (m_op) return Result{MramError::busy, m_op->bank, {}};
    if (MramError e = check(cmd, options.coding); e != MramError::none) return Result{e, 0, {}};
    const Outputs out{cmd.init, false, 0, cmd.write_result, cmd.dst};
    return start(OperandSource(cmd), first_bank(pim::regions(cmd), m_memory), out, results, options);
}

Result MramArray::run(const MvmCommand& cmd, std::vector<int32_t>* results, const RunOptions& options)
{
    if (m_op) return Result{MramError::busy, m_op->bank, {}};
    if (MramError e = check(cmd, options.coding); e != MramError::none) return Result{e, 0, {}};
    return run(pim::to_dot(cmd), results, options);
}

MramArray::Plan MramArray::plan(const OperandSource& source, WeightCoding coding) const
{
    std::vector<Term> terms = and_accumulation_terms(source.activation_type(), source.weight_type(), coding);
    const Layout layout(m_config.geometry, source.outputs(), source.length(), source.activation_type().bits(),
                        source.weight_type().bits(), static_cast<uint32_t>(terms.size()));
    return Plan{std::move(terms), layout};
}

uint64_t MramArray::latency_ps(const OperandSource& source, WeightCoding coding) const
{
    const Plan p = plan(source, coding);
    uint64_t ps = nv_ps();  // the initial outputs' non-volatile copy
    for (uint64_t step = 0; step < p.layout.total_steps(); ++step) ps += step_ps(p.layout, p.terms, step);
    return ps;
}

uint64_t MramArray::latency_ps(const DotCommand& cmd, WeightCoding coding) const
{
    return latency_ps(OperandSource(cmd), coding);
}

uint64_t MramArray::latency_ps(const Conv2dCommand& cmd, WeightCoding coding) const
{
    return latency_ps(OperandSource(cmd), coding);
}

uint64_t MramArray::latency_ps(const MvmCommand& cmd, WeightCoding coding) const
{
    return latency_ps(pim::to_dot(cmd), coding);
}

uint64_t MramArray::remaining_ps() const
{
    if (!m_op) return 0;
    uint64_t ps = m_restore_pending ? m_units.read_ps : 0;
    for (uint64_t step = m_op->next_step; step < m_op->layout.total_steps(); ++step)
        ps += step_ps(m_op->layout, m_op->terms, step);
    return ps;
}

Result MramArray::start(const OperandSource& source, uint32_t bank, const Outputs& outputs,
                        std::vector<int32_t>* results, const RunOptions& options)
{
    Plan p = plan(source, options.coding);
    m_op = std::make_unique<Operation>(source, p.layout, std::move(p.terms), options.coding, bank, outputs);
    Operation& op = *m_op;
    const Layout& layout = op.layout;
    op.segment.assign(layout.units_in_pass(0), 0);
    op.partial.resize(layout.outputs());
    for (uint64_t k = 0; k < layout.outputs(); ++k) {
        int32_t init = outputs.init;
        if (outputs.has_bias) std::memcpy(&init, &m_window[outputs.bias + 4 * k], 4);  // little-endian host
        op.partial[k] = init;
    }
    m_restore_pending = false;
    Cost cost;
    // The non-volatile copy starts with the initial outputs and progress 0 (cut by a power cut
    // before it ends, the command stays at step 0: a RESUME redoes it, nothing else is lost).
    if (m_config.nv.nv_partial_state) {
        if (nv_ps() > options.time_limit_ps) return advance(results, options.max_steps, 0, cost);
        nv_commit(layout.outputs() * m_config.nv.accumulator_bits, cost.counters);
        cost.latency_ps += nv_ps();
    }
    return advance(results, options.max_steps, options.time_limit_ps, cost);
}

Result MramArray::resume(std::vector<int32_t>* results, uint64_t max_steps, uint64_t time_limit_ps)
{
    if (!m_op) return Result{MramError::bad_cmd, 0, {}};
    Cost cost;
    if (m_restore_pending && m_units.read_ps <= time_limit_ps) {
        // Read back the progress record, the partial outputs and the current pass's accumulators.
        const Operation& op = *m_op;
        const uint64_t pass = op.layout.step(op.next_step).pass;
        const uint64_t words = op.layout.outputs() + op.layout.units_in_pass(pass);
        cost.counters.nv_reads += 1;
        cost.counters.nv_read_bits += progress_record_bits + words * m_config.nv.accumulator_bits;
        cost.latency_ps += m_units.read_ps;
        m_restore_pending = false;
    }
    return advance(results, max_steps, time_limit_ps, cost);
}

MramArray::Snapshot MramArray::snapshot(uint32_t bank) const
{
    const uint32_t per_bank = m_config.geometry.subarrays_per_bank;
    const auto first = m_subarrays.begin() + static_cast<std::ptrdiff_t>(bank) * per_bank;
    const uint64_t base = static_cast<uint64_t>(bank) * m_memory.bank_bytes;
    Snapshot s;
    s.bank = bank;
    s.subarrays.assign(first, first + per_bank);
    s.window.assign(m_window.begin() + static_cast<std::ptrdiff_t>(base),
                    m_window.begin() + static_cast<std::ptrdiff_t>(base + m_memory.bank_bytes));
    if (m_op) s.op = std::make_shared<const Operation>(*m_op);
    s.restore_pending = m_restore_pending;
    s.counters = m_counters;
    return s;
}

void MramArray::restore(const Snapshot& s)
{
    std::copy(s.subarrays.begin(), s.subarrays.end(),
              m_subarrays.begin() + static_cast<std::ptrdiff_t>(s.bank) * m_config.geometry.subarrays_per_bank);
    std::copy(s.window.begin(), s.window.end(),
              m_window.begin() + static_cast<std::ptrdiff_t>(s.bank) * static_cast<std::ptrdiff_t>(m_memory.bank_bytes));
    m_op = s.op ? std::make_unique<Operation>(*s.op) : nullptr;
    m_restore_pending = s.restore_pending;
    m_counters = s.counters;
}

void MramArray::lose_power()
{
    if (m_op && !m_config.nv.nv_partial_state) m_op.reset();
    if (m_op) m_restore_pending = true;
}

Result MramArray::advance(std::vector<int32_t>* results, uint64_t max_steps, uint64_t time_limit_ps, Cost cost)
{
    Operation& op = *m_op;
    const uint64_t total = op.layout.total_steps();
    // A restore read that the power cut left undone: no step either.
    const bool restored = !m_restore_pending;
    for (uint64_t n = 0; restored && n < max_steps && op.next_step < total; ++n) {
        const uint64_t ps = step_ps(op.layout, op.terms, op.next_step);
        if (cost.latency_ps + ps > time_limit_ps) break;  // ps-scale sums: no overflow
        run_step(op, cost.counters);
        cost.latency_ps += ps;
    }
    const uint32_t bank = op.bank;
    if (op.next_step == total) {
        finish(op, results);
        cost.counters.commands += 1;
        m_op.reset();
    }
    cost.data_ps = cost.latency_ps;
    cost.energy = m_units.energy(cost.counters);
    m_counters += cost.counters;
    return Result{MramError::none, bank, cost};
}

uint64_t MramArray::step_ps(const Layout& lay, const std::vector<Term>& terms, uint64_t step) const
{
    const StepKind s = lay.step(step);
    switch (s.kind) {
        case StepKind::Kind::load_row:
            return m_units.write_ps + nv_ps();
        case StepKind::Kind::term: {
            const bool single_row = terms[s.index].kind == Term::Kind::activation_sum;
            return (single_row ? m_units.read_ps : m_units.sense_ps) + m_units.count_ps + m_units.shift_ps +
                   m_units.add_ps + nv_ps();
        }
        case StepKind::Kind::reduce:
            // The sub-arrays' adders share the reduction (a throughput bound).
            return (lay.units_in_pass(s.pass) + lay.subarrays() - 1) / lay.subarrays() * m_units.add_ps + nv_ps();
    }
    return 0;
}

// One lock-step step of the bank (its latency: step_ps). The progress record advances after the
// step's work is committed (a loss inside a step loses that step only: docs/models/mram.md).
void MramArray::run_step(Operation& op, Counters& c)
{
    const StepKind s = op.layout.step(op.next_step);
    switch (s.kind) {
        case StepKind::Kind::load_row:
            load_row(op, s.group, s.index, c);
            break;
        case StepKind::Kind::term:
            sense_term(op, s.group, op.terms[s.index], c);
            break;
        case StepKind::Kind::reduce:
            reduce(op, c);
            break;
    }
    op.next_step += 1;
    c.steps += 1;
}

void MramArray::load_row(Operation& op, uint32_t group, uint32_t row, Counters& c)
{
    const Layout& lay = op.layout;
    const uint32_t words = m_subarrays[0].words_per_row();
    op.rows.prepare(lay, op.source, m_window.data(), lay.step(op.next_step).pass, group, words);
    for (uint32_t s = 0; s < lay.subarrays(); ++s) {
        if (!op.rows.used(s)) continue;
        Subarray& sub = m_subarrays[static_cast<size_t>(op.bank) * lay.subarrays() + s];
        sub.write_row(lay.group_row(group) + row, op.rows.row(s, row), c);
    }
    if (m_config.nv.nv_partial_state) nv_commit(0, c);
}

void MramArray::sense_term(Operation& op, uint32_t group, const Term& term, Counters& c)
{
    const Layout& lay = op.layout;
    const uint64_t in_pass = lay.units_in_pass(lay.step(op.next_step).pass);
    const uint32_t base = lay.group_row(group);
    const bool single_row = term.kind == Term::Kind::activation_sum;
    uint64_t updated = 0;
    for (uint32_t s = 0; s < lay.subarrays(); ++s) {
        if (lay.unit_index(Slot{s, group, 0}) >= in_pass) continue;  // segment 0 is filled first
        const Subarray& sub = m_subarrays[static_cast<size_t>(op.bank) * lay.subarrays() + s];
        RowBits& bits = op.sensed;
        if (single_row)
            sub.read_row_into(base + term.m, bits, c);
        else
            sub.sense_into(base + term.m, base + lay.activation_bits() + term.n, SenseReference::and_ref, bits, c);
        for (uint32_t seg = 0; seg < lay.segments(); ++seg) {
            const uint64_t v = lay.unit_index(Slot{s, group, seg});
            if (v >= in_pass) continue;
            const int64_t shifted =
                static_cast<int64_t>(Subarray::popcount(bits, seg * lay.segment_bits(), lay.segment_bits()))
                << term.shift;
            op.segment[v] += term.negative ? -shifted : shifted;
            updated += 1;
        }
    }
    c.counts += updated;
    c.shifts += updated;
    c.adds += updated;
    if (m_config.nv.nv_partial_state) nv_commit(updated * m_config.nv.accumulator_bits, c);
}

void MramArray::reduce(Operation& op, Counters& c)
{
    const Layout& lay = op.layout;
    const uint64_t pass = lay.step(op.next_step).pass;
    const uint64_t in_pass = lay.units_in_pass(pass);
    const uint64_t first_unit = pass * lay.slots_per_pass();
    for (uint64_t v = 0; v < in_pass; ++v) op.partial[(first_unit + v) / lay.chunks()] += op.segment[v];
    c.adds += in_pass;
    const uint64_t touched = (first_unit + in_pass - 1) / lay.chunks() - first_unit / lay.chunks() + 1;
    if (m_config.nv.nv_partial_state) nv_commit(touched * m_config.nv.accumulator_bits, c);
    if (pass + 1 < lay.passes()) op.segment.assign(lay.units_in_pass(pass + 1), 0);
}

// One update of the non-volatile state: `bits` of accumulators or outputs and the progress
// record, written together at the array's write cost (nv_ps()).
void MramArray::nv_commit(uint64_t bits, Counters& c) const
{
    c.nv_writes += 1;
    c.nv_write_bits += bits + progress_record_bits;
}

void MramArray::finish(Operation& op, std::vector<int32_t>* results)
{
    const uint64_t outputs = op.layout.outputs();
    if (results) results->resize(outputs);
    for (uint64_t k = 0; k < outputs; ++k) {
        // int32 modulo 2^32 (the accumulators wrap like the shared descriptors say).
        const int32_t r = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(op.partial[k])));
        if (results) (*results)[k] = r;
        if (op.outputs.write_result) std::memcpy(&m_window[op.outputs.dst + 4 * k], &r, 4);
    }
}

}  // namespace pimsoc::mram
