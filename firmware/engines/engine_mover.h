/* What the CNN engines on the PIM devices share (rtm_engine.c, mram_engine.c): moving bytes between
 * main memory and a device's data window (CPU word loads/stores through the window, or DMA copies),
 * waiting for a device's STATUS bits to clear, and requantizing a layer's int32 accumulators with the
 * CPU kernels' arithmetic. Firmware only. */
#ifndef PIMSOC_ENGINE_MOVER_H
#define PIMSOC_ENGINE_MOVER_H

#include <stdint.h>

#include "cnn/cnn.h"

/* CPU: `bytes` from src (any alignment) to the 4-aligned window address dst as word stores; a
 * partial last word is padded with zeros (regions are reserved in whole words). */
void engine_cpu_to_window(volatile uint32_t *dst, const void *src, uint32_t bytes);

/* CPU: `words` int32 from the window address src to dst (4-aligned) as word loads. */
void engine_cpu_from_window(int32_t *dst, volatile const int32_t *src, uint32_t words);

/* DMA: queues one copy of `bytes` from bus address src to dst (waits for room in the DMA queue).
 * 0 or a DMA_ERR_* code. */
int engine_dma_queue(uint32_t dst, uint32_t src, uint32_t bytes);

/* With the mover chosen by `dma` (0: CPU word stores / loads through the window, 1: one DMA copy,
 * waited for): `bytes` from src to the window at bus address `window` (4-aligned), and `words`
 * int32 from the window at `window` to dst. 0, or the DMA_ERR_* code of a failed DMA. */
int engine_to_window(uint32_t window, const void *src, uint32_t bytes, int dma);
int engine_from_window(int32_t *dst, uint32_t window, uint32_t words, int dma);

/* Until status() & busy_mask is 0 (a bank-busy bit, or STATUS.BUSY). poll: spin on STATUS; else
 * sleep in wfi, woken by the device's DONE interrupt (whose handler clears it): interrupts stay
 * masked around the check, so that a completion between the check and the wfi still wakes the CPU
 * (wfi wakes on a pending interrupt even with mstatus.MIE clear). */
void engine_wait_idle(uint32_t (*status)(void), uint32_t busy_mask, int poll);

/* Requantizes `channels` output channels of `layer` from `first` on (acc: the layer's int32
 * accumulators, CHW, `plane` per channel) into out (the layer's U8/S8 output), with the layer's
 * requant and clamp (cnn_requantize: the CPU kernels' rounding), so an engine's outputs equal the
 * CPU engine's bit for bit. */
void engine_requantize(const cnn_layer *layer, const int32_t *acc, void *out, uint32_t first, uint32_t channels,
                       uint32_t plane);

#endif /* PIMSOC_ENGINE_MOVER_H */
