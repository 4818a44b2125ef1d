#include "gdb_packet.h"

namespace pimsoc::gdb {
namespace {

constexpr char packet_start = '$';
constexpr char packet_end = '#';
constexpr char escape_char = '}';
constexpr char rle_char = '*';
constexpr uint8_t escape_xor = 0x20;
constexpr char interrupt_char = 0x03;

int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

constexpr char hex_chars[] = "0123456789abcdef";

}  // namespace

void PacketDecoder::feed(const char* data, size_t length, std::vector<WireEvent>& out)
{
    for (size_t i = 0; i < length; ++i) {
        const char c = data[i];
        switch (m_state) {
        case State::idle:
            if (c == packet_start) {
                m_state = State::body;
                m_payload.clear();
                m_sum = 0;
            } else if (c == interrupt_char) {
                out.push_back({WireEvent::Kind::interrupt, {}});
            } else if (c == '+') {
                out.push_back({WireEvent::Kind::ack, {}});
            } else if (c == '-') {
                out.push_back({WireEvent::Kind::nack, {}});
            }
            break;  // anything else between packets is line noise: ignored
        case State::body:
            if (c == packet_end) {
                m_state = State::checksum_high;
            } else if (c == escape_char) {
                m_sum = static_cast<uint8_t>(m_sum + static_cast<uint8_t>(c));
                m_state = State::escaped;
            } else {
                m_sum = static_cast<uint8_t>(m_sum + static_cast<uint8_t>(c));
                m_payload += c;
            }
            break;
        case State::escaped:
            m_sum = static_cast<uint8_t>(m_sum + static_cast<uint8_t>(c));
            m_payload += static_cast<char>(static_cast<uint8_t>(c) ^ escape_xor);
            m_state = State::body;
            break;
        case State::checksum_high:
            m_checksum_high = hex_digit(c);
            m_state = State::checksum_low;
            break;
        case State::checksum_low: {
            const int low = hex_digit(c);
            const bool good = m_checksum_high >= 0 && low >= 0 && ((m_checksum_high << 4) | low) == m_sum;
            if (good) {
                out.push_back({WireEvent::Kind::packet, std::move(m_payload)});
            } else {
                out.push_back({WireEvent::Kind::bad_packet, {}});
            }
            m_payload.clear();
            m_state = State::idle;
            break;
        }
        }
    }
}

std::string encode_packet(const std::string& payload)
{
    std::string body;
    body.reserve(payload.size() + 4);
    for (const char c : payload) {
        if (c == packet_start || c == packet_end || c == escape_char || c == rle_char) {
            body += escape_char;
            body += static_cast<char>(static_cast<uint8_t>(c) ^ escape_xor);
        } else {
            body += c;
        }
    }
    uint8_t sum = 0;
    for (const char c : body) {
        sum = static_cast<uint8_t>(sum + static_cast<uint8_t>(c));
    }
    std::string packet;
    packet.reserve(body.size() + 4);
    packet += packet_start;
    packet += body;
    packet += packet_end;
    packet += hex_chars[sum >> 4];
    packet += hex_chars[sum & 0xF];
    return packet;
}

std::string to_hex(const uint8_t* data, size_t length)
{
    std::string hex;
    hex.reserve(length * 2);
    for (size_t i = 0; i < length; ++i) {
        hex += hex_chars[data[i] >> 4];
        hex += hex_chars[data[i] & 0xF];
    }
    return hex;
}

std::string to_hex(const std::string& text)
{
    return to_hex(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

bool from_hex(const std::string& hex, std::vector<uint8_t>& out)
{
    out.clear();
    if (hex.size() % 2 != 0) {
        return false;
    }
    out.reserve(hex.size() / 2);
    for (size_t i = 0; i < hex.size(); i += 2) {
        const int high = hex_digit(hex[i]);
        const int low = hex_digit(hex[i + 1]);
        if (high < 0 || low < 0) {
            return false;
        }
        out.push_back(static_cast<uint8_t>((high << 4) | low));
    }
    return true;
}

std::string le_hex(uint64_t value, unsigned bytes)
{
    uint8_t data[8] = {};
    for (unsigned i = 0; i < bytes && i < sizeof data; ++i) {
        data[i] = static_cast<uint8_t>(value >> (8 * i));
    }
    return to_hex(data, bytes);
}

bool parse_le_hex(const std::string& hex, uint64_t& value)
{
    std::vector<uint8_t> bytes;
    if (!from_hex(hex, bytes) || bytes.empty() || bytes.size() > 8) {
        return false;
    }
    value = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
        value |= uint64_t{bytes[i]} << (8 * i);
    }
    return true;
}

bool parse_number(const std::string& text, uint64_t& value)
{
    constexpr size_t max_digits = 16;
    if (text.empty() || text.size() > max_digits) {
        return false;
    }
    value = 0;
    for (const char c : text) {
        const int digit = hex_digit(c);
        if (digit < 0) {
            return false;
        }
        value = (value << 4) | static_cast<uint64_t>(digit);
    }
    return true;
}

}  // namespace pimsoc::gdb
