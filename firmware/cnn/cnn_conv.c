// conv2d: CHW activations (U8 or S8), weights [C_out][C_in][kh][kw], any kernel / stride / zero
// padding, output U8/S8 (requantized) or S32.
//
// Padding is handled by clipping the kernel window, never per MAC: the valid kernel rows
// [ky0, ky0 + nky) follow from the output row, the valid columns from the output column. The
// output columns whose window lies entirely inside the input (all but the first and last few) are
// computed a block at a time with shared weight loads (stride 1: blocks of 4 columns, which also
// share input loads, then one of 2; larger strides: blocks of 2); the border columns one at a time
// with their clipped width. Either way a switch on the window width (1..8, else a loop unrolled
// by 8) selects a copy of the MAC loop whose rows are fully unrolled for that width.
#include "cnn_dot.h"

// The geometry every position shares.
typedef struct {
    ptrdiff_t in_row;      // input row stride (W)
    ptrdiff_t in_channel;  // input channel stride (H * W)
    ptrdiff_t step;        // input distance of adjacent output columns (stride_w)
    int w_row;             // weight row stride (kw)
    int w_channel;         // weight channel stride (kh * kw)
    int channels;          // C_in
} conv_geom;

// acc[0..block) += the window sums of `block` adjacent output columns over all input channels:
// nky rows of n columns; x and w point at the first valid element of channel 0 (of column 0).
// unit_stride (constant) lets the compiler share input loads between the columns.
CNN_INLINE void conv_window_n(int32_t* acc, int block, const uint8_t* x, const int8_t* w,
                              const conv_geom* g, int nky, int n, int unit_stride, int is_signed)
{
    const ptrdiff_t step = unit_stride ? 1 : g->step;
    const ptrdiff_t w_rows = (ptrdiff_t)nky * g->w_row;
    for (int c = g->channels; c > 0; c--) {
        const uint8_t* xr = x;
        const int8_t* wr = w;
        const int8_t* const w_end = w + w_rows;
        do {
            cnn_mac_shared_weights(acc, block, xr, step, wr, n, is_signed);
            xr += g->in_row;
            wr += g->w_row;
        } while (wr != w_end);
        x += g->in_channel;
        w += g->w_channel;
    }
}

CNN_INLINE void conv_window(int32_t* acc, int block, const uint8_t* x, const int8_t* w,
                            const conv_geom* g, int nky, int nkx, int unit_stride, int is_signed)
{
    switch (nkx) {
    case 1: conv_window_n(acc, block, x, w, g, nky, 1, unit_stride, is_signed); break;
    case 2: conv_window_n(acc, block, x, w, g, nky, 2, unit_stride, is_signed); break;
    case 3: conv_window_n(acc, block, x, w, g, nky, 3, unit_stride, is_signed); break;
    case 4: conv_window_n(acc, block, x, w, g, nky, 4, unit_stride, is_signed); break;
    case 5: conv_window_n(acc, block, x, w, g, nky, 5, unit_stride, is_signed); break;
    case 6: conv_window_n(acc, block, x, w, g, nky, 6, unit_stride, is_signed); break;
    case 7: conv_window_n(acc, block, x, w, g, nky, 7, unit_stride, is_signed); break;
    case 8: conv_window_n(acc, block, x, w, g, nky, 8, unit_stride, is_signed); break;
    default: conv_window_n(acc, block, x, w, g, nky, nkx, unit_stride, is_signed); break;
    }
}

// Output columns [ox_lo, ox_hi) have their whole window inside the input (clipping only left of
// ox_lo and from ox_hi on).
typedef struct {
    int lo, hi;
} conv_span;

static conv_span conv_interior(int out_w, int in_w, int kw, int sw, int pw)
{
    conv_span s;
    s.lo = (pw + sw - 1) / sw;
    s.hi = in_w + pw >= kw ? (in_w + pw - kw) / sw + 1 : 0;
    if (s.lo > out_w)
        s.lo = out_w;
    if (s.hi > out_w)
        s.hi = out_w;
    if (s.hi < s.lo)
        s.hi = s.lo;
    return s;
}

// One output column with its window clipped to the input; returns the window sum.
CNN_INLINE int32_t conv_column(const uint8_t* x_row, const int8_t* w_row, const conv_geom* g, int nky, int ox,
                               int in_w, int pw, int is_signed)
{
    const int ix = ox * (int)g->step - pw;  // input column of kernel column 0
    const int kx0 = ix < 0 ? -ix : 0;
    const int kx1 = in_w - ix < g->w_row ? in_w - ix : g->w_row;
    int32_t acc = 0;
    if (kx1 > kx0)
        conv_window(&acc, 1, x_row + (ix + kx0), w_row + kx0, g, nky, kx1 - kx0, 0, is_signed);
    return acc;
}

// `block` adjacent interior columns whose first input is x, stored from output index o.
CNN_INLINE void conv_block(void* out, size_t o, unsigned out_dtype, const cnn_rq* rq, int32_t bias, int block,
                           const uint8_t* x, const int8_t* w, const conv_geom* g, int nky, int unit_stride,
                           int is_signed)
{
    int32_t acc[CNN_MAX_BLOCK];
    CNN_UNROLL4
    for (int j = 0; j < block; j++)
        acc[j] = bias;
    conv_window(acc, block, x, w, g, nky, g->w_row, unit_stride, is_signed);
    CNN_UNROLL4
    for (int j = 0; j < block; j++)
        cnn_store(out, o + (size_t)j, out_dtype, rq, acc[j]);
}

CNN_INLINE void conv_body(const cnn_layer* layer, const uint8_t* in, void* out, int unit_stride,
                          int is_signed)
{
    // Locals: the byte stores through `out` could alias *layer, which would force reloads.
    const int in_h = layer->in.h, in_w = layer->in.w;
    const int out_c = layer->out.c, out_h = layer->out.h, out_w = layer->out.w;
    const int kh = layer->kernel_h, kw = layer->kernel_w;
    const int sh = layer->stride_h, sw = layer->stride_w, ph = layer->pad_h, pw = layer->pad_w;
    const unsigned out_dtype = layer->out.dtype;
    const int8_t* const weights = layer->weights;
    const int32_t* const biases = layer->bias;
    const conv_geom g = {in_w, (ptrdiff_t)in_h * in_w, sw, kw, kh * kw, layer->in.c};
    const conv_span interior = conv_interior(out_w, in_w, kw, sw, pw);
    // Columns per block: with unit stride the columns also share input loads (4 columns of width
    // n read n + 3 inputs); with a larger stride only the weights are shared, and 2 columns keep
    // the registers from spilling.
    const int block = unit_stride ? CNN_MAX_BLOCK : 2;
    size_t o = 0;
    for (int oc = 0; oc < out_c; oc++) {
        const int8_t* const w_oc = weights + (size_t)oc * (size_t)g.channels * (size_t)g.w_channel;
        const int32_t bias = biases ? biases[oc] : 0;
        const cnn_rq rq = cnn_rq_for(layer, (unsigned)oc);
        for (int oy = 0, iy = -ph; oy < out_h; oy++, iy += sh, o += (size_t)out_w) {  // iy: kernel row 0
            const int ky0 = iy < 0 ? -iy : 0;
            const int nky = (in_h - iy < kh ? in_h - iy : kh) - ky0;
            if (nky <= 0) {  // the window lies in the padding rows: the bias alone
                for (int ox = 0; ox < out_w; ox++)
                    cnn_store(out, o + (size_t)ox, out_dtype, &rq, bias);
                continue;
            }
            const uint8_t* const x_row = in + (ptrdiff_t)(iy + ky0) * in_w;
            const int8_t* const w_row = w_oc + ky0 * kw;
            int ox = 0;
            for (; ox < interior.lo; ox++) {
                const int32_t sum = conv_column(x_row, w_row, &g, nky, ox, in_w, pw, is_signed);
                cnn_store(out, o + (size_t)ox, out_dtype, &rq, bias + sum);
            }
            for (; ox + block <= interior.hi; ox += block)
                conv_block(out, o + (size_t)ox, out_dtype, &rq, bias, block, x_row + (ox * sw - pw), w_row,
                           &g, nky, unit_stride, is_signed);
            if (block == CNN_MAX_BLOCK && ox + 2 <= interior.hi) {  // the rest of the interior: 2 more
                conv_block(out, o + (size_t)ox, out_dtype, &rq, bias, 2, x_row + (ox * sw - pw), w_row, &g,
                           nky, unit_stride, is_signed);
                ox += 2;
            }
            for (; ox < out_w; ox++) {
                const int32_t sum = conv_column(x_row, w_row, &g, nky, ox, in_w, pw, is_signed);
                cnn_store(out, o + (size_t)ox, out_dtype, &rq, bias + sum);
            }
        }
    }
}

// The four instances: input U8/S8, stride 1 or any.
CNN_INSTANCE void conv_u8(const cnn_layer* l, const uint8_t* x, void* y) { conv_body(l, x, y, 0, 0); }
CNN_INSTANCE void conv_s8(const cnn_layer* l, const uint8_t* x, void* y) { conv_body(l, x, y, 0, 1); }
CNN_INSTANCE void conv_u8_unit(const cnn_layer* l, const uint8_t* x, void* y) { conv_body(l, x, y, 1, 0); }
CNN_INSTANCE void conv_s8_unit(const cnn_layer* l, const uint8_t* x, void* y) { conv_body(l, x, y, 1, 1); }

void cnn_conv2d(const cnn_layer* layer, const void* in, void* out)
{
    const int unit = layer->stride_w == 1;
    cnn_run_for_input_dtype(layer, in, out, unit ? conv_u8_unit : conv_u8, unit ? conv_s8_unit : conv_s8);
}
