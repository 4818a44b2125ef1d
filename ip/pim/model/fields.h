// Member lists of the PIM models' plain records (event counters, area by component): a record
// names its members once, `template <class Self> static auto fields(Self& r) { return
// std::tie(r.a, r.b, ...); }`, and its operator+=, operator==, operator-, total or scaling walk
// that list, so a new member is one edit and no operator can forget it.
// Pure C++17, no SystemC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <tuple>
#include <utility>

namespace pimsoc::pim {

namespace detail {
template <class A, class B, class Op, size_t... I>
void each_pair(A& a, const B& b, Op op, std::index_sequence<I...>)
{
    (op(std::get<I>(a), std::get<I>(b)), ...);
}
}  // namespace detail

// op(a_i, b_i) for every member pair of two member lists of the same record.
template <class... A, class... B, class Op>
void each_pair(std::tuple<A&...> a, std::tuple<B&...> b, Op op)
{
    static_assert(sizeof...(A) == sizeof...(B), "the same members on both sides");
    detail::each_pair(a, b, op, std::index_sequence_for<A...>{});
}

// a += b member by member: a Counters' operator+= over its member list (compare the two lists for
// operator==).
template <class... A, class... B>
void add_fields(std::tuple<A&...> a, std::tuple<B&...> b)
{
    each_pair(a, b, [](auto& x, const auto& y) { x += y; });
}

// a -= b member by member (a difference of counter snapshots).
template <class... A, class... B>
void subtract_fields(std::tuple<A&...> a, std::tuple<B&...> b)
{
    each_pair(a, b, [](auto& x, const auto& y) { x -= y; });
}

// The members' sum, left to right (exactly `a + b + c`).
template <class... A>
auto sum_fields(std::tuple<A&...> f)
{
    return std::apply([](const auto&... x) { return (... + x); }, f);
}

// Whether Record::fields() names every member: the record's size is the listed members' sizes
// (records of members of one type, which have no padding). static_assert it after the record.
template <class T>
struct listed_size;
template <class... A>
struct listed_size<std::tuple<A&...>> {
    static constexpr size_t value = (sizeof(A) + ... + 0);
};
template <class Record>
constexpr bool lists_every_member()
{
    return sizeof(Record) == listed_size<decltype(Record::fields(std::declval<Record&>()))>::value;
}

// Every member multiplied by k (a breakdown of one unit scaled to all units).
template <class... A, class K>
void scale_fields(std::tuple<A&...> f, K k)
{
    std::apply([k](auto&... x) { ((x *= k), ...); }, f);
}

// The part `done` of `total` (done <= total, total > 0) of a record of unsigned counters, member
// by member rounded down: floor(x * done / total). A command cut by a power failure counts the
// part of its work that ran before it (docs/power.md, "Counting").
__extension__ using uint128 = unsigned __int128;  // x * done exceeds 64 bits (counts x picoseconds)

template <class Record>
Record part_of(const Record& r, uint64_t done, uint64_t total)
{
    Record part = r;
    std::apply(
        [done, total](auto&... x) {
            ((x = static_cast<std::decay_t<decltype(x)>>(static_cast<uint128>(x) * done / total)), ...);
        },
        Record::fields(part));
    return part;
}

// A command's counters `r` cut by a power failure after `done` of its `total`, of which
// `counted` (>= done) still counted (all of it, or the part before an earlier cut): the part that
// ran (part_of) is returned, the rest of what counted is added to `cut_off` (work counted at
// acceptance, never done).
template <class Record>
Record split_at_power_cut(const Record& r, uint64_t done, uint64_t counted, uint64_t total, Record& cut_off)
{
    const Record ran = part_of(r, done, total);
    Record after = part_of(r, counted, total);
    subtract_fields(Record::fields(after), Record::fields(ran));
    add_fields(Record::fields(cut_off), Record::fields(after));
    return ran;
}
template <class Record>
Record split_at_power_cut(const Record& r, uint64_t done, uint64_t total, Record& cut_off)
{
    return split_at_power_cut(r, done, total, total, cut_off);
}

}  // namespace pimsoc::pim
