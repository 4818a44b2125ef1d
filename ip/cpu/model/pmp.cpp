#include "pmp.h"

#include <algorithm>

#include "bits.h"

namespace pimsoc::cpu {
namespace {

constexpr uint8_t cfg_reserved_bits = 0x60;  // bits 6:5 read 0
constexpr unsigned address_shift = 2;        // pmpaddr holds address bits [33:2]
constexpr unsigned bits_per_cfg = 8;

bool is_power_of_two(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

unsigned log2_of(uint64_t v)
{
    unsigned n = 0;
    while (v > 1) {
        v >>= 1;
        ++n;
    }
    return n;
}

}  // namespace

std::string Pmp::check_config(uint64_t entries, uint64_t granularity_bytes)
{
    if (entries != 0 && entries != 16 && entries != max_entries) {
        return "cpu.pmp_entries: " + std::to_string(entries) + " is not 0, 16 or 64";
    }
    if (!is_power_of_two(granularity_bytes) || granularity_bytes < min_granularity ||
        granularity_bytes > max_granularity) {
        return "cpu.pmp_granularity: " + std::to_string(granularity_bytes) +
               " bytes is not a power of two between 4 and 2^31";
    }
    return {};
}

Pmp::Pmp(unsigned entries, uint32_t granularity_bytes)
    : m_entries(std::min(entries, max_entries)),
      m_g(log2_of(std::max(granularity_bytes, min_granularity)) - address_shift)
{
}

void Pmp::reset()
{
    std::fill(std::begin(m_cfg), std::end(m_cfg), uint8_t{0});
    std::fill(std::begin(m_addr), std::end(m_addr), 0u);
    m_locked_entries = 0;
}

uint32_t Pmp::read_cfg(unsigned cfg_csr) const
{
    uint32_t value = 0;
    for (unsigned k = 0; k < entries_per_cfg; ++k) {
        const unsigned entry = cfg_csr * entries_per_cfg + k;
        if (entry < m_entries) {
            value |= uint32_t{m_cfg[entry]} << (k * bits_per_cfg);
        }
    }
    return value;
}

// WARL: reserved bits read 0; the reserved R=0 W=1 combination drops W; with a granularity above
// 4 bytes NA4 is not selectable and becomes NAPOT (both as Spike does).
uint8_t Pmp::legalize_cfg(uint8_t cfg) const
{
    cfg &= static_cast<uint8_t>(~cfg_reserved_bits);
    if ((cfg & PMP_R) == 0) {
        cfg &= static_cast<uint8_t>(~PMP_W);
    }
    if (m_g >= 1 && (cfg & PMP_A_MASK) == PMP_A_NA4) {
        cfg |= PMP_A_NAPOT;
    }
    return cfg;
}

bool Pmp::write_cfg(unsigned cfg_csr, uint32_t value)
{
    bool changed = false;
    for (unsigned k = 0; k < entries_per_cfg; ++k) {
        const unsigned entry = cfg_csr * entries_per_cfg + k;
        if (entry >= m_entries || locked(entry)) {
            continue;
        }
        const uint8_t cfg = legalize_cfg(static_cast<uint8_t>(value >> (k * bits_per_cfg)));
        changed = changed || cfg != m_cfg[entry];
        m_cfg[entry] = cfg;
    }
    count_locked();
    return changed;
}

// Spec: with G >= 2, NAPOT reads bits [G-2:0] as ones; with G >= 1, OFF and TOR read bits [G-1:0]
// as zeros. The stored value keeps what was written, so switching modes back restores it.
uint32_t Pmp::read_addr(unsigned entry) const
{
    if (entry >= m_entries) {
        return 0;
    }
    const uint32_t value = m_addr[entry];
    if (m_g == 0) {
        return value;
    }
    if (mode(entry) == PMP_A_NAPOT) {
        return m_g >= 2 ? value | ((1u << (m_g - 1)) - 1) : value;
    }
    return value & ~((1u << m_g) - 1);
}

bool Pmp::write_addr(unsigned entry, uint32_t value)
{
    if (entry >= m_entries || locked(entry)) {
        return false;
    }
    // A locked TOR entry also locks the address below it (its bottom).
    const unsigned next = entry + 1;
    if (next < m_entries && locked(next) && mode(next) == PMP_A_TOR) {
        return false;
    }
    const bool changed = value != m_addr[entry];
    m_addr[entry] = value;
    return changed;
}

uint32_t Pmp::tor_address(unsigned entry) const { return m_addr[entry] & ~((1u << m_g) - 1); }

Pmp::Range Pmp::range(unsigned entry) const
{
    switch (mode(entry)) {
    case PMP_A_TOR: {
        const uint64_t lo = entry == 0 ? 0 : uint64_t{tor_address(entry - 1)} << address_shift;
        return {lo, uint64_t{tor_address(entry)} << address_shift};
    }
    case PMP_A_NA4: {
        const uint64_t lo = uint64_t{m_addr[entry]} << address_shift;
        return {lo, lo + 4};
    }
    case PMP_A_NAPOT: {
        // yyyy0111: t trailing ones encode a naturally aligned range of 2^(t+3) bytes.
        const uint32_t value = read_addr(entry);
        const unsigned ones = trailing_ones(value);
        const uint64_t base = uint64_t{value} & ~((uint64_t{1} << (ones + 1)) - 1);
        const uint64_t lo = base << address_shift;
        return {lo, lo + (uint64_t{1} << (ones + 3))};
    }
    default: return {};
    }
}

bool Pmp::allows(uint32_t addr, unsigned len, Access access) const
{
    const uint64_t first = addr;
    const uint64_t end = first + len;
    for (unsigned entry = 0; entry < m_entries; ++entry) {
        const Range r = range(entry);
        if (r.lo >= r.hi || end <= r.lo || first >= r.hi) {
            continue;  // OFF, empty, or no byte in common
        }
        if (first < r.lo || end > r.hi) {
            return false;  // a partial match fails, whatever the permissions
        }
        return !locked(entry) || (m_cfg[entry] & static_cast<uint8_t>(access)) != 0;
    }
    return true;
}

void Pmp::count_locked()
{
    m_locked_entries = static_cast<unsigned>(
        std::count_if(m_cfg, m_cfg + m_entries, [](uint8_t cfg) { return (cfg & PMP_L) != 0; }));
}

}  // namespace pimsoc::cpu
