#include "htif.h"

#include <cstring>

#include "mem/memory.h"

namespace pimsoc {

namespace {
constexpr unsigned device_shift = 56;  // bits 63:56 device, 55:48 command, 47:0 payload
constexpr uint64_t payload_mask = (uint64_t{1} << 48) - 1;
}  // namespace

bool htif_exit_code(uint64_t tohost, int64_t& code)
{
    if ((tohost >> 48) != 0 || (tohost & 1) == 0) {
        return false;
    }
    code = static_cast<int64_t>((tohost & payload_mask) >> 1);
    return true;
}

Htif::Htif(Memory& memory, uint64_t tohost_offset, SimulationExit& exit, Logger logger)
    : m_memory(memory), m_offset(tohost_offset), m_exit(exit), m_log(std::move(logger))
{
    m_memory.watch_writes(m_offset, sizeof(uint64_t), [this](uint64_t, unsigned, const sc_core::sc_time& delay) { on_write(delay); });
}

void Htif::on_write(const sc_core::sc_time& delay)
{
    uint64_t value = 0;
    std::memcpy(&value, m_memory.data() + m_offset, sizeof value);
    int64_t code = 0;
    if (htif_exit_code(value, code)) {
        m_exit.report(ExitKind::firmware, code, code == 0 ? "tohost: pass" : "tohost: fail",
                      sc_core::sc_time_stamp() + delay);
    } else if ((value >> 32) != 0) {
        // RV32 writes the word in two halves; a request with a non-zero upper half is complete
        // once that half is written, and none but exit is supported.
        m_log->warn("unsupported HTIF request 0x{:016x} (device {}): only exit is supported", value,
                    value >> device_shift);
    }
}

}  // namespace pimsoc
