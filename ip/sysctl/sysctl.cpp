#include "sysctl/sysctl.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace pimsoc {
namespace {

bool is_counter(uint64_t offset)
{
    return offset >= SYSCTL_CYCLES && offset < SYSCTL_HOST_TIME_NS + 8;
}

bool is_arg(uint64_t offset)
{
    return offset >= SYSCTL_ARG0 && offset < SYSCTL_ARG(SYSCTL_NUM_ARGS);
}

uint32_t saturate32(uint64_t v)
{
    return static_cast<uint32_t>(std::min<uint64_t>(v, std::numeric_limits<uint32_t>::max()));
}

bool in_args_window(uint64_t offset)
{
    return offset >= SYSCTL_ARGS_WINDOW && offset < SYSCTL_ARGS_WINDOW + SYSCTL_ARGS_MAX_BYTES;
}

bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
}

const char* kind_name(RoiMark::Kind kind) { return kind == RoiMark::Kind::begin ? "begin" : "end"; }

}  // namespace

Sysctl::Sysctl(sc_core::sc_module_name name, const SysctlParams& p, SysctlProbes probes)
    : MmioTarget(name, SYSCTL_BLOCK_SIZE, width32 | width64,
                 sc_core::sc_time(static_cast<double>(p.access_latency_ns), sc_core::SC_NS)),
      params(p),
      m_probes(std::move(probes)),
      m_ticks_per_ns(std::max<uint64_t>(1, sc_core::sc_time(1, sc_core::SC_NS).value()))
{
    reset();
}

void Sysctl::reset()
{
    m_scratch = 0;
    m_roi_last = 0;
    m_open_regions.clear();
    m_pending_name.clear();
}

std::string Sysctl::command_line_problem(const std::vector<std::string>& args)
{
    size_t bytes = 0;
    for (const auto& arg : args) {
        if (arg.find('\0') != std::string::npos) {
            return "firmware argument contains a NUL byte";
        }
        bytes += arg.size() + 1;
    }
    if (bytes > SYSCTL_ARGS_MAX_BYTES) {
        return "firmware command line too long: " + std::to_string(bytes) + " bytes (the ELF path, each argument and " +
               "a NUL after each), the limit is " + std::to_string(SYSCTL_ARGS_MAX_BYTES);
    }
    return "";
}

void Sysctl::set_command_line(const std::vector<std::string>& args)
{
    if (const std::string problem = command_line_problem(args); !problem.empty()) {
        throw std::invalid_argument(problem);
    }
    m_args = args;
    m_args_bytes.clear();
    for (const auto& arg : args) {
        m_args_bytes += arg;
        m_args_bytes += '\0';
    }
}

uint32_t Sysctl::args_word(uint64_t offset) const
{
    uint32_t word = 0;
    const uint64_t first = offset - SYSCTL_ARGS_WINDOW;
    for (unsigned i = 0; i < 4; ++i) {
        if (first + i < m_args_bytes.size()) {
            word |= uint32_t{static_cast<uint8_t>(m_args_bytes[first + i])} << (8 * i);
        }
    }
    return word;
}

void Sysctl::start_of_simulation()
{
    m_host_start = std::chrono::steady_clock::now();
    m_started = true;
}

uint64_t Sysctl::host_time_ns() const
{
    if (!m_started) {
        return 0;
    }
    const auto elapsed = std::chrono::steady_clock::now() - m_host_start;
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
}

uint64_t Sysctl::counter(uint64_t base, const sc_core::sc_time& at) const
{
    switch (base) {
        case SYSCTL_CYCLES: return m_probes.cycles ? m_probes.cycles(at) : 0;
        case SYSCTL_INSTRET: return m_probes.instret ? m_probes.instret(at) : 0;
        case SYSCTL_SIM_TIME_NS: return at.value() / m_ticks_per_ns;
        case SYSCTL_HOST_TIME_NS: return host_time_ns();
        default: return 0;
    }
}

RegStatus Sysctl::read_register(const MmioAccess& access, uint64_t& value)
{
    const uint64_t offset = access.offset;
    if (is_counter(offset)) {
        const uint64_t base = offset & ~uint64_t{7};
        const uint64_t full = counter(base, access.time);
        if (access.width == 8) {
            value = full;  // only reaches here 8-byte aligned, i.e. at the counter's base
        } else {
            value = (offset & SYSCTL_HI) ? full >> 32 : full & 0xFFFFFFFFu;
        }
        return RegStatus::ok;
    }
    if (in_args_window(offset)) {
        if (access.width != 4) {
            return RegStatus::bad_width;
        }
        value = args_word(offset);
        return RegStatus::ok;
    }
    if (offset >= SYSCTL_REGS_END) {
        return RegStatus::no_register;
    }
    if (access.width != 4) {
        return RegStatus::bad_width;
    }
    if (is_arg(offset)) {
        value = params.args[(offset - SYSCTL_ARG0) / 4];
        return RegStatus::ok;
    }
    switch (offset) {
        case SYSCTL_ID: value = SYSCTL_ID_VALUE; return RegStatus::ok;
        case SYSCTL_VERSION: value = SYSCTL_VERSION_VALUE; return RegStatus::ok;
        case SYSCTL_SCRATCH: value = m_scratch; return RegStatus::ok;
        case SYSCTL_STATS: value = 0; return RegStatus::ok;
        case SYSCTL_ROI: value = m_roi_last; return RegStatus::ok;
        case SYSCTL_ROI_COUNT: value = saturate32(m_marks.size()); return RegStatus::ok;
        case SYSCTL_ROI_UNMATCHED: value = saturate32(m_roi_unmatched); return RegStatus::ok;
        case SYSCTL_ROI_INVALID: value = saturate32(m_roi_invalid); return RegStatus::ok;
        case SYSCTL_ARGC: value = saturate32(m_args.size()); return RegStatus::ok;
        case SYSCTL_ARGS_BYTES: value = saturate32(m_args_bytes.size()); return RegStatus::ok;
        case SYSCTL_ROI_NAME_CHARS:
        case SYSCTL_ROI_NAME_ID: value = 0; return RegStatus::ok;
        default: return RegStatus::no_register;
    }
}

RegStatus Sysctl::write_register(const MmioAccess& access, uint64_t value)
{
    const uint64_t offset = access.offset;
    if (in_args_window(offset)) {
        return access.width != 4 ? RegStatus::bad_width : RegStatus::read_only;
    }
    if (is_counter(offset)) {
        return RegStatus::read_only;
    }
    if (offset >= SYSCTL_REGS_END) {
        return RegStatus::no_register;
    }
    if (access.width != 4) {
        return RegStatus::bad_width;
    }
    const uint32_t word = static_cast<uint32_t>(value);
    switch (offset) {  // never a debug write: MmioTarget gives those no effect
        case SYSCTL_SCRATCH:
            m_scratch = word;
            return RegStatus::ok;
        case SYSCTL_STATS:
            write_stats(access, word);
            return RegStatus::ok;
        case SYSCTL_ROI:
            write_roi(access, word);
            return RegStatus::ok;
        case SYSCTL_ROI_NAME_CHARS:
            append_roi_name(word);
            return RegStatus::ok;
        case SYSCTL_ROI_NAME_ID:
            commit_roi_name(word);
            return RegStatus::ok;
        default:
            return RegStatus::read_only;  // ID, VERSION, ROI_COUNT, ROI_UNMATCHED, ROI_INVALID, ARG0..7, ARGC, ARGS_BYTES
    }
}

void Sysctl::write_stats(const MmioAccess& access, uint32_t value)
{
    if ((value & SYSCTL_STATS_PRINT) == 0) {
        return;
    }
    ++m_stats_requests;
    m_last_stats_time = access.time;
    if (m_probes.print_stats) {
        m_probes.print_stats();
    } else {
        log()->info("stats requested at {} (no stats provider)", access.time.to_string());
    }
}

void Sysctl::append_roi_name(uint32_t chars)
{
    for (unsigned i = 0; i < 4; ++i) {
        const char c = static_cast<char>((chars >> (8 * i)) & 0xFF);
        // Past the limit the name is kept one character too long, so that the commit refuses it.
        if (c != '\0' && m_pending_name.size() <= SYSCTL_ROI_NAME_MAX) {
            m_pending_name += c;
        }
    }
}

void Sysctl::commit_roi_name(uint32_t id)
{
    std::string name;
    name.swap(m_pending_name);
    const bool valid_chars = std::all_of(name.begin(), name.end(), is_name_char);
    if (name.empty() || name.size() > SYSCTL_ROI_NAME_MAX || !valid_chars || (id & ~SYSCTL_ROI_ID_MASK) != 0) {
        ++m_roi_invalid;
        log()->warn("ROI name for region {:#x} ignored: needs an id of 24 bits and 1..{} characters of "
                    "[A-Za-z0-9_.-]",
                    id, SYSCTL_ROI_NAME_MAX);
        return;
    }
    m_roi_names[id] = name;
    if (m_probes.roi_name) {
        m_probes.roi_name(id, name);
    }
}

void Sysctl::write_roi(const MmioAccess& access, uint32_t value)
{
    m_roi_last = value;
    const bool begin = (value & SYSCTL_ROI_BEGIN) != 0;
    const bool end = (value & SYSCTL_ROI_END) != 0;
    if (begin == end || (value & SYSCTL_ROI_RESERVED_MASK) != 0) {
        ++m_roi_invalid;
        log()->warn("ROI write {:#010x} ignored: needs exactly one of BEGIN (bit 31) and END (bit 30), "
                    "and bits 29..24 clear",
                    value);
        return;
    }
    RoiMark mark;
    mark.id = value & SYSCTL_ROI_ID_MASK;
    mark.kind = begin ? RoiMark::Kind::begin : RoiMark::Kind::end;
    mark.time = access.time;
    mark.cycles = counter(SYSCTL_CYCLES, access.time);
    mark.instret = counter(SYSCTL_INSTRET, access.time);
    if (begin) {
        ++m_open_regions[mark.id];
    } else {
        const auto open = m_open_regions.find(mark.id);
        if (open == m_open_regions.end()) {
            mark.unmatched = true;
            ++m_roi_unmatched;
            log()->warn("ROI end of region {} without a matching begin", mark.id);
        } else if (--open->second == 0) {
            m_open_regions.erase(open);
        }
    }
    log()->debug("ROI {} region {} at {}: cycles {}, instret {}", kind_name(mark.kind), mark.id,
                 mark.time.to_string(), mark.cycles, mark.instret);
    m_marks.push_back(mark);
    if (m_probes.roi_mark) {
        m_probes.roi_mark(mark);
    }
}

}  // namespace pimsoc
