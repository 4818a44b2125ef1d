/* The SOT-MRAM CNN engine (CNN_ENGINE_MRAM): runs conv2d and fully connected layers of any
 * supported bit width on the MRAM's computational sub-arrays (ip/mram, hal/mram.h,
 * docs/models/mram.md: AND-accumulation over M activation x N weight bit planes) and everything
 * else of them (requantization, clamps) on the CPU, bit for bit as the CPU kernels of firmware/cnn
 * do. Firmware only (it drives the devices); apps link pimsoc_mram_engine.
 *
 *   engine_options opt = {.mover = ENGINE_MOVER_DMA};  // engines/engine_options.h
 *   if (mram_engine_init(&model, mask, &opt) != 0) printf("%s\n", mram_engine_error());
 *   cnn_run(&model, ..., &(cnn_run_options){.engine_map = map, ...}, &out);  // map[i] = CNN_ENGINE_MRAM
 *
 * Operand widths come from the layer table (cnn_layer.weight_bits N, input_bits M; docs/cnn.md
 * "Low-bit layers"): weights N = 8 (0) or 2..7 as N-bit two's complement, N = 1 as the device's
 * {-1,+1} coding (bit 1 for +1); activations M = 8 (0: the whole U8, or S8 as signed) or M = 1..7
 * unsigned. Both are stored packed, M or N bits per element (hal/mram.h), so a 1-bit layer takes
 * an eighth of the window an int8 one takes.
 *
 * Placement (at init, once: the array is non-volatile, the weights stay for every inference): each
 * layer of the mask gets, in one bank, its packed input activations, its packed weights (conv2d:
 * one kernel of C_in x kh x kw elements per output channel; fc: one matrix row per neuron; the
 * kernel / row pitch rounded up to whole words, so the CPU mover stores whole words), its int32 biases (fc: the MVM's
 * bias vector; conv2d's bias is each command's INIT) and its int32 accumulators, every region
 * 4-byte aligned, in that order from the bank's next free byte. Layers go to banks round robin. A
 * layer that fits no bank fails the init with a message naming it and the sizes.
 *
 * Per inference and layer: the CPU packs the input activations into M-bit elements (M = 8: no
 * packing, the input is moved as it is), the mover (CPU word stores through the window, or DMA
 * copies) writes them into the layer's input region; the commands are started (conv2d: one
 * MRAM_OP_CONV2D per output channel with the channel's bias as INIT, all queued on the layer's
 * bank, a START the full queue refuses retried after the bank is idle; fc: one MRAM_OP_MVM with the
 * biases), the CPU waits for the bank (wfi, woken by the DONE interrupt, or polling STATUS), moves
 * all the int32 accumulators back (CPU or DMA) into the staging buffer (S32 outputs: straight into
 * the output) and requantizes them with the layer's requant and clamp (cnn_requantize: the CPU
 * kernels' arithmetic). Pools, relu, requantize and argmax stay on the CPU (the device has no
 * pooling or requantization: docs/models/mram_controller.md, "Limits").
 *
 * With engine_options.nv_progress (cnn_fmnist --checkpoint accumulator, docs/power.md) a layer's
 * commands run one at a time, each recorded in the caller's non-volatile record, so that a boot
 * after a power failure skips the input and the commands done and RESUMEs the command the failure
 * cut in the array (mram.nv_partial_state). Without it, init finishes a command a failure left in
 * progress (it would block the bank).
 *
 * Interrupts (wfi): the engine installs the irq dispatcher (irq_init), attaches PIMSOC_IRQ_MRAM and
 * enables MRAM_IRQ_DONE; it keeps mstatus.MIE clear except around each wfi. */
#ifndef PIMSOC_MRAM_ENGINE_H
#define PIMSOC_MRAM_ENGINE_H

#include <stdint.h>

#include "cnn/cnn.h"
#include "engines/engine_options.h"

#define MRAM_ENGINE_MAX_LAYERS 32u
/* The engine's own staging buffer for the int32 accumulators of one layer with a U8/S8 output
 * (main memory), when the options give none. */
#define MRAM_ENGINE_SCRATCH_BYTES 32768u
/* Packing buffer (main memory): the packed input activations of one layer, and one packed weight
 * row (fc) or kernel (conv2d) at init; a layer whose input or row needs more stays on the CPU. */
#define MRAM_ENGINE_PACK_BYTES 8192u

/* 1 if the engine runs this layer on the MRAM: conv2d or fc, U8/S8 input, weights present, weight
 * and input widths the device takes (1..8 bits), the geometry fits the command fields (channels <=
 * 255, height/width <= 4095, kernel, stride and padding <= 15) and the packed input and one packed
 * weight row fit MRAM_ENGINE_PACK_BYTES. Capacity of the array is checked at init. */
int mram_engine_supports(const cnn_layer *layer);

/* Places the layers whose bit is set in layer_mask (bit i = layer i; they must be supported),
 * writes their packed weights and biases into the array with the mover, sets up the wait, clears
 * the MRAM status, and registers the engine as CNN_ENGINE_MRAM. 0, or -1 with mram_engine_error()
 * set (no MRAM, a layer the engine cannot run, the model does not fit the array, a device error). */
int mram_engine_init(const cnn_model *model, uint32_t layer_mask, const engine_options *options);

/* The reason of the last failure (init, or a run_layer that returned CNN_ERR_ENGINE). */
const char *mram_engine_error(void);

/* One line per placed layer: layer, bank, window offsets, widths and sizes of its regions. */
void mram_engine_print_plan(void);

/* Bytes of the array the placement uses, and the packed weights (and biases) written at init. */
uint32_t mram_engine_used_bytes(void);
uint32_t mram_engine_weight_bytes(void);

#endif /* PIMSOC_MRAM_ENGINE_H */
