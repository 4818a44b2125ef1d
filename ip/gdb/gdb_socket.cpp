#include "gdb_socket.h"

#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pimsoc::gdb {
namespace {

std::string address_text(const std::string& host, uint16_t port) { return host + ":" + std::to_string(port); }

// Waits until fd is readable; false when block is false and it is not.
bool readable(int fd, bool block)
{
    pollfd p{fd, POLLIN, 0};
    for (;;) {
        const int ready = poll(&p, 1, block ? -1 : 0);
        if (ready >= 0) {
            return ready > 0;
        }
        if (errno != EINTR) {
            return true;  // let the read report the error
        }
    }
}

}  // namespace

TcpListener::TcpListener(const std::string& host, uint16_t port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (const int status = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); status != 0) {
        throw SocketError("cannot resolve " + address_text(host, port) + ": " + gai_strerror(status));
    }
    std::string problem = "no address";
    for (const addrinfo* a = found; a != nullptr && m_fd < 0; a = a->ai_next) {
        const int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) {
            problem = std::strerror(errno);
            continue;
        }
        const int on = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 1) == 0) {
            m_fd = fd;
        } else {
            problem = std::strerror(errno);
            close(fd);
        }
    }
    freeaddrinfo(found);
    if (m_fd < 0) {
        throw SocketError("cannot listen on " + address_text(host, port) + ": " + problem);
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    getsockname(m_fd, reinterpret_cast<sockaddr*>(&bound), &length);
    m_port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                               : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

TcpListener::~TcpListener()
{
    if (m_fd >= 0) {
        close(m_fd);
    }
}

int TcpListener::accept_connection(bool block)
{
    if (!readable(m_fd, block)) {
        return -1;
    }
    const int fd = accept(m_fd, nullptr, nullptr);
    if (fd >= 0) {
        // Packets are small and answered one by one: do not let Nagle hold them back.
        const int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    return fd;
}

TcpConnection::TcpConnection(int fd) : m_fd(fd) {}

TcpConnection::~TcpConnection() { close(m_fd); }

long TcpConnection::read_some(char* data, size_t capacity, bool block)
{
    if (!readable(m_fd, block)) {
        return -1;
    }
    for (;;) {
        const ssize_t n = recv(m_fd, data, capacity, 0);
        if (n >= 0) {
            return static_cast<long>(n);
        }
        if (errno != EINTR) {
            return 0;
        }
    }
}

bool TcpConnection::write_all(const std::string& data)
{
    size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = send(m_fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        sent += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace pimsoc::gdb
