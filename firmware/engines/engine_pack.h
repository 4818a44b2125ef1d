/* Packing of n-bit operands the PIM CNN engines share (mram_engine.c, reram_engine.c): element i
 * in bits [i n, (i + 1) n) of the bytes, least significant bit first (docs/models/pim.md,
 * "Packing"). Firmware only. */
#ifndef PIMSOC_ENGINE_PACK_H
#define PIMSOC_ENGINE_PACK_H

#include <stdint.h>

/* Bytes that n elements of `bits` bits take. */
static inline uint32_t engine_packed_bytes(uint32_t bits, uint32_t n) { return (bits * n + 7u) / 8u; }

/* Packs n elements of `bits` bits into out: weights (w != NULL) as the low `bits` bits of their
 * two's complement, or with plus_minus_one as bit (w > 0) (the {-1,+1} coding of 1-bit weights);
 * activations (a) as they are (cnn_check_model proves they fit). Returns the bytes written. */
uint32_t engine_pack(uint8_t *out, uint32_t bits, const int8_t *w, const uint8_t *a, uint32_t n, int plus_minus_one);

#endif /* PIMSOC_ENGINE_PACK_H */
