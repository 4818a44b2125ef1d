/* dma_selftest: checks the DMA engine from the CPU's side: registers (ID, reset values, read
 * back), 1-D and 2-D copies main memory <-> SRAM compared byte by byte (bytes around and between
 * rows must stay untouched), the queue, and the error paths (unmapped source -> bus error with the
 * address, zero size, start while busy, IRQ_STATUS write-1-to-clear). Polling only (IRQ_EN = 0).
 * Prints "dma_selftest: PASS" and exits 0; on the first mismatch prints
 * "dma_selftest: FAIL: <what> (line N)" and exits 1. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hal/dma.h"
#include "hal/mmio.h"
#include "memory_map.h"

#define DMA_REG(off) ((uintptr_t)PIMSOC_DMA_BASE + (off))
#define GUARD 0xEEu

#define SELFTEST_NAME "dma_selftest"
#include "apps/selftest.h"

/* Source image in main memory (.bss), destination windows in SRAM. */
static uint8_t s_image[128 * 48] __attribute__((aligned(8)));
static uint8_t s_back[4096] __attribute__((aligned(8)));
#define SRAM_BUF ((uint8_t *)(uintptr_t)PIMSOC_SRAM_BASE)
#define SRAM_BUF_SIZE 8192u

static uint32_t addr(const void *p) { return (uint32_t)(uintptr_t)p; }

static void fill_pattern(void)
{
    for (unsigned i = 0; i < sizeof s_image; i++)
        s_image[i] = (uint8_t)(i * 13u + (i >> 7) * 5u + 1u);
    memset(SRAM_BUF, GUARD, SRAM_BUF_SIZE);
    memset(s_back, GUARD, sizeof s_back);
}

static int test_registers(void)
{
    CHECK(mmio_read32(DMA_REG(DMA_ID)) == DMA_ID_VALUE, "ID = 0x%08lx", (unsigned long)mmio_read32(DMA_REG(DMA_ID)));
    CHECK(dma_status() == 0, "STATUS after reset = 0x%lx", (unsigned long)dma_status());
    CHECK(mmio_read32(DMA_REG(DMA_IRQ_EN)) == 0, "IRQ_EN after reset");
    CHECK(dma_irq_status() == 0, "IRQ_STATUS after reset");
    CHECK(dma_error_code() == DMA_ERR_NONE, "ERR_CODE after reset");
    CHECK(mmio_read32(DMA_REG(DMA_ROWS)) == 1, "ROWS after reset");
    CHECK(dma_bytes_moved() == 0 && dma_descs_done() == 0 && dma_busy_cycles() == 0, "counters after reset");
    uint32_t caps = mmio_read32(DMA_REG(DMA_CAPS));
    CHECK((caps & DMA_CAPS_BURST_MASK) != 0 && (caps & DMA_CAPS_BUS_WIDTH_MASK) != 0, "CAPS = 0x%08lx",
          (unsigned long)caps);

    static const uint32_t rw[] = {DMA_SRC, DMA_DST, DMA_ROWS, DMA_ROW_BYTES, DMA_SRC_STRIDE, DMA_DST_STRIDE};
    for (unsigned i = 0; i < sizeof rw / sizeof rw[0]; i++) {
        uint32_t v = 0x12345670u + i;
        mmio_write32(DMA_REG(rw[i]), v);
        CHECK(mmio_read32(DMA_REG(rw[i])) == v, "register 0x%02lx reads back", (unsigned long)rw[i]);
    }
    mmio_write32(DMA_REG(DMA_IRQ_EN), 0xffffffffu);
    CHECK(mmio_read32(DMA_REG(DMA_IRQ_EN)) == DMA_IRQ_MASK, "IRQ_EN keeps only its bits");
    mmio_write32(DMA_REG(DMA_IRQ_EN), 0);
    CHECK(dma_status() == 0, "writing registers starts nothing");
    return 0;
}

static int check_window(const uint8_t *dst, uint32_t dst_stride, const uint8_t *src, uint32_t src_stride,
                        uint32_t rows, uint32_t row_bytes, const char *what)
{
    /* 32 bytes before the first row through 32 after the last: tile bytes copied, the rest GUARD. */
    uint32_t span = (rows - 1) * dst_stride + row_bytes;
    for (int32_t i = -32; i < (int32_t)(span + 32); i++) {
        int in_tile = i >= 0 && (uint32_t)i < span && ((uint32_t)i % dst_stride) < row_bytes;
        uint8_t want = in_tile ? src[((uint32_t)i / dst_stride) * src_stride + (uint32_t)i % dst_stride] : GUARD;
        CHECK(dst[i] == want, "%s: byte %ld is 0x%02x, expected 0x%02x", what, (long)i, dst[i], want);
    }
    return 0;
}

static int test_copy_1d(void)
{
    fill_pattern();
    const uint8_t *src = s_image + 3;
    uint8_t *dst = SRAM_BUF + 64 + 1;
    int rc = dma_copy_1d(addr(dst), addr(src), 1000);
    CHECK(rc == 0, "1-D main->SRAM returned %d (%s)", rc, dma_error_name((uint32_t)rc));
    CHECK(dma_status() == DMA_STATUS_DONE, "STATUS after copy = 0x%lx", (unsigned long)dma_status());
    if (check_window(dst, 1000, src, 1000, 1, 1000, "1-D main->SRAM"))
        return 1;
    CHECK(dma_bytes_moved() == 1000, "BYTES_MOVED = %lu", (unsigned long)dma_bytes_moved());
    CHECK(dma_descs_done() == 1, "DESCS_DONE");
    CHECK(dma_busy_cycles() > 0, "BUSY_CYCLES");

    rc = dma_copy_1d(addr(s_back + 40), addr(dst), 777);
    CHECK(rc == 0, "1-D SRAM->main returned %d", rc);
    if (check_window(s_back + 40, 777, dst, 777, 1, 777, "1-D SRAM->main"))
        return 1;
    return 0;
}

static int test_copy_2d(void)
{
    fill_pattern();
    /* A 24 x 20 tile at (x=40, y=5) of the 128-byte-wide image, packed with a 32-byte pitch. */
    const uint8_t *src = s_image + 5 * 128 + 40;
    uint8_t *dst = SRAM_BUF + 128;
    int rc = dma_copy_2d(addr(dst), 32, addr(src), 128, 20, 24);
    CHECK(rc == 0, "2-D main->SRAM returned %d", rc);
    if (check_window(dst, 32, src, 128, 20, 24, "2-D main->SRAM"))
        return 1;
    /* And back out to main memory with a 100-byte pitch. */
    rc = dma_copy_2d(addr(s_back + 64), 100, addr(dst), 32, 20, 24);
    CHECK(rc == 0, "2-D SRAM->main returned %d", rc);
    if (check_window(s_back + 64, 100, dst, 32, 20, 24, "2-D SRAM->main"))
        return 1;
    return 0;
}

static int test_queue(void)
{
    fill_pattern();
    uint64_t done_before = dma_descs_done();
    for (uint32_t i = 0; i < 3; i++) {
        struct dma_desc d = {addr(s_image + i * 256), addr(SRAM_BUF + 0x1000 + i * 100), 1, 200, 0, 0};
        int rc = dma_submit(&d, DMA_CMD_ENQUEUE);
        CHECK(rc == 0, "enqueue %lu returned %d", (unsigned long)i, rc);
    }
    CHECK(dma_wait() == 0, "queue wait");
    CHECK(dma_descs_done() - done_before == 3, "three descriptors done");
    /* Overlapping destinations: each later copy overwrites the tail of the previous one. */
    CHECK(memcmp(SRAM_BUF + 0x1000, s_image, 100) == 0, "queue order (1)");
    CHECK(memcmp(SRAM_BUF + 0x1000 + 100, s_image + 256, 100) == 0, "queue order (2)");
    CHECK(memcmp(SRAM_BUF + 0x1000 + 200, s_image + 512, 200) == 0, "queue order (3)");
    CHECK(SRAM_BUF[0x1000 + 400] == GUARD, "queue: byte after the last copy");
    return 0;
}

static int test_errors(void)
{
    /* Unmapped source: the bus answers with an error, the engine stops. */
    int rc = dma_copy_1d(addr(SRAM_BUF), 0x50000000u, 64);
    CHECK(rc == DMA_ERR_BUS_READ, "unmapped source returned %d (%s)", rc, dma_error_name((uint32_t)rc));
    CHECK(dma_status() == DMA_STATUS_ERR, "STATUS after bus error = 0x%lx", (unsigned long)dma_status());
    CHECK(dma_error_addr() == 0x50000000u, "ERR_ADDR = 0x%08lx", (unsigned long)dma_error_addr());
    /* Write to the ROM: bus error on write. */
    rc = dma_copy_1d(PIMSOC_ROM_BASE, addr(s_image), 16);
    CHECK(rc == DMA_ERR_BUS_WRITE, "write to ROM returned %d", rc);
    /* Zero size is rejected at once and moves nothing. */
    uint64_t moved = dma_bytes_moved();
    rc = dma_copy_1d(addr(SRAM_BUF), addr(s_image), 0);
    CHECK(rc == DMA_ERR_ZERO_SIZE, "zero length returned %d", rc);
    CHECK(dma_error_code() == DMA_ERR_ZERO_SIZE, "ERR_CODE = %lu", (unsigned long)dma_error_code());
    CHECK((dma_status() & (DMA_STATUS_ERR | DMA_STATUS_BUSY)) == DMA_STATUS_ERR, "zero length: ERR, not BUSY");
    rc = dma_copy_2d(addr(SRAM_BUF), 0x10000, addr(s_image), 0, 0x10000, 16);
    CHECK(rc == DMA_ERR_OVERFLOW, "rows*stride overflow returned %d", rc);
    CHECK(dma_bytes_moved() == moved, "rejected descriptors moved bytes");
    /* Start while busy. */
    rc = dma_start_1d(addr(SRAM_BUF), addr(s_image), 4096);
    CHECK(rc == 0, "long copy returned %d", rc);
    rc = dma_start_1d(addr(SRAM_BUF + 4096), addr(s_image), 16);
    CHECK(rc == DMA_ERR_BUSY, "start while busy returned %d", rc);
    CHECK(dma_busy(), "the first copy keeps running");
    dma_wait();
    CHECK(memcmp(SRAM_BUF, s_image, 4096) == 0, "the running copy completed");
    /* CTRL.CLEAR_STATUS */
    dma_clear_status();
    CHECK(dma_status() == 0 && dma_error_code() == 0, "CLEAR_STATUS");
    return 0;
}

static int test_irq_status(void)
{
    /* IRQ_EN is 0: status bits are set but the line stays low; write 1 to clear each. */
    uint32_t s = dma_irq_status();
    CHECK(s == (DMA_IRQ_DONE | DMA_IRQ_ERR), "IRQ_STATUS = 0x%lx", (unsigned long)s);
    dma_irq_clear(0);
    CHECK(dma_irq_status() == s, "writing 0 clears nothing");
    dma_irq_clear(DMA_IRQ_ERR);
    CHECK(dma_irq_status() == DMA_IRQ_DONE, "W1C of ERR");
    dma_irq_clear(DMA_IRQ_DONE);
    CHECK(dma_irq_status() == 0, "W1C of DONE");
    return 0;
}

int main(void)
{
    printf("dma_selftest: start\n");
    RUN(test_registers);
    RUN(test_copy_1d);
    RUN(test_copy_2d);
    RUN(test_queue);
    RUN(test_errors);
    RUN(test_irq_status);
    printf("dma_selftest: PASS\n");
    return 0;
}
