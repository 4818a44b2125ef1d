/* cnn_fmnist --engine reram --pipeline: the images through the ReRAM tiles' layer pipeline
 * (engines/reram_pipeline.h) with the allocation of pimsoc-alloc (engines/reram_pipeline_lenet5.h),
 * the measured time against the time model's prediction (docs/allocation.md, "On the VP"). */
#ifndef CNN_FMNIST_CNN_PIPELINE_H
#define CNN_FMNIST_CNN_PIPELINE_H

#include <stdint.h>

#include "cnn/cnn.h"
#include "cnn/cnn_dataset.h"
#include "cnn/cnn_report.h"

/* Places and programs the model; on failure one line and exit 5. */
void pipeline_start(const cnn_model *model);

/* Images first..first+count-1: tally, per image (print 1: predictions, 2: with logits) the result
 * line and the timing line, then the summary. 0, or 4 after one line when the device refused. */
int pipeline_classify(const cnn_model *model, const cnn_dataset *dataset, uint32_t first, uint32_t count, int print,
                      cnn_tally *tally);

#endif /* CNN_FMNIST_CNN_PIPELINE_H */
