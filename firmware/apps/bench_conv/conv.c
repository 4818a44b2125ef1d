/* The work of bench_conv (see main.c): an int8 5x5 convolution layer, fed back into itself, with a
 * CRC32 over all outputs. Plain C with no device access, so that the host builds it too
 * (tests/bench/bench_reference.c) and checks the expected CRCs of expected.h independently of the VP. */
#include "conv.h"

#include <stddef.h>

#define H 32
#define W 32
#define CIN 8
#define COUT 16
#define K 5
#define PAD 2

static int8_t s_in[H][W][CIN];
static int8_t s_out[H][W][COUT];
static int8_t s_weights[COUT][K][K][CIN];
static int32_t s_bias[COUT];
static const int32_t s_qmult = 1518500250; /* ~0.7071 in Q31 */
static const int s_qshift = 9;              /* total scale = 0.7071 / 2^9 */

#define RNG_SEED 0x9e3779b9u
static uint32_t s_rng;
static uint32_t rng_next(void)
{
    s_rng ^= s_rng << 13;
    s_rng ^= s_rng >> 17;
    s_rng ^= s_rng << 5;
    return s_rng;
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static int8_t requantize(int32_t acc)
{
    int64_t prod = (int64_t)acc * s_qmult;                     /* Q31 */
    int32_t v = (int32_t)((prod + ((int64_t)1 << (30 + s_qshift))) >> (31 + s_qshift));
    if (v < 0)
        v = 0; /* ReLU */
    if (v > 127)
        v = 127;
    return (int8_t)v;
}

static void conv5x5(void)
{
    for (int oy = 0; oy < H; oy++) {
        for (int ox = 0; ox < W; ox++) {
            int32_t acc[COUT];
            for (int oc = 0; oc < COUT; oc++)
                acc[oc] = s_bias[oc];
            for (int ky = 0; ky < K; ky++) {
                int iy = oy + ky - PAD;
                if (iy < 0 || iy >= H)
                    continue;
                for (int kx = 0; kx < K; kx++) {
                    int ix = ox + kx - PAD;
                    if (ix < 0 || ix >= W)
                        continue;
                    const int8_t *in = s_in[iy][ix];
                    for (int oc = 0; oc < COUT; oc++) {
                        const int8_t *w = s_weights[oc][ky][kx];
                        int32_t a = acc[oc];
                        for (int c = 0; c < CIN; c++)
                            a += (int32_t)in[c] * w[c];
                        acc[oc] = a;
                    }
                }
            }
            for (int oc = 0; oc < COUT; oc++)
                s_out[oy][ox][oc] = requantize(acc[oc]);
        }
    }
}

uint32_t conv_crc(uint32_t iterations)
{
    s_rng = RNG_SEED;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            for (int c = 0; c < CIN; c++)
                s_in[y][x][c] = (int8_t)(rng_next() >> 24);
    for (int o = 0; o < COUT; o++) {
        for (int ky = 0; ky < K; ky++)
            for (int kx = 0; kx < K; kx++)
                for (int c = 0; c < CIN; c++)
                    s_weights[o][ky][kx][c] = (int8_t)((int32_t)(rng_next() >> 24) / 2);
        s_bias[o] = (int32_t)(rng_next() & 0x3fff) - 0x2000;
    }

    uint32_t crc = 0;
    for (uint32_t it = 0; it < iterations; it++) {
        conv5x5();
        crc = crc32_update(crc, (const uint8_t *)s_out, sizeof s_out);
        /* next input: output channels (it + c) mod 16 recentred around 0, xor a little noise */
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                for (int c = 0; c < CIN; c++)
                    s_in[y][x][c] = (int8_t)((s_out[y][x][(it + (uint32_t)c) % COUT] - 48) ^
                                             (int8_t)(rng_next() & 0x7));
    }
    return crc;
}
