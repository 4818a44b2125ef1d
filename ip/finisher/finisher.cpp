#include "finisher/finisher.h"

#include <string>

#include "finisher/finisher_regs.h"

namespace pimsoc {

namespace {
constexpr uint64_t register_space_bytes = 0x1000;  // the device decodes its whole 4 KiB page
}  // namespace

Finisher::Finisher(const sc_core::sc_module_name& name, SimulationExit& exit)
    : MmioTarget(name, register_space_bytes, width32, sc_core::SC_ZERO_TIME), m_exit(exit)
{
}

RegStatus Finisher::read_register(const MmioAccess& access, uint64_t& value)
{
    value = 0;  // reads return 0
    return access.offset == FINISHER_REG ? RegStatus::ok : RegStatus::no_register;
}

RegStatus Finisher::write_register(const MmioAccess& access, uint64_t value)
{
    if (access.offset != FINISHER_REG) {
        return RegStatus::no_register;
    }
    const uint32_t command = value & 0xFFFFu;
    const uint32_t code = static_cast<uint32_t>(value) >> FINISHER_CODE_SHIFT;
    switch (command) {
        case FINISHER_PASS:
            log()->info("pass");
            m_exit.report(ExitKind::firmware, 0, "finisher: pass", access.time);
            break;
        case FINISHER_FAIL:
            log()->info("fail, code {}", code);
            m_exit.report(ExitKind::firmware, code, "finisher: fail, code " + std::to_string(code), access.time);
            break;
        case FINISHER_RESET:
            log()->warn("reset requested (not supported)");
            m_exit.report(ExitKind::error, 0, "finisher: reset requested (not supported)", access.time);
            break;
        default:
            ++m_ignored_writes;
            log()->warn("ignoring write of {:#010x}", value);
            break;
    }
    return RegStatus::ok;
}

}  // namespace pimsoc
