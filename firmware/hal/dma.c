#include "hal/dma.h"

#include "hal/mmio.h"
#include "memory_map.h"

#define DMA_REG(off) ((uintptr_t)PIMSOC_DMA_BASE + (off))

int dma_submit(const struct dma_desc *d, uint32_t cmd)
{
    mmio_write32(DMA_REG(DMA_SRC), d->src);
    mmio_write32(DMA_REG(DMA_DST), d->dst);
    mmio_write32(DMA_REG(DMA_ROWS), d->rows);
    mmio_write32(DMA_REG(DMA_ROW_BYTES), d->row_bytes);
    mmio_write32(DMA_REG(DMA_SRC_STRIDE), d->src_stride);
    mmio_write32(DMA_REG(DMA_DST_STRIDE), d->dst_stride);
    /* The copy reads memory the CPU may just have written: order those stores before CMD. */
    mmio_fence();
    uint32_t before = mmio_read32(DMA_REG(DMA_STATUS));
    uint32_t code_before = mmio_read32(DMA_REG(DMA_ERR_CODE));
    mmio_write32(DMA_REG(DMA_CMD), cmd);
    /* A rejected command sets ERR at once; an accepted one on an idle engine clears it. A reject
     * while busy shows as a change of ERR_CODE or a newly set ERR. */
    uint32_t after = mmio_read32(DMA_REG(DMA_STATUS));
    uint32_t code = mmio_read32(DMA_REG(DMA_ERR_CODE));
    if ((after & DMA_STATUS_ERR) &&
        (!(before & DMA_STATUS_ERR) || code != code_before || !(before & DMA_STATUS_BUSY))) {
        if (code != DMA_ERR_BUS_READ && code != DMA_ERR_BUS_WRITE)
            return (int)code;
    }
    return 0;
}

int dma_start_1d(uint32_t dst, uint32_t src, uint32_t bytes)
{
    struct dma_desc d = {src, dst, 1, bytes, 0, 0};
    return dma_submit(&d, DMA_CMD_START);
}

int dma_start_2d(uint32_t dst, uint32_t dst_stride, uint32_t src, uint32_t src_stride, uint32_t rows,
                 uint32_t row_bytes)
{
    struct dma_desc d = {src, dst, rows, row_bytes, src_stride, dst_stride};
    return dma_submit(&d, DMA_CMD_START);
}

int dma_wait(void)
{
    uint32_t status;
    while ((status = mmio_read32(DMA_REG(DMA_STATUS))) & DMA_STATUS_BUSY) {
    }
    mmio_fence();
    return (status & DMA_STATUS_ERR) ? (int)mmio_read32(DMA_REG(DMA_ERR_CODE)) : 0;
}

int dma_copy_1d(uint32_t dst, uint32_t src, uint32_t bytes)
{
    int rc = dma_start_1d(dst, src, bytes);
    return rc ? rc : dma_wait();
}

int dma_copy_2d(uint32_t dst, uint32_t dst_stride, uint32_t src, uint32_t src_stride, uint32_t rows,
                uint32_t row_bytes)
{
    int rc = dma_start_2d(dst, dst_stride, src, src_stride, rows, row_bytes);
    return rc ? rc : dma_wait();
}

uint32_t dma_status(void) { return mmio_read32(DMA_REG(DMA_STATUS)); }
int dma_busy(void) { return (dma_status() & DMA_STATUS_BUSY) != 0; }
uint32_t dma_error_code(void) { return mmio_read32(DMA_REG(DMA_ERR_CODE)); }
uint32_t dma_error_addr(void) { return mmio_read32(DMA_REG(DMA_ERR_ADDR)); }
void dma_clear_status(void) { mmio_write32(DMA_REG(DMA_CTRL), DMA_CTRL_CLEAR_STATUS); }

void dma_irq_enable(uint32_t mask) { mmio_write32(DMA_REG(DMA_IRQ_EN), mask); }
uint32_t dma_irq_status(void) { return mmio_read32(DMA_REG(DMA_IRQ_STATUS)); }
void dma_irq_clear(uint32_t mask) { mmio_write32(DMA_REG(DMA_IRQ_STATUS), mask); }

uint64_t dma_bytes_moved(void) { return mmio_read64_stable(DMA_REG(DMA_BYTES_MOVED)); }
uint64_t dma_descs_done(void) { return mmio_read64_stable(DMA_REG(DMA_DESCS_DONE)); }
uint64_t dma_busy_cycles(void) { return mmio_read64_stable(DMA_REG(DMA_BUSY_CYCLES)); }
