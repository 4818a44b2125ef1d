/* DMA engine: register offsets, bit fields, commands and error codes, shared by the SystemC model
 * (ip/dma) and the firmware driver (firmware/hal/dma.c). Plain C.
 *
 * All registers are 32 bits wide (32-bit accesses only), except the 64-bit counters, which take a
 * 64-bit access or two 32-bit accesses (low word at the lower address; reading it latches the high
 * word). The common block is common/device_regs.h. See docs/models/dma.md. */
#ifndef PIMSOC_DMA_REGS_H
#define PIMSOC_DMA_REGS_H

#include "common/device_regs.h"

#define DMA_REG_SPACE 0x1000u /* bytes of register space decoded by the model */

/* The common block (common/device_regs.h) */
#define DMA_ID DEV_ID                 /* RO: DMA_ID_VALUE */
#define DMA_CTRL DEV_CTRL             /* RW: action bits, read as 0 */
#define DMA_STATUS DEV_STATUS         /* RO: BUSY, DONE, ERR, QUEUED */
#define DMA_IRQ_EN DEV_IRQ_EN         /* RW: DMA_IRQ_* mask */
#define DMA_IRQ_STATUS DEV_IRQ_STATUS /* RW1C: DMA_IRQ_* */
#define DMA_ERR_CODE DEV_ERR_CODE     /* RO: DMA_ERR_* of the last error */

/* Device registers */
#define DMA_ERR_ADDR 0x018u    /* RO: bus address of the failing burst (bus errors only) */
#define DMA_CAPS 0x01Cu        /* RO: queue depth, bus width, burst size */
#define DMA_SRC 0x020u         /* RW: source address of the first row */
#define DMA_DST 0x024u         /* RW: destination address of the first row */
#define DMA_ROWS 0x028u        /* RW: number of rows (1 = 1-D copy); reset 1 */
#define DMA_ROW_BYTES 0x02Cu   /* RW: bytes per row */
#define DMA_SRC_STRIDE 0x030u  /* RW: bytes from one source row start to the next */
#define DMA_DST_STRIDE 0x034u  /* RW: bytes from one destination row start to the next */
#define DMA_CMD 0x038u         /* WO: DMA_CMD_* submits the descriptor registers */
#define DMA_BYTES_MOVED 0x040u /* RO 64: bytes written to destinations */
#define DMA_DESCS_DONE 0x048u  /* RO 64: descriptors completed without error */
#define DMA_BUSY_CYCLES 0x050u /* RO 64: engine clock cycles spent on descriptors */

#define DMA_ID_VALUE 0x444D4101u /* "DMA" + version 1 */

/* CTRL (write 1 to act; reads 0) */
#define DMA_CTRL_CLEAR_STATUS DEV_CTRL_CLEAR_STATUS     /* clears STATUS.DONE/ERR, ERR_CODE, ERR_ADDR */
#define DMA_CTRL_CLEAR_COUNTERS DEV_CTRL_CLEAR_COUNTERS /* zeroes the three 64-bit counters */

/* STATUS */
#define DMA_STATUS_BUSY DEV_STATUS_BUSY /* a descriptor is running or queued */
#define DMA_STATUS_DONE DEV_STATUS_DONE /* the engine went idle after its last descriptor, without error */
#define DMA_STATUS_ERR DEV_STATUS_ERR   /* an error happened (code in ERR_CODE) */
#define DMA_STATUS_QUEUED_SHIFT 8u
#define DMA_STATUS_QUEUED_MASK 0xFF00u /* descriptors waiting behind the running one */

/* IRQ_EN / IRQ_STATUS; the irq line is (IRQ_STATUS & IRQ_EN) != 0 */
#define DMA_IRQ_DONE DEV_IRQ_DONE
#define DMA_IRQ_ERR DEV_IRQ_ERR
#define DMA_IRQ_MASK DEV_IRQ_MASK

/* CAPS */
#define DMA_CAPS_QUEUE_DEPTH_MASK 0x000000FFu
#define DMA_CAPS_BUS_WIDTH_SHIFT 8u
#define DMA_CAPS_BUS_WIDTH_MASK 0x0000FF00u
#define DMA_CAPS_BURST_SHIFT 16u
#define DMA_CAPS_BURST_MASK 0xFFFF0000u

/* CMD values */
#define DMA_CMD_START 0x1u   /* run now; error BUSY if the engine is busy */
#define DMA_CMD_ENQUEUE 0x2u /* run now if idle, else queue; error QUEUE_FULL if the queue is full */

/* ERR_CODE values */
#define DMA_ERR_NONE 0u
#define DMA_ERR_BUS_READ 1u   /* the bus answered a source read with an error (address in ERR_ADDR) */
#define DMA_ERR_BUS_WRITE 2u  /* the bus answered a destination write with an error (ERR_ADDR) */
#define DMA_ERR_ZERO_SIZE 3u  /* ROWS or ROW_BYTES is 0 */
#define DMA_ERR_OVERFLOW 4u   /* the source or destination range runs past 2^32 */
#define DMA_ERR_QUEUE_FULL 5u /* ENQUEUE with queue_depth descriptors already waiting */
#define DMA_ERR_BUSY 6u       /* START while a descriptor is running or queued */
#define DMA_ERR_BAD_CMD 7u    /* unknown CMD value */

/* The name of an ERR_CODE value, for messages (the model's log and the firmware's). */
static inline const char *dma_error_name(unsigned code)
{
    switch (code) {
    case DMA_ERR_NONE: return "none";
    case DMA_ERR_BUS_READ: return "bus error on read";
    case DMA_ERR_BUS_WRITE: return "bus error on write";
    case DMA_ERR_ZERO_SIZE: return "zero size";
    case DMA_ERR_OVERFLOW: return "address range past 2^32";
    case DMA_ERR_QUEUE_FULL: return "queue full";
    case DMA_ERR_BUSY: return "start while busy";
    case DMA_ERR_BAD_CMD: return "unknown command";
    default: return "unknown error";
    }
}

#endif /* PIMSOC_DMA_REGS_H */
