// HTIF "tohost" exit, as the riscv-tests use it: the ELF's `tohost` symbol is a 64-bit word in
// main memory; writing 1 means pass, an odd value v means fail with code v >> 1. The memory
// watches the word (DMI never covers it), so every store reaches this handler.
#pragma once

#include <cstdint>

#include "common/log.h"
#include "common/sim_exit.h"

namespace pimsoc {

class Memory;

class Htif {
public:
    // Watches the 8 bytes at tohost_offset inside `memory`.
    Htif(Memory& memory, uint64_t tohost_offset, SimulationExit& exit, Logger logger);

private:
    void on_write(const sc_core::sc_time& delay);

    Memory& m_memory;
    uint64_t m_offset;
    SimulationExit& m_exit;
    Logger m_log;
};

// Decodes a tohost value: returns true and the exit code for an exit command (device 0, command
// 0, low bit set); false for zero or any other request.
bool htif_exit_code(uint64_t tohost, int64_t& code);

}  // namespace pimsoc
