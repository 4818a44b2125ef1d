// The racetrack-memory PIM controller as a SystemC/TLM-2.0 device: a command device (the common
// register block, counters, interrupt and reset of common/command_device.h) whose descriptor
// (rtm_regs.h) runs on the in-memory compute cells of one bank for its modelled latency (BUSY
// until then; banks work in parallel, each with a bounded command queue), and whose array is a
// costed data window (`window`: every access costs its shifts and word reads/writes). The
// behaviour and the costs are the pure model's (ip/rtm/model); this module decodes the
// descriptor, turns costs into time, and reports to the ledger and the `rtm` trace group.
// See docs/models/rtm.md.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include <systemc>

#include "common/banked_command_device.h"
#include "common/data_window.h"
#include "common/ledger.h"
#include "common/tracer.h"
#include "common/unit_busy_trace.h"
#include "rtm/model/rtm_array.h"
#include "rtm/rtm_params.h"
#include "rtm/rtm_regs.h"

namespace pimsoc {

class Rtm : public BankedCommandDevice, private DataWindowModel {
public:
    // `socket` (inherited): the register block. `window`: the array, window_bytes() long.
    DataWindow window;

    // Throws std::invalid_argument naming the bad "rtm.<key>".
    Rtm(sc_core::sc_module_name name, const RtmParams& params);

    uint64_t window_bytes() const override { return m_array.capacity_bytes(); }
    rtm::RtmArray& array() { return m_array; }
    const rtm::RtmArray& array() const { return m_array; }
    sc_core::sc_time cycle() const { return m_cycle; }

    // Harvest mode: a command running across `at` leaves none of its results, nor do those queued
    // behind it on its bank; counters pro rata (docs/models/rtm_controller.md, "Power failure").
    void cut_at_power_failure(const sc_core::sc_time& at) override;

    // Events shift, read, write (operations), add_bit, mult_bit (cell bit slices), mac
    // (operations, no energy of their own); busy time = the banks' busy time / banks; leakage per
    // bank; area from the area model.
    void register_stats(Ledger& ledger) override;
    // The `rtm` trace group: busy per bank, opcode of the last command, cumulative shifts and
    // dynamic energy (at each command and window access), the offset of the DBC the last access
    // or command touched first.
    void trace_to(Tracer& tracer) override;

private:
    struct Descriptor {
        uint32_t op = 0, src_a = 0, src_b = 0, dst = 0, length = 0, count = 1, stride_a = 0, stride_b = 0;
        uint32_t init = 0, conv_in = 0, conv_k = 0, bias = 0;
    };
    using Command = std::variant<rtm::ElementwiseCommand, rtm::DotCommand, rtm::Conv2dCommand>;
    using CounterBase = CounterSnapshot<rtm::Counters>;
    // An accepted command the harvest mode may cut after its acceptance: what undoes it.
    struct Undo {
        uint32_t op = 0;
        uint32_t bank = 0;
        sc_core::sc_time start, end;
        rtm::Cost cost;
        std::vector<uint8_t> before;  // its bank's bytes before it ran
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

    // The descriptor as a model command; false for an unknown opcode.
    bool decode(Command& command) const;
    void start_command(const sc_core::sc_time& at);
    CounterBase counters_now() const;
    // The model's counters and dynamic energy less the work of commands cut by a power failure
    // after the failure (docs/models/rtm_controller.md, "Power failure").
    rtm::Counters counted() const { return m_array.counters() - m_cut_off; }
    double counted_energy_pj() const { return m_array.unit_costs().energy(counted()).total_pj(); }
    // `command` is cut by the failure at `cut` (not after its earlier cut, if any): its bank's
    // bytes put back as they were before it (none of its results, nor those of the commands
    // queued behind it), only its part before the failure counted (time-proportional). Returns
    // the energy of that part.
    double cut_command(const Undo& command, const sc_core::sc_time& cut);
    // The bytes of the bank a command writes (its results' bank), as they are before it runs.
    std::vector<uint8_t> bank_bytes_of(uint32_t bank) const;
    void restore_bank(uint32_t bank, const std::vector<uint8_t>& bytes);

    void trace_activity(unsigned bank, const sc_core::sc_time& start, const sc_core::sc_time& end, uint64_t address);

    RtmParams m_params;
    rtm::RtmArray m_array;
    sc_core::sc_time m_cycle;

    Descriptor m_desc;
    int32_t m_result = 0;
    uint64_t m_busy_ps = 0;  // summed command latencies (bank time)
    CounterBase m_base;
    rtm::Counters m_cut_off;           // cut commands' work after the failure: never done
    uint64_t m_cut_off_bank_ps = 0;    // and their bank time after it
    std::vector<Undo> m_undo;          // harvest mode: accepted commands not yet ended, in order

    UnitBusyTrace m_trace_bank_busy;
    TraceSignal m_trace_opcode, m_trace_shifts, m_trace_energy, m_trace_offset;
};

}  // namespace pimsoc
