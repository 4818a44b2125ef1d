/* Placement pieces the PIM CNN engines share (rtm_engine.c, mram_engine.c): which conv2d / fc
 * layers the common command fields can describe, the banks' free space (layers placed round robin,
 * regions from each bank's next free byte), and the staging buffer for accumulators. Firmware
 * only. */
#ifndef PIMSOC_ENGINE_PLAN_H
#define PIMSOC_ENGINE_PLAN_H

#include <stdint.h>

#include "cnn/cnn.h"

#define ENGINE_MAX_BANKS 64u

/* 1 if the layer is a conv2d or fc with U8/S8 input, weights, an output up to S32 (requant present
 * for U8/S8 outputs) and, for conv2d, a geometry the CONV_IN/CONV_K fields hold (channels <= 255,
 * height/width <= 4095, kernel, stride and padding <= 15: ip/pim/pim_conv_regs.h). */
int engine_layer_fits_commands(const cnn_layer* layer);

/* The free space of a device's banks (window offsets: bank b starts at b x bank_bytes). */
typedef struct {
    uint32_t banks, bank_bytes;
    uint32_t free[ENGINE_MAX_BANKS]; /* next free byte of each bank (offset in the bank) */
    uint32_t next;                   /* where the round robin goes on */
} engine_banks;

/* 0, or -1 when the device reports no bank, more than ENGINE_MAX_BANKS or empty banks. */
int engine_banks_init(engine_banks* b, uint32_t banks, uint32_t bank_bytes);
/* The first bank from the round robin's position with `need` bytes free (the position moves past
 * it), or -1. */
int engine_banks_pick(engine_banks* b, uint32_t need);
/* Bytes left in a bank, and the largest of them. */
uint32_t engine_banks_left(const engine_banks* b, uint32_t bank);
uint32_t engine_banks_largest_left(const engine_banks* b);
/* Window offset of the bank's next free byte; engine_banks_end() reserves up to window offset end. */
uint32_t engine_banks_next_offset(const engine_banks* b, uint32_t bank);
void engine_banks_end(engine_banks* b, uint32_t bank, uint32_t end);
/* Bytes used in all banks. */
uint32_t engine_banks_used(const engine_banks* b);

/* What every engine's init checks and plans once its device answered: the device's banks
 * (engine_banks_init: "DEVICE reports N banks of B bytes"), the model's layer count (at most
 * max_layers), then each layer of layer_mask (bit i = layer i) in order: supports(layer) ("layer X
 * cannot run on the DEVICE") and plan(i, layer) (which sets its own error). 0, or -1 with the
 * reason in error (plan's failures: left as plan set them). */
int engine_plan_model(const char *device, engine_banks *b, uint32_t banks, uint32_t bank_bytes,
                      const cnn_model *model, uint32_t layer_mask, unsigned max_layers,
                      int (*supports)(const cnn_layer *), int (*plan)(unsigned, const cnn_layer *), char *error,
                      uint32_t error_size);

/* The index of `layer` in `model` if it is one of its first max_layers layers, else -1 (a
 * run_layer given a layer of another model answers CNN_ERR_UNSUPPORTED). */
int engine_layer_index(const cnn_model *model, const cnn_layer *layer, unsigned max_layers);

/* An engine's error message: printf-style into error[0..size). */
void engine_set_error(char *error, uint32_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The staging buffer for int32 accumulators: `given` (4-byte aligned, given_bytes rounded down to
 * words) or, when NULL, the engine's own. 0, or -1 when `given` is misaligned. */
int engine_pick_staging(void* given, uint32_t given_bytes, int32_t* own, uint32_t own_bytes, int32_t** buffer,
                        uint32_t* bytes);

#endif /* PIMSOC_ENGINE_PLAN_H */
