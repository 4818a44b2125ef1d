#include "gdb_stub.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "gdb_packet.h"

namespace pimsoc::gdb {
namespace {

const std::string ok = "OK";
// Error replies: GDB shows only that the request failed; the number tells us which check.
const std::string error_bad_packet = "E01";
const std::string error_no_register = "E02";
const std::string error_memory = "E03";
const std::string error_breakpoint = "E04";

bool starts_with(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

// "ADDR,LENGTH" (big-endian hex numbers).
bool parse_address_length(const std::string& text, uint64_t& addr, uint64_t& length)
{
    const size_t comma = text.find(',');
    return comma != std::string::npos && parse_number(text.substr(0, comma), addr) &&
           parse_number(text.substr(comma + 1), length);
}

// A number as GDB writes it: big-endian hex without leading zeros.
std::string hex_number(uint64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
    return text;
}

}  // namespace

std::string GdbStub::hex_byte(uint8_t value) { return le_hex(value, 1); }

StubResponse GdbStub::handle(const std::string& packet)
{
    StubResponse response;
    if (packet.empty()) {
        return response;
    }
    const std::string args = packet.substr(1);
    switch (packet[0]) {
    case '?': response.reply = m_last_stop; break;
    case 'g': response.reply = read_registers(); break;
    case 'G': response.reply = write_registers(args); break;
    case 'p': response.reply = read_register(args); break;
    case 'P': response.reply = write_register(args); break;
    case 'm': response.reply = read_memory(args); break;
    case 'M': response.reply = write_memory(args, false); break;
    case 'X': response.reply = write_memory(args, true); break;
    case 'c': return resume(args, StubResponse::Action::resume);
    case 's': return resume(args, StubResponse::Action::step);
    case 'C': return resume("", StubResponse::Action::resume);  // the signal is not delivered: no OS
    case 'S': return resume("", StubResponse::Action::step);
    case 'Z':
    case 'z': response.reply = breakpoint(packet); break;
    case 'D':
        response.action = StubResponse::Action::detach;
        response.reply = ok;
        break;
    case 'k': response.action = StubResponse::Action::kill; break;
    case 'H':  // one hart: every thread selection is that one
    case 'T': response.reply = ok; break;
    case 'v': return v_packet(packet);
    case 'q': response.reply = query(packet); break;
    default: break;  // unknown: the empty reply
    }
    return response;
}

std::string GdbStub::stop_reply(const StopEvent& event)
{
    const uint8_t signal = event.why == StopEvent::Why::interrupted ? sigint : sigtrap;
    std::string reply = "T" + hex_byte(signal);
    if (event.why == StopEvent::Why::watchpoint) {
        if (event.watch_kind == TriggerKind::execute) {
            reply += "hwbreak:;";  // a hardware breakpoint: no data address
        } else {
            static const char* const names[] = {"", "", "watch", "rwatch", "awatch"};
            reply += names[static_cast<unsigned>(event.watch_kind)];
            reply += ":" + hex_number(event.watch_addr) + ";";
        }
    }
    reply += "thread:1;";
    m_last_stop = reply;
    return reply;
}

// --- registers ---------------------------------------------------------------------------------

std::string GdbStub::read_registers()
{
    std::string reply;
    const unsigned bytes = m_target.register_bytes();
    for (unsigned n = 0; n < m_target.g_register_count(); ++n) {
        uint64_t value = 0;
        if (!m_target.read_register(n, value)) {
            return error_no_register;
        }
        reply += le_hex(value, bytes);
    }
    return reply;
}

std::string GdbStub::write_registers(const std::string& hex)
{
    const size_t digits = size_t{m_target.register_bytes()} * 2;
    const unsigned count = m_target.g_register_count();
    if (hex.size() != digits * count) {
        return error_bad_packet;
    }
    std::vector<uint64_t> values(count);
    for (unsigned n = 0; n < count; ++n) {
        if (!parse_le_hex(hex.substr(n * digits, digits), values[n])) {
            return error_bad_packet;
        }
    }
    for (unsigned n = 0; n < count; ++n) {
        m_target.write_register(n, values[n]);  // read-only ones (x0) keep their value, as GDB expects
    }
    return ok;
}

std::string GdbStub::read_register(const std::string& args)
{
    uint64_t regnum = 0;
    uint64_t value = 0;
    if (!parse_number(args, regnum)) {
        return error_bad_packet;
    }
    if (regnum > UINT32_MAX || !m_target.read_register(static_cast<unsigned>(regnum), value)) {
        return error_no_register;
    }
    return le_hex(value, m_target.register_bytes());
}

std::string GdbStub::write_register(const std::string& args)
{
    const size_t equals = args.find('=');
    uint64_t regnum = 0;
    uint64_t value = 0;
    if (equals == std::string::npos || !parse_number(args.substr(0, equals), regnum) ||
        args.size() - equals - 1 != size_t{m_target.register_bytes()} * 2 || !parse_le_hex(args.substr(equals + 1), value)) {
        return error_bad_packet;
    }
    if (regnum > UINT32_MAX || !m_target.write_register(static_cast<unsigned>(regnum), value)) {
        return error_no_register;
    }
    return ok;
}

// --- memory ------------------------------------------------------------------------------------

std::string GdbStub::read_memory(const std::string& args)
{
    uint64_t addr = 0;
    uint64_t length = 0;
    if (!parse_address_length(args, addr, length)) {
        return error_bad_packet;
    }
    length = std::min<uint64_t>(length, max_packet_bytes / 2);
    std::vector<uint8_t> data(length);
    const size_t done = m_target.read_memory(addr, data.data(), data.size());
    if (done == 0 && length != 0) {
        return error_memory;
    }
    return to_hex(data.data(), done);
}

std::string GdbStub::write_memory(const std::string& args, bool binary)
{
    const size_t colon = args.find(':');
    uint64_t addr = 0;
    uint64_t length = 0;
    if (colon == std::string::npos || !parse_address_length(args.substr(0, colon), addr, length)) {
        return error_bad_packet;
    }
    const std::string payload = args.substr(colon + 1);
    std::vector<uint8_t> data;
    if (binary) {
        data.assign(payload.begin(), payload.end());  // the decoder already undid the escapes
    } else if (!from_hex(payload, data)) {
        return error_bad_packet;
    }
    if (data.size() != length) {
        return error_bad_packet;
    }
    if (length != 0 && m_target.write_memory(addr, data.data(), data.size()) != data.size()) {
        return error_memory;
    }
    return ok;
}

// --- run control -------------------------------------------------------------------------------

StubResponse GdbStub::resume(const std::string& args, StubResponse::Action action)
{
    StubResponse response;
    if (!args.empty()) {  // c ADDR / s ADDR: resume at ADDR
        uint64_t pc = 0;
        constexpr unsigned pc_regnum = 32;
        if (!parse_number(args, pc) || !m_target.write_register(pc_regnum, pc)) {
            response.reply = error_bad_packet;
            return response;
        }
    }
    response.action = action;
    return response;
}

StubResponse GdbStub::v_packet(const std::string& packet)
{
    StubResponse response;
    if (packet == "vCont?") {
        response.reply = "vCont;c;C;s;S";
    } else if (starts_with(packet, "vCont;")) {
        // One hart: the first action decides ("vCont;s:1;c" steps thread 1, the others stay).
        const char action = packet.size() > 6 ? packet[6] : '\0';
        if (action == 'c' || action == 'C') {
            response.action = StubResponse::Action::resume;
        } else if (action == 's' || action == 'S') {
            response.action = StubResponse::Action::step;
        } else {
            response.reply = error_bad_packet;
        }
    } else if (starts_with(packet, "vKill")) {
        response.action = StubResponse::Action::kill;
    }
    return response;  // vMustReplyEmpty and the rest: empty
}

// --- breakpoints -------------------------------------------------------------------------------

// Z/z TYPE,ADDR,KIND: type 0 software breakpoint, 1 hardware breakpoint, 2..4 watchpoints.
std::string GdbStub::breakpoint(const std::string& packet)
{
    const bool insert = packet[0] == 'Z';
    const size_t first_comma = packet.find(',');
    if (first_comma == std::string::npos) {
        return error_bad_packet;
    }
    uint64_t type = 0;
    uint64_t addr = 0;
    uint64_t kind = 0;
    const std::string rest = packet.substr(first_comma + 1);
    const size_t semicolon = rest.find(';');  // conditions (;X...) are not supported: ignored
    if (!parse_number(packet.substr(1, first_comma - 1), type) ||
        !parse_address_length(rest.substr(0, semicolon), addr, kind) || type > 4) {
        return error_bad_packet;
    }
    if (type == 0) {
        const bool done = insert ? m_target.insert_breakpoint(addr) : m_target.remove_breakpoint(addr);
        return done ? ok : error_breakpoint;
    }
    HardwareTriggers* triggers = m_target.triggers();
    if (triggers == nullptr) {
        return "";  // not supported: GDB single-steps software watchpoints instead
    }
    const auto trigger = static_cast<TriggerKind>(type);
    const bool done = insert ? triggers->insert(trigger, addr, kind) : triggers->remove(trigger, addr, kind);
    return done ? ok : error_breakpoint;
}

// --- queries -----------------------------------------------------------------------------------

std::string GdbStub::query(const std::string& packet)
{
    if (starts_with(packet, "qSupported")) {
        // hwbreak+: GDB accepts the hwbreak stop reason only from a stub that says it sends it.
        return "PacketSize=" + hex_number(max_packet_bytes) + ";qXfer:features:read+;vContSupported+" +
               (m_target.triggers() != nullptr ? ";hwbreak+" : "");
    }
    if (starts_with(packet, "qXfer:features:read:")) {
        return features_read(packet.substr(std::string("qXfer:features:read:").size()));
    }
    if (starts_with(packet, "qRcmd,")) {
        std::vector<uint8_t> command;
        if (!from_hex(packet.substr(6), command)) {
            return error_bad_packet;
        }
        return to_hex(m_target.monitor(std::string(command.begin(), command.end())));
    }
    if (packet == "qAttached" || starts_with(packet, "qAttached:")) {
        return "1";  // attached to a running system: on quit GDB detaches instead of killing it
    }
    if (packet == "qC") {
        return "QC1";
    }
    if (packet == "qfThreadInfo") {
        return "m1";
    }
    if (packet == "qsThreadInfo") {
        return "l";
    }
    if (packet == "qSymbol::") {
        return ok;  // no symbols needed
    }
    return "";
}

// qXfer:features:read:ANNEX:OFFSET,LENGTH -> m DATA (more follows) or l DATA (last part).
std::string GdbStub::features_read(const std::string& args)
{
    const size_t colon = args.find(':');
    uint64_t offset = 0;
    uint64_t length = 0;
    if (colon == std::string::npos || !parse_address_length(args.substr(colon + 1), offset, length)) {
        return error_bad_packet;
    }
    std::string document;
    if (!m_target.target_description(args.substr(0, colon), document)) {
        return error_bad_packet;
    }
    if (offset >= document.size()) {
        return "l";
    }
    // Escaping may double a byte: keep the reply within the packet size.
    length = std::min<uint64_t>(length, max_packet_bytes / 2);
    const std::string part = document.substr(offset, length);
    return (offset + part.size() < document.size() ? "m" : "l") + part;
}

}  // namespace pimsoc::gdb
