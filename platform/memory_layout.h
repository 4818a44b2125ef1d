// Checks that each memory's configured size fits the window of the memory map it is mapped into
// (platform/memory_map.h), before any memory is allocated: a size that cannot be mapped is a
// configuration error, not a host allocation of gigabytes that is refused afterwards.
#pragma once

#include "soc_params.h"

namespace pimsoc {

// Throws ConfigError naming the key when mem.main, mem.sram or mem.rom's size_bytes exceeds its
// window (main: 256 MiB up to the SRAM; sram: up to the end of the 32-bit address space; rom: 64 MiB).
void check_memory_layout(const SocParams& params);

}  // namespace pimsoc
