// The racetrack-memory PIM controller as a SystemC/TLM-2.0 device: the register block
// (rtm_regs.h, on `socket`), the array as a data window (`window`: every access costs its shifts
// and its word reads/writes), commands that run on the in-memory compute cells of one bank for
// their modelled latency (BUSY until then; banks work in parallel), an interrupt line, the energy
// ledger and the `rtm` trace group. The behaviour and the costs are the pure model's
// (ip/rtm/model); this module maps registers, turns costs into time and drives the line.
// See docs/models/rtm.md.
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/ledger.h"
#include "common/mmio_target.h"
#include "common/scheduled_line.h"
#include "common/tracer.h"
#include "rtm/model/rtm_array.h"
#include "rtm/rtm_params.h"
#include "rtm/rtm_regs.h"

namespace pimsoc {

class Rtm : public MmioTarget {
public:
    // `socket` (inherited): the register block. `window`: the array, window_bytes() long.
    tlm_utils::simple_target_socket<Rtm> window;
    sc_core::sc_out<bool> irq;

    // Throws std::invalid_argument naming the bad "rtm.<key>".
    Rtm(sc_core::sc_module_name name, const RtmParams& params);

    uint64_t window_bytes() const { return m_array.capacity_bytes(); }
    rtm::RtmArray& array() { return m_array; }
    const rtm::RtmArray& array() const { return m_array; }
    sc_core::sc_time cycle() const { return m_cycle; }
    // Commands completed without error by simulated time `at`, and those rejected.
    uint64_t commands_completed() const { return m_completed; }
    uint64_t commands_rejected() const { return m_rejected; }

    // Events shift, read, write (operations), add_bit, mult_bit (cell bit slices), mac
    // (operations, no energy of their own); busy time = the banks' busy time / banks; leakage per
    // bank; area from the area model.
    void register_stats(Ledger& ledger);
    // The `rtm` trace group: busy per bank, opcode of the last command, cumulative shifts and
    // dynamic energy (at each command and window access), the offset of the DBC the last access
    // or command touched first.
    void trace_to(Tracer& tracer);

private:
    struct Descriptor {
        uint32_t op = 0, src_a = 0, src_b = 0, dst = 0, length = 0, count = 1, stride_a = 0, stride_b = 0;
        uint32_t init = 0, conv_in = 0, conv_k = 0, bias = 0;
    };
    struct CounterBase {  // CTRL.CLEAR_COUNTERS subtracts these
        rtm::Counters counters;
        double energy_pj = 0;
        uint64_t busy_ps = 0;
        uint64_t completed = 0;
    };

    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;
    uint64_t read_counter(uint64_t base_offset) const;
    uint32_t status(const sc_core::sc_time& at) const;
    uint32_t* descriptor_field(uint64_t offset);

    // Commands.
    void start_command(const sc_core::sc_time& at);
    rtm::Result run_descriptor(int32_t& last_result);
    void reject(rtm::RtmError code, const sc_core::sc_time& at, const char* why);
    void catch_up(const sc_core::sc_time& at);  // completions due by `at` set DONE
    void update_irq(const sc_core::sc_time& at);
    void drive_irq();

    // Data window.
    void window_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int window_transport_dbg(tlm::tlm_generic_payload& trans);

    void trace_activity(const rtm::Result& result, const sc_core::sc_time& start, const sc_core::sc_time& end,
                        uint64_t address);

    RtmParams m_params;
    rtm::RtmArray m_array;
    sc_core::sc_time m_cycle;

    Descriptor m_desc;
    uint32_t m_irq_en = 0;
    uint32_t m_irq_status = 0;
    uint32_t m_err_code = RTM_ERR_NONE;
    bool m_err = false;
    bool m_done = false;
    int32_t m_result = 0;
    std::vector<sc_core::sc_time> m_bank_free;  // when each bank's last command or access ends
    std::multiset<sc_core::sc_time> m_pending;  // completion times of accepted commands not yet retired
    uint64_t m_completed = 0;
    uint64_t m_rejected = 0;
    uint64_t m_busy_ps = 0;  // summed command latencies (bank time)
    CounterBase m_base;

    ScheduledLine m_irq_line;

    Tracer* m_tracer = nullptr;
    std::vector<TraceSignal> m_trace_bank_busy;
    TraceSignal m_trace_opcode, m_trace_shifts, m_trace_energy, m_trace_offset;
};

}  // namespace pimsoc
