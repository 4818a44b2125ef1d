// Runs firmware on the default SoC: elaborates it, loads the ELF and images, starts the kernel
// and reports how the run ended. Call once per process (SystemC elaborates once).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/ledger.h"
#include "common/sim_exit.h"
#include "common/tracer.h"
#include "elf_image.h"
#include "gdb_run_control.h"
#include "soc_params.h"

namespace pimsoc {

struct RunRequest {
    std::string firmware;          // ELF path
    std::vector<RawImage> images;  // --image FILE@ADDR, loaded after the ELF
    bool print_stats_requests = true;  // firmware stats requests (sysctl STATS) print the report to stderr
    Tracer* tracer = nullptr;          // VCD tracing (the caller finishes it with RunOutcome::end_ps)
    // main's argv[1..] (sysctl's argument window); last, so that brace-initialised requests keep
    // their meaning.
    std::vector<std::string> firmware_args{};
    GdbOptions gdb{};  // --gdb, --gdb-wait (docs/debugging.md)
};

struct RunOutcome {
    ExitKind kind = ExitKind::running;
    int64_t code = 0;
    std::string reason;
    double simulated_seconds = 0;
    uint64_t end_ps = 0;  // simulated end of the run
    uint64_t instructions = 0;
    uint64_t cycles = 0;        // busy cycles
    uint64_t sleep_cycles = 0;  // cycles asleep in wfi
    double host_seconds = 0;
    LedgerReport stats;  // the energy/stats ledger at the end of the run (no host time in it)
};

// The firmware's argv: the ELF's file name (no folder), then the arguments.
std::vector<std::string> firmware_command_line(const RunRequest& request);

// Throws ImageError, ConfigError or gdb::SocketError (bad input: nothing has run yet).
RunOutcome run_firmware(const SocParams& params, const RunRequest& request);

}  // namespace pimsoc
