// The SOT-MRAM bit-wise CNN accelerator (Roohi, Angizi, Fan, DeMara, ISQED 2019): banks of
// computational sub-arrays and an operand window per bank. A command (the shared DOT, CONV or MVM
// descriptor, pim/model/descriptors.h, with 1..8-bit operands) is computed exactly with the
// sub-array operations: the operands' bit planes are written into rows (layout.h), every term of
// the AND-accumulation (bit_planes.h) is one dual-row AND sense of all sub-arrays in lock step
// followed by each segment's bit-count, shift and add, and a reduction adds the chunks of each dot
// product into its output. Every operation is counted; the cost is returned per call.
//
// Non-volatile partial state (config nv.nv_partial_state): the accumulators, the partial outputs
// and the progress record (the index of the next step) are kept in MRAM cells, each update an
// extra write. lose_power() clears what is volatile; resume() continues a command from its
// progress record, redoing no finished step. Without it, a power loss drops the command.
//
// Typical use by a wrapper (docs/models/mram.md):
//   pimsoc::mram::MramConfig config;                    // bind its members under "mram."
//   if (auto e = validate(config); !e.empty()) -> configuration error e
//   MramArray mram(config);
//   mram.load(offset, bytes, n);                        // operands into the window (no cost here)
//   Result r = mram.run(DotCommand{...}, &results);     // r.error -> ERR_CODE, r.cost -> time, energy
// Timing is per call: a call starts with its bank idle and returns its latency; a wrapper
// serialises calls on one bank and may overlap banks.
// Pure C++17, no SystemC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "area.h"
#include "bit_planes.h"
#include "cost.h"
#include "layout.h"
#include "mram_config.h"
#include "operands.h"
#include "plane_rows.h"
#include "pim/model/descriptors.h"
#include "pim/model/error.h"
#include "pim/model/regions.h"
#include "subarray.h"

namespace pimsoc::mram {

using pim::Conv2dCommand;
using pim::DotCommand;
using pim::MvmCommand;
using MramError = pim::Error;

// A command's units (output x chunk) beyond this are too_large (bounds a command's host time).
constexpr uint64_t max_units = 1ull << 24;

struct RunOptions {
    WeightCoding coding = WeightCoding::plain;
    // Steps to run in this call; the command stays in progress when it has more (resume()).
    uint64_t max_steps = std::numeric_limits<uint64_t>::max();
    // A power cut this long after the call starts: a step that would end after it is not run, nor
    // any after it (the command stays in progress with the steps done before the cut, as a loss
    // inside a step leaves it; with nv_partial_state a RESUME after lose_power() continues it).
    uint64_t time_limit_ps = std::numeric_limits<uint64_t>::max();
};

// Where a command in progress is.
struct Progress {
    bool active = false;
    uint32_t bank = 0;
    uint64_t steps_done = 0;
    uint64_t steps_total = 0;
};

class MramArray {
public:
    // Throws std::invalid_argument with validate()'s message for a bad config. Rows and window 0.
    explicit MramArray(const MramConfig& config);
    ~MramArray();

    const MramConfig& config() const { return m_config; }
    const UnitCosts& unit_costs() const { return m_units; }
    uint64_t window_bytes() const { return m_window.size(); }

    // The operand window (packed operands, biases, results): bank b is [b W, (b+1) W) with W =
    // window_bytes_per_bank. Back door without cost (the wrapper prices its bus accesses). False
    // (nothing done) outside the window.
    bool load(uint64_t address, const void* data, size_t length);
    bool dump(uint64_t address, void* data, size_t length) const;

    // What run() would reject, in this order: bad_type (a type not 1..8 bits, or +-1 weights not
    // u1), the descriptor's validate(), its regions in the window (out_of_range, misaligned,
    // cross_bank, overlap), too_large (more than max_units units).
    MramError check(const DotCommand& cmd, WeightCoding coding = WeightCoding::plain) const;
    MramError check(const Conv2dCommand& cmd, WeightCoding coding = WeightCoding::plain) const;
    MramError check(const MvmCommand& cmd, WeightCoding coding = WeightCoding::plain) const;

    // Starts a command (busy while one is in progress) and runs up to options.max_steps steps.
    // When it completes, its int32 results (init + dot product, modulo 2^32) are returned in
    // *results (if given) and written to dst (with write_result).
    Result run(const DotCommand& cmd, std::vector<int32_t>* results = nullptr,
               const RunOptions& options = {});
    Result run(const Conv2dCommand& cmd, std::vector<int32_t>* results = nullptr,
               const RunOptions& options = {});
    Result run(const MvmCommand& cmd, std::vector<int32_t>* results = nullptr,
               const RunOptions& options = {});

    // Continues the command in progress for up to max_steps steps (after a power loss, first
    // reading back its non-volatile state). bad_cmd when no command is in progress.
    Result resume(std::vector<int32_t>* results = nullptr,
                  uint64_t max_steps = std::numeric_limits<uint64_t>::max(),
                  uint64_t time_limit_ps = std::numeric_limits<uint64_t>::max());

    // The latency a run of the whole command would take, without running it (a checked command).
    uint64_t latency_ps(const DotCommand& cmd, WeightCoding coding = WeightCoding::plain) const;
    uint64_t latency_ps(const Conv2dCommand& cmd, WeightCoding coding = WeightCoding::plain) const;
    uint64_t latency_ps(const MvmCommand& cmd, WeightCoding coding = WeightCoding::plain) const;
    // The latency of what is left of the command in progress (its restore read included after a
    // loss); 0 when none.
    uint64_t remaining_ps() const;

    // What a run or resume on `bank` can change: its sub-arrays' rows, its window (the results),
    // the command in progress and the counters. restore() puts them back as they were, as if the
    // run had not happened (the harvest mode reruns a command a failure foreseen after its
    // acceptance cuts: docs/models/mram_controller.md).
    struct Snapshot;
    Snapshot snapshot(uint32_t bank) const;
    void restore(const Snapshot& snapshot);

    // Power failure between two steps: the rows and the window stay (MRAM); the accumulators,
    // partial outputs and progress stay only with nv_partial_state, else the command is dropped.
    void lose_power();

    Progress progress() const;
    const Subarray& subarray(uint32_t bank, uint32_t index) const;
    const Counters& counters() const { return m_counters; }       // monotonic since construction
    Energy energy() const { return m_units.energy(m_counters); }  // dynamic, by event type
    AreaBreakdown area() const { return total_area(m_config); }

private:
    struct Operation;

    MramError check_types(pim::ElemType activation, pim::ElemType weight, WeightCoding coding) const;
    MramError check_units(uint64_t outputs, uint32_t length) const;
    // The initial values and the destination of a command's outputs.
    struct Outputs {
        int32_t init = 0;
        bool has_bias = false;
        uint32_t bias = 0;
        bool write_result = false;
        uint32_t dst = 0;
    };
    // A command's AND-accumulation terms and layout.
    struct Plan {
        std::vector<Term> terms;
        Layout layout;
    };
    Plan plan(const OperandSource& source, WeightCoding coding) const;
    uint64_t latency_ps(const OperandSource& source, WeightCoding coding) const;
    Result start(const OperandSource& source, uint32_t bank, const Outputs& outputs,
                 std::vector<int32_t>* results, const RunOptions& options);
    Result advance(std::vector<int32_t>* results, uint64_t max_steps, uint64_t time_limit_ps, Cost cost);
    // The latency of step `step` of a command (its non-volatile update included), before running it.
    uint64_t step_ps(const Layout& layout, const std::vector<Term>& terms, uint64_t step) const;
    uint64_t nv_ps() const { return m_config.nv.nv_partial_state ? m_units.write_ps : 0; }
    void run_step(Operation& op, Counters& c);
    void load_row(Operation& op, uint32_t group, uint32_t row, Counters& c);
    void sense_term(Operation& op, uint32_t group, const Term& term, Counters& c);
    void reduce(Operation& op, Counters& c);
    void nv_commit(uint64_t bits, Counters& c) const;
    void finish(Operation& op, std::vector<int32_t>* results);

    MramConfig m_config;
    UnitCosts m_units;
    pim::BankedMemory m_memory;
    std::vector<uint8_t> m_window;
    std::vector<Subarray> m_subarrays;  // bank-major
    std::unique_ptr<Operation> m_op;
    bool m_restore_pending = false;
    Counters m_counters;
};

struct MramArray::Snapshot {
    uint32_t bank = 0;
    std::vector<Subarray> subarrays;
    std::vector<uint8_t> window;
    std::shared_ptr<const Operation> op;  // null: none in progress
    bool restore_pending = false;
    Counters counters;
};

}  // namespace pimsoc::mram
