#include "triggers.h"

#include "bits.h"

namespace pimsoc::cpu {
namespace {

constexpr unsigned match_bits = 0xF;
constexpr unsigned maskmax = 31;  // NAPOT ranges up to 2^31 bytes
constexpr uint32_t mcontrol_idle = (TDATA1_TYPE_MCONTROL << TDATA1_TYPE_SHIFT) | (maskmax << MCONTROL_MASKMAX_SHIFT);
constexpr uint32_t disabled = TDATA1_TYPE_DISABLED << TDATA1_TYPE_SHIFT;
// Fields software may set; the others are WARL with one value: dmode, select, timing, sizelo,
// chain, s and u (no S/U mode) read 0, and action reads 0 (breakpoint exception) whatever is
// written, since entering debug mode (action 1) needs a debugger this model does not have.
constexpr uint32_t writable = MCONTROL_HIT | (match_bits << MCONTROL_MATCH_SHIFT) | MCONTROL_M | MCONTROL_EXECUTE |
                              MCONTROL_STORE | MCONTROL_LOAD;
constexpr uint32_t kinds = MCONTROL_EXECUTE | MCONTROL_STORE | MCONTROL_LOAD;

uint32_t type_of(uint32_t tdata1) { return tdata1 >> TDATA1_TYPE_SHIFT; }
uint32_t match_of(uint32_t tdata1) { return (tdata1 >> MCONTROL_MATCH_SHIFT) & match_bits; }

}  // namespace

void Triggers::reset()
{
    for (Trigger& t : m_trigger) {
        t = Trigger{mcontrol_idle, 0};
    }
    m_select = 0;
    m_tcontrol = 0;
}

void Triggers::write_tselect(uint32_t value)
{
    if (value < count) {
        m_select = value;
    }
}

// WARL: types other than mcontrol (including 0) leave the trigger disabled (type 15); match
// modes other than equal, napot, >= and < become equal.
void Triggers::write_tdata1(uint32_t value)
{
    uint32_t& tdata1 = m_trigger[m_select].tdata1;
    if (type_of(value) != TDATA1_TYPE_MCONTROL) {
        tdata1 = disabled;
        return;
    }
    tdata1 = mcontrol_idle | (value & writable);
    if (match_of(tdata1) > MCONTROL_MATCH_LT) {
        tdata1 &= ~(match_bits << MCONTROL_MATCH_SHIFT);
    }
}

uint32_t Triggers::tinfo() const
{
    constexpr uint32_t version_1_0 = 1u << 24;
    return version_1_0 | (1u << TDATA1_TYPE_MCONTROL) | (1u << TDATA1_TYPE_DISABLED);
}

void Triggers::trap_entered()
{
    const bool mte = (m_tcontrol & TCONTROL_MTE) != 0;
    m_tcontrol = mte ? TCONTROL_MPTE : 0;
}

void Triggers::trap_returned()
{
    const bool mpte = (m_tcontrol & TCONTROL_MPTE) != 0;
    m_tcontrol = (m_tcontrol & ~TCONTROL_MTE) | (mpte ? TCONTROL_MTE : 0);
}

bool Triggers::execute_armed() const
{
    if ((m_tcontrol & TCONTROL_MTE) == 0) {
        return false;
    }
    for (const Trigger& t : m_trigger) {
        if (type_of(t.tdata1) == TDATA1_TYPE_MCONTROL && (t.tdata1 & MCONTROL_M) && (t.tdata1 & MCONTROL_EXECUTE)) {
            return true;
        }
    }
    return false;
}

bool Triggers::watches_data() const
{
    for (const Trigger& t : m_trigger) {
        if (type_of(t.tdata1) == TDATA1_TYPE_MCONTROL && (t.tdata1 & MCONTROL_M) &&
            (t.tdata1 & (MCONTROL_LOAD | MCONTROL_STORE))) {
            return true;
        }
    }
    return false;
}

// [first, last] are the bytes accessed (first == last == pc for execute).
bool Triggers::fires(const Trigger& t, uint32_t kind, uint64_t first, uint64_t last) const
{
    if (type_of(t.tdata1) != TDATA1_TYPE_MCONTROL || (t.tdata1 & MCONTROL_M) == 0 || (t.tdata1 & kind & kinds) == 0) {
        return false;
    }
    const uint64_t target = t.tdata2;
    switch (match_of(t.tdata1)) {
    case MCONTROL_MATCH_NAPOT: {
        // tdata2 = yyyy0111: its top bits above the lowest 0 name a naturally aligned range.
        const uint64_t size = uint64_t{1} << (trailing_ones(t.tdata2) + 1);
        const uint64_t base = target & ~(size - 1);
        return first < base + size && last >= base;
    }
    case MCONTROL_MATCH_GE: return last >= target;
    case MCONTROL_MATCH_LT: return first < target;
    default: return first <= target && target <= last;  // equal
    }
}

bool Triggers::fire(uint32_t kind, uint64_t first, uint64_t last)
{
    if ((m_tcontrol & TCONTROL_MTE) == 0) {
        return false;
    }
    bool fired = false;
    for (Trigger& t : m_trigger) {
        if (fires(t, kind, first, last)) {
            t.tdata1 |= MCONTROL_HIT;
            fired = true;
        }
    }
    return fired;
}

bool Triggers::matches_execute(uint32_t pc) const
{
    if ((m_tcontrol & TCONTROL_MTE) == 0) {
        return false;
    }
    for (const Trigger& t : m_trigger) {
        if (fires(t, MCONTROL_EXECUTE, pc, pc)) {
            return true;
        }
    }
    return false;
}

bool Triggers::fire_execute(uint32_t pc) { return fire(MCONTROL_EXECUTE, pc, pc); }

bool Triggers::fire_data(uint32_t addr, unsigned len, bool write)
{
    return fire(write ? MCONTROL_STORE : MCONTROL_LOAD, addr, uint64_t{addr} + len - 1);
}

}  // namespace pimsoc::cpu
