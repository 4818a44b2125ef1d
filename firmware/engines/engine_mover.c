/* Moving data, waiting and requantizing for the PIM CNN engines: see engine_mover.h. */
#include "engines/engine_mover.h"

#include <string.h>

#include "hal/csr.h"
#include "hal/dma.h"
#include "hal/irq.h"
#include "hal/mmio.h"

void engine_cpu_to_window(volatile uint32_t *dst, const void *src, uint32_t bytes)
{
    const uint8_t *s = (const uint8_t *)src;
    const uint32_t words = bytes / 4u;
    uint32_t i = 0;
    if (((uintptr_t)s & 3u) == 0) {
        const uint32_t *s32 = (const uint32_t *)__builtin_assume_aligned(s, 4);
        for (; i + 4 <= words; i += 4) {
            uint32_t w0, w1, w2, w3;
            memcpy(&w0, s32 + i, 4);
            memcpy(&w1, s32 + i + 1, 4);
            memcpy(&w2, s32 + i + 2, 4);
            memcpy(&w3, s32 + i + 3, 4);
            dst[i] = w0;
            dst[i + 1] = w1;
            dst[i + 2] = w2;
            dst[i + 3] = w3;
        }
        for (; i < words; i++) {
            uint32_t w;
            memcpy(&w, s32 + i, 4);
            dst[i] = w;
        }
    } else {
        for (; i < words; i++) {
            const uint8_t *p = s + 4u * i;
            dst[i] = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        }
    }
    if (bytes & 3u) {
        uint32_t w = 0;
        for (uint32_t b = 0; b < (bytes & 3u); b++)
            w |= (uint32_t)s[4u * words + b] << (8u * b);
        dst[words] = w;
    }
}

void engine_cpu_from_window(int32_t *dst, volatile const int32_t *src, uint32_t words)
{
    uint32_t i = 0;
    for (; i + 4 <= words; i += 4) {
        int32_t v0 = src[i], v1 = src[i + 1], v2 = src[i + 2], v3 = src[i + 3];
        dst[i] = v0;
        dst[i + 1] = v1;
        dst[i + 2] = v2;
        dst[i + 3] = v3;
    }
    for (; i < words; i++)
        dst[i] = src[i];
}

int engine_dma_queue(uint32_t dst, uint32_t src, uint32_t bytes)
{
    struct dma_desc d = {src, dst, 1, bytes, 0, 0};
    int rc = dma_submit(&d, DMA_CMD_ENQUEUE);
    if (rc == (int)DMA_ERR_QUEUE_FULL) {
        rc = dma_wait();
        if (rc == 0)
            rc = dma_submit(&d, DMA_CMD_ENQUEUE);
    }
    return rc;
}

int engine_to_window(uint32_t window, const void *src, uint32_t bytes, int dma)
{
    if (!dma) {
        engine_cpu_to_window((volatile uint32_t *)(uintptr_t)window, src, bytes);
        return 0;
    }
    int rc = engine_dma_queue(window, (uint32_t)(uintptr_t)src, bytes);
    return rc == 0 ? dma_wait() : rc;
}

int engine_from_window(int32_t *dst, uint32_t window, uint32_t words, int dma)
{
    if (!dma) {
        engine_cpu_from_window(dst, (volatile const int32_t *)(uintptr_t)window, words);
        return 0;
    }
    int rc = engine_dma_queue((uint32_t)(uintptr_t)dst, window, 4u * words);
    return rc == 0 ? dma_wait() : rc;
}

void engine_wait_idle(uint32_t (*status)(void), uint32_t busy, int poll)
{
    if (poll) {
        while (status() & busy) {
        }
    } else {
        irq_global_disable();
        while (status() & busy) {
            wfi();
            irq_global_enable();
            irq_global_disable();
        }
    }
    mmio_fence();
}

void engine_requantize(const cnn_layer *layer, const int32_t *acc, void *out, uint32_t first, uint32_t channels,
                       uint32_t plane)
{
    cnn_layer rq = *layer;
    rq.op = CNN_OP_REQUANTIZE;
    rq.in = layer->out;
    rq.in.dtype = CNN_S32;
    rq.in.c = (uint16_t)channels;
    if (layer->per_channel)
        rq.requant = layer->requant + first;
    cnn_requantize(&rq, acc + first * plane, (uint8_t *)out + first * plane);
}
