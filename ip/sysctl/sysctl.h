// sysctl: the simulation-control device. Firmware reads the CPU's cycle and instruction counters,
// simulated and host time and user arguments, marks regions of interest and asks for a stats
// report. Registers in sysctl/sysctl_regs.h; see docs/models/sysctl.md.
//
// It depends on no other IP: the platform passes SysctlProbes (functions reading the CPU's
// counters at a given time, printing the stats).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <systemc>

#include "common/mmio_target.h"
#include "common/params.h"
#include "sysctl/sysctl_regs.h"

namespace pimsoc {

struct SysctlParams {
    uint32_t access_latency_ns = 10;  // per register access: 1 cycle of a 100 MHz peripheral bus (as the UART)
    std::array<uint32_t, SYSCTL_NUM_ARGS> args{};  // user arguments ARG0..ARG7, keys arg0..arg7

    void bind(const ParamBinder& b)
    {
        b.bind("access_latency_ns", access_latency_ns, "ns", "latency of one register access");
        for (unsigned i = 0; i < SYSCTL_NUM_ARGS; ++i) {
            b.bind("arg" + std::to_string(i), args[i], "",
                   "user argument " + std::to_string(i) + ": firmware reads it from ARG" + std::to_string(i));
        }
    }
};

// One write to the ROI register that named a region.
struct RoiMark {
    enum class Kind { begin, end };

    uint32_t id = 0;      // bits 23..0 of the write
    Kind kind = Kind::begin;
    sc_core::sc_time time;  // simulated time of the write (kernel time + annotated delay + latency)
    uint64_t cycles = 0;    // probes.cycles(time), 0 without a probe
    uint64_t instret = 0;   // probes.instret(time), 0 without a probe
    bool unmatched = false;  // an END with no open BEGIN of the same id (counted in ROI_UNMATCHED)
};

// What the platform provides. Any member may be empty: the counters then read 0, and a STATS
// request is only logged.
struct SysctlProbes {
    std::function<uint64_t(const sc_core::sc_time& at)> cycles;   // CPU mcycle at simulated time `at`
    std::function<uint64_t(const sc_core::sc_time& at)> instret;  // CPU minstret at simulated time `at`
    std::function<void()> print_stats;                           // prints the stats report now
    std::function<void(const RoiMark& mark)> roi_mark;           // each recorded mark (per-region stats)
    std::function<void(uint32_t id, const std::string& name)> roi_name;  // the firmware named a region
};

class Sysctl : public MmioTarget {
public:
    const SysctlParams params;

    Sysctl(sc_core::sc_module_name name, const SysctlParams& params, SysctlProbes probes);

    // Restores the reset values: SCRATCH = 0, ROI = 0, no open region, no pending region name. The
    // recorded marks, region names and counts (ROI_COUNT, ROI_UNMATCHED, ROI_INVALID, stats
    // requests) are a record of the whole run and are kept, and so is the command line.
    void reset() override;

    // The firmware's command line (ARGC, ARGS_BYTES, the argument window): argv[0] first. Throws
    // std::invalid_argument with command_line_problem()'s text when it does not fit.
    void set_command_line(const std::vector<std::string>& args);
    // "" when `args` fits the argument window, else one line saying the limit.
    static std::string command_line_problem(const std::vector<std::string>& args);

    // Names the firmware gave to regions (ROI_NAME_CHARS, ROI_NAME_ID); the last name of an id wins.
    const std::map<uint32_t, std::string>& roi_names() const { return m_roi_names; }

    // Every accepted ROI write in order (for the per-region stats report).
    const std::vector<RoiMark>& roi_marks() const { return m_marks; }
    uint64_t roi_unmatched() const { return m_roi_unmatched; }
    uint64_t roi_invalid() const { return m_roi_invalid; }
    uint64_t stats_requests() const { return m_stats_requests; }
    // Simulated time of the last STATS request (access time, as for the counters); lets the
    // print_stats callback know "when" although it runs before the CPU has synchronised.
    const sc_core::sc_time& last_stats_time() const { return m_last_stats_time; }

protected:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;

private:
    void start_of_simulation() override;

    // The 64-bit counter (CYCLES, INSTRET, SIM_TIME_NS, HOST_TIME_NS) at its base offset.
    uint64_t counter(uint64_t base, const sc_core::sc_time& at) const;
    uint64_t host_time_ns() const;
    void write_roi(const MmioAccess& access, uint32_t value);
    void write_stats(const MmioAccess& access, uint32_t value);
    void append_roi_name(uint32_t chars);
    void commit_roi_name(uint32_t id);
    uint32_t args_word(uint64_t offset) const;

    SysctlProbes m_probes;
    uint64_t m_ticks_per_ns;
    std::chrono::steady_clock::time_point m_host_start;
    bool m_started = false;

    // Register state (reset values in reset()).
    uint32_t m_scratch = 0;
    uint32_t m_roi_last = 0;
    std::map<uint32_t, uint64_t> m_open_regions;  // id -> BEGINs not yet ended

    std::string m_pending_name;  // ROI_NAME_CHARS since the last ROI_NAME_ID
    std::map<uint32_t, std::string> m_roi_names;
    std::vector<std::string> m_args;
    std::string m_args_bytes;  // the window's contents: each argument and its NUL

    std::vector<RoiMark> m_marks;
    uint64_t m_roi_unmatched = 0;
    uint64_t m_roi_invalid = 0;
    uint64_t m_stats_requests = 0;
    sc_core::sc_time m_last_stats_time;
};

}  // namespace pimsoc
