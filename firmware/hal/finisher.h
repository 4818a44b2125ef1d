/* SiFive test finisher (0x0010_0000): ends the simulation (QEMU virt compatible). */
#ifndef PIMSOC_HAL_FINISHER_H
#define PIMSOC_HAL_FINISHER_H

#include <stdint.h>

#include "finisher/finisher_regs.h"
#include "hal/mmio.h"
#include "memory_map.h"

/* code 0 -> 0x5555 (pass); code 1..0xFFFF -> (code << 16) | 0x3333
 * (codes whose low 16 bits are 0 become 0xFFFF). Does not return. */
static inline __attribute__((noreturn)) void finisher_exit(uint32_t code)
{
    uint32_t c = code & 0xffffu;
    if (code != 0 && c == 0)
        c = 0xffffu; /* a non-zero code must not become "pass" by truncation */
    uint32_t v = c == 0 ? FINISHER_PASS : ((c << FINISHER_CODE_SHIFT) | FINISHER_FAIL);
    mmio_fence();
    mmio_write32(PIMSOC_FINISHER_BASE + FINISHER_REG, v);
    for (;;)
        __asm__ volatile("wfi");
}

#endif /* PIMSOC_HAL_FINISHER_H */
