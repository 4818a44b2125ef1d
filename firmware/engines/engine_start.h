/* The init sequence every PIM CNN engine runs (rtm_engine_init, mram_engine_init), once: the
 * staging buffer, the device's presence, the placement (engine_plan_model), the device quiet, every
 * placed layer's weights written (unless options->weights_in_array), the wait set up (the DONE interrupt attached for wfi) and the
 * engine registered. An engine describes its device by an engine_device table. Firmware only. */
#ifndef PIMSOC_ENGINE_START_H
#define PIMSOC_ENGINE_START_H

#include <stdint.h>

#include "cnn/cnn.h"
#include "engines/engine_options.h"
#include "engines/engine_plan.h"

typedef struct {
    const char *device;      /* "RTM", "MRAM": names it in messages */
    const char *controller;  /* "racetrack-memory controller": the "no ... at 0x..." message */
    uint32_t base;           /* its register base (the message) */
    unsigned max_layers;     /* placement table size */
    int32_t *own_staging;    /* the engine's own accumulator staging buffer, and its bytes */
    uint32_t own_staging_bytes;
    /* 1 and the device's banks and bytes per bank if the device answers, else 0. */
    int (*probe)(uint32_t *banks, uint32_t *bank_bytes);
    int (*supports)(const cnn_layer *layer);
    int (*plan)(unsigned index, const cnn_layer *layer); /* places a layer; -1 with its own error */
    void (*quiesce)(void);                               /* status and interrupt flags cleared, DONE off */
    int (*load)(unsigned index); /* writes layer index's weights if it is placed; 0, or -1 with its error */
    unsigned irq;                /* PLIC source of the device's DONE interrupt */
    void (*isr)(unsigned source);
    void (*enable_done)(void);   /* the device raises DONE */
    int (*wait)(void);           /* until the device is idle (the hal wait; its result unused) */
    cnn_engine_id id;
    const cnn_engine *engine;
} engine_device;

/* Runs the sequence for `model`'s layers in layer_mask with `options`; *staging and *staging_bytes
 * get the staging buffer (options->scratch or the device's own). 0, or -1 with the reason in error
 * (a misaligned staging buffer, no device, engine_plan_model's reasons, a load's). */
int engine_start(const engine_device *device, const engine_options *options, engine_banks *banks,
                 const cnn_model *model, uint32_t layer_mask, int32_t **staging, uint32_t *staging_bytes,
                 char *error, uint32_t error_size);

#endif /* PIMSOC_ENGINE_START_H */
