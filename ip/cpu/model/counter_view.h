// The CSR view (mcycle, minstret) of one of the core's monotonic counters: software may write it
// and freeze it (mcountinhibit), while the monotonic count behind it, which time accounting and
// the stats use, keeps counting.
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

class CounterView {
public:
    // What the CSR reads when the monotonic counter is at `monotonic`.
    uint64_t read(uint64_t monotonic) const { return m_inhibited ? m_frozen : monotonic + m_offset; }

    // From now on the CSR reads `value` while the monotonic counter is at `monotonic`.
    void write(uint64_t monotonic, uint64_t value)
    {
        m_frozen = value;
        m_offset = value - monotonic;
    }

    // Freezes (or thaws) the view at what it reads when the monotonic counter is at `monotonic`.
    void set_inhibited(uint64_t monotonic, bool inhibited)
    {
        if (inhibited != m_inhibited) {
            write(monotonic, read(monotonic));
            m_inhibited = inhibited;
        }
    }
    bool inhibited() const { return m_inhibited; }

private:
    uint64_t m_offset = 0;
    uint64_t m_frozen = 0;  // the value while inhibited
    bool m_inhibited = false;
};

}  // namespace pimsoc::cpu
