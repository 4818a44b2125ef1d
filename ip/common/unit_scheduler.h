// Busy-until scheduling of a device's parallel units (the RTM's banks, the MRAM's subarrays, the
// ReRAM's tiles): each unit runs one command at a time; a command submitted to a busy unit waits
// in that unit's queue and starts when the unit is free. A queue holds at most `queue_depth`
// commands behind the running one: one more is refused (the device reports ERR_BUSY). Accesses
// that are not commands (a data window access) wait for the unit and occupy it, outside the queue.
// Completions are retired lazily: a register access at time t retires every command ended by t,
// so that temporally decoupled accesses see the state at their own time.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <systemc>

namespace pimsoc {

class UnitScheduler {
public:
    struct Slot {
        sc_core::sc_time start;
        sc_core::sc_time end;
    };

    // Throws std::invalid_argument when units is 0.
    UnitScheduler(unsigned units, unsigned queue_depth);

    // Whether `unit` already holds queue_depth commands waiting behind its running one at `at`.
    bool queue_full(unsigned unit, const sc_core::sc_time& at);
    // A command of `latency` on `unit`, submitted at `at` (precondition: !queue_full(unit, at)):
    // it starts when the unit is free.
    Slot submit(unsigned unit, const sc_core::sc_time& at, const sc_core::sc_time& latency);
    // An access on `unit` at `at` lasting `latency`: waits for the unit, then occupies it.
    Slot occupy(unsigned unit, const sc_core::sc_time& at, const sc_core::sc_time& latency);

    // Retires the commands ended by `at`; returns how many.
    unsigned retire(const sc_core::sc_time& at);
    // The earliest end of a command not yet retired.
    std::optional<sc_core::sc_time> next_completion() const;

    bool busy(const sc_core::sc_time& at) const;  // some unit is running something at `at`
    bool unit_busy(unsigned unit, const sc_core::sc_time& at) const { return m_free.at(unit) > at; }
    // When `unit`'s last command or access ends: a command submitted before then starts then.
    sc_core::sc_time free_at(unsigned unit) const { return m_free.at(unit); }
    // Bit u set when unit u (u < min(units, max_units)) is busy at `at`: a STATUS field.
    uint32_t busy_mask(const sc_core::sc_time& at, unsigned max_units) const;
    unsigned units() const { return static_cast<unsigned>(m_free.size()); }
    unsigned queue_depth() const { return m_queue_depth; }

    // Forgets every command and occupation (device reset).
    void reset();

private:
    unsigned m_queue_depth;
    std::vector<sc_core::sc_time> m_free;                   // when each unit's last command or access ends
    std::vector<std::deque<sc_core::sc_time>> m_unit_ends;  // per unit: ends of its accepted commands
    std::multiset<sc_core::sc_time> m_pending;              // ends of commands not yet retired
};

// The `<device>.queue_depth` parameter, checked alike for every device: throws
// std::invalid_argument naming `key` above 255 (a queue is a hardware FIFO, not a host list).
unsigned checked_queue_depth(const std::string& key, uint32_t depth);

}  // namespace pimsoc
