// The GDB remote serial protocol on one target: parses a packet's payload, calls the DebugTarget
// and returns the reply and what the run control must do (resume, step, detach, kill). Pure C++:
// no sockets, no SystemC (the transport is gdb_server.h; the run control is the caller's).
#pragma once

#include <cstdint>
#include <string>

#include "debug_target.h"

namespace pimsoc::gdb {

struct StubResponse {
    enum class Action : uint8_t {
        none,    // stay halted; send `reply`
        resume,  // continue (no reply now: a stop reply follows when the target halts)
        step,    // one instruction (no reply now: a stop reply follows)
        detach,  // send `reply` (OK), then resume without the debugger
        kill,    // end the simulation (no reply: GDB does not wait for one)
    };
    Action action = Action::none;
    std::string reply;  // payload (framing is the transport's); empty = "not supported"
};

class GdbStub {
public:
    // The largest packet GDB may send us (qSupported PacketSize), and memory reads are cut to
    // what fits in a reply of that size.
    static constexpr size_t max_packet_bytes = 0x4000;

    explicit GdbStub(DebugTarget& target) : m_target(target) {}

    StubResponse handle(const std::string& packet);

    // The stop reply for an event (`T05thread:1;`, `T05watch:ADDR;thread:1;`, `T02...` for Ctrl-C);
    // remembered for `?`.
    std::string stop_reply(const StopEvent& event);
    // A new debugger connection: the target halted for it (`?` answers SIGTRAP).
    void attached() { m_last_stop = attach_stop; }
    // The reply announcing the end of the program: `W` + exit status (0..255).
    static std::string exit_reply(uint8_t status) { return "W" + hex_byte(status); }
    // The program was terminated by a signal (GDB's numbering, e.g. 24 SIGXCPU for a limit).
    static std::string signal_exit_reply(uint8_t signal) { return "X" + hex_byte(signal); }

    // GDB's signal numbers used in stop replies.
    static constexpr uint8_t sigint = 2;
    static constexpr uint8_t sigtrap = 5;

private:
    static std::string hex_byte(uint8_t value);

    std::string read_registers();
    std::string write_registers(const std::string& hex);
    std::string read_register(const std::string& args);
    std::string write_register(const std::string& args);
    std::string read_memory(const std::string& args);
    std::string write_memory(const std::string& args, bool binary);
    std::string breakpoint(const std::string& packet);
    StubResponse resume(const std::string& args, StubResponse::Action action);
    StubResponse v_packet(const std::string& packet);
    std::string query(const std::string& packet);
    std::string features_read(const std::string& args);

    DebugTarget& m_target;
    static constexpr const char* attach_stop = "T05thread:1;";
    std::string m_last_stop = attach_stop;
};

}  // namespace pimsoc::gdb
