/* Classification results and their printed form, shared by the firmware app (cnn_fmnist) and the
 * host golden model (cnn_golden) so that their outputs compare line by line. Uses printf. */
#ifndef PIMSOC_CNN_REPORT_H
#define PIMSOC_CNN_REPORT_H

#include <stdint.h>

#include "cnn/cnn.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CNN_MAX_CLASSES 16u

typedef struct {
    uint32_t images;
    uint32_t correct;
    uint32_t confusion[CNN_MAX_CLASSES][CNN_MAX_CLASSES]; /* [label][predicted] */
} cnn_tally;

void cnn_tally_add(cnn_tally* tally, unsigned label, unsigned predicted);

/* "image <index>: label <l> predicted <p>" and, with logits, " logits <v0> <v1> ...". */
void cnn_print_result(uint32_t index, unsigned label, unsigned predicted, const void* output,
                      const cnn_shape* output_shape, int with_logits);

/* "accuracy: <correct> / <images> = <xx.xx> %" and the confusion matrix (rows: label). */
void cnn_print_tally(const cnn_tally* tally, unsigned num_classes);

#ifdef __cplusplus
}
#endif

#endif /* PIMSOC_CNN_REPORT_H */
