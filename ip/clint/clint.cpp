#include "clint/clint.h"

#include <cmath>
#include <stdexcept>

namespace pimsoc {

namespace {

__extension__ typedef unsigned __int128 uint128;

constexpr uint64_t low_mask = 0xFFFF'FFFFull;

// Replaces the 32-bit half of `old` at byte offset `half` (0 or 4) with `value`.
uint64_t merge_half(uint64_t old, unsigned half, uint64_t value)
{
    const unsigned shift = half * 8;
    return (old & ~(low_mask << shift)) | ((value & low_mask) << shift);
}

uint64_t read_part(uint64_t full, uint64_t offset_in_reg, unsigned width)
{
    return width == 8 ? full : (full >> (offset_in_reg * 8)) & low_mask;
}

}  // namespace

// --- module --------------------------------------------------------------------------------------

Clint::Clint(sc_core::sc_module_name name, const ClintParams& params)
    : MmioTarget(name, CLINT_SIZE, width32 | width64,
                 sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS)),
      msip("msip"),
      mtip("mtip"),
      m_params(params),
      m_resolution_per_second(std::round(1.0 / sc_core::sc_get_time_resolution().to_seconds()))
{
    if (m_params.timebase_hz == 0) {
        throw std::invalid_argument(std::string(this->name()) + ": timebase_hz must not be 0");
    }
    SC_HAS_PROCESS(Clint);
    SC_METHOD(drive_msip);
    sensitive << m_msip_line.event();
    dont_initialize();
    SC_METHOD(drive_mtip);
    sensitive << m_mtip_line.event();
    dont_initialize();
    reset();
}

void Clint::reset()
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    m_mtime_offset = 0 - raw_ticks(now);
    m_mtimecmp = UINT64_MAX;
    m_msip = false;
    if (sc_core::sc_is_running()) {
        m_msip_line.schedule(now, false);
        update_mtip(now);
    }
}

uint64_t Clint::raw_ticks(const sc_core::sc_time& t) const
{
    const auto resolution = static_cast<uint64_t>(m_resolution_per_second);
    return static_cast<uint64_t>(static_cast<uint128>(t.value()) * m_params.timebase_hz / resolution);
}

sc_core::sc_time Clint::time_of_tick(uint64_t tick, bool& reachable) const
{
    // The first t with floor(t * hz / R) >= tick is ceil(tick * R / hz).
    const auto resolution = static_cast<uint64_t>(m_resolution_per_second);
    const uint128 numerator = static_cast<uint128>(tick) * resolution;
    const uint128 value = (numerator + m_params.timebase_hz - 1) / m_params.timebase_hz;
    reachable = value <= static_cast<uint128>(UINT64_MAX);
    return reachable ? sc_core::sc_time::from_value(static_cast<uint64_t>(value)) : sc_core::SC_ZERO_TIME;
}

uint64_t Clint::mtime_at(const sc_core::sc_time& t) const { return raw_ticks(t) + m_mtime_offset; }

void Clint::update_mtip(const sc_core::sc_time& at)
{
    const uint64_t now_ticks = raw_ticks(at);
    const uint64_t mtime = now_ticks + m_mtime_offset;
    if (mtime >= m_mtimecmp) {
        m_mtip_line.schedule(at, true);
        return;
    }
    m_mtip_line.schedule(at, false);
    // One scheduled change per compare: when mtime reaches mtimecmp.
    const uint128 target = static_cast<uint128>(now_ticks) + (m_mtimecmp - mtime);
    if (target > UINT64_MAX) {
        return;  // beyond what raw ticks can count: never within a simulation
    }
    bool reachable = false;
    const sc_core::sc_time compare_time = time_of_tick(static_cast<uint64_t>(target), reachable);
    if (reachable) {
        m_mtip_line.schedule(compare_time, true);
        log()->debug("mtip rises at {} (mtimecmp {:#x})", compare_time.to_string(), m_mtimecmp);
    }
}

void Clint::write_mtime(const sc_core::sc_time& at, uint64_t value)
{
    m_mtime_offset = value - raw_ticks(at);
    update_mtip(at);
}

void Clint::write_mtimecmp(const sc_core::sc_time& at, uint64_t value)
{
    m_mtimecmp = value;
    update_mtip(at);
}

void Clint::drive_msip() { m_msip_line.apply_due(msip); }
void Clint::drive_mtip() { m_mtip_line.apply_due(mtip); }

// --- registers -----------------------------------------------------------------------------------

RegStatus Clint::read_register(const MmioAccess& access, uint64_t& value)
{
    const uint64_t off = access.offset;
    if (off == CLINT_MSIP) {
        if (access.width != 4) {
            return RegStatus::bad_width;
        }
        value = m_msip ? CLINT_MSIP_BIT : 0;
        return RegStatus::ok;
    }
    if (off == CLINT_MTIMECMP || off == CLINT_MTIMECMP_HI) {
        value = read_part(m_mtimecmp, off - CLINT_MTIMECMP, access.width);
        return RegStatus::ok;
    }
    if (off == CLINT_MTIME || off == CLINT_MTIME_HI) {
        value = read_part(mtime_at(access.time), off - CLINT_MTIME, access.width);
        return RegStatus::ok;
    }
    return RegStatus::no_register;
}

RegStatus Clint::write_register(const MmioAccess& access, uint64_t value)
{
    const uint64_t off = access.offset;
    const bool known = off == CLINT_MSIP || off == CLINT_MTIMECMP || off == CLINT_MTIMECMP_HI ||
                       off == CLINT_MTIME || off == CLINT_MTIME_HI;
    if (!known) {
        return RegStatus::no_register;
    }
    if (off == CLINT_MSIP && access.width != 4) {
        return RegStatus::bad_width;
    }
    if (off == CLINT_MSIP) {
        m_msip = (value & CLINT_MSIP_BIT) != 0;
        m_msip_line.schedule(access.time, m_msip);
    } else if (off == CLINT_MTIMECMP || off == CLINT_MTIMECMP_HI) {
        const uint64_t cmp =
            access.width == 8 ? value : merge_half(m_mtimecmp, static_cast<unsigned>(off - CLINT_MTIMECMP), value);
        write_mtimecmp(access.time, cmp);
    } else {
        const uint64_t mtime = access.width == 8
                                   ? value
                                   : merge_half(mtime_at(access.time), static_cast<unsigned>(off - CLINT_MTIME), value);
        write_mtime(access.time, mtime);
    }
    return RegStatus::ok;
}

}  // namespace pimsoc
