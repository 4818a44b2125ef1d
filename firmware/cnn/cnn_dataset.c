#include "cnn/cnn_dataset.h"

#include <string.h>

static uint16_t read16(const uint8_t* p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t read32(const uint8_t* p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

cnn_dataset_status cnn_dataset_open(cnn_dataset* dataset, const void* base, size_t size)
{
    const uint8_t* p = (const uint8_t*)base;
    memset(dataset, 0, sizeof *dataset);
    if (size < CNN_DATASET_HEADER_BYTES || read32(p) != CNN_DATASET_MAGIC)
        return CNN_DATASET_BAD_MAGIC;
    if (read16(p + 4) != CNN_DATASET_VERSION || read16(p + 6) != CNN_DATASET_HEADER_BYTES)
        return CNN_DATASET_BAD_VERSION;
    uint32_t count = read32(p + 8);
    uint16_t channels = read16(p + 12), rows = read16(p + 14), cols = read16(p + 16);
    uint16_t num_classes = read16(p + 18);
    uint32_t images_offset = read32(p + 20), labels_offset = read32(p + 24);
    uint64_t image_bytes = (uint64_t)channels * rows * cols;
    uint64_t images_end = images_offset + image_bytes * count;
    if (image_bytes == 0 || num_classes == 0 || images_offset < CNN_DATASET_HEADER_BYTES ||
        labels_offset < images_end || (uint64_t)labels_offset + count > size)
        return CNN_DATASET_BAD_LAYOUT;
    dataset->base = p;
    dataset->count = count;
    dataset->channels = channels;
    dataset->rows = rows;
    dataset->cols = cols;
    dataset->num_classes = num_classes;
    dataset->image_bytes = (uint32_t)image_bytes;
    dataset->images = p + images_offset;
    dataset->labels = p + labels_offset;
    return CNN_DATASET_OK;
}

const char* cnn_dataset_status_text(cnn_dataset_status status)
{
    switch (status) {
    case CNN_DATASET_OK: return "ok";
    case CNN_DATASET_BAD_MAGIC: return "no dataset blob (magic \"PIMD\" missing)";
    case CNN_DATASET_BAD_VERSION: return "unsupported dataset blob version or header size";
    case CNN_DATASET_BAD_LAYOUT: return "dataset blob offsets or sizes are inconsistent";
    }
    return "unknown dataset status";
}
