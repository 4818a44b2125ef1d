/* LeNet-5 (or any chain of conv2d [+ maxpool] and fc layers) as a layer pipeline on the ReRAM
 * tiles: the controller's PIPELINE command (docs/models/reram_controller.md, "PIPELINE") runs the
 * whole network without the CPU between layers. Firmware only; apps link pimsoc_reram_engine.
 *
 *   if (reram_pipeline_init(&model, copies, layers) != 0) printf("%s\n", reram_pipeline_error());
 *   reram_pipeline_timing t;
 *   reram_pipeline_run(image, logits, &t);   // logits: the last layer's int32 outputs
 *
 * Init (once: the cells are non-volatile): the model's layers are fused into pipeline layers (a
 * conv2d with the maxpool after it, an fc); layer i gets copies[i] copies of its weights, each cut
 * into blocks as the per-layer engine cuts it (reram_engine_cut), the copies one after another on
 * the crossbars from 0 (a block never spans two tiles); every block is PROGRAMmed; the table
 * (geometry, copies, biases, requantization, clamps, pooling) is written into tile 0's buffer.
 * Per image: the image into the buffer, PIPELINE, wait for it (polling), the outputs back. */
#ifndef PIMSOC_RERAM_PIPELINE_H
#define PIMSOC_RERAM_PIPELINE_H

#include <stdint.h>

#include "cnn/cnn.h"

/* Bytes at the start of every tile's buffer for the table, its parameters, the image and the
 * outputs (tile 0), and the weights' staging after them. */
#define RERAM_PIPELINE_AREA_BYTES 8192u
#define RERAM_PIPELINE_MAX_OUT_BYTES 256u /* the last layer's output (LeNet-5: 10 int32 logits) */

typedef struct {
    uint64_t measured_ns; /* simulated time from the START write to the CPU seeing the tiles idle */
    uint32_t device_ns;   /* the command's own time: its schedule (PIPE_TIME_NS) */
    uint32_t steps;       /* steps of the device's schedule */
    uint32_t step_ps;     /* its slowest layer's step: the time model's TC for this device */
} reram_pipeline_timing;

/* Places and programs `model` with copies[0..layers-1] copies per pipeline layer and writes the
 * table. 0, or -1 with reram_pipeline_error() set (no device, a layer the pipeline cannot hold, a
 * copy count per layer missing, too few crossbars). */
int reram_pipeline_init(const cnn_model *model, const uint32_t *copies, unsigned layers);

/* One image (the model's input, U8) through the pipeline; the last layer's outputs into out (its
 * dtype: int32 logits for S32). 0, or -1 with the error set (the device's code named). */
int reram_pipeline_run(const void *image, void *out, reram_pipeline_timing *timing);

const char *reram_pipeline_error(void);

/* One line per pipeline layer: model layers, copies, crossbars, blocks per copy. */
void reram_pipeline_print_plan(void);

/* Crossbars the copies take. */
uint32_t reram_pipeline_crossbars(void);

#endif /* PIMSOC_RERAM_PIPELINE_H */
