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
bool is_debugger(uint32_t tdata1) { return (tdata1 & TDATA1_DMODE) != 0; }
bool uses(uint32_t tdata1, uint32_t kind)
{
    return type_of(tdata1) == TDATA1_TYPE_MCONTROL && (tdata1 & MCONTROL_M) && (tdata1 & kind & kinds);
}
uint32_t match_of(uint32_t tdata1) { return (tdata1 >> MCONTROL_MATCH_SHIFT) & match_bits; }

}  // namespace

void Triggers::reset()
{
    for (Trigger& t : m_trigger) {
        t = Trigger{mcontrol_idle, 0};
    }
    for (DebuggerRequest& r : m_request) {
        r = DebuggerRequest{};
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
// modes other than equal, napot, >= and < become equal. A debugger's trigger (dmode) ignores the
// guest's writes.
void Triggers::write_tdata1(uint32_t value)
{
    uint32_t& tdata1 = m_trigger[m_select].tdata1;
    if (is_debugger(tdata1)) {
        return;
    }
    if (type_of(value) != TDATA1_TYPE_MCONTROL) {
        tdata1 = disabled;
        return;
    }
    tdata1 = mcontrol_idle | (value & writable);
    if (match_of(tdata1) > MCONTROL_MATCH_LT) {
        tdata1 &= ~(match_bits << MCONTROL_MATCH_SHIFT);
    }
}

void Triggers::write_tdata2(uint32_t value)
{
    Trigger& t = m_trigger[m_select];
    if (!is_debugger(t.tdata1)) {
        t.tdata2 = value;
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

// tcontrol.mte gates the guest's triggers (action 0) only: a debugger's fire in trap handlers too.
bool Triggers::enabled(const Trigger& t) const { return is_debugger(t.tdata1) || (m_tcontrol & TCONTROL_MTE) != 0; }

bool Triggers::execute_armed() const
{
    for (const Trigger& t : m_trigger) {
        if (uses(t.tdata1, MCONTROL_EXECUTE) && enabled(t)) {
            return true;
        }
    }
    return false;
}

bool Triggers::watches_data() const
{
    for (const Trigger& t : m_trigger) {
        if (uses(t.tdata1, MCONTROL_LOAD | MCONTROL_STORE)) {
            return true;
        }
    }
    return false;
}

// [first, last] are the bytes accessed (first == last == pc for execute). A debugger's trigger
// matches its request exactly (its tdata2 shows the enclosing NAPOT range).
bool Triggers::fires(unsigned index, uint32_t kind, uint64_t first, uint64_t last) const
{
    const Trigger& t = m_trigger[index];
    if (!uses(t.tdata1, kind) || !enabled(t)) {
        return false;
    }
    if (is_debugger(t.tdata1)) {
        const DebuggerRequest& r = m_request[index];
        return first < uint64_t{r.addr} + r.length && last >= r.addr;
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

TriggerHit Triggers::fire(uint32_t kind, uint64_t first, uint64_t last)
{
    TriggerHit hit;
    for (unsigned i = 0; i < count; ++i) {
        if (!fires(i, kind, first, last)) {
            continue;
        }
        m_trigger[i].tdata1 |= MCONTROL_HIT;
        if (!is_debugger(m_trigger[i].tdata1)) {
            hit.exception = true;
        } else if (!hit.debugger) {
            hit.debugger = true;
            hit.debugger_trigger = i;
        }
    }
    return hit;
}

bool Triggers::matches_execute(uint32_t pc) const
{
    for (unsigned i = 0; i < count; ++i) {
        if (fires(i, MCONTROL_EXECUTE, pc, pc)) {
            return true;
        }
    }
    return false;
}

TriggerHit Triggers::fire_execute(uint32_t pc) { return fire(MCONTROL_EXECUTE, pc, pc); }

TriggerHit Triggers::fire_data(uint32_t addr, unsigned len, bool write)
{
    return fire(write ? MCONTROL_STORE : MCONTROL_LOAD, addr, uint64_t{addr} + len - 1);
}

// --- the debugger's triggers -------------------------------------------------------------------

bool Triggers::insert_debugger(const DebuggerRequest& request)
{
    constexpr uint64_t address_space = uint64_t{1} << 32;
    const uint64_t end = uint64_t{request.addr} + request.length;
    if (request.length == 0 || end > address_space || (request.kinds & kinds) == 0 || (request.kinds & ~kinds) != 0) {
        return false;
    }
    for (unsigned i = 0; i < count; ++i) {
        Trigger& t = m_trigger[i];
        if (is_debugger(t.tdata1) || (type_of(t.tdata1) == TDATA1_TYPE_MCONTROL && (t.tdata1 & kinds) != 0)) {
            continue;  // the debugger's already, or set up by the guest
        }
        // tdata2 shows the smallest NAPOT range holding the request (equal match for one byte).
        uint64_t size = 1;
        while (size < address_space && (request.addr & ~(size - 1)) + size < end) {
            size <<= 1;
        }
        const uint32_t match = size == 1 ? MCONTROL_MATCH_EQUAL : MCONTROL_MATCH_NAPOT;
        t.tdata1 = mcontrol_idle | TDATA1_DMODE | (MCONTROL_ACTION_DEBUG << MCONTROL_ACTION_SHIFT) |
                   (match << MCONTROL_MATCH_SHIFT) | MCONTROL_M | request.kinds;
        t.tdata2 = size == 1 ? request.addr
                             : static_cast<uint32_t>((request.addr & ~(size - 1)) | (size / 2 - 1));
        m_request[i] = request;
        return true;
    }
    return false;
}

bool Triggers::remove_debugger(const DebuggerRequest& request)
{
    for (unsigned i = 0; i < count; ++i) {
        const DebuggerRequest& r = m_request[i];
        if (is_debugger(m_trigger[i].tdata1) && r.kinds == request.kinds && r.addr == request.addr &&
            r.length == request.length) {
            m_trigger[i] = Trigger{mcontrol_idle, 0};
            m_request[i] = DebuggerRequest{};
            return true;
        }
    }
    return false;
}

void Triggers::remove_all_debugger()
{
    for (unsigned i = 0; i < count; ++i) {
        if (is_debugger(m_trigger[i].tdata1)) {
            m_trigger[i] = Trigger{mcontrol_idle, 0};
            m_request[i] = DebuggerRequest{};
        }
    }
}

}  // namespace pimsoc::cpu
