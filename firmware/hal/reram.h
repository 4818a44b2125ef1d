/* ReRAM crossbar tile driver (PIMSOC_RERAM_BASE, registers in ip/reram/reram_regs.h, the tiles'
 * buffers at PIMSOC_RERAM_BUF_BASE; docs/models/reram_controller.md). Buffer offsets are byte
 * offsets into the buffer window (tile t owns [t * tile_bytes, (t + 1) * tile_bytes)); a command
 * works on the crossbars of one tile and that tile's buffer. Operands are packed n-bit elements.
 * Functions returning int give 0 when the controller accepted the command, else the RERAM_ERR_*
 * code it was rejected with; they do not wait (reram_wait()). Polling; for interrupts enable
 * RERAM_IRQ_* with reram_irq_enable() and attach a handler to PLIC source PIMSOC_IRQ_RERAM. The
 * driver refuses what the register fields cannot encode (a width above 31, CONV geometry beyond
 * its fields) with the device's code for it, without writing CMD. */
#ifndef PIMSOC_HAL_RERAM_H
#define PIMSOC_HAL_RERAM_H

#include <stdint.h>

#include "memory_map.h"
#include "reram/reram_regs.h"

struct reram_info {
    uint32_t tiles, crossbars_per_tile;
    uint32_t rows, columns;
    uint32_t cell_bits, dac_bits, adc_bits;
    uint32_t tile_bytes;
    int ideal;
};

/* 1 if the controller answers with RERAM_ID_VALUE (and fills *info when info is not NULL). */
int reram_probe(struct reram_info *info);

/* The buffer window as CPU-visible memory: offset -> address. */
static inline volatile uint8_t *reram_buffer(uint32_t offset)
{
    return (volatile uint8_t *)(uintptr_t)(PIMSOC_RERAM_BUF_BASE + offset);
}

/* An element type: 1..16 bits, two's complement when signed. */
struct reram_type {
    uint32_t bits;
    int is_signed;
};

/* Crossbars a block of `outputs` weights of type w takes (the controller's plan; 0: it cannot
 * fit one tile). */
uint32_t reram_plan(struct reram_type w, uint32_t outputs);

/* Programs outputs x inputs weights onto the crossbars from xbar: output o's inputs weights at
 * buffer offset src + o * stride (stride 0: packed rows one after another). */
struct reram_program {
    uint32_t xbar, src, stride;
    uint32_t inputs, outputs;
    struct reram_type w;
};
int reram_program(const struct reram_program *p);

/* count MVMs with the block at xbar: dst[k][o] (int32) = sum_i W[o][i] x_k[i], x_k at src + k * stride
 * (0: packed vectors one after another), dst[k][o] at dst + 4 (k outputs + o). */
struct reram_mvm {
    uint32_t xbar, src, stride, dst, count;
    struct reram_type x;
};
int reram_mvm(const struct reram_mvm *m);

/* The block at xbar (inputs = channels x kh x kw) on every im2col window of the CHW feature map at
 * src: dst[o][y][x] int32, outputs x H' x W'. Fields as pim_conv_fields_check() allows. */
struct reram_conv {
    uint32_t xbar, src, dst;
    uint32_t channels, height, width;
    uint32_t kh, kw, stride_h, stride_w, pad_h, pad_w;
    struct reram_type x;
};
int reram_conv(const struct reram_conv *c);

/* Runs the network of the PIPELINE table at buffer offset `table` (reram_regs.h) as a layer
 * pipeline on the tiles; after it, the steps of its schedule, its slowest layer's step (ps) and its
 * time (ns). */
int reram_pipeline(uint32_t table);
uint32_t reram_pipe_steps(void);
uint32_t reram_pipe_step_ps(void);
uint32_t reram_pipe_time_ns(void);

/* Polls until no tile is busy; 0. */
int reram_wait(void);

uint32_t reram_status(void);
uint32_t reram_error_code(void);
void reram_clear_status(void);
const char *reram_error_name(uint32_t code);

void reram_irq_enable(uint32_t mask);
uint32_t reram_irq_status(void);
void reram_irq_clear(uint32_t mask);

/* 64-bit counters */
uint64_t reram_crossbar_reads(void);
uint64_t reram_row_activations(void);
uint64_t reram_adc_conversions(void);
uint64_t reram_adc_clips(void);
uint64_t reram_shift_adds(void);
uint64_t reram_cells_programmed(void);
uint64_t reram_write_pulses(void);
uint64_t reram_mvms(void);
uint64_t reram_busy_cycles(void);
uint64_t reram_energy_pj(void);
uint64_t reram_commands(void);
void reram_clear_counters(void);

#endif /* PIMSOC_HAL_RERAM_H */
