// Names of the RISC-V CSRs as the privileged spec (and GDB, binutils) spell them, for the
// debugger's target description. Pure C++.
#pragma once

#include <cstdint>
#include <string>

namespace pimsoc::cpu {

// The spec's name of the machine-level or unprivileged counter CSR at addr ("mstatus",
// "pmpaddr3", "mhpmcounter5h", ...); "csr0x<hex>" for an address the table does not know.
std::string csr_name(uint32_t addr);

}  // namespace pimsoc::cpu
