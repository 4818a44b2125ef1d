// CLINT (core-local interruptor) for one hart, SiFive layout (registers in clint/clint_regs.h):
// msip, mtimecmp and mtime. mtime is computed from simulated time at the timebase (no polling);
// MTIP is scheduled once per compare. See docs/models/clint.md.
#pragma once

#include <cstdint>

#include <systemc>

#include "clint/clint_regs.h"
#include "common/mmio_target.h"
#include "common/scheduled_line.h"
#include "common/params.h"

namespace pimsoc {

struct ClintParams {
    uint64_t timebase_hz = CLINT_DEFAULT_TIMEBASE_HZ;  // mtime frequency: 10 MHz as on QEMU virt
    uint32_t access_latency_ns = 10;    // per register access: 1 cycle of a 100 MHz peripheral bus

    void bind(const ParamBinder& b)
    {
        b.bind("timebase_hz", timebase_hz, "Hz", "mtime increments per second of simulated time");
        b.bind("access_latency_ns", access_latency_ns, "ns", "latency of one register access");
    }
};

class Clint : public MmioTarget {
public:
    sc_core::sc_out<bool> msip;  // machine software interrupt (hart 0)
    sc_core::sc_out<bool> mtip;  // machine timer interrupt (hart 0): mtime >= mtimecmp

    // Throws std::invalid_argument if timebase_hz is 0.
    Clint(sc_core::sc_module_name name, const ClintParams& params);

    // The value mtime has (or had) at simulated time t; feeds the CPU's time CSR.
    uint64_t mtime_at(const sc_core::sc_time& t) const;
    uint64_t mtimecmp() const { return m_mtimecmp; }
    bool msip_bit() const { return m_msip; }

    // Restores the reset values: mtime = 0 (now), mtimecmp = UINT64_MAX, msip = 0.
    void reset() override;

protected:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;

private:
    // An output line whose level changes are scheduled at given simulated times (an access's
    // annotated time, a compare time); later-scheduled changes are superseded by a new one.
    uint64_t raw_ticks(const sc_core::sc_time& t) const;          // timebase ticks since time 0
    sc_core::sc_time time_of_tick(uint64_t tick, bool& reachable) const;  // first time raw_ticks >= tick
    void write_mtime(const sc_core::sc_time& at, uint64_t value);
    void write_mtimecmp(const sc_core::sc_time& at, uint64_t value);
    void update_mtip(const sc_core::sc_time& at);  // after mtime or mtimecmp changed at `at`
    void drive_msip();
    void drive_mtip();

    ClintParams m_params;
    uint64_t m_mtime_offset = 0;  // mtime = raw_ticks(t) + m_mtime_offset (mod 2^64)
    uint64_t m_mtimecmp = UINT64_MAX;
    bool m_msip = false;
    double m_resolution_per_second;  // sc_time resolution units per second (1e12 for ps)
    ScheduledLine m_msip_line;
    ScheduledLine m_mtip_line;
};

}  // namespace pimsoc
