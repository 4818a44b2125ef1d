#include "gdb_run_control.h"

#include <cinttypes>
#include <cstdio>
#include <limits>
#include <sstream>

#include "soc.h"
#include "stats_report.h"

namespace pimsoc {
namespace {

// How often a running target looks at the socket: a poll() per slice would cost more than the
// slice; every 256 slices is a fraction of a millisecond of host time at the default quantum.
constexpr unsigned poll_interval_slices = 256;

// GDB's signal numbers for the ways a run ends other than a firmware exit.
constexpr uint8_t gdb_sigabrt = 6;
constexpr uint8_t gdb_sigxcpu = 24;  // a time or instruction limit

const char* const monitor_help =
    "monitor commands:\n"
    "  time          simulated time (the CPU's, which stands still while halted)\n"
    "  instructions  instructions retired, cycles busy and asleep\n"
    "  stats         the energy/stats report at this moment (as at the end of a run)\n"
    "  help          this list\n";

std::string trim(const std::string& text)
{
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

GdbRunControl::GdbRunControl(Soc& soc, SimulationExit& exit, const GdbOptions& options)
    : m_soc(soc), m_exit(exit), m_target(soc.cpu), m_server(m_target, options.host, options.port),
      m_halted(options.wait)
{
    m_target.set_monitor([this](const std::string& line) { return monitor(line); });
    soc.cpu.set_run_hook(this);
    std::fprintf(stderr, "pimsoc: gdb: listening on %s:%u%s\n", options.host.c_str(), unsigned{port()},
                 options.wait ? " (halted at the reset vector until a debugger attaches)" : "");
    std::fflush(stderr);
}

GdbRunControl::~GdbRunControl() { m_soc.cpu.set_run_hook(nullptr); }

uint64_t GdbRunControl::before_slice()
{
    if (!m_halted && ++m_slices_since_poll >= poll_interval_slices) {
        m_slices_since_poll = 0;
        const bool was_connected = m_server.connected();
        if (m_server.halt_requested()) {
            m_halted = true;
            // Ctrl-C owes GDB a stop reply; a debugger that has just attached asks with '?'.
            m_stop_pending = was_connected;
            m_stop = gdb::StopEvent{gdb::StopEvent::Why::interrupted};
        }
        m_soc.cpu.core().set_debugger_attached(m_server.connected());
    }
    if (m_halted) {
        serve();
    }
    return m_stepping ? 1 : std::numeric_limits<uint64_t>::max();
}

void GdbRunControl::after_slice(const cpu::RunResult& result)
{
    const bool stepped = m_stepping;
    if (m_stepping) {
        m_stepping = false;
        m_soc.cpu.core().set_single_stepping(false);
    }
    // A halt before the instruction (a breakpoint or a trigger, also during a step) says why.
    if (result.reason == cpu::StopReason::debug_halt) {
        const cpu::RvCore::DebugHaltCause& cause = m_soc.cpu.core().debug_halt_cause();
        halt(cause.trigger ? m_target.triggers()->stop_event(cause.trigger_index, cause.addr)
                           : gdb::StopEvent{gdb::StopEvent::Why::breakpoint});
    } else if (stepped) {
        halt(gdb::StopEvent{gdb::StopEvent::Why::step});
    }
}

// The stop reply is sent when the thread next serves the debugger: if the run ends first (the
// instruction was the firmware's exit), GDB gets the exit instead.
void GdbRunControl::halt(const gdb::StopEvent& event)
{
    m_halted = true;
    m_stop_pending = true;
    m_stop = event;
}

void GdbRunControl::serve()
{
    cpu::RvCore& core = m_soc.cpu.core();
    while (m_halted) {
        if (!m_server.connected()) {
            m_server.wait_for_connection();  // --gdb-wait: nothing runs until a debugger attaches
        }
        core.set_debugger_attached(true);
        if (m_stop_pending) {
            m_stop_pending = false;
            m_server.report_stop(m_stop);
        }
        using Action = gdb::StubResponse::Action;
        switch (m_server.serve_halted()) {
        case Action::resume: m_halted = false; break;
        case Action::step:
            m_halted = false;
            m_stepping = true;
            core.set_single_stepping(true);
            break;
        case Action::none:  // not returned by serve_halted
        case Action::detach:
            m_halted = false;
            core.set_debugger_attached(false);
            core.remove_debug_triggers();  // they would halt a run nobody debugs
            break;
        case Action::kill:
            m_halted = false;
            core.set_debugger_attached(false);
            core.remove_debug_triggers();
            m_exit.report(ExitKind::killed, 0, "the debugger ended the simulation (gdb kill)", m_soc.cpu.now());
            break;
        }
    }
}

void GdbRunControl::report_end(const SimulationExit& exit)
{
    switch (exit.kind()) {
    case ExitKind::firmware: m_server.report_end(gdb::GdbStub::exit_reply(static_cast<uint8_t>(exit.code() & 0xff))); break;
    case ExitKind::time_limit:
    case ExitKind::instruction_limit: m_server.report_end(gdb::GdbStub::signal_exit_reply(gdb_sigxcpu)); break;
    case ExitKind::killed: break;  // GDB asked for it and does not wait for a reply
    case ExitKind::running:
    case ExitKind::stalled:
    case ExitKind::error: m_server.report_end(gdb::GdbStub::signal_exit_reply(gdb_sigabrt)); break;
    }
}

std::string GdbRunControl::monitor(const std::string& line)
{
    const std::string command = trim(line);
    Cpu& cpu = m_soc.cpu;
    char text[200];
    if (command == "time") {
        const sc_core::sc_time now = cpu.now();
        std::snprintf(text, sizeof text, "simulated time: %s (%.9f s)\n", now.to_string().c_str(), now.to_seconds());
        return text;
    }
    if (command == "instructions") {
        std::snprintf(text, sizeof text,
                      "instructions retired: %" PRIu64 ", cycles busy: %" PRIu64 ", cycles asleep: %" PRIu64 "\n",
                      cpu.instructions(), cpu.cycles(), cpu.sleep_cycles());
        return text;
    }
    if (command == "stats") {
        std::ostringstream out;
        const sc_core::sc_time now = cpu.now();
        write_stats_text(out, m_soc.stats_report(now), "stats at " + now.to_string() + " (gdb monitor)");
        return out.str();
    }
    if (command == "help" || command.empty()) {
        return monitor_help;
    }
    return "unknown monitor command '" + command + "' (try 'monitor help')\n";
}

}  // namespace pimsoc
