// The stub's TCP transport against a real socket on 127.0.0.1 (any free port): acknowledgements,
// '-' for a bad checksum, a resend on '-', the resume actions, Ctrl-C while running, detach, a
// dropped connection and a second debugger attaching (which halts the target).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>

#include "fake_target.h"
#include "gdb/gdb_packet.h"
#include "gdb/gdb_server.h"

namespace pimsoc::gdb {
namespace {

using Action = StubResponse::Action;

// The debugger's side: a blocking TCP client that reads exactly what it expects.
class Client {
public:
    explicit Client(uint16_t port) : m_fd(socket(AF_INET, SOCK_STREAM, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Client() { close(m_fd); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    bool connected() const { return m_connected; }
    void send_raw(const std::string& bytes) { ASSERT_EQ(::send(m_fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size())); }
    std::string read_exactly(size_t length)
    {
        std::string text;
        while (text.size() < length) {
            char buffer[256];
            const ssize_t n = recv(m_fd, buffer, std::min(sizeof buffer, length - text.size()), 0);
            if (n <= 0) {
                break;
            }
            text.append(buffer, static_cast<size_t>(n));
        }
        return text;
    }

private:
    int m_fd;
    bool m_connected = false;
};

class GdbServerTest : public ::testing::Test {
protected:
    FakeTarget m_target;
    GdbServer m_server{m_target, "127.0.0.1", 0};
};

TEST_F(GdbServerTest, ListensOnAnyFreePortAndRefusesABadAddress)
{
    EXPECT_NE(m_server.port(), 0u);
    EXPECT_FALSE(m_server.connected());
    EXPECT_FALSE(m_server.halt_requested());  // nobody there: keep running
    EXPECT_THROW(GdbServer(m_target, "127.0.0.1", m_server.port()), SocketError);  // in use
    EXPECT_THROW(GdbServer(m_target, "no.such.host.invalid", 0), SocketError);
}

TEST_F(GdbServerTest, AcknowledgesRepliesResendsAndResumes)
{
    Client client(m_server.port());
    ASSERT_TRUE(client.connected());
    m_server.wait_for_connection();
    // A bad checksum is answered '-'; a good packet '+' and its reply; '-' resends the reply.
    client.send_raw("$?#00" + encode_packet("?") + "-" + encode_packet("c"));
    EXPECT_EQ(m_server.serve_halted(), Action::resume);
    const std::string stop = encode_packet("T05thread:1;");
    EXPECT_EQ(client.read_exactly(3 + 2 * stop.size()), "-+" + stop + stop + "+");  // the last '+' is c's

    // Running: Ctrl-C halts, the stop reply says SIGINT.
    EXPECT_FALSE(m_server.halt_requested());
    client.send_raw("\x03");
    bool halted = false;
    for (int i = 0; i < 1000 && !halted; ++i) {
        halted = m_server.halt_requested();
        usleep(1000);
    }
    EXPECT_TRUE(halted);
    m_server.report_stop(StopEvent{StopEvent::Why::interrupted});
    EXPECT_EQ(client.read_exactly(encode_packet("T02thread:1;").size()), encode_packet("T02thread:1;"));

    client.send_raw("+" + encode_packet("s"));
    EXPECT_EQ(m_server.serve_halted(), Action::step);
    client.send_raw(encode_packet("D"));
    EXPECT_EQ(m_server.serve_halted(), Action::detach);
    EXPECT_EQ(client.read_exactly(2 + encode_packet("OK").size()), "++" + encode_packet("OK"));  // s's ack, D's
    EXPECT_FALSE(m_server.connected());
}

TEST_F(GdbServerTest, ADroppedConnectionDetachesAndANewDebuggerHaltsTheTarget)
{
    {
        Client first(m_server.port());
        m_server.wait_for_connection();
    }
    EXPECT_EQ(m_server.serve_halted(), Action::detach);  // the debugger went away
    EXPECT_FALSE(m_server.connected());

    Client second(m_server.port());
    bool halted = false;
    for (int i = 0; i < 1000 && !halted; ++i) {
        halted = m_server.halt_requested();
        usleep(1000);
    }
    EXPECT_TRUE(halted);
    second.send_raw(encode_packet("k"));
    EXPECT_EQ(m_server.serve_halted(), Action::kill);
}

TEST_F(GdbServerTest, TheEndOfTheRunReachesTheDebugger)
{
    Client client(m_server.port());
    m_server.wait_for_connection();
    m_server.report_end(GdbStub::exit_reply(3));
    EXPECT_EQ(client.read_exactly(encode_packet("W03").size()), encode_packet("W03"));
    EXPECT_EQ(client.read_exactly(1), "");  // closed
    EXPECT_FALSE(m_server.connected());
}

}  // namespace
}  // namespace pimsoc::gdb
