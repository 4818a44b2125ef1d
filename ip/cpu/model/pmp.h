// Physical memory protection (privileged spec 1.12, section 3.7) of a machine-mode-only hart:
// pmpcfg0..15 / pmpaddr0..63 with their WARL rules, address matching OFF/TOR/NA4/NAPOT and locking.
// In M-mode only locked entries restrict accesses, so the core checks accesses only while some
// entry is locked (enforcing()).
#pragma once

#include <cstdint>
#include <string>

#include "cpu/csr_regs.h"

namespace pimsoc::cpu {

class Pmp {
public:
    static constexpr unsigned max_entries = 64;
    static constexpr unsigned cfg_csrs = 16;  // RV32: four entry configs per pmpcfg CSR
    static constexpr unsigned entries_per_cfg = 4;
    static constexpr uint32_t min_granularity = 4;
    static constexpr uint32_t max_granularity = 1u << 31;

    enum class Access : uint8_t { read = PMP_R, write = PMP_W, execute = PMP_X };

    // Empty when `entries` (0, 16 or 64) and `granularity_bytes` (a power of two >= 4) are valid,
    // else a one-line description of the problem.
    static std::string check_config(uint64_t entries, uint64_t granularity_bytes);

    // Arguments as check_config() accepts them (others are clamped to the nearest valid choice).
    Pmp(unsigned entries, uint32_t granularity_bytes);

    // Reset: every entry OFF and unlocked, addresses 0.
    void reset();

    uint32_t read_cfg(unsigned cfg_csr) const;
    uint32_t read_addr(unsigned entry) const;
    // Writes ignore entries that do not exist or are locked; each returns true when the
    // protection may have changed (the caller then drops what it derived from the old rules).
    bool write_cfg(unsigned cfg_csr, uint32_t value);
    bool write_addr(unsigned entry, uint32_t value);

    // True when some entry is locked: only then can an M-mode access be refused.
    bool enforcing() const { return m_locked_entries != 0; }

    // M-mode rule: the lowest-numbered entry that matches any byte of [addr, addr+len) decides;
    // it must match all bytes; an unlocked entry or no match allows the access.
    bool allows(uint32_t addr, unsigned len, Access access) const;

private:
    struct Range {
        uint64_t lo = 0;  // first byte
        uint64_t hi = 0;  // one past the last byte; lo >= hi matches nothing
    };

    bool locked(unsigned entry) const { return (m_cfg[entry] & PMP_L) != 0; }
    uint32_t mode(unsigned entry) const { return m_cfg[entry] & PMP_A_MASK; }
    uint8_t legalize_cfg(uint8_t cfg) const;
    uint32_t tor_address(unsigned entry) const;
    Range range(unsigned entry) const;
    void count_locked();

    unsigned m_entries;
    unsigned m_g;  // G of the spec: granularity = 2^(G+2) bytes
    uint8_t m_cfg[max_entries] = {};
    uint32_t m_addr[max_entries] = {};  // as written; reads and matching apply the granularity
    unsigned m_locked_entries = 0;
};

}  // namespace pimsoc::cpu
