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

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <utility>

#include "error.h"

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

namespace detail {
template <class A, class B, size_t... I>
void add_fields(A& a, const B& b, std::index_sequence<I...>)
{
    ((std::get<I>(a) += std::get<I>(b)), ...);
}
}  // namespace detail

// Adds every member of b to a's, both given as std::tie of the same members in the same order:
// a Counters' operator+= over one member list (compare the two ties for operator==).
template <class... A, class... B>
void add_fields(std::tuple<A&...> a, std::tuple<B&...> b)
{
    static_assert(sizeof...(A) == sizeof...(B), "the same members on both sides");
    detail::add_fields(a, b, std::index_sequence_for<A...>{});
}

}  // namespace pimsoc::pim
