#include "cnn/cnn_report.h"

#include <stdio.h>

void cnn_tally_add(cnn_tally* tally, unsigned label, unsigned predicted)
{
    tally->images++;
    if (label == predicted)
        tally->correct++;
    if (label < CNN_MAX_CLASSES && predicted < CNN_MAX_CLASSES)
        tally->confusion[label][predicted]++;
}

static long output_value(const void* output, unsigned dtype, unsigned i)
{
    switch (dtype) {
    case CNN_U8: return ((const uint8_t*)output)[i];
    case CNN_S8: return ((const int8_t*)output)[i];
    default: return (long)((const int32_t*)output)[i];
    }
}

void cnn_print_result(uint32_t index, unsigned label, unsigned predicted, const void* output,
                      const cnn_shape* output_shape, int with_logits)
{
    printf("image %lu: label %u predicted %u", (unsigned long)index, label, predicted);
    if (with_logits) {
        unsigned count = (unsigned)output_shape->c * output_shape->h * output_shape->w;
        printf(" logits");
        for (unsigned i = 0; i < count; i++)
            printf(" %ld", output_value(output, output_shape->dtype, i));
    }
    printf("\n");
}

void cnn_print_tally(const cnn_tally* tally, unsigned num_classes)
{
    /* Integer arithmetic only: hundredths of a percent, rounded half up. */
    uint32_t hundredths = tally->images ? (uint32_t)(((uint64_t)tally->correct * 20000u + tally->images) /
                                                     (2u * tally->images))
                                        : 0;
    printf("accuracy: %lu / %lu = %lu.%02lu %%\n", (unsigned long)tally->correct,
           (unsigned long)tally->images, (unsigned long)(hundredths / 100), (unsigned long)(hundredths % 100));
    if (num_classes > CNN_MAX_CLASSES)
        num_classes = CNN_MAX_CLASSES;
    printf("confusion matrix (rows: label, columns: predicted)\n      ");
    for (unsigned p = 0; p < num_classes; p++)
        printf("%6u", p);
    printf("\n");
    for (unsigned l = 0; l < num_classes; l++) {
        printf("%6u", l);
        for (unsigned p = 0; p < num_classes; p++)
            printf("%6lu", (unsigned long)tally->confusion[l][p]);
        printf("\n");
    }
}
