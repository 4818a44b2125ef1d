// `pimsoc run --gdb`: the run control between a GDB connection (gdb::GdbServer) and the CPU's
// thread (CpuRunHook). While the target is halted the CPU's thread serves the debugger with
// blocking socket I/O, so the kernel does not run and simulated time stands still; while it runs,
// the socket is polled for Ctrl-C (or a debugger attaching) every few hundred slices.
#pragma once

#include <cstdint>
#include <string>

#include "common/sim_exit.h"
#include "cpu/cpu_debug_target.h"
#include "gdb/gdb_server.h"

namespace pimsoc {

class Soc;

struct GdbOptions {
    bool enabled = false;
    std::string host = "127.0.0.1";  // loopback only unless the user names an address
    uint16_t port = 0;               // 0: any free port (printed on stderr)
    bool wait = false;               // halt at the reset vector until a debugger attaches
};

class GdbRunControl : public CpuRunHook {
public:
    // Listens at once (throws gdb::SocketError) and prints the address on stderr.
    GdbRunControl(Soc& soc, SimulationExit& exit, const GdbOptions& options);
    ~GdbRunControl() override;

    uint16_t port() const { return m_server.port(); }

    uint64_t before_slice() override;
    void after_slice(const cpu::RunResult& result) override;
    bool halted() const override { return m_halted; }

    // Tells a connected debugger how the run ended (W exit status, or X signal for a limit or an
    // error); call after the kernel has stopped.
    void report_end(const SimulationExit& exit);

    // `monitor` commands: help, time, instructions, stats.
    std::string monitor(const std::string& line);

private:
    void halt(const gdb::StopEvent& event);
    void serve();

    Soc& m_soc;
    SimulationExit& m_exit;
    CpuDebugTarget m_target;
    gdb::GdbServer m_server;
    bool m_halted = false;
    bool m_stop_pending = false;  // a stop reply is owed (after resume/step, or Ctrl-C)
    gdb::StopEvent m_stop;
    bool m_stepping = false;
    unsigned m_slices_since_poll = 0;
};

}  // namespace pimsoc
