#include "address_map.h"

namespace pimsoc::rtm {

AddressMap::AddressMap(const Geometry& g)
    : m_banks(g.banks),
      m_dbcs_per_subarray(g.dbcs_per_subarray),
      m_dbcs_per_bank(g.subarrays_per_bank * g.dbcs_per_subarray),
      m_domains(g.domains_per_track),
      m_word_bytes(g.tracks_per_dbc / 8),
      m_word_shift(0),
      m_words_per_bank(static_cast<uint64_t>(m_dbcs_per_bank) * g.domains_per_track),
      m_bank_bytes(m_words_per_bank * m_word_bytes),
      m_capacity(m_bank_bytes * g.banks),
      m_placement(g.placement)
{
    while ((1u << m_word_shift) < m_word_bytes) ++m_word_shift;
}

Location AddressMap::locate(uint64_t address) const
{
    const WordPosition p = word_position(address >> m_word_shift);
    Location l;
    l.bank = p.dbc_index / m_dbcs_per_bank;
    l.dbc_in_bank = p.dbc_index % m_dbcs_per_bank;
    l.subarray = l.dbc_in_bank / m_dbcs_per_subarray;
    l.dbc = l.dbc_in_bank % m_dbcs_per_subarray;
    l.dbc_index = p.dbc_index;
    l.domain = p.domain;
    l.byte_in_word = static_cast<uint32_t>(address & (m_word_bytes - 1));
    l.first_track = 8 * l.byte_in_word;
    l.last_track = l.first_track + 7;
    return l;
}

uint64_t AddressMap::word_address(uint32_t dbc_index, uint32_t domain) const
{
    const uint64_t bank = dbc_index / m_dbcs_per_bank;
    const uint64_t dbc = dbc_index % m_dbcs_per_bank;
    const uint64_t w = m_placement == Placement::sequential
                           ? dbc * m_domains + domain
                           : static_cast<uint64_t>(domain) * m_dbcs_per_bank + dbc;
    return (bank * m_words_per_bank + w) << m_word_shift;
}

}  // namespace pimsoc::rtm
