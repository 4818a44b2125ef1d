#include "hal/clint.h"

#include "clint/clint_regs.h"
#include "hal/mmio.h"
#include "memory_map.h"

#define CLINT_REG(off) ((uintptr_t)PIMSOC_CLINT_BASE + (off))

uint64_t clint_mtime(void) { return mmio_read64_stable(CLINT_REG(CLINT_MTIME)); }

void clint_set_mtimecmp(uint64_t value)
{
    mmio_write32(CLINT_REG(CLINT_MTIMECMP_HI), 0xFFFFFFFFu); /* no compare can hit in between */
    mmio_write32(CLINT_REG(CLINT_MTIMECMP), (uint32_t)value);
    mmio_write32(CLINT_REG(CLINT_MTIMECMP_HI), (uint32_t)(value >> 32));
}

uint64_t clint_mtimecmp(void) { return mmio_read64_stable(CLINT_REG(CLINT_MTIMECMP)); }

void clint_msip(int on) { mmio_write32(CLINT_REG(CLINT_MSIP), on ? CLINT_MSIP_BIT : 0u); }

int clint_msip_pending(void) { return (mmio_read32(CLINT_REG(CLINT_MSIP)) & CLINT_MSIP_BIT) != 0; }
