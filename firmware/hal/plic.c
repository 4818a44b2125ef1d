#include "hal/plic.h"

#include "hal/mmio.h"
#include "memory_map.h"
#include "plic/plic_regs.h"

#define PLIC_REG(off) ((uintptr_t)PIMSOC_PLIC_BASE + (off))

void plic_set_priority(unsigned source, unsigned prio)
{
    if (source < PLIC_MAX_SOURCES)
        mmio_write32(PLIC_REG(PLIC_PRIORITY(source)), prio);
}

unsigned plic_priority(unsigned source)
{
    return source < PLIC_MAX_SOURCES ? mmio_read32(PLIC_REG(PLIC_PRIORITY(source))) : 0u;
}

void plic_enable(unsigned source)
{
    if (source < PLIC_MAX_SOURCES)
        mmio_write32(PLIC_REG(PLIC_ENABLE), mmio_read32(PLIC_REG(PLIC_ENABLE)) | (1u << source));
}

void plic_disable(unsigned source)
{
    if (source < PLIC_MAX_SOURCES)
        mmio_write32(PLIC_REG(PLIC_ENABLE), mmio_read32(PLIC_REG(PLIC_ENABLE)) & ~(1u << source));
}

void plic_set_threshold(unsigned threshold) { mmio_write32(PLIC_REG(PLIC_THRESHOLD), threshold); }
unsigned plic_threshold(void) { return mmio_read32(PLIC_REG(PLIC_THRESHOLD)); }
uint32_t plic_pending(void) { return mmio_read32(PLIC_REG(PLIC_PENDING)); }
uint32_t plic_enables(void) { return mmio_read32(PLIC_REG(PLIC_ENABLE)); }
unsigned plic_claim(void) { return mmio_read32(PLIC_REG(PLIC_CLAIM)); }
void plic_complete(unsigned source) { mmio_write32(PLIC_REG(PLIC_COMPLETE), source); }
