#include "gdb_server.h"

#include <vector>

namespace pimsoc::gdb {

GdbServer::GdbServer(DebugTarget& target, const std::string& host, uint16_t port)
    : m_stub(target), m_listener(host, port)
{
}

void GdbServer::wait_for_connection()
{
    while (!m_connection) {
        const int fd = m_listener.accept_connection(true);
        if (fd >= 0) {
            m_connection = std::make_unique<TcpConnection>(fd);
            m_stub.attached();
        }
    }
}

bool GdbServer::read_events(bool block)
{
    char buffer[4096];
    const long n = m_connection->read_some(buffer, sizeof buffer, block);
    if (n == 0) {
        return false;
    }
    if (n > 0) {
        std::vector<WireEvent> events;
        m_decoder.feed(buffer, static_cast<size_t>(n), events);
        m_pending.insert(m_pending.end(), events.begin(), events.end());
    }
    return true;
}

void GdbServer::send(const std::string& payload)
{
    m_last_packet = encode_packet(payload);
    if (m_connection && !m_connection->write_all(m_last_packet)) {
        drop_connection();
    }
}

void GdbServer::drop_connection()
{
    m_connection.reset();
    m_pending.clear();
    m_decoder = PacketDecoder{};
}

StubResponse::Action GdbServer::serve_halted()
{
    using Action = StubResponse::Action;
    while (m_connection) {
        if (m_pending.empty()) {
            if (!read_events(true)) {
                break;
            }
            continue;
        }
        const WireEvent event = std::move(m_pending.front());
        m_pending.pop_front();
        switch (event.kind) {
        case WireEvent::Kind::ack:
        case WireEvent::Kind::interrupt: continue;  // already halted
        case WireEvent::Kind::nack: m_connection->write_all(m_last_packet); continue;
        case WireEvent::Kind::bad_packet: m_connection->write_all("-"); continue;
        case WireEvent::Kind::packet: break;
        }
        m_connection->write_all("+");
        const StubResponse response = m_stub.handle(event.payload);
        switch (response.action) {
        case Action::none: send(response.reply); break;
        case Action::resume:
        case Action::step: return response.action;
        case Action::detach:
            send(response.reply);
            drop_connection();
            return Action::detach;
        case Action::kill: drop_connection(); return Action::kill;
        }
        if (response.action == Action::none && !m_connection) {
            break;
        }
    }
    drop_connection();
    return Action::detach;  // the debugger went away: the target runs on
}

bool GdbServer::halt_requested()
{
    if (!m_connection) {
        const int fd = m_listener.accept_connection(false);
        if (fd < 0) {
            return false;
        }
        m_connection = std::make_unique<TcpConnection>(fd);
        m_stub.attached();
        return true;  // a debugger attaching halts the target
    }
    if (!read_events(false)) {
        drop_connection();
        return false;
    }
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->kind == WireEvent::Kind::interrupt) {
            m_pending.erase(it);
            return true;
        }
    }
    return false;
}

void GdbServer::report_stop(const StopEvent& event) { send(m_stub.stop_reply(event)); }

void GdbServer::report_end(const std::string& reply)
{
    if (m_connection) {
        send(reply);
        drop_connection();
    }
}

}  // namespace pimsoc::gdb
