// pimsoc's process exit codes. A firmware exit passes its own code through (modulo 256, as every
// exit status; the full value is printed); the simulator's own codes are these.
#pragma once

namespace pimsoc::exit_codes {

constexpr int usage_or_input_error = 2;  // bad command line, config, ELF or image
constexpr int internal_error = 3;        // a simulator failure (please report it)
constexpr int stalled = 4;               // nothing left to simulate and no firmware exit
constexpr int time_limit = 124;          // --max-time reached (as timeout(1))
constexpr int instruction_limit = 125;   // --max-instructions reached
constexpr int killed = 137;              // a debugger ended the run (gdb `kill`; 128 + SIGKILL as shells report it)

}  // namespace pimsoc::exit_codes
