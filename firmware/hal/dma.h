/* DMA engine driver (PIMSOC_DMA_BASE, registers in ip/dma/dma_regs.h, docs/models/dma.md).
 * Addresses are physical bus addresses (main memory, SRAM, ROM as source). Functions returning int
 * give 0 on success or a DMA_ERR_* code. Polling; for interrupts enable DMA_IRQ_* with
 * dma_irq_enable() and attach a handler to PLIC source PIMSOC_IRQ_DMA (hal/irq.h). */
#ifndef PIMSOC_HAL_DMA_H
#define PIMSOC_HAL_DMA_H

#include <stdint.h>

#include "dma/dma_regs.h"

/* One copy: rows x row_bytes; row r reads src + r * src_stride, writes dst + r * dst_stride. */
struct dma_desc {
    uint32_t src;
    uint32_t dst;
    uint32_t rows; /* 1 = 1-D copy */
    uint32_t row_bytes;
    uint32_t src_stride;
    uint32_t dst_stride;
};

/* Writes the descriptor registers and CMD (DMA_CMD_START or DMA_CMD_ENQUEUE). Returns 0 if the
 * engine accepted it, else the code it was rejected with (DMA_ERR_ZERO_SIZE, _OVERFLOW, _BUSY,
 * _QUEUE_FULL, _BAD_CMD). Does not wait for the copy. */
int dma_submit(const struct dma_desc *d, uint32_t cmd);
int dma_start_1d(uint32_t dst, uint32_t src, uint32_t bytes);
int dma_start_2d(uint32_t dst, uint32_t dst_stride, uint32_t src, uint32_t src_stride, uint32_t rows,
                 uint32_t row_bytes);

/* Polls STATUS until BUSY clears; returns 0, or ERR_CODE if STATUS.ERR is set. */
int dma_wait(void);

/* Start + wait (memcpy argument order). */
int dma_copy_1d(uint32_t dst, uint32_t src, uint32_t bytes);
int dma_copy_2d(uint32_t dst, uint32_t dst_stride, uint32_t src, uint32_t src_stride, uint32_t rows,
                uint32_t row_bytes);

/* Status and errors */
uint32_t dma_status(void);     /* STATUS register (DMA_STATUS_*) */
int dma_busy(void);            /* STATUS.BUSY */
uint32_t dma_error_code(void); /* ERR_CODE */
uint32_t dma_error_addr(void); /* ERR_ADDR: the failing burst's address after a bus error */
void dma_clear_status(void);   /* CTRL.CLEAR_STATUS: DONE, ERR, ERR_CODE, ERR_ADDR */
/* dma_error_name(code): dma/dma_regs.h */

/* Interrupts: the line is IRQ_STATUS & IRQ_EN (level). */
void dma_irq_enable(uint32_t mask); /* writes IRQ_EN */
uint32_t dma_irq_status(void);
void dma_irq_clear(uint32_t mask); /* write 1 to clear */

/* 64-bit counters */
uint64_t dma_bytes_moved(void);
uint64_t dma_descs_done(void);
uint64_t dma_busy_cycles(void);

#endif /* PIMSOC_HAL_DMA_H */
