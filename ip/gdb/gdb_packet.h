// GDB remote serial protocol framing: `$payload#cc` packets with a modulo-256 checksum, binary
// escaping (`}` then the byte XOR 0x20), acknowledgements and the out-of-band interrupt byte 0x03.
// Pure C++, no I/O: the transport feeds bytes in and writes what encode_packet() returns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pimsoc::gdb {

struct WireEvent {
    enum class Kind : uint8_t {
        packet,      // a complete packet with a good checksum; payload unescaped
        interrupt,   // 0x03 outside a packet (Ctrl-C)
        ack,         // '+'
        nack,        // '-': resend the last packet
        bad_packet,  // checksum mismatch or a malformed checksum: answer '-'
    };
    Kind kind;
    std::string payload;
};

// Incremental decoder of the byte stream GDB sends (packets may arrive in pieces).
class PacketDecoder {
public:
    void feed(const char* data, size_t length, std::vector<WireEvent>& out);

private:
    enum class State : uint8_t { idle, body, escaped, checksum_high, checksum_low };
    State m_state = State::idle;
    std::string m_payload;
    uint8_t m_sum = 0;  // over the bytes as sent (escapes included)
    int m_checksum_high = 0;
};

// `$payload#cc` with `$ # } *` escaped (the checksum covers the escaped bytes).
std::string encode_packet(const std::string& payload);

// Hex helpers of the protocol.
std::string to_hex(const uint8_t* data, size_t length);
std::string to_hex(const std::string& text);
// false on an odd length or a non-hex digit.
bool from_hex(const std::string& hex, std::vector<uint8_t>& out);
// A little-endian value of `bytes` bytes as hex (register contents).
std::string le_hex(uint64_t value, unsigned bytes);
bool parse_le_hex(const std::string& hex, uint64_t& value);
// A big-endian hex number as GDB writes addresses and lengths ("80000000"); false when empty,
// too long or not hex.
bool parse_number(const std::string& text, uint64_t& value);

}  // namespace pimsoc::gdb
