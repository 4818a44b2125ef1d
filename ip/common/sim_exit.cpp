#include "common/sim_exit.h"

#include <systemc>

namespace pimsoc {

void SimulationExit::report(ExitKind kind, int64_t code, std::string reason)
{
    if (ended() || kind == ExitKind::running) {
        return;
    }
    m_kind = kind;
    m_code = code;
    m_reason = std::move(reason);
    if (sc_core::sc_is_running()) {
        sc_core::sc_stop();
    }
}

}  // namespace pimsoc
