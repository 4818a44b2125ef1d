/* dma_demo: the DMA moves a 32 x 32 byte tile out of a 128-byte-wide, 64-row image in main memory
 * into SRAM (a 2-D copy: source stride 128, destination stride 32) while the CPU sleeps in WFI;
 * the DMA's completion interrupt (PLIC source PIMSOC_IRQ_DMA) wakes it. It then checks the tile
 * against the image byte by byte, and prints an FNV-1a checksum of the tile and the cycles the copy
 * took (the DMA's BUSY_CYCLES counter: exact, independent of the TLM quantum). The CPU-side time
 * from start to wake-up is not printed: it includes the interrupt latency, which depends on the
 * quantum (and mcycle does not count cycles asleep in wfi). Deterministic output:
 * expected_output.txt. Exit 0, or 1 with a message on any mismatch or DMA error. */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"
#include "hal/dma.h"
#include "hal/irq.h"
#include "memory_map.h"

#define IMAGE_W 128u
#define IMAGE_H 64u
#define TILE 32u
#define TILE_X 40u
#define TILE_Y 16u

static uint8_t s_image[IMAGE_W * IMAGE_H] __attribute__((aligned(8)));
#define TILE_BUF ((volatile uint8_t *)(uintptr_t)PIMSOC_SRAM_BASE)

#define SELFTEST_IRQ_STATUS() dma_irq_status()
#define SELFTEST_IRQ_CLEAR(mask) dma_irq_clear(mask)
#include "apps/selftest_irq.h"

int main(void)
{
    for (uint32_t y = 0; y < IMAGE_H; y++)
        for (uint32_t x = 0; x < IMAGE_W; x++)
            s_image[y * IMAGE_W + x] = (uint8_t)((x * 3u) ^ (y * 7u) ^ ((x * y) >> 3));

    irq_init();
    irq_attach(PIMSOC_IRQ_DMA, device_isr, 1);
    dma_irq_enable(DMA_IRQ_DONE | DMA_IRQ_ERR);
    irq_enable();

    printf("dma_demo: %ux%u tile at (%u,%u) of a %ux%u image -> SRAM\n", TILE, TILE, TILE_X, TILE_Y, IMAGE_W,
           IMAGE_H);
    const uint8_t *src = s_image + TILE_Y * IMAGE_W + TILE_X;

    /* Start with interrupts masked: sleep_until_events() keeps them masked around its check, so a
     * completion between the check and the wfi still wakes us (wfi wakes on a pending interrupt even
     * while mstatus.MIE is clear). */
    irq_global_disable();
    int rc = dma_start_2d(PIMSOC_SRAM_BASE, TILE, (uint32_t)(uintptr_t)src, IMAGE_W, TILE, TILE);
    if (rc != 0) {
        printf("dma_demo: FAIL: start rejected: %s\n", dma_error_name((uint32_t)rc));
        return 1;
    }
    uint32_t sleeps = sleep_until_events(1);

    if (s_irq_seen & DMA_IRQ_ERR) {
        printf("dma_demo: FAIL: DMA error %s at 0x%08lx\n", dma_error_name(dma_error_code()),
               (unsigned long)dma_error_addr());
        return 1;
    }
    if (dma_busy()) {
        printf("dma_demo: FAIL: interrupt before the DMA finished\n");
        return 1;
    }
    uint32_t hash = 2166136261u; /* FNV-1a over the tile, row by row */
    for (uint32_t y = 0; y < TILE; y++) {
        for (uint32_t x = 0; x < TILE; x++) {
            uint8_t got = TILE_BUF[y * TILE + x];
            if (got != src[y * IMAGE_W + x]) {
                printf("dma_demo: FAIL: tile byte (%lu,%lu) = 0x%02x, expected 0x%02x\n", (unsigned long)x,
                       (unsigned long)y, got, src[y * IMAGE_W + x]);
                return 1;
            }
            hash = (hash ^ got) * 16777619u;
        }
    }
    printf("dma_demo: tile checksum 0x%08lx (%u bytes, matches the image)\n", (unsigned long)hash, TILE * TILE);
    printf("dma_demo: copy took %lu DMA cycles (%lu bytes moved); the CPU slept in wfi %lu time(s)\n",
           (unsigned long)dma_busy_cycles(), (unsigned long)dma_bytes_moved(), (unsigned long)sleeps);
    printf("dma_demo: PASS\n");
    return 0;
}
