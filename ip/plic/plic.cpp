#include "plic/plic.h"

#include <stdexcept>
#include <string>

namespace pimsoc {

// --- module --------------------------------------------------------------------------------------

Plic::Plic(sc_core::sc_module_name name, const PlicParams& params)
    : MmioTarget(name, PLIC_SIZE, width32,
                 sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS)),
      meip("meip"),
      m_params(params)
{
    if (m_params.sources < 1 || m_params.sources > PLIC_MAX_SOURCES) {
        throw std::invalid_argument(std::string(this->name()) + ": sources must be 1..32, not " +
                                    std::to_string(m_params.sources));
    }
    if (m_params.priority_bits < 1 || m_params.priority_bits > 8) {
        throw std::invalid_argument(std::string(this->name()) + ": priority_bits must be 1..8, not " +
                                    std::to_string(m_params.priority_bits));
    }
    const uint64_t all = (uint64_t{1} << m_params.sources) - 1;
    m_valid_sources = static_cast<uint32_t>(all) & ~1u;  // id 0 is "no interrupt"
    m_priority_mask = (1u << m_params.priority_bits) - 1;

    SC_HAS_PROCESS(Plic);
    SC_METHOD(sample_sources);  // also runs at time 0: lines may start high
    for (auto& source : sources) {
        sensitive << source;
    }
    SC_METHOD(drive_meip);
    sensitive << m_meip_line.event();
    dont_initialize();
    reset();
}

void Plic::reset()
{
    for (auto& p : m_priority) {
        p = 0;
    }
    m_enable = 0;
    m_threshold = 0;
    m_claimed = 0;
    update_pending();
    if (sc_core::sc_is_running()) {
        update_meip(sc_core::sc_time_stamp());
    }
}

void Plic::sample_sources()
{
    uint32_t levels = 0;
    for (unsigned id = 0; id < PLIC_MAX_SOURCES; ++id) {
        if (sources[id].read()) {
            levels |= 1u << id;
        }
    }
    m_levels = levels & m_valid_sources;
    update_pending();
    update_meip(sc_core::sc_time_stamp());
}

void Plic::update_pending() { m_pending = m_levels & ~m_claimed & m_valid_sources; }

unsigned Plic::best_candidate() const
{
    const uint32_t candidates = m_pending & m_enable;
    unsigned best = 0;
    uint32_t best_priority = m_threshold;  // must be strictly above the threshold
    for (unsigned id = 1; id < PLIC_MAX_SOURCES; ++id) {
        if ((candidates >> id & 1u) != 0 && m_priority[id] > best_priority) {
            best = id;  // strictly greater: ties keep the lowest id
            best_priority = m_priority[id];
        }
    }
    return best;
}

void Plic::update_meip(const sc_core::sc_time& at) { m_meip_line.schedule(at, best_candidate() != 0); }

void Plic::drive_meip() { m_meip_line.apply_due(meip); }

// --- registers -----------------------------------------------------------------------------------

RegStatus Plic::read_register(const MmioAccess& access, uint64_t& value)
{
    const uint64_t off = access.offset;
    if (off < PLIC_PRIORITY(PLIC_MAX_SOURCES)) {
        const auto id = static_cast<unsigned>(off / 4);
        value = (m_valid_sources >> id & 1u) != 0 ? m_priority[id] : 0;  // id 0 and absent ones read 0
        return RegStatus::ok;
    }
    switch (off) {
        case PLIC_PENDING: value = m_pending; return RegStatus::ok;
        case PLIC_ENABLE: value = m_enable; return RegStatus::ok;
        case PLIC_THRESHOLD: value = m_threshold; return RegStatus::ok;
        case PLIC_CLAIM: {
            const unsigned id = best_candidate();
            value = id;
            if (id != 0 && !access.debug) {  // a debug read shows what a claim would return
                m_claimed |= 1u << id;
                update_pending();
                update_meip(access.time);
                log()->debug("claim: source {}", id);
            }
            return RegStatus::ok;
        }
        default: return RegStatus::no_register;
    }
}

RegStatus Plic::write_register(const MmioAccess& access, uint64_t value)
{
    const uint64_t off = access.offset;
    const bool priority = off < PLIC_PRIORITY(PLIC_MAX_SOURCES);
    if (!priority && off != PLIC_PENDING && off != PLIC_ENABLE && off != PLIC_THRESHOLD && off != PLIC_CLAIM) {
        return RegStatus::no_register;
    }
    if (off == PLIC_PENDING) {
        return RegStatus::read_only;
    }
    const auto v = static_cast<uint32_t>(value);
    if (priority) {
        const auto id = static_cast<unsigned>(off / 4);
        if ((m_valid_sources >> id & 1u) != 0) {
            m_priority[id] = v & m_priority_mask;  // WARL: unimplemented bits read 0
        }
    } else if (off == PLIC_ENABLE) {
        m_enable = v & m_valid_sources;
    } else if (off == PLIC_THRESHOLD) {
        m_threshold = v & m_priority_mask;
    } else {  // complete
        const bool claimed = v < PLIC_MAX_SOURCES && (m_claimed >> v & 1u) != 0;
        const bool enabled = v < PLIC_MAX_SOURCES && (m_enable >> v & 1u) != 0;
        if (!claimed || !enabled) {
            // As the PLIC spec says: completing a source that is not claimed or not enabled is ignored.
            log()->debug("complete of source {} ignored ({})", v, !claimed ? "not claimed" : "not enabled");
            return RegStatus::ok;
        }
        m_claimed &= ~(1u << v);
        update_pending();  // a source whose line is still high is pending again
        log()->debug("complete: source {}", v);
    }
    update_meip(access.time);
    return RegStatus::ok;
}

}  // namespace pimsoc
