#include "common/tracer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace pimsoc {
namespace {


// VCD identifier codes: printable ASCII '!'..'~', shortest first.
std::string id_code(uint32_t n)
{
    constexpr uint32_t first = 33;
    constexpr uint32_t radix = 94;
    std::string id;
    do {
        id.push_back(static_cast<char>(first + n % radix));
        n /= radix;
    } while (n-- > 0);
    return id;
}

std::vector<std::string> split_path(const std::string& path)
{
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t dot = path.find('.', start);
        parts.push_back(path.substr(start, dot - start));
        if (dot == std::string::npos) {
            return parts;
        }
        start = dot + 1;
    }
}

// The scope tree of the header, scopes and signals in the order they were first declared.
struct Scope {
    std::vector<std::pair<std::string, std::unique_ptr<Scope>>> children;
    std::vector<uint32_t> signals;

    Scope& child(const std::string& name)
    {
        for (auto& [n, s] : children) {
            if (n == name) {
                return *s;
            }
        }
        children.emplace_back(name, std::make_unique<Scope>());
        return *children.back().second;
    }
};

}  // namespace

std::string Tracer::check_groups(const std::vector<std::string>& groups, const std::vector<std::string>& known)
{
    for (const auto& group : groups) {
        if (std::find(known.begin(), known.end(), group) == known.end()) {
            std::string list;
            for (const auto& k : known) {
                list += (list.empty() ? "" : ", ") + k;
            }
            return "unknown trace group '" + group + "' (groups: " + list + ")";
        }
    }
    return "";
}

Tracer::Tracer(const std::string& path, const std::vector<std::string>& groups, std::string version)
    : m_path(path)
    , m_groups(groups)
    , m_version(std::move(version))
{
    m_out.open(path, std::ios::binary | std::ios::trunc);
    if (!m_out) {
        throw std::runtime_error("cannot write VCD file '" + path + "': " + std::strerror(errno));
    }
}

Tracer::~Tracer() = default;

bool Tracer::enabled(const std::string& group) const
{
    return std::find(m_groups.begin(), m_groups.end(), group) != m_groups.end();
}

TraceSignal Tracer::wire(const std::string& path, unsigned width, uint64_t initial)
{
    if (width == 0 || width > 64) {
        throw std::invalid_argument("trace signal '" + path + "': width must be 1..64");
    }
    const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
    return declare(path, width, Value{initial & mask});
}

TraceSignal Tracer::real(const std::string& path, double initial)
{
    Value v;
    v.real = initial;
    return declare(path, 0, v);
}

TraceSignal Tracer::text(const std::string& path, const std::string& initial)
{
    return declare(path, text_width, Value{intern(initial)});
}

uint64_t Tracer::intern(const std::string& text)
{
    const bool printable = !text.empty() && text.size() <= 64 &&
                           std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; });
    const std::string& shown = printable ? text : std::string("-");
    const auto found = std::find(m_texts.begin(), m_texts.end(), shown);
    if (found != m_texts.end()) {
        return static_cast<uint64_t>(found - m_texts.begin());
    }
    m_texts.push_back(shown);
    return m_texts.size() - 1;
}

void Tracer::set_text(TraceSignal signal, const std::string& value, uint64_t at_ps)
{
    if (signal.valid()) {
        queue(signal.index, Value{intern(value)}, at_ps);
    }
}

TraceSignal Tracer::declare(const std::string& path, unsigned width, Value initial)
{
    if (m_header_written) {
        throw std::logic_error("trace signal '" + path + "' declared after tracing started");
    }
    if (path.empty() || path.front() == '.' || path.back() == '.' || path.find("..") != std::string::npos) {
        throw std::invalid_argument("trace signal '" + path + "': not a dotted name");
    }
    for (const auto& s : m_signals) {
        if (s.path == path) {
            throw std::invalid_argument("trace signal '" + path + "' declared twice");
        }
    }
    m_signals.push_back({path, width, initial});
    m_ids.push_back(id_code(static_cast<uint32_t>(m_signals.size() - 1)));
    m_current.push_back(initial);
    m_step_value.push_back(initial);
    m_touched.push_back(0);
    return TraceSignal{static_cast<uint32_t>(m_signals.size() - 1)};
}

void Tracer::set_real(TraceSignal signal, double value, uint64_t at_ps)
{
    if (signal.valid()) {
        Value v;
        v.real = value;
        queue(signal.index, v, at_ps);
    }
}

void Tracer::queue(uint32_t signal, Value value, uint64_t at_ps)
{
    if (m_finished) {
        return;
    }
    if (at_ps < m_open_from_ps) {
        ++m_late;
        at_ps = m_open_from_ps;
    }
    if (m_signals[signal].width != 0 && m_signals[signal].width < 64) {  // not real, not text
        value.bits &= (uint64_t{1} << m_signals[signal].width) - 1;
    }
    m_queue.push_back({at_ps, m_order++, signal, value});
    if (m_queue.size() >= m_next_flush && m_horizon) {
        flush_before(m_horizon());
        m_next_flush = m_queue.size() + flush_threshold;  // what stays queued waits for more
    }
}

void Tracer::flush_before(uint64_t horizon_ps)
{
    if (!m_header_written) {
        write_header();
    }
    // Mostly sorted already (each process reports in time order).
    std::stable_sort(m_queue.begin(), m_queue.end(),
                     [](const Change& a, const Change& b) { return a.at_ps < b.at_ps; });
    auto done = m_queue.begin();
    while (done != m_queue.end() && done->at_ps < horizon_ps) {
        auto step_end = done;
        while (step_end != m_queue.end() && step_end->at_ps == done->at_ps) {
            ++step_end;
        }
        write_time_step(done->at_ps, done, step_end);
        done = step_end;
    }
    m_queue.erase(m_queue.begin(), done);
    m_open_from_ps = std::max(m_open_from_ps, horizon_ps);
}

void Tracer::write_header()
{
    m_header_written = true;
    m_out << "$version " << m_version << " $end\n";
    m_out << "$timescale 1ps $end\n";
    Scope root;
    for (uint32_t i = 0; i < m_signals.size(); ++i) {
        const auto parts = split_path(m_signals[i].path);
        Scope* scope = &root;
        for (size_t p = 0; p + 1 < parts.size(); ++p) {
            scope = &scope->child(parts[p]);
        }
        scope->signals.push_back(i);
    }
    const std::function<void(const Scope&)> write_scope = [&](const Scope& scope) {
        for (uint32_t i : scope.signals) {
            const Declared& s = m_signals[i];
            const std::string name = s.path.substr(s.path.rfind('.') + 1);
            if (s.width == 0) {
                m_out << "$var real 64 " << m_ids[i] << ' ' << name << " $end\n";
            } else if (s.width == text_width) {
                m_out << "$var string 0 " << m_ids[i] << ' ' << name << " $end\n";
            } else {
                m_out << "$var wire " << s.width << ' ' << m_ids[i] << ' ' << name << " $end\n";
            }
        }
        for (const auto& [name, child] : scope.children) {
            m_out << "$scope module " << name << " $end\n";
            write_scope(*child);
            m_out << "$upscope $end\n";
        }
    };
    write_scope(root);
    m_out << "$enddefinitions $end\n#0\n$dumpvars\n";
    for (uint32_t i = 0; i < m_signals.size(); ++i) {
        write_value(i, m_signals[i].initial);
    }
    m_out << "$end\n";
}

void Tracer::write_time_step(uint64_t at_ps, std::vector<Change>::const_iterator first,
                             std::vector<Change>::const_iterator last)
{
    // The last change of each signal wins; signals whose value did not change are not written.
    m_touched_list.clear();
    for (auto c = first; c != last; ++c) {
        if (!m_touched[c->signal]) {
            m_touched[c->signal] = 1;
            m_touched_list.push_back(c->signal);
        }
        m_step_value[c->signal] = c->value;
    }
    bool time_written = false;
    for (const uint32_t s : m_touched_list) {
        m_touched[s] = 0;
        const Value v = m_step_value[s];
        const bool same = m_signals[s].width == 0 ? std::memcmp(&v.real, &m_current[s].real, sizeof(double)) == 0
                                                   : v.bits == m_current[s].bits;
        if (same) {
            continue;
        }
        if (!time_written && at_ps != 0) {
            m_out << '#' << at_ps << '\n';
            m_last_time_ps = at_ps;
        }
        time_written = true;
        write_value(s, v);
        m_current[s] = v;
        ++m_written;
    }
}

void Tracer::write_value(uint32_t signal, Value value)
{
    const Declared& s = m_signals[signal];
    if (s.width == text_width) {
        m_out << 's' << m_texts[value.bits] << ' ' << m_ids[signal] << '\n';
    } else if (s.width == 0) {
        char text[40];
        std::snprintf(text, sizeof text, "r%.16g ", value.real);
        m_out << text << m_ids[signal] << '\n';
    } else if (s.width == 1) {
        m_out << (value.bits ? '1' : '0') << m_ids[signal] << '\n';
    } else {
        char bits[66];
        unsigned n = 0;
        bits[n++] = 'b';
        bool leading = true;
        for (int b = static_cast<int>(s.width) - 1; b >= 0; --b) {
            const bool one = (value.bits >> b) & 1;
            if (one || !leading || b == 0) {
                bits[n++] = one ? '1' : '0';
                leading = false;
            }
        }
        bits[n] = '\0';
        m_out << bits << ' ' << m_ids[signal] << '\n';
    }
}

void Tracer::finish(uint64_t end_ps)
{
    if (m_finished) {
        return;
    }
    flush_before(UINT64_MAX);
    if (end_ps > m_last_time_ps) {
        m_out << '#' << end_ps << '\n';  // the viewer shows the run up to its end
    }
    m_out.flush();
    const bool ok = static_cast<bool>(m_out);
    m_out.close();
    m_finished = true;
    if (!ok) {
        throw std::runtime_error("error writing VCD file '" + m_path + "'");
    }
}

}  // namespace pimsoc
