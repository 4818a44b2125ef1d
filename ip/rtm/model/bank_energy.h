// An NVSim/DESTINY/CACTI-style estimate of the dynamic CMOS energy of one array access to a memory
// bank, from its organisation and the wire and transistor capacitances of the node
// (docs/models/rtm.md, "Array access periphery"). One T-bit access sums:
//   decoder      log2(rows) predecode lines, each (decoder length x C_wire + rows/2 gates) x Vdd^2
//   select line  (cells on it x C_gate + its length x C_wire) x Vdd^2
//   bitlines     read: lines swung x C_bl x Vdd x V_swing; write: the written bits at full swing
//                (C_bl = cells on it x C_drain + its length x C_wire), the others as a read
//   sense amps   read: bits x E_sense (write drivers: in the cell's write energy)
//   H-tree       (address bits + bits) x distance from the bank edge x C_wire x Vdd^2
// Every switched node is charged C x Vdd^2 per access (CACTI's convention), wires unrepeated.
// The same estimator prices the racetrack bank (rtm_bank_organisation) and SRAMs
// (sram_organisation: the SoC's 256 KiB SRAM as a check, the RTM's input buffer).
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <tuple>

#include "pim/model/fields.h"
#include "rtm_config.h"

namespace pimsoc::rtm {

// What one access touches, and how long the lines are.
struct BankOrganisation {
    uint32_t address_bits = 0;           // carried by the H-tree to the subarray
    uint32_t bits = 0;                   // data bits sensed or written, carried by the H-tree
    uint32_t rows = 1;                   // select lines per subarray (decoder outputs)
    uint32_t cells_per_select_line = 0;  // access-transistor gates on one select line
    uint32_t bitlines_swung = 0;         // bitlines that swing on a read (>= bits)
    uint32_t cells_per_bitline = 0;      // access-transistor drains on one bitline
    double select_line_um = 0;
    double bitline_um = 0;
    double decoder_um = 0;               // predecode lines, along the subarray's rows
    double htree_um = 0;                 // bank edge to a subarray
};

// Dynamic energy of one access by component, in pJ.
struct AccessEnergy {
    double decoder_pj = 0;
    double select_line_pj = 0;
    double bitlines_pj = 0;
    double sense_amps_pj = 0;
    double htree_pj = 0;

    // The components in one list: total_pj() walks it.
    template <class Self>
    static auto fields(Self& a)
    {
        return std::tie(a.decoder_pj, a.select_line_pj, a.bitlines_pj, a.sense_amps_pj, a.htree_pj);
    }
    double total_pj() const { return pim::sum_fields(fields(*this)); }
};
static_assert(pim::lists_every_member<AccessEnergy>(), "AccessEnergy::fields() names every component");

enum class AccessKind : uint8_t { read, write };

// The node's capacitances: CircuitEnergy's vdd_v, wire_ff_per_um, gate_ff_per_um, sense_amp_fj,
// bitline_swing_v, and the feature size (transistors are access_width_f F wide).
constexpr double access_width_f = 4.0;
AccessEnergy access_energy(const BankOrganisation& org, const RtmConfig& config, AccessKind kind);

// A racetrack bank of the config: subarrays x DBCs x P port select lines of T access transistors,
// T bitlines each shared by the DBCs' ports of one bit position, lengths from the area model
// (its arrays: domains, ports and their periphery; the cells and the input buffer lie beside).
BankOrganisation rtm_bank_organisation(const RtmConfig& config);

// An SRAM of `bytes` accessed `word_bits` at a time, laid out in square subarrays of at most
// 256 x 256 cells of area.sram_bit_f2 (aspect 1.46 as CACTI's 6T cell), array efficiency
// 1 / (1 + area.periphery_fraction); a read swings every bitline of the row.
BankOrganisation sram_organisation(double bytes, uint32_t word_bits, const RtmConfig& config);

}  // namespace pimsoc::rtm
