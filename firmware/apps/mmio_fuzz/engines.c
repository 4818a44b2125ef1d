/* Random DMA and racetrack-memory (RTM) descriptors. DMA destinations are only regions flagged
 * REGION_DMA_DST (SRAM, the RTM array, the ROM, holes): never the firmware's memory or a device
 * whose writes have effects outside the SoC (finisher, UART). Sources may be anywhere. RTM
 * descriptors address only the accelerator's own window, so every field may be random. */
#include <stdio.h>

#include "fuzz.h"
#include "hal/dma.h"
#include "hal/mmio.h"
#include "memory_map.h"
#include "rtm/rtm_regs.h"

#define MAX_POLLS 2000000u /* an engine still busy after this many status reads is a failure */
#define ERR_CODES 32u

static uint32_t dma_submitted, dma_errors[ERR_CODES];
static uint32_t rtm_submitted, rtm_errors[ERR_CODES];

/* Mostly small, sometimes an edge value (zero size, overflow past 2^32, huge). */
static uint32_t size_field(uint32_t small_max)
{
    static const uint32_t edges[] = {0u, 1u, 0xFFFFFFFFu, 0x80000000u, 0xFFFFFFFCu};
    if (fuzz_below(16) == 0) return edges[fuzz_below(sizeof edges / sizeof edges[0])];
    return 1 + fuzz_below(small_max);
}

static uint32_t random_address(uint32_t required_flags)
{
    for (;;) {
        const struct region* r = &fuzz_regions[fuzz_below(fuzz_region_count)];
        if ((r->flags & required_flags) == required_flags) return r->base + fuzz_below(r->size);
    }
}

static uint32_t count_error(uint32_t* errors, uint32_t code)
{
    errors[code < ERR_CODES ? code : ERR_CODES - 1]++;
    return code;
}

int fuzz_dma_descriptor(void)
{
    struct dma_desc d;
    d.src = random_address(REGION_DMA_SRC);
    d.dst = random_address(REGION_DMA_DST);
    d.rows = fuzz_below(4) ? 1 : size_field(8);
    d.row_bytes = size_field(64);
    d.src_stride = fuzz_below(256);
    d.dst_stride = fuzz_below(256);
    /* Huge copies inside one memory would only take long: keep the bytes moved bounded. */
    if ((uint64_t)d.rows * d.row_bytes > 65536u && d.rows > 1) d.rows = 1;
    const uint32_t cmd =
        fuzz_below(8) == 0 ? fuzz_random() : (fuzz_below(2) ? DMA_CMD_START : DMA_CMD_ENQUEUE);
    dma_submitted++;
    count_error(dma_errors, (uint32_t)dma_submit(&d, cmd));
    for (uint32_t polls = 0; dma_busy(); polls++) {
        if (polls == MAX_POLLS) {
            printf("mmio_fuzz: DMA still busy after %lu polls\n", (unsigned long)MAX_POLLS);
            return 1;
        }
    }
    if (dma_status() & DMA_STATUS_ERR) count_error(dma_errors, dma_error_code());
    dma_clear_status();
    return 0;
}

#define RTM_REG(off) ((uintptr_t)PIMSOC_RTM_BASE + (off))

static uint32_t rtm_offset(uint32_t span)
{
    return fuzz_below(16) == 0 ? fuzz_random() : (fuzz_below(span) & ~3u);
}

int fuzz_rtm_descriptor(void)
{
    const uint32_t span = 2 * mmio_read32(RTM_REG(RTM_BANK_BYTES)) + 4; /* two banks: cross-bank errors */
    const uint32_t opcode = fuzz_below(6);                              /* 0 and 5 are unknown opcodes */
    uint32_t op = RTM_OP_VALUE(opcode, fuzz_below(8), fuzz_below(8));
    if (fuzz_below(4) == 0) op |= RTM_OP_FLAG_BIAS;
    mmio_write32(RTM_REG(RTM_OP), fuzz_below(32) == 0 ? fuzz_random() : op);
    mmio_write32(RTM_REG(RTM_SRC_A), rtm_offset(span));
    mmio_write32(RTM_REG(RTM_SRC_B), rtm_offset(span));
    mmio_write32(RTM_REG(RTM_DST), rtm_offset(span));
    mmio_write32(RTM_REG(RTM_BIAS), rtm_offset(span));
    mmio_write32(RTM_REG(RTM_LENGTH), size_field(64));
    mmio_write32(RTM_REG(RTM_COUNT), size_field(4));
    mmio_write32(RTM_REG(RTM_STRIDE_A), fuzz_below(64));
    mmio_write32(RTM_REG(RTM_STRIDE_B), fuzz_below(64));
    mmio_write32(RTM_REG(RTM_INIT), fuzz_random());
    mmio_write32(RTM_REG(RTM_CONV_IN),
                 fuzz_below(16) == 0 ? fuzz_random()
                                     : RTM_CONV_IN_VALUE(fuzz_below(4), fuzz_below(13), fuzz_below(13)));
    mmio_write32(RTM_REG(RTM_CONV_K), fuzz_below(16) == 0
                                          ? fuzz_random()
                                          : RTM_CONV_K_VALUE(fuzz_below(6), fuzz_below(6), fuzz_below(4),
                                                             fuzz_below(4), fuzz_below(4), fuzz_below(4)));
    mmio_write32(RTM_REG(RTM_CMD), fuzz_below(16) == 0 ? fuzz_random() : RTM_CMD_START);
    rtm_submitted++;
    count_error(rtm_errors, mmio_read32(RTM_REG(RTM_ERR_CODE)));
    for (uint32_t polls = 0; mmio_read32(RTM_REG(RTM_STATUS)) & RTM_STATUS_BUSY; polls++) {
        if (polls == MAX_POLLS) {
            printf("mmio_fuzz: RTM still busy after %lu polls\n", (unsigned long)MAX_POLLS);
            return 1;
        }
    }
    mmio_write32(RTM_REG(RTM_CTRL), RTM_CTRL_CLEAR_STATUS);
    return 0;
}

static void print_errors(const char* engine, uint32_t submitted, const uint32_t* errors)
{
    printf("%s: %lu descriptors; verdicts (code=count):", engine, (unsigned long)submitted);
    for (uint32_t code = 0; code < ERR_CODES; code++) {
        if (errors[code]) printf(" %lu=%lu", (unsigned long)code, (unsigned long)errors[code]);
    }
    printf("\n");
}

void fuzz_print_engine_summary(void)
{
    print_errors("dma", dma_submitted, dma_errors);
    print_errors("rtm", rtm_submitted, rtm_errors);
}
