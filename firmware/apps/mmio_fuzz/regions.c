/* The regions mmio_fuzz aims at: the windows of platform/memory_map.h (sizes of the default
 * configuration) and the holes between them. */
#include "fuzz.h"

#include "memory_map.h"
#include "dma/dma_regs.h"
#include "sysctl/sysctl_regs.h"
#include "uart/uart_regs.h"

struct region fuzz_regions[MAX_REGIONS];
unsigned fuzz_region_count;

#define DEFAULT_ROM_SIZE 0x01000000u  /* mem.rom.size_bytes default */
#define RTM_REG_WINDOW 0x00001000u

static const struct region windows[] = {
    /* Writes end the run (the finisher's whole purpose): read only. */
    {"finisher", PIMSOC_FINISHER_BASE, PIMSOC_FINISHER_SIZE, REGION_READ | REGION_DMA_SRC, 0, 0, 0, 0, 0, 0, 0},
    /* msip/mtimecmp may be set at random: mie stays 0, so no interrupt is ever taken. */
    {"clint", PIMSOC_CLINT_BASE, PIMSOC_CLINT_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE, 0, 0, 0, 0, 0, 0, 0},
    {"plic", PIMSOC_PLIC_BASE, PIMSOC_PLIC_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE, 0, 0, 0, 0, 0, 0, 0},
    /* THR (offset 0) would print random bytes among the output; the UART is re-initialised before
     * the summary. */
    {"uart0", PIMSOC_UART0_BASE, PIMSOC_UART0_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE, UART_THR, UART_THR + 1, 0, 0, 0, 0, 0},
    /* CMD with random descriptor registers could copy over the firmware: descriptors are built
     * on purpose (engines.c) with safe destinations. */
    {"dma", PIMSOC_DMA_BASE, PIMSOC_DMA_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE, DMA_CMD, DMA_CMD + 4, 0, 0, 0, 0, 0},
    /* STATS prints the whole stats report; the host time differs from run to run (so it stays out
     * of the checksum, and the DMA never copies from here). */
    {"sysctl", PIMSOC_SYSCTL_BASE, PIMSOC_SYSCTL_SIZE, REGION_READ | REGION_WRITE, SYSCTL_STATS, SYSCTL_STATS + 4,
     SYSCTL_HOST_TIME_NS, SYSCTL_HOST_TIME_NS + 8, 0, 0, 0},
    {"rtm", PIMSOC_RTM_BASE, RTM_REG_WINDOW, REGION_READ | REGION_DMA_SRC | REGION_WRITE, 0, 0, 0, 0, 0, 0, 0},
    /* The whole data window; past the configured array it answers with errors. */
    {"rtm_array", PIMSOC_RTM_DATA_BASE, PIMSOC_RTM_DATA_MAX_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE | REGION_DMA_DST, 0, 0,
     0, 0, 0, 0, 0},
    {"rom", PIMSOC_ROM_BASE, DEFAULT_ROM_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE | REGION_DMA_DST, 0, 0, 0, 0, 0, 0, 0},
    /* The firmware's code, data and stack: read only. */
    {"main_memory", PIMSOC_MAIN_MEM_BASE, PIMSOC_MAIN_MEM_DEFAULT_SIZE, REGION_READ | REGION_DMA_SRC, 0, 0,
     0, 0, 0, 0, 0},
    {"sram", PIMSOC_SRAM_BASE, PIMSOC_SRAM_DEFAULT_SIZE, REGION_READ | REGION_DMA_SRC | REGION_WRITE | REGION_DMA_DST, 0, 0, 0, 0, 0,
     0, 0},
};

static void add(const struct region *r)
{
    if (fuzz_region_count < MAX_REGIONS)
        fuzz_regions[fuzz_region_count++] = *r;
}

static void add_hole(uint32_t first, uint64_t end)
{
    if (end <= first)
        return;
    struct region hole = {"hole", first, (uint32_t)(end - first),
                          REGION_HOLE | REGION_READ | REGION_DMA_SRC | REGION_WRITE | REGION_DMA_DST, 0, 0, 0, 0, 0, 0, 0};
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
