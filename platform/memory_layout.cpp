#include "memory_layout.h"

#include <cstdio>

#include "memory_map.h"

namespace pimsoc {
namespace {

struct MemoryWindow {
    const char* key;  // the size parameter
    MemoryParams SocParams::*memory;
    uint64_t base;
    uint64_t max_size;  // up to the next region of the map
    const char* limit;  // what ends the window, for the message
};

constexpr uint64_t address_space_end = uint64_t{1} << 32;

constexpr MemoryWindow windows[] = {
    {"mem.main.size_bytes", &SocParams::main_memory, PIMSOC_MAIN_MEM_BASE,
     PIMSOC_SRAM_BASE - PIMSOC_MAIN_MEM_BASE, "the SRAM at 0x90000000"},
    {"mem.sram.size_bytes", &SocParams::sram, PIMSOC_SRAM_BASE, address_space_end - PIMSOC_SRAM_BASE,
     "the end of the 32-bit address space"},
    {"mem.rom.size_bytes", &SocParams::rom, PIMSOC_ROM_BASE, PIMSOC_ROM_MAX_SIZE,
     "the end of the ROM window"},
};

}  // namespace

void check_memory_layout(const SocParams& params)
{
    for (const MemoryWindow& w : windows) {
        const uint64_t size = (params.*w.memory).size_bytes;
        if (size > w.max_size) {
            char text[200];
            std::snprintf(
                text, sizeof text,
                "parameter '%s': %llu bytes do not fit the window at 0x%08llx (at most %llu, up to %s)",
                w.key, static_cast<unsigned long long>(size), static_cast<unsigned long long>(w.base),
                static_cast<unsigned long long>(w.max_size), w.limit);
            throw ConfigError(text);
        }
    }
}

}  // namespace pimsoc
