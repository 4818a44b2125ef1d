// Memory-to-memory DMA engine: 1-D and 2-D (strided) copies described in registers
// (dma/dma_regs.h), a small descriptor queue, a completion/error interrupt, and 64-bit counters.
// It is a command device (common/command_device.h: the common register block, counters,
// interrupt and reset) and a second bus initiator: an SC_THREAD moves the data
// with b_transport in bursts of burst_bytes, as a temporally decoupled initiator whose timing is
// what the bus annotates: the targets' latencies + the bus hop + the bus occupancy of each burst
// (ceil(burst / bus width) bus cycles) + any wait for the shared bus. See docs/models/dma.md.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

#include "common/ledger.h"
#include "common/command_device.h"
#include "common/params.h"
#include "common/tracer.h"
#include "dma/dma_regs.h"

namespace pimsoc {

// Defaults and their sources: docs/models/dma.md.
struct DmaParams {
    uint32_t bus_width_bytes = 4;     // data path width reported in CAPS (timing: the bus's width_bytes)
    uint32_t burst_bytes = 64;        // largest bus transaction (16 beats of 4 B, an AXI4 INCR16)
    uint32_t queue_depth = 4;         // descriptors that can wait behind the running one
    uint32_t access_latency_ns = 10;  // per register access: 1 cycle of a 100 MHz peripheral bus
    uint32_t setup_cycles = 4;        // per descriptor: register-to-backend handoff, address generation
    uint64_t clock_hz = 100'000'000;  // engine clock
    // Energy ledger (estimates, docs/models/dma.md): the engine's own logic and buffer; the bus and
    // the memories bill the transfers' traffic themselves.
    double energy_pj_per_descriptor = 5.0;  // register handoff, address generation set-up
    double energy_pj_per_transfer = 2.0;    // per bus transaction issued (burst control)
    double energy_pj_per_byte = 0.2;        // staging buffer write + read per byte moved
    double leakage_uw = 5.0;
    double area_um2 = 10000.0;

    void bind(const ParamBinder& b)
    {
        b.bind("energy_pj_per_descriptor", energy_pj_per_descriptor, "pJ", "dynamic energy per descriptor run; estimate");
        b.bind("energy_pj_per_transfer", energy_pj_per_transfer, "pJ",
               "dynamic energy per bus transaction issued (read or write burst); estimate");
        b.bind("energy_pj_per_byte", energy_pj_per_byte, "pJ", "dynamic energy per byte moved (staging buffer); estimate");
        b.bind("leakage_uw", leakage_uw, "uW", "static power of the engine; estimate");
        b.bind("area_um2", area_um2, "um2", "engine area including its burst buffer; estimate");
        // bus_width_bytes is not a key of its own: the SoC sets it from bus.width_bytes.
        b.bind("burst_bytes", burst_bytes, "B", "largest bus transaction (1..65535)");
        b.bind("queue_depth", queue_depth, "", "descriptors that can wait behind the running one (0..255)");
        b.bind("access_latency_ns", access_latency_ns, "ns", "latency of one register access");
        b.bind("setup_cycles", setup_cycles, "cycles", "fixed cost per descriptor before its first burst");
        b.bind("clock_hz", clock_hz, "Hz", "engine clock (beat time, setup, busy-cycle counter)");
    }
};

class Dma : public CommandDevice {
public:
    // `socket` (inherited): the register block. `bus`: the engine's data port (bind to the bus).
    // `irq` (inherited): the completion/error line.
    tlm_utils::simple_initiator_socket<Dma> bus;

    // Throws std::invalid_argument for parameters out of the ranges documented in bind().
    Dma(sc_core::sc_module_name name, const DmaParams& params);

    // reset() (inherited) restores the documented reset values: it drops queued work; a running
    // descriptor finishes its timing but reports nothing.

    const DmaParams& params() const { return m_params; }
    sc_core::sc_time cycle() const { return m_cycle; }
    // Host-side views (state as of the current kernel time).
    uint64_t bytes_moved() const { return m_bytes_moved; }
    uint64_t descriptors_done() const { return m_descs_done; }
    uint64_t bus_errors() const { return m_bus_errors; }
    // Harvest mode (set by the SoC only there, docs/power.md): `before(at, until)` before each
    // burst is issued, with the burst's time and a time past its end (the brown-out forecast brought
    // up to there, so that a brown-out foreseen by then cuts its write in main memory), and
    // `after(start, end)` once it is issued (the ledger counts its energy then, ahead of kernel
    // time: the SoC charges it over the burst's run).
    struct BurstListener {
        std::function<void(const sc_core::sc_time& at, const sc_core::sc_time& until)> before;
        std::function<void(const sc_core::sc_time& start, const sc_core::sc_time& end)> after;
    };
    void set_burst_listener(BurstListener listener) { m_burst_listener = std::move(listener); }

    // Events: descriptor, transfer (bus transactions issued), byte (moved); busy time = time a
    // descriptor was on the engine. Monotonic (CTRL.CLEAR_COUNTERS does not touch them).
    void register_stats(Ledger& ledger) override;

    // Declares the `dma` trace group's signals when the tracer has it on: busy (a descriptor is
    // on the engine), descriptor (how many have started), bytes (moved, at each burst's time).
    void trace_to(Tracer& tracer) override;

private:
    struct Descriptor {
        uint32_t src = 0;
        uint32_t dst = 0;
        uint32_t rows = 1;
        uint32_t row_bytes = 0;
        uint32_t src_stride = 0;
        uint32_t dst_stride = 0;
        sc_core::sc_time submitted;  // access time of the CMD write: the earliest start
    };

    // The descriptor on the engine: its outcome is computed when it starts and takes effect at
    // `end` (see catch_up()).
    struct InFlight {
        bool active = false;
        bool known = false;  // end, bytes and error are computed (the last burst was issued)
        sc_core::sc_time start;
        sc_core::sc_time ledger_start;  // start for the ledger (start moves on CLEAR_COUNTERS)
        sc_core::sc_time end;
        uint64_t bytes = 0;  // written to the destination
        uint32_t error = DMA_ERR_NONE;
        uint32_t error_addr = 0;
        uint64_t generation = 0;  // reset() makes older outcomes void
    };

    // CommandDevice
    RegStatus read_device_register(const MmioAccess& access, uint32_t& value) override;
    RegStatus write_device_register(const MmioAccess& access, uint32_t value) override;
    void command(uint32_t value, const sc_core::sc_time& time) override;
    uint64_t counter(unsigned index, const sc_core::sc_time& time) const override;
    void clear_counters(const sc_core::sc_time& time) override;
    bool busy(const sc_core::sc_time&) const override { return busy(); }
    uint32_t device_status(const sc_core::sc_time& time) const override;
    // Applies the running descriptor's outcome if `time` has reached its end, so that register
    // accesses made ahead of kernel time (temporal decoupling) see the state at their own time.
    void catch_up(const sc_core::sc_time& time) override;
    void clear_device_status() override { m_err_addr = 0; }
    void reset_device() override;

    uint32_t check_descriptor(const Descriptor& d) const;
    void report_error(uint32_t code, uint32_t address, const sc_core::sc_time& time);
    bool busy() const { return m_inflight.active || !m_queue.empty(); }
    // Descriptors accepted and not finished: the running one (or the next to start) + those waiting.
    uint64_t pending() const { return m_queue.size() + (m_inflight.active ? 1 : 0); }
    uint64_t busy_cycles_at(const sc_core::sc_time& time) const;

    void engine_thread();
    // Issues the bursts of one descriptor starting now and fills m_inflight's outcome.
    void execute(const Descriptor& d);
    // One bus transaction at absolute time `t` (>= now), which advances past it. False on an error.
    bool transfer(tlm::tlm_command command, uint64_t address, unsigned length, sc_core::sc_time& t);

    void invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64) {}

    DmaParams m_params;
    sc_core::sc_time m_cycle;

    // Registers
    uint32_t m_err_addr = 0;
    Descriptor m_desc;  // SRC..DST_STRIDE
    uint64_t m_bytes_moved = 0;
    uint64_t m_descs_done = 0;
    uint64_t m_busy_cycles = 0;  // of retired descriptors
    uint64_t m_bus_errors = 0;

    // Ledger counters (monotonic)
    uint64_t m_ledger_descriptors = 0;
    uint64_t m_ledger_transfers = 0;
    uint64_t m_ledger_bytes = 0;
    sc_core::sc_time m_ledger_busy;  // of finished descriptors

    // Engine
    std::deque<Descriptor> m_queue;
    InFlight m_inflight;
    uint64_t m_generation = 0;
    sc_core::sc_event m_work_event;
    std::vector<uint8_t> m_buffer;
    tlm::tlm_generic_payload m_trans;
    BurstListener m_burst_listener;

    // Tracing
    TraceSignal m_trace_busy, m_trace_descriptor, m_trace_bytes;  // descriptor, bytes: the ledger counters
};

}  // namespace pimsoc
