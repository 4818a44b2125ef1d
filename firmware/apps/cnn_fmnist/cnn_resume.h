/* cnn_fmnist's run through power failures (--checkpoint, docs/power.md "The CNN app"): the image
 * loop with checkpoints in non-volatile memory at a granularity, resumed at each boot after a
 * failure, or restarted from scratch (naive). Results are printed from committed state only, through
 * the once-only console (runtime/nv_console.h), so the output is that of a run without failures. */
#ifndef CNN_FMNIST_CNN_RESUME_H
#define CNN_FMNIST_CNN_RESUME_H

#include <stddef.h>
#include <stdint.h>

#include "cnn/cnn.h"
#include "cnn/cnn_dataset.h"
#include "cnn/cnn_report.h"
#include "engines/engine_options.h"

/* --checkpoint: NONE restarts from scratch at each boot; the others resume after the last image,
 * layer or output tile committed; ACCUMULATOR commits as LAYER and continues an MRAM layer from
 * the command the failure cut, RESUMEd from the sub-arrays' non-volatile accumulators. */
typedef enum { RESUME_NONE, RESUME_IMAGE, RESUME_LAYER, RESUME_TILE, RESUME_ACCUMULATOR } resume_granularity;

#define RESUME_MAX_IMAGES 1024u     /* results kept in non-volatile memory */
#define RESUME_TILES_PER_LAYER 4u   /* tile granularity: a conv/fc layer's output channels in 4 parts */

typedef struct {
    const cnn_model *model;
    const cnn_dataset *dataset;
    uint32_t first, count;
    resume_granularity granularity;
    int print_logits;  /* -1 no per-image lines, 0 predictions, 1 with logits */
    void *arena;
    size_t arena_bytes;
    const cnn_run_options *options;
} resume_job;

/* 1 when this boot follows a power failure (a cold boot ran the program's one-time checks). */
int resume_after_power_failure(void);

/* Opens the once-only console (call before the first line the run prints). */
void resume_open_console(void);

/* Whether an earlier boot of this run wrote the accelerators' weights into their non-volatile
 * arrays (then the engines' init skips writing them: engine_options.weights_in_array); and the mark
 * that this boot has, set after the engines started. A cold boot clears it. */
int resume_weights_in_array(void);
void resume_mark_weights_in_array(void);

/* The MRAM engine's non-volatile record of the layer in progress (engine_options.nv_progress),
 * started over at a cold boot. */
engine_nv_progress *resume_nv_progress(void);

/* Runs (or resumes) the job, printing each image's line once committed, and tallies every image.
 * 0; 4 after a layer's run error (printed); 6 if the committed checkpoint or the results' checksum
 * is corrupt (printed). */
int resume_run(const resume_job *job, cnn_tally *tally);

/* The line after the tally: "checkpoint: granularity G, results checksum ok". */
void resume_print_summary(const resume_job *job);

#endif /* CNN_FMNIST_CNN_RESUME_H */
