// Max and average pooling over U8/S8 CHW tensors, geometry as conv2d (kernel, stride, padding
// before = pad_h/pad_w). Padded positions are ignored: the window is clipped to the valid inputs
// (cnn_check_model requires pad < kernel, so no window is empty).
// Average: sum / count of the valid inputs, rounded to nearest with ties away from zero (TFLite's
// reference AveragePool).
// Window widths 1..4 (after clipping) run as straight-line code (a switch on the width).
#include "cnn_internal.h"

typedef enum { POOL_MAX = 0, POOL_AVG = 1 } pool_kind;

// The max or the rounded mean of ny rows of n inputs from x (the first valid input), rows in_w
// apart.
CNN_INLINE int32_t pool_window_n(const uint8_t* x, ptrdiff_t in_w, int ny, int n, pool_kind kind,
                                 int is_signed)
{
    int32_t best = is_signed ? INT8_MIN : 0, sum = 0;
    for (int r = ny; r > 0; r--, x += in_w) {
        CNN_UNROLL4
        for (int k = 0; k < n; k++) {
            const int32_t v = cnn_act(x, k, is_signed);
            if (kind == POOL_MAX)
                best = v > best ? v : best;
            else
                sum += v;
        }
    }
    if (kind == POOL_MAX)
        return best;
    const int32_t count = ny * n;
    return sum >= 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

CNN_INLINE int32_t pool_window(const uint8_t* x, ptrdiff_t in_w, int ny, int nx, pool_kind kind,
                               int is_signed)
{
    switch (nx) {
    case 1: return pool_window_n(x, in_w, ny, 1, kind, is_signed);
    case 2: return pool_window_n(x, in_w, ny, 2, kind, is_signed);
    case 3: return pool_window_n(x, in_w, ny, 3, kind, is_signed);
    case 4: return pool_window_n(x, in_w, ny, 4, kind, is_signed);
    default: return pool_window_n(x, in_w, ny, nx, kind, is_signed);
    }
}

CNN_INLINE void pool_body(const cnn_layer* layer, const uint8_t* in, void* out_bytes, pool_kind kind,
                          int is_signed)
{
    // Locals: the byte stores through `out` could alias *layer, which would force reloads.
    const int in_h = layer->in.h, in_w = layer->in.w, channels = layer->out.c;
    const int out_h = layer->out.h, out_w = layer->out.w;
    const int kh = layer->kernel_h, kw = layer->kernel_w;
    const int sh = layer->stride_h, sw = layer->stride_w, ph = layer->pad_h, pw = layer->pad_w;
    const ptrdiff_t in_channel = (ptrdiff_t)in_h * in_w;
    uint8_t* out = (uint8_t*)out_bytes;
    for (int c = 0; c < channels; c++, in += in_channel) {
        for (int oy = 0, iy = -ph; oy < out_h; oy++, iy += sh) {  // iy: input row of kernel row 0
            const int ky0 = iy < 0 ? -iy : 0;
            const int ny = (in_h - iy < kh ? in_h - iy : kh) - ky0;
            const uint8_t* const row = in + (ptrdiff_t)(iy + ky0) * in_w;
            for (int ox = 0, ix = -pw; ox < out_w; ox++, ix += sw) {
                const int kx0 = ix < 0 ? -ix : 0;
                const int nx = (in_w - ix < kw ? in_w - ix : kw) - kx0;
                *out++ = (uint8_t)pool_window(row + (ix + kx0), in_w, ny, nx, kind, is_signed);
            }
        }
    }
}

CNN_INSTANCE void maxpool_u8(const cnn_layer* l, const uint8_t* x, void* y)
{
    pool_body(l, x, y, POOL_MAX, 0);
}

CNN_INSTANCE void maxpool_s8(const cnn_layer* l, const uint8_t* x, void* y)
{
    pool_body(l, x, y, POOL_MAX, 1);
}

CNN_INSTANCE void avgpool_u8(const cnn_layer* l, const uint8_t* x, void* y)
{
    pool_body(l, x, y, POOL_AVG, 0);
}

CNN_INSTANCE void avgpool_s8(const cnn_layer* l, const uint8_t* x, void* y)
{
    pool_body(l, x, y, POOL_AVG, 1);
}

void cnn_maxpool(const cnn_layer* layer, const void* in, void* out)
{
    cnn_run_for_input_dtype(layer, in, out, maxpool_u8, maxpool_s8);
}

void cnn_avgpool(const cnn_layer* layer, const void* in, void* out)
{
    cnn_run_for_input_dtype(layer, in, out, avgpool_u8, avgpool_s8);
}
