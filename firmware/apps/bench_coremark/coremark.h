/* bench_coremark's work (coremark.c), shared by the firmware and the host reference. */
#ifndef PIMSOC_APPS_COREMARK_H
#define PIMSOC_APPS_COREMARK_H

#include <stdint.h>

/* Runs `iterations` rounds of the list, matrix and state kernels from the fixed seeds and returns
 * the CRC16 of every result. Starts from scratch on each call. */
uint16_t coremark_crc(uint32_t iterations);

#endif /* PIMSOC_APPS_COREMARK_H */
