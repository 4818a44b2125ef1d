// VCD waveform tracing with exact annotated times. With temporal decoupling an IP learns of an
// event at its annotated time (kernel time + local offset), ahead of the kernel and out of order
// with the events of other processes. So the tracer does not use sc_trace (which samples at
// kernel time): IPs report value changes with their own time stamp, the tracer queues them and
// writes the VCD in time order once the kernel has passed their time (every event reported later
// lies at or after kernel time, see set_horizon). Pure C++ (no SystemC): times are picoseconds.
// Opt-in by signal group; an IP whose group is off registers nothing and holds invalid handles, so
// tracing off costs one branch on paths that are not per instruction. See docs/tracing.md.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace pimsoc {

// A traced signal; the default (invalid) handle ignores changes.
struct TraceSignal {
    static constexpr uint32_t invalid = UINT32_MAX;
    uint32_t index = invalid;
    bool valid() const { return index != invalid; }
};

class Tracer {
public:
    // "" when every group is one of `known`, else "unknown trace group 'G' (groups: cpu, ...)".
    // The SoC knows its groups (platform/device_table.h, soc_trace_groups()).
    static std::string check_groups(const std::vector<std::string>& groups, const std::vector<std::string>& known);

    // Opens `path` for writing with `groups` on (checked by the caller: check_groups()). Throws
    // std::runtime_error naming the file when it cannot be written.
    Tracer(const std::string& path, const std::vector<std::string>& groups, std::string version);
    ~Tracer();
    Tracer(const Tracer&) = delete;
    Tracer& operator=(const Tracer&) = delete;

    bool enabled(const std::string& group) const;

    // Declares a signal by its dotted hierarchical name ("soc.cpu.pc"; the last part is the
    // signal, the others are VCD scopes), before the first change is written. Width 1..64.
    TraceSignal wire(const std::string& path, unsigned width, uint64_t initial = 0);
    TraceSignal real(const std::string& path, double initial = 0);
    // A string signal (`$var string 0`, GTKWave's extension and the width its own writer gives it:
    // GTKWave shows the text in the wave). Texts
    // are 1..64 characters without white space (a change to "" or to a text with white space is
    // written as "-").
    TraceSignal text(const std::string& path, const std::string& initial = "-");

    // The signal takes `value` at `at_ps`. Changes of one signal at the same time: the last wins.
    void set(TraceSignal signal, uint64_t value, uint64_t at_ps)
    {
        if (signal.valid()) {
            queue(signal.index, Value{value}, at_ps);
        }
    }
    void set_real(TraceSignal signal, double value, uint64_t at_ps);
    void set_text(TraceSignal signal, const std::string& value, uint64_t at_ps);

    // The kernel's time in ps: every change reported from now on is at or after it, so the queue
    // can be written up to it. Without a horizon nothing is written before finish().
    void set_horizon(std::function<uint64_t()> now_ps) { m_horizon = std::move(now_ps); }

    // Writes every queued change and the end time; closes the file. Further changes are ignored.
    void finish(uint64_t end_ps);

    // Changes reported for a time already written (a model bug): written at the earliest time
    // still open instead.
    uint64_t late_changes() const { return m_late; }
    uint64_t changes_written() const { return m_written; }
    const std::string& path() const { return m_path; }

private:
    union Value {
        uint64_t bits;
        double real;
    };
    static constexpr unsigned text_width = ~0u;  // Declared::width of a string signal
    struct Declared {
        std::string path;
        unsigned width;  // 0: real; text_width: string (Value::bits indexes m_texts)
        Value initial;
    };
    struct Change {
        uint64_t at_ps;
        uint64_t order;  // report order, to keep the last change of a signal at a time
        uint32_t signal;
        Value value;
    };

    TraceSignal declare(const std::string& path, unsigned width, Value initial);
    void queue(uint32_t signal, Value value, uint64_t at_ps);
    void flush_before(uint64_t horizon_ps);
    void write_header();
    void write_time_step(uint64_t at_ps, std::vector<Change>::const_iterator first,
                         std::vector<Change>::const_iterator last);
    void write_value(uint32_t signal, Value value);

    std::string m_path;
    std::vector<std::string> m_groups;
    std::string m_version;
    std::ofstream m_out;
    std::vector<Declared> m_signals;
    std::vector<std::string> m_texts;  // every text a string signal took, interned
    uint64_t intern(const std::string& text);
    std::vector<std::string> m_ids;
    std::vector<Value> m_current;     // last value written per signal
    std::vector<Value> m_step_value;  // per signal: its last change in the time step being written
    std::vector<uint8_t> m_touched;
    std::vector<uint32_t> m_touched_list;
    static constexpr size_t flush_threshold = size_t{1} << 20;  // queued changes before a flush is tried
    std::vector<Change> m_queue;
    size_t m_next_flush = flush_threshold;
    std::function<uint64_t()> m_horizon;
    uint64_t m_open_from_ps = 0;  // every time before this is written
    uint64_t m_last_time_ps = 0;  // the last time stamp in the file
    uint64_t m_order = 0;
    uint64_t m_late = 0;
    uint64_t m_written = 0;
    bool m_header_written = false;
    bool m_finished = false;
};

}  // namespace pimsoc
