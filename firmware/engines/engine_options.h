/* The options every PIM CNN engine takes (rtm_engine_init, mram_engine_init): one definition, so
 * that an app sets them once for whichever engines it runs. Firmware only. */
#ifndef PIMSOC_ENGINE_OPTIONS_H
#define PIMSOC_ENGINE_OPTIONS_H

#include <stdint.h>

typedef enum {
    ENGINE_MOVER_CPU = 0, /* loads and stores through the device's data window */
    ENGINE_MOVER_DMA = 1, /* the DMA engine copies main memory / ROM <-> window */
} engine_mover;

typedef enum {
    ENGINE_WAIT_WFI = 0,  /* sleep in wfi, woken by the device's DONE interrupt */
    ENGINE_WAIT_POLL = 1, /* poll STATUS */
} engine_wait;

/* Where the MRAM engine stands in the layer it runs, kept in non-volatile memory by the caller
 * (--checkpoint accumulator, docs/power.md): a boot after a power failure continues the layer
 * instead of redoing it, RESUMEing the command the failure cut in the array (its accumulators and
 * progress are non-volatile: mram.nv_partial_state). The caller sets run_key before each layer
 * (a name for this image's layer, never 0); the engine starts the record over when key differs. */
typedef struct {
    uint32_t run_key;  /* set by the caller */
    uint32_t key;      /* the layer run the fields below are about */
    uint32_t input_in; /* its input activations are in the array's window */
    uint32_t started;  /* commands [0, started) were started (the last one maybe not seen done) */
    uint32_t done;     /* commands [0, done) are complete */
} engine_nv_progress;

typedef struct {
    engine_mover mover;
    engine_wait wait;
    /* RTM engine: split every layer over all banks (parallel banks) instead of one bank per layer.
     * The MRAM engine places one bank per layer and ignores it. */
    int spread;
    /* Staging buffer for the int32 accumulators of U8/S8 outputs (4-byte aligned), e.g. the SRAM;
     * NULL: the engine's own buffer in .bss (main memory). */
    void *scratch;
    uint32_t scratch_bytes;
    /* 1: the array already holds the weights this placement writes (its cells are non-volatile:
     * an earlier boot of the same program wrote them before a power failure, docs/power.md), so
     * init places the layers but does not write them again. */
    int weights_in_array;
    /* MRAM engine: NULL, or the non-volatile record that lets a layer resume after a power failure
     * (the device must have non-volatile partial state). */
    engine_nv_progress *nv_progress;
} engine_options;

#endif /* PIMSOC_ENGINE_OPTIONS_H */
