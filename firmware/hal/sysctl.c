#include "hal/sysctl.h"

#include "hal/mmio.h"
#include "memory_map.h"

#define SYSCTL_REG(off) ((uintptr_t)PIMSOC_SYSCTL_BASE + (off))

uint64_t sysctl_cycles(void) { return mmio_read64_stable(SYSCTL_REG(SYSCTL_CYCLES)); }
uint64_t sysctl_instret(void) { return mmio_read64_stable(SYSCTL_REG(SYSCTL_INSTRET)); }
uint64_t sysctl_sim_time_ns(void) { return mmio_read64_stable(SYSCTL_REG(SYSCTL_SIM_TIME_NS)); }
uint64_t sysctl_host_time_ns(void) { return mmio_read64_stable(SYSCTL_REG(SYSCTL_HOST_TIME_NS)); }

void sysctl_roi_begin(uint32_t id)
{
    mmio_write32(SYSCTL_REG(SYSCTL_ROI), SYSCTL_ROI_BEGIN | (id & SYSCTL_ROI_ID_MASK));
}

void sysctl_roi_end(uint32_t id)
{
    mmio_write32(SYSCTL_REG(SYSCTL_ROI), SYSCTL_ROI_END | (id & SYSCTL_ROI_ID_MASK));
}

void sysctl_roi_name(uint32_t id, const char *name)
{
    for (;;) {
        uint32_t word = 0;
        unsigned i = 0;
        for (; i < 4 && name[i]; i++)
            word |= (uint32_t)(uint8_t)name[i] << (8 * i);
        if (i > 0)
            mmio_write32(SYSCTL_REG(SYSCTL_ROI_NAME_CHARS), word);
        if (i < 4)
            break;
        name += 4;
    }
    mmio_write32(SYSCTL_REG(SYSCTL_ROI_NAME_ID), id);
}

void sysctl_print_stats(void) { mmio_write32(SYSCTL_REG(SYSCTL_STATS), SYSCTL_STATS_PRINT); }

uint32_t sysctl_arg(unsigned n)
{
    return n < SYSCTL_NUM_ARGS ? mmio_read32(SYSCTL_REG(SYSCTL_ARG(n))) : 0u;
}
