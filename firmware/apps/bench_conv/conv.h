/* bench_conv's work (conv.c), shared by the firmware and the host reference. */
#ifndef PIMSOC_APPS_CONV_H
#define PIMSOC_APPS_CONV_H

#include <stdint.h>

/* Runs `iterations` passes of the int8 5x5 convolution layer from the fixed seed (each pass feeds
 * its output back as the next input) and returns the CRC32 over all outputs. Starts from scratch
 * on each call. */
uint32_t conv_crc(uint32_t iterations);

#endif /* PIMSOC_APPS_CONV_H */
