// TCP transport of the GDB stub (POSIX sockets): a listening socket and one connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace pimsoc::gdb {

class SocketError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class TcpListener {
public:
    // Binds host:port (port 0: any free port, see port()); throws SocketError naming the address
    // and the reason.
    TcpListener(const std::string& host, uint16_t port);
    ~TcpListener();
    TcpListener(const TcpListener&) = delete;
    TcpListener& operator=(const TcpListener&) = delete;

    uint16_t port() const { return m_port; }
    // A connected socket, or -1 when none is waiting (block = false).
    int accept_connection(bool block);

private:
    int m_fd = -1;
    uint16_t m_port = 0;
};

class TcpConnection {
public:
    explicit TcpConnection(int fd);
    ~TcpConnection();
    TcpConnection(const TcpConnection&) = delete;
    TcpConnection& operator=(const TcpConnection&) = delete;

    // Bytes read into data (> 0); 0 when the peer closed the connection (or it failed); -1 when
    // nothing is available and block is false.
    long read_some(char* data, size_t capacity, bool block);
    // false when the connection is gone.
    bool write_all(const std::string& data);

private:
    int m_fd;
};

}  // namespace pimsoc::gdb
