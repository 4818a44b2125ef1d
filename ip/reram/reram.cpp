#include "reram/reram.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/clock_period.h"
#include "common/ledger_time.h"

namespace pimsoc {
namespace {

constexpr unsigned max_tiles_in_status = 8;  // STATUS has one busy bit per tile for tiles 0..7
constexpr uint32_t min_tile_bytes = 64;      // [E: a smaller buffer holds no useful vector and its outputs]
constexpr CommandDeviceLayout layout{RERAM_REG_SPACE, RERAM_ID_VALUE, RERAM_CMD, RERAM_CROSSBAR_READS,
                                     (RERAM_COMMANDS - RERAM_CROSSBAR_READS) / 8 + 1};

uint32_t opcode_of(uint32_t op)
{
    return op & RERAM_OP_OPCODE_MASK;
}

// The buffer bytes of a tile, checked before anything allocates.
uint32_t checked_tile_bytes(const reram::ReramConfig& config)
{
    const uint32_t bytes = config.area.buffer_bytes_per_tile;
    if (bytes < min_tile_bytes) {
        throw std::invalid_argument("reram.buffer_bytes_per_tile: " + std::to_string(bytes) +
                                    " is below the controller's minimum of " + std::to_string(min_tile_bytes));
    }
    return bytes;
}

double checked_buffer_access_ns(double ns)
{
    if (!(ns >= 0 && ns <= 1e6)) {
        throw std::invalid_argument("reram.buffer_access_ns: " + std::to_string(ns) + " is not in 0..10^6");
    }
    return ns;
}

}  // namespace

Reram::Reram(sc_core::sc_module_name name, const ReramParams& params, const RandomStreams& streams)
    : BankedCommandDevice(name, layout,
                          sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS),
                          params.to_model().geometry.tiles,  // to_model() names a bad key first
                          checked_queue_depth("reram.queue_depth", params.queue_depth)),
      window("window", *this, log(), power_gate()),
      m_params(params),
      m_array(params.to_model(), streams, this->name()),
      m_cycle(clock_period("reram.clock_hz", params.clock_hz)),
      m_tile_bytes(checked_tile_bytes(m_array.config())),
      m_buffer(static_cast<size_t>(m_tile_bytes) * m_array.config().geometry.tiles, 0),
      m_tile_busy_ps(m_array.config().geometry.tiles, 0)
{
    power_gate().set_mode(power_gating_mode("reram.power_gating", params.power_gating));
    checked_buffer_access_ns(params.buffer_access_ns);
    params.check_pipeline();
    const std::pair<uint64_t, uint32_t*> descriptor[] = {
        {RERAM_OP, &m_desc.op},         {RERAM_XBAR, &m_desc.xbar},       {RERAM_SRC, &m_desc.src},
        {RERAM_DST, &m_desc.dst},       {RERAM_INPUTS, &m_desc.inputs},   {RERAM_OUTPUTS, &m_desc.outputs},
        {RERAM_COUNT, &m_desc.count},   {RERAM_STRIDE, &m_desc.stride},   {RERAM_CONV_IN, &m_desc.conv_in},
        {RERAM_CONV_K, &m_desc.conv_k}};
    for (const auto& [offset, field] : descriptor) {
        descriptor_register(offset, *field);
    }
}

// --- registers ---------------------------------------------------------------------------------

uint32_t Reram::device_status(const sc_core::sc_time& at) const
{
    return m_banks.busy_mask(at, max_tiles_in_status) << RERAM_STATUS_TILE_BUSY_SHIFT;
}

double Reram::dynamic_energy_pj() const
{
    const PipelineCounters& p = m_pipe_counters;
    const double buffer_bytes = static_cast<double>(m_window.read_bytes + m_window.write_bytes +
                                                    p.activation_read_bytes + p.activation_write_bytes);
    return m_array.unit_costs().energy(counted()).total_pj() + buffer_bytes * m_array.unit_costs().buffer_pj_per_byte +
           static_cast<double>(p.output_unit_steps) * output_unit_pj();
}

Reram::CounterBase Reram::counters_now() const
{
    return CounterBase{counted(), dynamic_energy_pj(), m_busy_ps, m_completed};
}

reram::Counters Reram::counted() const
{
    reram::Counters c = m_array.counters();
    pim::subtract_fields(reram::Counters::fields(c), reram::Counters::fields(m_cut_off));
    return c;
}

uint64_t Reram::counter(unsigned index, const sc_core::sc_time&) const
{
    const reram::Counters c = counted();
    const reram::Counters& b = m_base.counters;
    switch (RERAM_CROSSBAR_READS + 8 * index) {
        case RERAM_CROSSBAR_READS:
            return c.crossbar_reads - b.crossbar_reads;
        case RERAM_ROW_ACTIVATIONS:
            return c.row_activations - b.row_activations;
        case RERAM_ADC_CONVERSIONS:
            return c.adc_conversions - b.adc_conversions;
        case RERAM_ADC_CLIPS:
            return c.adc_clips - b.adc_clips;
        case RERAM_SHIFT_ADDS:
            return c.shift_adds - b.shift_adds;
        case RERAM_CELLS_PROGRAMMED:
            return c.cells_programmed - b.cells_programmed;
        case RERAM_WRITE_PULSES:
            return c.write_pulses - b.write_pulses;
        case RERAM_MVMS:
            return c.mvms - b.mvms;
        case RERAM_BUSY_CYCLES:
            return (m_busy_ps - m_base.busy_ps) / to_ps(m_cycle);
        case RERAM_ENERGY_PJ:
            return static_cast<uint64_t>(std::floor(dynamic_energy_pj() - m_base.energy_pj));
        default:
            return m_completed - m_base.completed;
    }
}

void Reram::clear_counters(const sc_core::sc_time&)
{
    m_base = counters_now();
}

uint32_t Reram::plan_crossbars() const
{
    const uint32_t bits = (m_desc.op & RERAM_OP_W_BITS_MASK) >> RERAM_OP_W_BITS_SHIFT;
    if (bits == 0 || bits > reram::max_weight_bits || m_desc.outputs == 0) {
        return 0;
    }
    const pim::ElemType type = (m_desc.op & RERAM_OP_W_SIGNED) != 0 ? pim::ElemType::signed_bits(bits)
                                                                     : pim::ElemType::unsigned_bits(bits);
    const reram::Geometry& g = m_array.config().geometry;
    if (m_desc.outputs > g.columns) {
        return 0;
    }
    const reram::SlicePlan p = m_array.plan(type, m_desc.outputs);
    return p.columns_used <= g.columns && p.crossbars <= g.crossbars_per_tile ? p.crossbars : 0;
}

RegStatus Reram::read_device_register(const MmioAccess& access, uint32_t& value)
{
    const reram::Geometry& g = m_array.config().geometry;
    switch (access.offset) {
        case RERAM_CAPS:
            value = (g.tiles & RERAM_CAPS_TILES_MASK) |
                    ((g.crossbars_per_tile << RERAM_CAPS_XBARS_SHIFT) & RERAM_CAPS_XBARS_MASK) |
                    (m_array.config().non_ideal.ideal ? RERAM_CAPS_IDEAL : 0u);
            return RegStatus::ok;
        case RERAM_GEOMETRY:
            value = (g.rows & RERAM_GEOMETRY_ROWS_MASK) | (g.columns << RERAM_GEOMETRY_COLUMNS_SHIFT);
            return RegStatus::ok;
        case RERAM_CELL:
            value = g.cell_bits | (g.dac_bits << RERAM_CELL_DAC_SHIFT) | (g.adc_bits << RERAM_CELL_ADC_SHIFT) |
                    (g.signed_scheme == reram::SignedScheme::offset ? RERAM_CELL_OFFSET_SCHEME : 0u) |
                    (g.slice_placement == reram::SlicePlacement::columns ? RERAM_CELL_SLICES_IN_COLUMNS : 0u);
            return RegStatus::ok;
        case RERAM_TILE_BYTES:
            value = m_tile_bytes;
            return RegStatus::ok;
        case RERAM_PLAN:
            value = plan_crossbars();
            return RegStatus::ok;
        case RERAM_PIPE_STEPS:
            value = m_pipe_steps;
            return RegStatus::ok;
        case RERAM_PIPE_STEP_PS:
            value = m_pipe_step_ps;
            return RegStatus::ok;
        case RERAM_PIPE_TIME_NS:
            value = m_pipe_time_ns;
            return RegStatus::ok;
        default:
            return RegStatus::no_register;
    }
}

RegStatus Reram::write_device_register(const MmioAccess& access, uint32_t)
{
    switch (access.offset) {
        case RERAM_CAPS:
        case RERAM_GEOMETRY:
        case RERAM_CELL:
        case RERAM_TILE_BYTES:
        case RERAM_PLAN:
        case RERAM_PIPE_STEPS:
        case RERAM_PIPE_STEP_PS:
        case RERAM_PIPE_TIME_NS:
            return RegStatus::read_only;
        default:
            return RegStatus::no_register;
    }
}

// --- commands ----------------------------------------------------------------------------------

void Reram::command(uint32_t value, const sc_core::sc_time& at)
{
    if (value != RERAM_CMD_START) {
        reject(RERAM_ERR_BAD_CMD, at, "unknown CMD value");
        return;
    }
    const uint32_t opcode = opcode_of(m_desc.op);
    if (opcode == RERAM_OP_PIPELINE) {
        start_pipeline(at);
        return;
    }
    if (opcode != RERAM_OP_PROGRAM && opcode != RERAM_OP_MVM && opcode != RERAM_OP_CONV) {
        reject(RERAM_ERR_BAD_OPCODE, at, pim::to_string(pim::Error::bad_opcode));
        return;
    }
    // The tile of the block; an XBAR past the last crossbar is refused by the checks below.
    const unsigned tile = m_array.tile_of(std::min(m_desc.xbar, m_array.crossbar_count() - 1));
    if (m_banks.queue_full(tile, at)) {
        reject(RERAM_ERR_BUSY, at, "the tile's command queue is full");
        return;
    }
    // A known power failure ("Power loss and reset"): a command queued to start at or after it is
    // accepted (BUSY until the failure resets the device) and never runs.
    if (accept_unrun_after_power_cut(tile, at, m_desc.op)) {
        return;
    }
    Run run;
    const pim::Error error = opcode == RERAM_OP_PROGRAM ? program(run) : opcode == RERAM_OP_MVM ? mvm(run) : conv(run);
    if (error != pim::Error::none) {
        reject(pim::code(error), at, pim::to_string(error));
        return;
    }
    accept(tile, run, at);
}

void Reram::accept(unsigned tile, const Run& run, const sc_core::sc_time& at, const std::vector<unsigned>& others)
{
    const UnitScheduler::Slot slot = m_banks.submit(tile, at, from_ps(run.latency_ps));
    // Its arrays' energy, spent over its run (the harvest mode's drain), may itself bring the
    // failure: foreseen here, it cuts the command as a failure known ahead does.
    const double run_pj = m_array.unit_costs().energy(run.counters).total_pj();
    charge_ahead(at, slot.start, slot.end, run_pj);
    foresee_power(at);
    m_busy_ps += run.latency_ps;
    m_tile_busy_ps.at(tile) += run.latency_ps;
    for (unsigned t : others) {
        m_banks.occupy(t, at, from_ps(run.latency_ps));
        m_tile_busy_ps.at(t) += run.latency_ps;
        trace_activity(t, run.crossbars, slot.start, slot.end);
    }
    Undo undo{m_desc.op, m_desc.xbar, tile, slot.start, slot.end, run, others};
    if (power_cut_ahead() && slot.end > m_power_cut) {
        const double counted_pj = dynamic_energy_pj();
        cut_command(undo, m_power_cut);
        charge_cut(run_pj - (counted_pj - dynamic_energy_pj()));
        undo.cut = m_power_cut;
    }
    if (foresees_power()) {
        drop_ended(m_undo, at);
        m_undo.push_back(std::move(undo));
    }
    clear_error();
    if (log()->should_log(spdlog::level::debug)) {
        const reram::Counters& c = run.counters;
        log()->debug("op {:#x} on tile {} ({} crossbars): {} mvms, {} crossbar reads, {} cells programmed, {} .. {}",
                     m_desc.op, tile, run.crossbars, c.mvms, c.crossbar_reads, c.cells_programmed,
                     slot.start.to_string(), slot.end.to_string());
    }
    if (active_tracer() != nullptr) {
        active_tracer()->set(m_trace_opcode, opcode_of(m_desc.op), to_ps(slot.start));
    }
    trace_activity(tile, run.crossbars, slot.start, slot.end);
    update_irq(at);
}

void Reram::cut_command(const Undo& command, const sc_core::sc_time& cut)
{
    const Run& run = command.run;
    const uint64_t counted_ps = ps_before(command.start, run.latency_ps, command.cut);
    const uint64_t done_ps = ps_before(command.start, run.latency_ps, cut);
    pim::split_at_power_cut(run.counters, done_ps, counted_ps, run.latency_ps, m_cut_off);
    const uint64_t after_ps = counted_ps - done_ps;
    m_busy_ps -= after_ps;
    m_tile_busy_ps.at(command.tile) -= after_ps;
    for (unsigned t : command.others) {
        m_tile_busy_ps.at(t) -= after_ps;
    }
    if (opcode_of(command.op) == RERAM_OP_PROGRAM) {
        m_array.forget_blocks(command.xbar, run.crossbars);
        log()->debug("PROGRAM at crossbar {} cut by the power failure at {}: the block is not usable", command.xbar,
                     cut.to_string());
    }
}

void Reram::cut_at_power_failure(const sc_core::sc_time& at)
{
    // A command cut at its acceptance by a failure planned later than `at` counts only its part
    // before `at` now.
    for (const Undo& command : m_undo) {
        if (std::min(command.end, command.cut) > at) {
            cut_command(command, at);
            log_cut_after_acceptance(command.op, command.tile, at, command.cut,
                                     command.start < at ? "its part after the failure never ran"
                                                        : "queued behind, never run");
        }
    }
    m_undo.clear();
}

void Reram::reset_device()
{
    m_desc = Descriptor{};
    m_pipe_steps = m_pipe_step_ps = m_pipe_time_ns = 0;
    m_banks.reset();
    m_undo.clear();
    m_base = counters_now();
}

void Reram::lose_power()
{
    log()->info("power lost at {}: registers and buffers reset, crossbar conductances kept",
                sc_core::sc_time_stamp().to_string());
    std::fill(m_buffer.begin(), m_buffer.end(), uint8_t{0});
    reset();
}

// --- data window -------------------------------------------------------------------------------

tlm::tlm_response_status Reram::window_access(bool write, uint64_t address, uint8_t* data, unsigned length,
                                              const sc_core::sc_time& at, sc_core::sc_time& wait)
{
    const auto tile = static_cast<unsigned>(address / m_tile_bytes);
    if ((address + length - 1) / m_tile_bytes != tile) {
        log()->warn("buffer {} of {} bytes at {:#x}: crosses a tile boundary", write ? "write" : "read", length,
                    address);
        return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    }
    if (write) {
        std::memcpy(&m_buffer[address], data, length);
        ++m_window.writes;
        m_window.write_bytes += length;
    } else {
        std::memcpy(data, &m_buffer[address], length);
        ++m_window.reads;
        m_window.read_bytes += length;
    }
    // The access waits for its tile (a command still running on it: its outputs are not there
    // yet), then takes one buffer access.
    const uint64_t latency_ps = static_cast<uint64_t>(std::llround(m_params.buffer_access_ns * 1000.0));
    const UnitScheduler::Slot slot = m_banks.occupy(tile, at, from_ps(latency_ps));
    m_tile_busy_ps.at(tile) += latency_ps;
    wait = slot.end - at;
    trace_activity(tile, 0, slot.start, slot.end);
    return tlm::TLM_OK_RESPONSE;
}

bool Reram::window_debug(bool write, uint64_t address, uint8_t* data, unsigned length)
{
    if (address > m_buffer.size() || length > m_buffer.size() - address) {
        return false;
    }
    if (write) {
        std::memcpy(&m_buffer[address], data, length);
    } else {
        std::memcpy(data, &m_buffer[address], length);
    }
    return true;
}

// --- ledger and tracing ------------------------------------------------------------------------

void Reram::register_stats(Ledger& ledger)
{
    const reram::UnitCosts& u = m_array.unit_costs();
    LedgerComponent component;
    component.name = basename();
    // Each sub-component at its per-event energy (docs/models/reram.md, "Costs"); crossbar reads,
    // MVMs and programmed cells as operations without energy of their own (their events carry it);
    // PIPELINE's output unit per tile-step and its activation bytes (docs/models/reram_controller.md).
    component.events = {{"crossbar", u.row_activation_pj},
                        {"dac", u.dac_pj},
                        {"sample_hold", u.sample_hold_pj},
                        {"adc", u.adc_pj},
                        {"shift_add", u.shift_add_pj},
                        {"buffer", u.buffer_pj_per_byte, false},
                        {"program_pulse", u.write_pulse_pj},
                        {"program_verify", u.verify_read_pj},
                        {"window_write", u.buffer_pj_per_byte, false},
                        {"window_read", u.buffer_pj_per_byte, false},
                        {"crossbar_read", 0.0},
                        {"mvm", 0.0},
                        {"cell_programmed", 0.0},
                        {"output_unit", output_unit_pj()},
                        {"activation_read", u.buffer_pj_per_byte, false},
                        {"activation_write", u.buffer_pj_per_byte, false}};
    const unsigned tiles = tile_count();
    component.leakage_uw = u.leakage_uw;
    component.area_um2 = m_array.area().total_um2();
    component.sample = [this, tiles](LedgerCounters& counters) {
        const reram::Counters c = counted();
        const PipelineCounters& p = m_pipe_counters;
        counters.events = {c.row_activations,    c.row_activations,   c.samples,        c.adc_conversions,
                           c.shift_adds,         c.buffer_bytes,      c.write_pulses,   c.verify_reads,
                           m_window.write_bytes, m_window.read_bytes, c.crossbar_reads, c.mvms,
                           c.cells_programmed,   p.output_unit_steps, p.activation_read_bytes,
                           p.activation_write_bytes};
        uint64_t busy = 0;
        for (uint64_t b : m_tile_busy_ps) {
            busy += b;
        }
        counters.busy_ps = busy / tiles;
    };
    power_gate().attach(ledger, ledger.add(std::move(component)));
}

void Reram::trace_to(Tracer& tracer)
{
    if (!attach_tracer(tracer, "reram")) {
        return;
    }
    m_trace_tile_busy.attach(tracer, trace_signal("tile"), tile_count());
    for (unsigned t = 0; t < tile_count(); ++t) {
        m_trace_active.push_back(tracer.wire(trace_signal("tile" + std::to_string(t) + "_active_crossbars"), 16));
    }
    m_trace_opcode = tracer.wire(trace_signal("opcode"), 8);
    m_trace_energy = tracer.real(trace_signal("energy_pj"));
}

void Reram::trace_activity(unsigned tile, uint32_t crossbars, const sc_core::sc_time& start,
                           const sc_core::sc_time& end)
{
    if (active_tracer() == nullptr) {
        return;
    }
    const uint64_t end_ps = to_ps(end);
    m_trace_tile_busy.mark(active_tracer(), tile, to_ps(start), end_ps);
    if (crossbars > 0) {
        active_tracer()->set(m_trace_active.at(tile), crossbars, to_ps(start));
        active_tracer()->set(m_trace_active.at(tile), 0, end_ps);
    }
    active_tracer()->set_real(m_trace_energy, dynamic_energy_pj(), end_ps);
}

}  // namespace pimsoc
