#include "common/sim_exit.h"


namespace pimsoc {

void SimulationExit::report(ExitKind kind, int64_t code, std::string reason, const sc_core::sc_time& at)
{
    if (ended() || kind == ExitKind::running) {
        return;
    }
    m_kind = kind;
    m_code = code;
    m_reason = std::move(reason);
    m_time = at;
    if (sc_core::sc_is_running()) {
        sc_core::sc_stop();
    }
}

}  // namespace pimsoc
