/* The regions mmio_fuzz aims at: the windows of platform/memory_map.h (sizes of the default
 * configuration) and the holes between them. */
#include "fuzz.h"

#include "dma/dma_regs.h"
#include "memory_map.h"
#include "sysctl/sysctl_regs.h"
#include "uart/uart_regs.h"

struct region fuzz_regions[MAX_REGIONS];
unsigned fuzz_region_count;

#define DEFAULT_ROM_SIZE 0x01000000u /* mem.rom.size_bytes default */
#define RTM_REG_WINDOW 0x00001000u

/* Read, written, and a DMA source. */
#define RW (REGION_READ | REGION_WRITE | REGION_DMA_SRC)

static const struct region windows[] = {
    /* Writes end the run (the finisher's whole purpose): read only. */
    {.name = "finisher",
     .base = PIMSOC_FINISHER_BASE,
     .size = PIMSOC_FINISHER_SIZE,
     .flags = REGION_READ | REGION_DMA_SRC},
    /* msip/mtimecmp may be set at random: mie stays 0, so no interrupt is ever taken. */
    {.name = "clint", .base = PIMSOC_CLINT_BASE, .size = PIMSOC_CLINT_SIZE, .flags = RW},
    {.name = "plic", .base = PIMSOC_PLIC_BASE, .size = PIMSOC_PLIC_SIZE, .flags = RW},
    /* THR (offset 0) would print random bytes among the output; the UART is set up again before
     * the summary. */
    {.name = "uart0",
     .base = PIMSOC_UART0_BASE,
     .size = PIMSOC_UART0_SIZE,
     .flags = RW,
     .no_write_first = UART_THR,
     .no_write_end = UART_THR + 1},
    /* CMD with random descriptor registers could copy over the firmware: descriptors are built
     * on purpose (engines.c) with safe destinations. */
    {.name = "dma",
     .base = PIMSOC_DMA_BASE,
     .size = PIMSOC_DMA_SIZE,
     .flags = RW,
     .no_write_first = DMA_CMD,
     .no_write_end = DMA_CMD + 4},
    /* The power manager: its registers only report and mark (checkpoint marks are counted). */
    {.name = "power", .base = PIMSOC_POWER_BASE, .size = PIMSOC_POWER_SIZE, .flags = RW},
    /* STATS prints the whole stats report; the host time differs from run to run (so it stays out
     * of the checksum, and the DMA never copies from here). */
    {.name = "sysctl",
     .base = PIMSOC_SYSCTL_BASE,
     .size = PIMSOC_SYSCTL_SIZE,
     .flags = REGION_READ | REGION_WRITE,
     .no_write_first = SYSCTL_STATS,
     .no_write_end = SYSCTL_STATS + 4,
     .no_sum_first = SYSCTL_HOST_TIME_NS,
     .no_sum_end = SYSCTL_HOST_TIME_NS + 8},
    {.name = "rtm", .base = PIMSOC_RTM_BASE, .size = RTM_REG_WINDOW, .flags = RW},
    /* The whole data window; past the configured array it answers with errors. */
    {.name = "rtm_array",
     .base = PIMSOC_RTM_DATA_BASE,
     .size = PIMSOC_RTM_DATA_MAX_SIZE,
     .flags = RW | REGION_DMA_DST},
    /* Random descriptors and CMD values: rejected, or run on the operand window (small: the
     * regions must fit in it). */
    {.name = "mram", .base = PIMSOC_MRAM_BASE, .size = PIMSOC_MRAM_SIZE, .flags = RW},
    /* The whole operand window; past the configured banks it answers with errors. */
    {.name = "mram_window",
     .base = PIMSOC_MRAM_DATA_BASE,
     .size = PIMSOC_MRAM_DATA_MAX_SIZE,
     .flags = RW | REGION_DMA_DST},
    {.name = "rom", .base = PIMSOC_ROM_BASE, .size = DEFAULT_ROM_SIZE, .flags = RW | REGION_DMA_DST},
    /* The firmware's code, data and stack: read only. */
    {.name = "main_memory",
     .base = PIMSOC_MAIN_MEM_BASE,
     .size = PIMSOC_MAIN_MEM_DEFAULT_SIZE,
     .flags = REGION_READ | REGION_DMA_SRC},
    {.name = "sram",
     .base = PIMSOC_SRAM_BASE,
     .size = PIMSOC_SRAM_DEFAULT_SIZE,
     .flags = RW | REGION_DMA_DST},
};

static void add(const struct region* r)
{
    if (fuzz_region_count < MAX_REGIONS) fuzz_regions[fuzz_region_count++] = *r;
}

static void add_hole(uint32_t first, uint64_t end)
{
    if (end <= first) return;
    const struct region hole = {.name = "hole",
                                .base = first,
                                .size = (uint32_t)(end - first),
                                .flags = REGION_HOLE | RW | REGION_DMA_DST};
    add(&hole);
}

void fuzz_build_regions(void)
{
    uint64_t next = 0; /* the windows are listed in address order */
    for (unsigned i = 0; i < sizeof windows / sizeof windows[0]; i++) {
        add_hole((uint32_t)next, windows[i].base);
        add(&windows[i]);
        next = (uint64_t)windows[i].base + windows[i].size;
    }
    add_hole((uint32_t)next, (uint64_t)1 << 32);
}
