// PLIC (platform-level interrupt controller), SiFive layout subset (registers in plic/plic_regs.h):
// up to 32 level-triggered sources (ids 1..31), one context (hart 0 M-mode) driving meip.
// See docs/models/plic.md.
#pragma once

#include <cstdint>

#include <systemc>

#include "common/mmio_target.h"
#include "common/scheduled_line.h"
#include "common/params.h"
#include "plic/plic_regs.h"

namespace pimsoc {

struct PlicParams {
    uint32_t sources = 32;            // source ids 0..sources-1 exist (0 = none); at most 32
    uint32_t priority_bits = 3;       // priority and threshold width: 0..7 as on the FU540
    uint32_t access_latency_ns = 10;  // per register access: 1 cycle of a 100 MHz peripheral bus

    void bind(const ParamBinder& b)
    {
        b.bind("sources", sources, "", "interrupt source ids 0..sources-1 (0 = none), at most 32");
        b.bind("priority_bits", priority_bits, "bits", "width of the priority and threshold registers (1..8)");
        b.bind("access_latency_ns", access_latency_ns, "ns", "latency of one register access");
    }
};

class Plic : public MmioTarget {
public:
    sc_core::sc_vector<sc_core::sc_in<bool>> sources{"sources", PLIC_MAX_SOURCES};  // index = source id
    sc_core::sc_out<bool> meip;  // machine external interrupt of context 0 (hart 0 M-mode)

    // Throws std::invalid_argument for sources outside 1..32 or priority_bits outside 1..8.
    Plic(sc_core::sc_module_name name, const PlicParams& params);

    // State, for tests and the platform's inspection.
    uint32_t pending_bits() const { return m_pending; }
    uint32_t claimed_bits() const { return m_claimed; }
    uint32_t enable_bits() const { return m_enable; }

    // Restores the reset values: priorities, enables, threshold, pending and claims all 0.
    void reset() override;

protected:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;

private:
    void sample_sources();                 // SC_METHOD: gateways see the source lines
    void update_pending();                 // pending = line high and not claimed (level-triggered)
    unsigned best_candidate() const;       // what a claim would return (0 = nothing)
    void update_meip(const sc_core::sc_time& at);
    void drive_meip();

    PlicParams m_params;
    uint32_t m_valid_sources;  // mask of ids 1..sources-1
    uint32_t m_priority_mask;
    uint32_t m_priority[PLIC_MAX_SOURCES] = {};
    uint32_t m_levels = 0;     // source lines as last sampled
    uint32_t m_pending = 0;
    uint32_t m_claimed = 0;    // claimed, not yet completed (gateway closed)
    uint32_t m_enable = 0;
    uint32_t m_threshold = 0;
    ScheduledLine m_meip_line;
};

}  // namespace pimsoc
