/* The pimsoc dataset blob: labelled uint8 images in one flat file (written by
 * firmware/models/make_dataset_blob.py, loaded into the data ROM with --image BLOB@0x60000000).
 * Layout in docs/cnn.md; the same reader runs in the firmware and in the host golden model. */
#ifndef PIMSOC_CNN_DATASET_H
#define PIMSOC_CNN_DATASET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CNN_DATASET_MAGIC 0x444D4950u /* "PIMD" */
#define CNN_DATASET_VERSION 1u
#define CNN_DATASET_HEADER_BYTES 32u

typedef struct {
    uint32_t magic;
    uint16_t version;
    uint16_t header_bytes;
    uint32_t count;
    uint16_t channels, rows, cols;
    uint16_t num_classes;
    uint32_t images_offset;
    uint32_t labels_offset;
    uint32_t reserved;
} cnn_dataset_header;

typedef struct {
    const uint8_t* base;
    uint32_t count;
    uint16_t channels, rows, cols, num_classes;
    uint32_t image_bytes;
    const uint8_t* images;
    const uint8_t* labels;
} cnn_dataset;

typedef enum {
    CNN_DATASET_OK = 0,
    CNN_DATASET_BAD_MAGIC = 1,    /* no blob here (e.g. the --image was not given) */
    CNN_DATASET_BAD_VERSION = 2,  /* version or header size this reader does not know */
    CNN_DATASET_BAD_LAYOUT = 3,   /* offsets/sizes overlap or exceed the available bytes */
} cnn_dataset_status;

/* Opens the blob at `base`, `size` bytes available (the ROM size in the firmware, the file size on
 * the host). Everything is checked before it is used. */
cnn_dataset_status cnn_dataset_open(cnn_dataset* dataset, const void* base, size_t size);
const char* cnn_dataset_status_text(cnn_dataset_status status);

static inline const uint8_t* cnn_dataset_image(const cnn_dataset* dataset, uint32_t index)
{
    return dataset->images + (size_t)index * dataset->image_bytes;
}
static inline unsigned cnn_dataset_label(const cnn_dataset* dataset, uint32_t index)
{
    return dataset->labels[index];
}

#ifdef __cplusplus
}
#endif

#endif /* PIMSOC_CNN_DATASET_H */
