/* bench_conv: an int8 convolution layer as a CPU workload.
 * Input 32x32x8 (HWC, int8), 16 filters of 5x5x8 (int8), zero padding 2, stride 1 -> output
 * 32x32x16; int32 accumulation + bias, requantized to int8 with a fixed-point multiplier and
 * shift (round half up, saturate), ReLU. Each iteration feeds a mix of its output back as the next
 * input, so no run repeats. Prints the iteration count and a CRC32 over all outputs, exits 0.
 * -DBENCH_PRINT_INSTRET also prints minstret (not deterministic across simulators: off by default).
 * Deterministic. Change the work with -DBENCH_ITERATIONS=<n> (default 20, about 513 million
 * RV32IMAC instructions, ~25.7 million per iteration). */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"

#ifndef BENCH_ITERATIONS
#define BENCH_ITERATIONS 20
#endif

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

static uint32_t s_rng = 0x9e3779b9u;
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

int main(void)
{
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
    for (uint32_t it = 0; it < BENCH_ITERATIONS; it++) {
        conv5x5();
        crc = crc32_update(crc, (const uint8_t *)s_out, sizeof s_out);
        /* next input: output channels (it + c) mod 16 recentred around 0, xor a little noise */
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                for (int c = 0; c < CIN; c++)
                    s_in[y][x][c] = (int8_t)((s_out[y][x][(it + (uint32_t)c) % COUT] - 48) ^
                                             (int8_t)(rng_next() & 0x7));
    }
    printf("bench_conv: iterations=%lu crc32=0x%08lx\n", (unsigned long)BENCH_ITERATIONS,
           (unsigned long)crc);
#ifdef BENCH_PRINT_INSTRET
    printf("%s: minstret=%llu\n", "bench_conv", (unsigned long long)csr_read_minstret64());
#endif
    return 0;
}
