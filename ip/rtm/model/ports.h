// Access ports of a racetrack DBC: where the ports sit, which offsets a DBC may take, how many
// overhead domains that needs, and which port serves a domain at what shift cost.
//
// Coordinates (docs/models/rtm.md, "Ports and offsets"): a track has N data domains 0..N-1.
// The DBC's offset o says how far its contents are shifted: at offset o, domain d sits at port
// position d - o. Port k sits at position c_k = k*S + floor((min(S, N - k*S) - 1) / 2) with
// S = ceil(N / P), so at offset 0 port k faces the centre of its segment [k*S, k*S + S).
// Reaching d through port k needs offset d - c_k and costs |(d - c_k) - o| shift steps.
// Pure C++17, no SystemC.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rtm_config.h"

namespace pimsoc::rtm {

constexpr uint32_t max_ports_per_track = 8;
constexpr uint32_t max_domains_per_track = 1024;

// One access through a port, as planned from the DBC's offset before it.
struct PortStep {
    uint32_t port = 0;           // the port that reads or writes the domain
    int32_t access_offset = 0;   // the DBC's offset while the domain is under that port
    uint32_t shifts = 0;         // shift steps from the previous offset to access_offset
    uint32_t return_shifts = 0;  // eager: shift steps back to offset 0 after the access; lazy: 0
};

// Empty if N domains and P ports make a valid track (1 <= N <= 1024, 1 <= P <= 8, P <= N, and
// every port has a non-empty segment: (P - 1) * ceil(N / P) < N), else the problem, e.g.
// "5 ports leave port 4 without domains for 8 domains per track".
std::string check_ports(uint32_t domains, uint32_t ports);

class PortGeometry {
public:
    // Throws std::invalid_argument if check_ports() fails.
    PortGeometry(uint32_t domains, uint32_t ports, PortPolicy policy);

    uint32_t domains() const { return m_domains; }
    uint32_t ports() const { return m_ports; }
    PortPolicy policy() const { return m_policy; }
    uint32_t segment_length() const { return m_segment; }  // S = ceil(N / P)
    uint32_t rest_domain(uint32_t port) const { return static_cast<uint32_t>(m_rest[port]); }  // c_k
    uint32_t home_port(uint32_t domain) const { return domain / m_segment; }

    // The offsets a DBC may take: static, the exact range its home ports need,
    // [-floor((S-1)/2), ceil((S-1)/2)]; dynamic, the hull of the ranges that let every port reach
    // its own and its neighbours' segments. Always min_offset() <= 0 <= max_offset().
    int32_t min_offset() const { return m_min_offset; }
    int32_t max_offset() const { return m_max_offset; }

    // Overhead domains per track so that no data shifts off the track: max_offset() positions in
    // front of domain 0 and -min_offset() behind domain N-1.
    uint32_t overhead_front() const { return static_cast<uint32_t>(m_max_offset); }
    uint32_t overhead_back() const { return static_cast<uint32_t>(-m_min_offset); }
    uint32_t overhead_domains() const { return overhead_front() + overhead_back(); }
    uint32_t track_domains() const { return m_domains + overhead_domains(); }  // physical length

    // The port and offset that serve `domain` when the DBC is at `offset` (in the allowed range),
    // by the policy; return_shifts is 0 (the return policy is applied by access()).
    PortStep plan(int32_t offset, uint32_t domain) const
    {
        uint32_t port = home_port(domain);
        int32_t target = static_cast<int32_t>(domain) - m_rest[port];
        if (m_policy == PortPolicy::dynamic_ports) {
            uint32_t best = distance(target, offset);
            for (uint32_t k = 0; k < m_ports; ++k) {
                const int32_t t = static_cast<int32_t>(domain) - m_rest[k];
                if (t < m_min_offset || t > m_max_offset) continue;
                const uint32_t s = distance(t, offset);
                if (s < best || (s == best && k < port)) {
                    best = s;
                    port = k;
                    target = t;
                }
            }
        }
        return PortStep{port, target, distance(target, offset), 0};
    }

    // plan() and then the return policy: `offset` becomes where the DBC is left after the access
    // (lazy: access_offset; eager: 0, with return_shifts = |access_offset|).
    PortStep access(int32_t& offset, uint32_t domain, ReturnPolicy policy) const
    {
        PortStep step = plan(offset, domain);
        if (policy == ReturnPolicy::eager) {
            step.return_shifts = distance(step.access_offset, 0);
            offset = 0;
        } else {
            offset = step.access_offset;
        }
        return step;
    }

private:
    static uint32_t distance(int32_t a, int32_t b) { return static_cast<uint32_t>(a > b ? a - b : b - a); }

    uint32_t m_domains;
    uint32_t m_ports;
    PortPolicy m_policy;
    uint32_t m_segment;
    std::array<int32_t, max_ports_per_track> m_rest{};
    int32_t m_min_offset = 0;
    int32_t m_max_offset = 0;
};

// One stand-alone domain-block cluster: T tracks of N domains holding N words of T bits, its
// offset and its shift count. Shifting never changes the logical contents. The array model keeps
// the same state per DBC in flat tables; this class is the reference for one DBC (and the tests'
// hand-worked cases).
class Dbc {
public:
    // tracks: 8, 16, 32 or 64. Throws std::invalid_argument otherwise.
    Dbc(uint32_t tracks, const PortGeometry& ports, ReturnPolicy policy);

    // Shifts the domain under a port (counting every step), then reads / writes its word.
    // write() keeps the low T bits of `word`.
    PortStep read(uint32_t domain, uint64_t& word);
    PortStep write(uint32_t domain, uint64_t word);

    uint64_t peek(uint32_t domain) const { return m_words.at(domain); }  // contents, no shift
    int32_t offset() const { return m_offset; }
    uint64_t shifts() const { return m_shifts; }  // all steps so far, returns included
    const PortGeometry& ports() const { return m_ports; }

private:
    PortStep step(uint32_t domain);

    PortGeometry m_ports;
    ReturnPolicy m_policy;
    uint64_t m_mask;
    std::vector<uint64_t> m_words;
    int32_t m_offset = 0;
    uint64_t m_shifts = 0;
};

}  // namespace pimsoc::rtm
