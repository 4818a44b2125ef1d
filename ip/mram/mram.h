// The SOT-MRAM bit-wise CNN accelerator controller as a SystemC/TLM-2.0 device: a command device
// (the common register block, counters, interrupt and reset of common/command_device.h) whose
// descriptor (mram_regs.h: DOT, CONV2D or MVM with M-bit activations and N-bit weights, signed or
// {-1,+1}) runs as AND-accumulation on the computational sub-arrays of one bank for its modelled
// latency (BUSY until then; banks work in parallel, each with a bounded command queue), and whose
// operand window is a costed data window (`window`: SOT write / read costs per access). A step
// budget (STEPS) stops a command part-way; RESUME continues it, also after lose_power() when the
// partial state is non-volatile. The behaviour and the costs are the pure model's (ip/mram/model);
// this module decodes the descriptor, turns costs into time, and reports to the ledger and the
// `mram` trace group. See docs/models/mram_controller.md.
#pragma once

#include <cstdint>
#include <functional>
#include <variant>
#include <vector>

#include <systemc>

#include "common/banked_command_device.h"
#include "common/data_window.h"
#include "common/ledger.h"
#include "common/tracer.h"
#include "common/unit_busy_trace.h"
#include "mram/model/mram_array.h"
#include "mram/mram_params.h"
#include "mram/mram_regs.h"

namespace pimsoc {

class Mram : public BankedCommandDevice, private DataWindowModel {
public:
    // `socket` (inherited): the register block. `window`: the operand window, window_bytes() long.
    DataWindow window;

    // Throws std::invalid_argument naming the bad "mram.<key>".
    Mram(sc_core::sc_module_name name, const MramParams& params);

    uint64_t window_bytes() const override { return m_array.window_bytes(); }
    mram::MramArray& array() { return m_array; }
    const mram::MramArray& array() const { return m_array; }
    sc_core::sc_time cycle() const { return m_cycle; }

    // A power failure (for the power manager): the registers and the commands in flight are lost
    // (reset()); the array's rows and window stay, and a command in progress stays resumable only
    // with mram.nv_partial_state (mram::MramArray::lose_power()).
    void lose_power() override;
    // Harvest mode: the run across `at` (the first accepted) does exactly its steps that end by
    // then, commands queued behind it never run (docs/models/mram_controller.md).
    void cut_at_power_failure(const sc_core::sc_time& at) override;
    // The time of the next power failure, when known ahead (the power manager's times, periodic
    // and random modes, harvest's foreseen brown-out; sc_max_time(): none): a run is cut there, its steps that end by then done
    // (with mram.nv_partial_state, resumable), the rest and the commands queued behind it never run.

    // Events by type (bits written/read/sensed, counts, shifts, adds, non-volatile state, window
    // accesses); busy time = the banks' busy time / banks; the model's leakage and area.
    void register_stats(Ledger& ledger) override;
    // The `mram` trace group: busy per bank, opcode of the last run, cumulative rows activated,
    // steps done of the command in progress, cumulative dynamic energy.
    void trace_to(Tracer& tracer) override;

private:
    struct Descriptor {
        uint32_t op = 0, src_a = 0, src_w = 0, dst = 0, length = 0, count = 1, stride_a = 0, stride_w = 0;
        uint32_t init = 0, conv_in = 0, conv_k = 0, bias = 0, steps = 0;
    };
    using Command = std::variant<mram::DotCommand, mram::Conv2dCommand, mram::MvmCommand>;
    // The controller's own costed accesses to the operand window (the model's load()/dump() are free).
    struct WindowCounters {
        uint64_t reads = 0, read_bits = 0, writes = 0, write_bits = 0;
    };
    using CounterBase = CounterSnapshot<mram::Counters>;
    // A model call of a run or resume: (results, time limit in ps) -> its result, its command and
    // step budget bound in (a run can be done again up to a failure foreseen after it).
    using RunCall = std::function<mram::Result(std::vector<int32_t>&, uint64_t)>;
    // An accepted run the harvest mode may cut after its acceptance: what undoes it and redoes it.
    struct Undo {
        uint32_t op = 0;
        unsigned bank = 0;
        sc_core::sc_time start, end;   // its bank's slot (to the would-be end when cut at acceptance)
        sc_core::sc_time work_end;     // the end of the steps it ran
        uint64_t latency_ps = 0;
        mram::MramArray::Snapshot before;  // its bank, the command in progress and the counters before it
        mram::Counters counters;           // what it counted
        RunCall run;
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

    // The descriptor as a model command and weight coding; false for an unknown opcode.
    bool decode(Command& command, mram::WeightCoding& coding) const;
    void start_command(const sc_core::sc_time& at);
    void resume_command(const sc_core::sc_time& at);
    // A run on `bank` unless its queue is full: `run(results)` calls the model; an accepted run
    // keeps the bank busy for its latency from when the bank is free.
    // `would_take_ps()`: the latency of a run that the power cut keeps from starting.
    template <class Estimate>
    void run_on_bank(unsigned bank, const sc_core::sc_time& at, const RunCall& run, Estimate would_take_ps);
    void reject(uint32_t code, const sc_core::sc_time& at, const char* why)
    {
        BankedCommandDevice::reject(code, at, m_desc.op, why);
    }
    uint64_t step_budget() const;
    double dynamic_energy_pj() const;
    CounterBase counters_now() const;
    uint32_t bank_bytes() const { return m_array.config().geometry.window_bytes_per_bank; }

    void trace_activity(unsigned bank, const sc_core::sc_time& start, const sc_core::sc_time& end);

    MramParams m_params;
    mram::MramArray m_array;
    sc_core::sc_time m_cycle;

    Descriptor m_desc;
    bool m_cut_pending = false;  // the command in progress was cut by m_power_cut
    int32_t m_result = 0;
    uint64_t m_busy_ps = 0;                // summed command latencies (bank time)
    std::vector<uint64_t> m_bank_busy_ps;  // per bank: commands and window accesses
    WindowCounters m_window;
    CounterBase m_base;
    std::vector<Undo> m_undo;  // harvest mode: accepted runs not yet ended, in order

    UnitBusyTrace m_trace_bank_busy;
    TraceSignal m_trace_opcode, m_trace_rows, m_trace_steps, m_trace_energy;
};

}  // namespace pimsoc
