// What one call of a PIM model (a memory access or a command) returns: its verdict, the unit that
// did the work and its cost. The record's shape is shared; the event counters and the energy by
// event kind are the technology's own structs (racetrack: shifts, reads, writes, adds, mults;
// MRAM: row activations, AND senses, popcounts; ReRAM: DAC, crossbar, ADC steps), because each
// technology counts different events. docs/models/pim.md, "Results and costs".
//
// Requirements on the technology's types (checked where a device uses them):
//   Counters: monotonic uint64 event counts, default-constructible (all zero), operator+=;
//   Energy:   double members in pJ, one per event kind, and `double total_pj() const`.
// Times are integer picoseconds.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "error.h"
#include "fields.h"  // add_fields() for a Counters' operator+=

namespace pimsoc::pim {

template <class Counters, class Energy>
struct Cost {
    uint64_t latency_ps = 0;  // from the call's start until its unit is idle again
    uint64_t data_ps = 0;     // a read: when the data is there; otherwise = latency_ps
    Counters counters;        // the event increments this call caused
    Energy energy;            // their dynamic energy, by event kind
};

template <class CostRecord>
struct Result {
    Error error = Error::none;
    uint32_t bank = 0;  // the independently busy unit that did the work (the wrapper serialises
                        // calls on one bank and may overlap banks)
    CostRecord cost;    // all zero when error != none: a rejected call costs nothing
};

}  // namespace pimsoc::pim
