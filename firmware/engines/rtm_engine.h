/* The racetrack-memory CNN engine (CNN_ENGINE_RTM): runs conv2d and fully connected layers on the
 * RTM's in-memory compute cells (ip/rtm, hal/rtm.h, docs/models/rtm.md) and everything else of
 * them (requantization, clamps) on the CPU, bit for bit as the CPU kernels of firmware/cnn do.
 * Firmware only (it drives the devices); apps link pimsoc_rtm_engine.
 *
 *   engine_options opt = {.mover = ENGINE_MOVER_DMA};  // engines/engine_options.h
 *   if (rtm_engine_init(&model, mask, &opt) != 0) printf("%s\n", rtm_engine_error());
 *   cnn_run(&model, ..., &(cnn_run_options){.engine_map = map, ...}, &out);  // map[i] = CNN_ENGINE_RTM
 *
 * Placement (at init, once: the array is non-volatile, the weights stay for every inference): each
 * layer of the mask gets, in one bank, its input activations, its weights ([C_out][C_in][kh][kw] or
 * [N][K], rows back to back), its int32 biases (fully connected: the DOT's bias vector; conv2d's
 * bias is each command's INIT) and its int32 accumulators, every region 4-byte aligned, in that
 * order from the bank's next free byte. Layers go to banks round robin (layer after layer to the
 * next bank that has room), or with `spread` split by output channels / neurons over all banks, one
 * part per bank, so that the banks compute in parallel (every part has its own copy of the input).
 * A layer that fits no bank fails the init with a message naming it and the sizes.
 *
 * Per inference and layer: the input activations are moved into each part's input region (CPU word
 * stores through the window, or DMA copies), the commands are started (conv2d: one RTM_OP_CONV2D
 * per output channel with the channel's bias as INIT, padding and stride by the command; fc: one
 * batched RTM_OP_DOT per part with stride_a 0, stride_b = K and the biases by RTM_OP_FLAG_BIAS),
 * the CPU waits for the part's bank (wfi, woken by the DONE interrupt through the irq dispatcher,
 * or polling STATUS), moves the int32 accumulators back (CPU or DMA) into the staging buffer (S32
 * outputs: straight into the output) and requantizes them with the layer's requant and clamp
 * (cnn_requantize: the CPU kernels' arithmetic, so the outputs equal the CPU engine's bit for bit).
 * conv2d is pipelined per output channel: once channel j of a part is back, channel j + 1 starts on
 * its bank and the CPU requantizes channel j meanwhile (a window access waits for its bank, so the
 * read-back must come before the next command on that bank). pools, relu, requantize and argmax
 * stay on the CPU (run_layer answers CNN_ERR_UNSUPPORTED for a layer it did not place).
 *
 * Interrupts (wfi): the engine installs the irq dispatcher (irq_init), attaches PIMSOC_IRQ_RTM and
 * enables RTM_IRQ_DONE; it keeps mstatus.MIE clear except around each wfi. */
#ifndef PIMSOC_RTM_ENGINE_H
#define PIMSOC_RTM_ENGINE_H

#include <stdint.h>

#include "cnn/cnn.h"
#include "engines/engine_options.h"

#define RTM_ENGINE_MAX_LAYERS 32u
/* The engine's own staging buffer for the int32 accumulators of one layer with a U8/S8 output
 * (main memory), when the options give none. */
#define RTM_ENGINE_SCRATCH_BYTES 32768u

/* 1 if the engine runs this layer on the RTM: conv2d or fc, U8/S8 input, int8 weights, and the
 * geometry fits the command fields (channels <= 255, height/width <= 4095, kernel, stride and
 * padding <= 15). */
int rtm_engine_supports(const cnn_layer *layer);

/* Places the layers whose bit is set in layer_mask (bit i = layer i; they must be supported),
 * writes their weights and biases into the array with the mover, sets up the wait, clears the
 * RTM status, and registers the engine as CNN_ENGINE_RTM. 0, or -1 with rtm_engine_error() set
 * (no RTM, a layer the engine cannot run, the model does not fit the array, a device error). */
int rtm_engine_init(const cnn_model *model, uint32_t layer_mask, const engine_options *options);

/* The reason of the last failure (init, or a run_layer that returned CNN_ERR_ENGINE). */
const char *rtm_engine_error(void);

/* One line per placed part: layer, bank, window offsets and sizes of its regions. */
void rtm_engine_print_plan(void);

/* Bytes of the array the placement uses, and the weights (and biases) written at init. */
uint32_t rtm_engine_used_bytes(void);
uint32_t rtm_engine_weight_bytes(void);

#endif /* PIMSOC_RTM_ENGINE_H */
