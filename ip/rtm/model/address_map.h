// Byte addresses of the RTM data window -> (bank, subarray, DBC, domain, byte, tracks).
//
// Addresses are byte offsets from the window base (the SoC maps the window at 0x2100_0000; the
// wrapper subtracts the base). A word is T/8 consecutive bytes, little-endian: byte b of a word
// holds bits 8b..8b+7, i.e. tracks 8b..8b+7 of its DBC. Banks are contiguous:
// bank = address / bank_bytes. Within a bank, word w (w = (address % bank_bytes) / (T/8)) is at
//   sequential:   DBC w / N,  domain w % N   (consecutive words: consecutive domains of one DBC)
//   interleaved:  DBC w % D,  domain w / D   (consecutive words: same domain of consecutive DBCs)
// with D = subarrays_per_bank * dbcs_per_subarray and DBC i of a bank in subarray i / dbcs_per_subarray.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "rtm_config.h"

namespace pimsoc::rtm {

struct Location {
    uint32_t bank = 0;
    uint32_t subarray = 0;     // within the bank
    uint32_t dbc = 0;          // within the subarray
    uint32_t dbc_in_bank = 0;  // subarray * dbcs_per_subarray + dbc
    uint32_t dbc_index = 0;    // bank * dbcs_per_bank + dbc_in_bank: index over the whole array
    uint32_t domain = 0;
    uint32_t byte_in_word = 0;  // 0..T/8-1
    uint32_t first_track = 0;   // tracks first_track..last_track of the DBC hold this byte
    uint32_t last_track = 0;
};

// Where a word sits: the DBC (index over the whole array) and the domain.
struct WordPosition {
    uint32_t dbc_index = 0;
    uint32_t domain = 0;
};

class AddressMap {
public:
    explicit AddressMap(const Geometry& geometry);  // geometry must pass validate()

    uint64_t capacity_bytes() const { return m_capacity; }
    uint64_t bank_bytes() const { return m_bank_bytes; }
    uint32_t word_bytes() const { return m_word_bytes; }
    uint32_t word_shift() const { return m_word_shift; }  // log2(word_bytes)
    uint64_t words_per_bank() const { return m_words_per_bank; }
    uint32_t dbcs_per_bank() const { return m_dbcs_per_bank; }
    uint32_t total_dbcs() const { return m_dbcs_per_bank * m_banks; }
    uint32_t banks() const { return m_banks; }
    Placement placement() const { return m_placement; }

    // True if [address, address + length) lies inside the window (length 0: address <= capacity).
    bool contains(uint64_t address, uint64_t length) const
    {
        return address <= m_capacity && length <= m_capacity - address;
    }
    uint32_t bank_of(uint64_t address) const { return static_cast<uint32_t>(address / m_bank_bytes); }

    // Precondition: address < capacity_bytes().
    Location locate(uint64_t address) const;

    // Position of window word `word` (= address >> word_shift()); word < capacity / word_bytes.
    WordPosition word_position(uint64_t word) const
    {
        const uint64_t bank = word / m_words_per_bank;
        const uint64_t w = word % m_words_per_bank;
        uint64_t dbc = 0;
        uint64_t domain = 0;
        if (m_placement == Placement::sequential) {
            dbc = w / m_domains;
            domain = w % m_domains;
        } else {
            dbc = w % m_dbcs_per_bank;
            domain = w / m_dbcs_per_bank;
        }
        return WordPosition{static_cast<uint32_t>(bank * m_dbcs_per_bank + dbc),
                            static_cast<uint32_t>(domain)};
    }

    // Inverse of word_position(): the byte address of the word at (dbc_index, domain).
    uint64_t word_address(uint32_t dbc_index, uint32_t domain) const;

private:
    uint32_t m_banks;
    uint32_t m_dbcs_per_subarray;
    uint32_t m_dbcs_per_bank;
    uint32_t m_domains;
    uint32_t m_word_bytes;
    uint32_t m_word_shift;
    uint64_t m_words_per_bank;
    uint64_t m_bank_bytes;
    uint64_t m_capacity;
    Placement m_placement;
};

}  // namespace pimsoc::rtm
