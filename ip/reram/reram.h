// The ReRAM crossbar tiles as a SystemC/TLM-2.0 device: a command device (the common register
// block, counters, interrupt and reset of common/command_device.h) whose descriptor (reram_regs.h)
// programs a block of integer weights from the buffers onto a run of crossbars of one tile
// (PROGRAM), multiplies buffered input vectors by a programmed block (MVM), or runs a block on
// every im2col window of a buffered feature map (CONV), each for its modelled latency on its tile
// (BUSY until then; tiles work in parallel, each with a bounded command queue). The tiles'
// input/output buffers are a costed data window (`window`: eDRAM access time and energy).
// The behaviour, the non-idealities and the costs are the pure model's (ip/reram/model); this
// module decodes the descriptor, moves the buffer's bytes, turns costs into time, and reports to
// the ledger and the `reram` trace group. See docs/models/reram_controller.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "common/banked_command_device.h"
#include "common/data_window.h"
#include "common/ledger.h"
#include "common/model/random_streams.h"
#include "common/tracer.h"
#include "common/unit_busy_trace.h"
#include "pim/model/regions.h"
#include "reram/model/reram_array.h"
#include "reram/reram_params.h"
#include "reram/reram_regs.h"

namespace pimsoc {

class Reram : public BankedCommandDevice, private DataWindowModel {
public:
    // `socket` (inherited): the register block. `window`: the tiles' buffers, window_bytes() long.
    DataWindow window;

    // Throws std::invalid_argument naming the bad "reram.<key>". The model draws its faults,
    // variation and noise from `streams`, named by this module's hierarchical name.
    Reram(sc_core::sc_module_name name, const ReramParams& params, const RandomStreams& streams = RandomStreams());

    uint64_t window_bytes() const override { return m_buffer.size(); }
    reram::ReramArray& array() { return m_array; }
    const reram::ReramArray& array() const { return m_array; }
    sc_core::sc_time cycle() const { return m_cycle; }
    uint32_t tile_bytes() const { return m_tile_bytes; }

    // A power failure: the registers, commands in flight and the eDRAM buffers are lost (the
    // buffers read 0 afterwards); the crossbars' conductances stay (non-volatile cells).
    void lose_power() override;
    // Harvest mode: a command running across `at` counts its part before it, a PROGRAM leaves its
    // block unusable, commands queued behind it never ran (docs/models/reram_controller.md,
    // "Power loss and reset").
    void cut_at_power_failure(const sc_core::sc_time& at) override;

    // Events by type (crossbar rows, DAC, S&H, ADC, shift-add, buffer, programming, window bytes,
    // PIPELINE's output unit and activation bytes);
    // busy time = the tiles' busy time / tiles; the model's leakage and area.
    void register_stats(Ledger& ledger) override;
    // The `reram` trace group: busy and active crossbars per tile, opcode of the last command,
    // cumulative dynamic energy.
    void trace_to(Tracer& tracer) override;

private:
    struct Descriptor {
        uint32_t op = 0, xbar = 0, src = 0, dst = 0, inputs = 0, outputs = 0, count = 1, stride = 0;
        uint32_t conv_in = 0, conv_k = 0;
    };
    // What an accepted command did: the summed cost of its model calls (they run one after
    // another on the block's crossbars) and how many crossbars it kept busy.
    struct Run {
        uint64_t latency_ps = 0;
        reram::Counters counters;
        uint32_t crossbars = 0;
    };
    // The controller's own costed accesses to the buffer window.
    struct WindowCounters {
        uint64_t reads = 0, read_bytes = 0, writes = 0, write_bytes = 0;
    };
    // PIPELINE's own events beyond the model's MVMs (docs/models/reram_controller.md, "PIPELINE"):
    // the output unit's busy tile-steps and the activations between layers in the tiles' buffers.
    struct PipelineCounters {
        uint64_t output_unit_steps = 0;       // per layer: the steps it computed x the tiles it uses
        uint64_t activation_read_bytes = 0;   // the MVMs' int32 partial sums read by the output unit
        uint64_t activation_write_bytes = 0;  // each layer's pooled outputs written
    };
    using CounterBase = CounterSnapshot<reram::Counters>;
    // An accepted command as a power failure cuts it: at its acceptance when known ahead, or
    // after it (harvest mode: kept until its end).
    struct Undo {
        uint32_t op = 0, xbar = 0;
        unsigned tile = 0;
        sc_core::sc_time start, end;
        Run run;
        std::vector<unsigned> others;  // PIPELINE's other tiles
        sc_core::sc_time cut = sc_core::sc_max_time();  // the failure known at its acceptance, if it cut it
    };

    // CommandDevice
    RegStatus read_device_register(const MmioAccess& access, uint32_t& value) override;
    RegStatus write_device_register(const MmioAccess& access, uint32_t value) override;
    void command(uint32_t value, const sc_core::sc_time& at) override;
    uint64_t counter(unsigned index, const sc_core::sc_time& at) const override;
    void clear_counters(const sc_core::sc_time& at) override;
    uint32_t device_status(const sc_core::sc_time& at) const override;
    void reset_device() override;

    // DataWindowModel
    tlm::tlm_response_status window_access(bool write, uint64_t address, uint8_t* data, unsigned length,
                                           const sc_core::sc_time& at, sc_core::sc_time& wait) override;
    bool window_debug(bool write, uint64_t address, uint8_t* data, unsigned length) override;

    // Commands (reram_commands.cpp). Each checks the descriptor (pim::Error::none or the first
    // problem) and, when accepted, runs the model and moves the buffer's bytes.
    pim::Error program(Run& run);
    pim::Error mvm(Run& run);
    pim::Error conv(Run& run);
    // PIPELINE (reram_pipeline.cpp; the table: pipeline_table.h): the table at SRC checked, every
    // layer's values computed through its copies' crossbars and the output unit, the time from the
    // pipeline schedule (reram/pipeline). Refusals: m_pipe_why names the problem; `tiles`: the tiles it occupies.
    uint32_t pipeline(Run& run, std::vector<unsigned>& tiles);  // RERAM_ERR_*
    void start_pipeline(const sc_core::sc_time& at);
    // Books an accepted command: its tile's slot (and `others` occupied as long), counters,
    // trace, DONE and the interrupt.
    void accept(unsigned tile, const Run& run, const sc_core::sc_time& at, const std::vector<unsigned>& others = {});
    // The block at XBAR for an input type (MVM, CONV): out_of_range, bad_cmd, bad_type.
    pim::Error check_block(pim::ElemType x_type) const;
    // The regions of a command: in the window and in the buffer of XBAR's tile.
    pim::Error check_regions(const pim::CommandRegions& regions) const;
    std::vector<int64_t> unpack(uint64_t address, pim::ElemType type, uint64_t count) const;
    void store_int32(uint64_t address, int64_t value);
    // Adds one accepted model call's cost to the command's.
    static void add(Run& run, const reram::Result& r);

    void reject(uint32_t code, const sc_core::sc_time& at, const char* why)
    {
        BankedCommandDevice::reject(code, at, m_desc.op, why);
    }
    uint32_t plan_crossbars() const;
    double dynamic_energy_pj() const;
    double output_unit_pj() const { return m_params.pipeline_output_mw * m_params.pipeline_output_ns; }  // per tile-step
    CounterBase counters_now() const;
    // The model's counters less the work of commands cut by a power failure after the failure
    // (docs/models/reram_controller.md, "Power loss and reset").
    reram::Counters counted() const;
    // `command`, running across a power failure at `cut` (not after its earlier cut, if any): its
    // counters and busy time after the failure taken off (time-proportional); a PROGRAM leaves no usable block (rows done hold the
    // new levels, the rest the old ones, which no block describes: it and those it overwrote are
    // forgotten, MVM/CONV on them are BAD_CMD).
    void cut_command(const Undo& command, const sc_core::sc_time& cut);
    unsigned tile_count() const { return m_array.config().geometry.tiles; }

    void trace_activity(unsigned tile, uint32_t crossbars, const sc_core::sc_time& start, const sc_core::sc_time& end);

    ReramParams m_params;
    reram::ReramArray m_array;
    sc_core::sc_time m_cycle;
    uint32_t m_tile_bytes;
    std::vector<uint8_t> m_buffer;  // tiles x tile_bytes: the tiles' eDRAM buffers

    Descriptor m_desc;
    std::string m_pipe_why;         // why the last PIPELINE was refused
    uint32_t m_pipe_steps = 0;      // PIPE_STEPS
    uint32_t m_pipe_step_ps = 0;    // PIPE_STEP_PS
    uint32_t m_pipe_time_ns = 0;    // PIPE_TIME_NS
    uint64_t m_busy_ps = 0;                // summed command latencies (tile time)
    std::vector<uint64_t> m_tile_busy_ps;  // per tile: commands and window accesses
    WindowCounters m_window;
    PipelineCounters m_pipe_counters;
    CounterBase m_base;
    reram::Counters m_cut_off;  // cut commands' work after the failure: never done
    std::vector<Undo> m_undo;   // harvest mode: accepted commands not yet ended

    UnitBusyTrace m_trace_tile_busy;
    std::vector<TraceSignal> m_trace_active;  // per tile: crossbars of the running command
    TraceSignal m_trace_opcode, m_trace_energy;
};

}  // namespace pimsoc
