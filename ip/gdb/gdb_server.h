// One GDB connection at a time on a TCP port: the transport (gdb_socket.h), the framing
// (gdb_packet.h) and the protocol (gdb_stub.h) put together for a run control that calls
// serve_halted() while the target is halted and halt_requested() now and then while it runs.
// Pure C++ (no SystemC).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "gdb_packet.h"
#include "gdb_socket.h"
#include "gdb_stub.h"

namespace pimsoc::gdb {

class GdbServer {
public:
    // Listens on host:port (port 0: any free port); throws SocketError.
    GdbServer(DebugTarget& target, const std::string& host, uint16_t port);

    uint16_t port() const { return m_listener.port(); }
    bool connected() const { return m_connection != nullptr; }
    // Blocks until a debugger connects.
    void wait_for_connection();

    // While halted: answers packets until GDB resumes the target; returns resume, step, detach
    // (also when the connection closes) or kill.
    StubResponse::Action serve_halted();
    // While running, without blocking: true when the target must halt now (Ctrl-C, or a debugger
    // has just connected). A closed connection is dropped (the target keeps running).
    bool halt_requested();
    // Sends the stop reply of a halt that followed resume or step (or Ctrl-C).
    void report_stop(const StopEvent& event);
    // Sends the end of the program (GdbStub::exit_reply / signal_exit_reply), then closes.
    void report_end(const std::string& reply);

private:
    bool read_events(bool block);  // false: the connection is gone
    void send(const std::string& payload);
    void drop_connection();

    GdbStub m_stub;
    TcpListener m_listener;
    std::unique_ptr<TcpConnection> m_connection;
    PacketDecoder m_decoder;
    std::deque<WireEvent> m_pending;
    std::string m_last_packet;  // for a '-' (resend)
};

}  // namespace pimsoc::gdb
