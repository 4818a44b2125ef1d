#include "ports.h"

#include <algorithm>
#include <stdexcept>

namespace pimsoc::rtm {

std::string check_ports(uint32_t domains, uint32_t ports)
{
    if (domains < 1 || domains > max_domains_per_track)
        return std::to_string(domains) + " domains per track is not in 1..1024";
    if (ports < 1 || ports > max_ports_per_track) return std::to_string(ports) + " is not in 1..8";
    if (ports > domains)
        return std::to_string(ports) + " ports exceed the " + std::to_string(domains) + " domains per track";
    const uint32_t segment = (domains + ports - 1) / ports;
    if ((ports - 1) * segment >= domains)
        return std::to_string(ports) + " ports leave port " + std::to_string(ports - 1) +
               " without domains for " + std::to_string(domains) + " domains per track (segments of " +
               std::to_string(segment) + ")";
    return {};
}

PortGeometry::PortGeometry(uint32_t domains, uint32_t ports, PortPolicy policy)
    : m_domains(domains), m_ports(ports), m_policy(policy), m_segment(1)
{
    if (const std::string problem = check_ports(domains, ports); !problem.empty())
        throw std::invalid_argument("rtm ports: " + problem);
    const int32_t n = static_cast<int32_t>(domains);
    const int32_t s = static_cast<int32_t>((domains + ports - 1) / ports);
    m_segment = static_cast<uint32_t>(s);
    for (int32_t k = 0; k < static_cast<int32_t>(ports); ++k) {
        const int32_t length = std::min(s, n - k * s);
        m_rest[k] = k * s + (length - 1) / 2;  // length >= 1, so this is the floor
    }
    // Offsets that let port k reach domains [lo, hi] are [lo - c_k, hi - c_k]; the allowed range
    // is the hull over the ports (all tracks of a DBC shift together, one offset for all ports).
    for (int32_t k = 0; k < static_cast<int32_t>(ports); ++k) {
        int32_t lo = k * s;
        int32_t hi = std::min(n, (k + 1) * s) - 1;
        if (policy == PortPolicy::dynamic_ports) {
            lo = std::max(0, (k - 1) * s);
            hi = std::min(n, (k + 2) * s) - 1;
        }
        m_min_offset = std::min(m_min_offset, lo - m_rest[k]);
        m_max_offset = std::max(m_max_offset, hi - m_rest[k]);
    }
}

Dbc::Dbc(uint32_t tracks, const PortGeometry& ports, ReturnPolicy policy)
    : m_ports(ports),
      m_policy(policy),
      m_mask(tracks == 64 ? ~0ull : (1ull << tracks) - 1),
      m_words(ports.domains(), 0)
{
    if (tracks != 8 && tracks != 16 && tracks != 32 && tracks != 64)
        throw std::invalid_argument("rtm dbc: " + std::to_string(tracks) + " tracks is not 8, 16, 32 or 64");
}

PortStep Dbc::step(uint32_t domain)
{
    if (domain >= m_words.size()) throw std::out_of_range("rtm dbc: domain " + std::to_string(domain));
    const PortStep s = m_ports.access(m_offset, domain, m_policy);
    m_shifts += s.shifts + s.return_shifts;
    return s;
}

PortStep Dbc::read(uint32_t domain, uint64_t& word)
{
    const PortStep s = step(domain);
    word = m_words[domain];
    return s;
}

PortStep Dbc::write(uint32_t domain, uint64_t word)
{
    const PortStep s = step(domain);
    m_words[domain] = word & m_mask;
    return s;
}

}  // namespace pimsoc::rtm
