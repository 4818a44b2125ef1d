/* The ReRAM CNN engine (CNN_ENGINE_RERAM): runs conv2d and fully connected layers on the ReRAM
 * crossbar tiles (ip/reram, hal/reram.h, docs/models/reram_controller.md) and everything else of
 * them (biases, requantization, clamps, pools) on the CPU, bit for bit as the CPU kernels of
 * firmware/cnn do when the device is ideal (--set reram.ideal=true); with the default non-ideal
 * device the accumulators carry the crossbars' errors. Firmware only; apps link
 * pimsoc_reram_engine.
 *
 *   engine_options opt = {.mover = ENGINE_MOVER_DMA};  // engines/engine_options.h
 *   if (reram_engine_init(&model, mask, &opt) != 0) printf("%s\n", reram_engine_error());
 *   cnn_run(&model, ..., &(cnn_run_options){.engine_map = map, ...}, &out);  // map[i] = CNN_ENGINE_RERAM
 *
 * Widths come from the layer table: weights N = 8 (0) or 2..7 bits two's complement (1-bit
 * {-1,+1} layers stay on the CPU); activations M = 8 (0: U8, or S8 as signed) or 1..7 unsigned,
 * applied bit-serially (M reads per crossbar).
 *
 * Placement (at init, once: the cells are non-volatile, the weights stay for every inference): a
 * layer's weight matrix (conv2d: one row of C x kh x kw per output channel, fc: one per neuron) is
 * cut into blocks of at most `rows` inputs (conv2d: whole input channels, so that a block is the
 * convolution of a channel range) and at most as many outputs as one crossbar's columns take
 * (PLAN); each block takes PLAN crossbars of one tile, all blocks of a layer in one tile, the
 * layers' tiles round robin (engine_plan.h's banks = the tiles). The tile's buffer holds the
 * layer's packed input and its int32 partial sums (one plane per input block). The weights are
 * staged in the tile's free buffer space and PROGRAMmed at init.
 *
 * Per inference and layer: the CPU packs the input to M bits, the mover writes it into the tile's
 * buffer, the engine starts one command per block (conv2d: RERAM_OP_CONV, the tile walks the
 * im2col windows of the block's channel range; fc: RERAM_OP_MVM), all queued on the tile (a START
 * the full queue refuses is retried once the tile is idle), waits for the tile (wfi or polling),
 * moves the partial sums back, adds them and the biases and requantizes on the CPU. */
#ifndef PIMSOC_RERAM_ENGINE_H
#define PIMSOC_RERAM_ENGINE_H

#include <stdint.h>

#include "cnn/cnn.h"
#include "engines/engine_options.h"
#include "hal/reram.h"

#define RERAM_ENGINE_MAX_LAYERS 32u
#define RERAM_ENGINE_MAX_BLOCKS 16u /* blocks of one layer */
/* The engine's own staging buffer for one layer's int32 partial sums, when the options give none. */
#define RERAM_ENGINE_SCRATCH_BYTES 32768u
/* Packing buffer: one layer's packed input, or one block's packed weights at init. */
#define RERAM_ENGINE_PACK_BYTES 16384u

/* A block: the weights of `units` input units (conv2d: input channels, fc: inputs) from unit_first
 * and `outputs` outputs from out_first, on `crossbars` crossbars from xbar. */
typedef struct {
    uint32_t xbar, crossbars;
    uint32_t unit_first, units;
    uint32_t out_first, outputs;
} reram_block;

/* A layer cut into blocks (input block major: block ib * (blocks / in_blocks) + ob), its types and
 * sizes; xbar is the block's offset from the layer's first crossbar until placed. */
typedef struct {
    const cnn_layer *layer;
    struct reram_type x, w;
    uint32_t elements_in, k; /* input activations; weights per output */
    uint32_t taps;           /* inputs per unit: conv2d kh x kw, fc 1 */
    uint32_t unit_elements;  /* input elements per unit: conv2d H x W, fc 1 */
    uint32_t plane;          /* outputs per channel: conv2d H' x W', fc 1 */
    uint32_t in_bytes;
    uint32_t in_blocks, blocks, crossbars;
    reram_block block[RERAM_ENGINE_MAX_BLOCKS];
} reram_layer_cut;

/* Cuts a supported layer into blocks for the device of `info` (its rows, columns and PLAN); the
 * layer pipeline (reram_pipeline.h) places copies of the same cut. 0, or -1 with
 * reram_engine_error() set. */
int reram_engine_cut(const cnn_layer *layer, const struct reram_info *info, reram_layer_cut *cut);

/* Programs block i of `cut` onto the crossbars from xbar, its weights packed row after row through
 * buffer offset `staging` (in xbar's tile, staging_bytes free), and waits. 0, or -1 with
 * reram_engine_error() set. */
int reram_engine_program_block(const reram_layer_cut *cut, uint32_t i, uint32_t xbar, uint32_t staging,
                               uint32_t staging_bytes);

/* 1 if the engine can run this layer on the tiles: conv2d or fc that the command fields describe
 * (engine_layer_fits_commands), weights of 2..8 bits, inputs of 1..8 bits, a kernel window of at
 * most 255 taps per channel, the packed input within RERAM_ENGINE_PACK_BYTES. The device's
 * geometry and capacity are checked at init. */
int reram_engine_supports(const cnn_layer *layer);

/* Places the layers whose bit is set in layer_mask, programs their weights, sets up the wait and
 * registers the engine as CNN_ENGINE_RERAM. 0, or -1 with reram_engine_error() set. */
int reram_engine_init(const cnn_model *model, uint32_t layer_mask, const engine_options *options);

/* The reason of the last failure (init, or a run_layer that returned CNN_ERR_ENGINE). */
const char *reram_engine_error(void);

/* One line per placed layer: tile, crossbars, blocks, buffer regions. */
void reram_engine_print_plan(void);

/* Buffer bytes the placement uses, the crossbars the layers' blocks take, and the packed weight
 * bytes programmed at init. */
uint32_t reram_engine_used_bytes(void);
uint32_t reram_engine_crossbars(void);
uint32_t reram_engine_weight_bytes(void);

#endif /* PIMSOC_RERAM_ENGINE_H */
