"""The integer model: the layer list the exporter writes as C (firmware/cnn/cnn.h), and a numpy
reference of its inference with exactly the C library's arithmetic (TFLite-style requantization).

A layer is a dict with the fields of cnn_layer: name, op, in/out shapes (c, h, w, dtype), kernel,
stride and pad (h, w), weights (int8), bias (int32 or None), requant (list of (multiplier, shift)),
per_channel, act_min, act_max, weight_bits and input_bits (0 for layers without weights).

Low-bit layers (docs/cnn.md "Low-bit layers") use the same arithmetic: N-bit weights are stored one
per int8 (two's complement levels [-2^(N-1), 2^(N-1) - 1], or -1 / +1 for N = 1), the M-bit input
activations are uint8 values in [0, 2^M - 1] (the producing layer's clamp act_max = 2^M - 1), the
accumulators int32, the requantization the same multiplier / shift with the clamp to the next
layer's [0, 2^M - 1]. `bitplane_dot` computes the same int32 sums as a bit-plane engine does (AND
of bit planes, popcount, shift, add), `run(..., bitplanes=True)` the whole model that way.
"""
import math

import numpy as np

U8, S8, S32 = "CNN_U8", "CNN_S8", "CNN_S32"
DTYPE_RANGE = {U8: (0, 255), S8: (-128, 127)}
INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1


def quantize_multiplier(real):
    """TFLite QuantizeMultiplier: real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31)."""
    if real == 0.0:
        return 0, 0
    if real < 0:
        raise ValueError(f"negative requantization multiplier {real}")
    fraction, shift = math.frexp(real)
    multiplier = math.floor(fraction * (1 << 31) + 0.5)
    if multiplier == 1 << 31:
        multiplier //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if shift > 30:
        raise ValueError(f"requantization multiplier {real} too large")
    return multiplier, shift


def multiply_by_quantized_multiplier(acc, multiplier, shift):
    """gemmlowp SaturatingRoundingDoublingHighMul + RoundingDivideByPOT on int64 numpy arrays.

    multiplier and shift broadcast against acc (per channel)."""
    acc = np.asarray(acc, dtype=np.int64)
    multiplier = np.asarray(multiplier, dtype=np.int64)
    shift = np.asarray(shift, dtype=np.int64)
    left = np.where(shift > 0, shift, 0)
    right = np.where(shift > 0, 0, -shift)
    a = acc * (np.int64(1) << left)
    overflow = (a == INT32_MIN) & (multiplier == INT32_MIN)
    ab = a * multiplier
    nudge = np.where(ab >= 0, np.int64(1 << 30), np.int64(1 - (1 << 30)))
    numerator = ab + nudge
    high = np.sign(numerator) * (np.abs(numerator) >> 31)  # C division truncates toward zero
    high = np.where(overflow, INT32_MAX, high)
    mask = (np.int64(1) << right) - 1
    remainder = high & mask
    threshold = (mask >> 1) + (high < 0)
    return (high >> right) + (remainder > threshold)


def _requantize(acc, layer):
    """acc: (N, C, ...) int64 -> clamped ints per the layer's requant and activation range."""
    requant = layer["requant"]
    channels = acc.shape[1]
    if not layer["per_channel"]:
        requant = requant * channels
    shape = (1, channels) + (1,) * (acc.ndim - 2)
    mult = np.array([m for m, _ in requant], dtype=np.int64).reshape(shape)
    shift = np.array([s for _, s in requant], dtype=np.int64).reshape(shape)
    out = multiply_by_quantized_multiplier(acc, mult, shift)
    return np.clip(out, layer["act_min"], layer["act_max"])


def _finish(acc, layer):
    if layer["bias"] is not None:
        shape = (1, -1) + (1,) * (acc.ndim - 2)
        acc = acc + layer["bias"].astype(np.int64).reshape(shape)
    if layer["out"][3] == S32:
        return acc
    return _requantize(acc, layer)


def _windows(x, layer, pad_value):
    """(N, C, H, W) -> (N, C, H', W', kh, kw) views of the padded input."""
    (kh, kw), (sh, sw), (ph, pw) = layer["kernel"], layer["stride"], layer["pad"]
    oh, ow = layer["out"][1], layer["out"][2]
    need_h = (oh - 1) * sh + kh
    need_w = (ow - 1) * sw + kw
    h, w = x.shape[2], x.shape[3]
    padded = np.full(x.shape[:2] + (max(need_h, h + ph), max(need_w, w + pw)), pad_value, dtype=x.dtype)
    padded[:, :, ph:ph + h, pw:pw + w] = x
    view = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(2, 3))
    return view[:, :, 0:(oh - 1) * sh + 1:sh, 0:(ow - 1) * sw + 1:sw]


def _operand_bits(layer):
    """(M, N): input activation bits and weight bits of a conv2d / fc layer (0 means 8)."""
    return layer.get("input_bits") or 8, layer.get("weight_bits") or 8


def _weight_planes(weights, bits):
    """Bit planes of the weights and the weight of each plane: (planes (N, O, K) 0/1, [2^n...]).

    N-bit two's complement: plane n counts 2^n, the top plane -2^(N-1). 1 bit (-1 / +1): one
    plane b = (w + 1) / 2 of weight 2 (w = 2b - 1; the -1 is bitplane_dot's offset term)."""
    w = np.asarray(weights, dtype=np.int64)
    if bits == 1:
        return ((w + 1) // 2)[None], [2]
    unsigned = w & ((1 << bits) - 1)
    planes = np.stack([(unsigned >> n) & 1 for n in range(bits)])
    return planes, [1 << n for n in range(bits - 1)] + [-(1 << (bits - 1))]


def bitplane_dot(x, weights, input_bits, weight_bits):
    """x (P, K) activations in [0, 2^M - 1] times weights (O, K) -> (P, O) int64 dot products by
    AND-accumulation: sum over planes m, n of 2^m * plane_weight(n) * popcount(a_m AND b_n), minus
    sum(x) for 1-bit weights. Equals x @ weights.T (the CPU kernels' sums) bit for bit."""
    x = np.asarray(x, dtype=np.int64)
    if x.min(initial=0) < 0 or x.max(initial=0) >= 1 << input_bits:
        raise ValueError(f"activations outside [0, 2^{input_bits} - 1]")
    w_planes, w_weights = _weight_planes(weights, weight_bits)
    acc = np.zeros((x.shape[0], w_planes.shape[1]), dtype=np.int64)
    for m in range(input_bits):
        a_m = (x >> m) & 1
        for b_n, weight in zip(w_planes, w_weights):
            acc += (weight << m) * (a_m @ b_n.T)  # a_m @ b_n.T: popcount(AND) of each pair of rows
    if weight_bits == 1:
        acc -= x.sum(axis=1, keepdims=True)  # popcount(a_m AND all-ones row), shifted and added
    return acc


def _dot(x, weights, layer, bitplanes):
    """(P, K) x (O, K) -> (P, O): directly, or by bit planes (the MRAM engine's way)."""
    if bitplanes:
        return bitplane_dot(x, weights, *_operand_bits(layer))
    return x @ weights.astype(np.int64).T


def _conv2d(x, layer, bitplanes=False):
    win = _windows(x, layer, 0)  # N, C, OH, OW, kh, kw
    weights = layer["weights"].astype(np.int64)  # OC, C, kh, kw
    if not bitplanes:
        acc = np.einsum("ncyxij,ocij->noyx", win, weights, optimize=True)
        return _finish(acc, layer)
    n, _, oh, ow = win.shape[:4]
    rows = win.transpose(0, 2, 3, 1, 4, 5).reshape(n * oh * ow, -1)
    acc = _dot(rows, weights.reshape(weights.shape[0], -1), layer, True)
    return _finish(acc.reshape(n, oh, ow, -1).transpose(0, 3, 1, 2), layer)


def _fully_connected(x, layer, bitplanes=False):
    flat = x.reshape(x.shape[0], -1)
    acc = _dot(flat, layer["weights"], layer, bitplanes)
    return _finish(acc, layer).reshape((x.shape[0], -1, 1, 1))


def _maxpool(x, layer):
    low = np.iinfo(np.int64).min
    return _windows(x, layer, low).max(axis=(4, 5))


def _avgpool(x, layer):
    valid = _windows(np.ones_like(x), layer, 0).sum(axis=(4, 5))
    total = _windows(x, layer, 0).sum(axis=(4, 5))
    half = valid // 2
    rounded = np.where(total >= 0, (total + half) // valid, -((-total + half) // valid))
    return rounded


def _relu(x, layer):
    return np.maximum(x, 0)


def _requantize_op(x, layer):
    return _requantize(x, layer)


OPS = {"CNN_OP_CONV2D": _conv2d, "CNN_OP_FC": _fully_connected, "CNN_OP_RELU": _relu,
       "CNN_OP_MAXPOOL": _maxpool, "CNN_OP_AVGPOOL": _avgpool, "CNN_OP_REQUANTIZE": _requantize_op}


def run(layers, images, bitplanes=False):
    """images: (N, C, H, W) uint8/int8 -> last layer output (N, C, H, W) as int64. bitplanes: the
    conv2d / fc sums by AND-accumulation over bit planes (bitplane_dot) instead of products."""
    x = np.asarray(images, dtype=np.int64)
    for layer in layers:
        if layer["op"] in ("CNN_OP_CONV2D", "CNN_OP_FC"):
            x = OPS[layer["op"]](x, layer, bitplanes)
        else:
            x = OPS[layer["op"]](x, layer)
    return x


def predict(layers, images, batch=500, bitplanes=False):
    """Logits (N, classes) int64 of the model for (N, C, H, W) images, in batches."""
    outputs = [run(layers, images[i:i + batch], bitplanes) for i in range(0, len(images), batch)]
    return np.concatenate(outputs).reshape(len(images), -1)


def dtype_bytes(dtype):
    return 4 if dtype == S32 else 1


def max_activation_bytes(layers):
    """Bytes of the largest tensor any layer reads or writes."""
    shapes = [layer["in"] for layer in layers] + [layer["out"] for layer in layers]
    return max(math.prod(shape[:3]) * dtype_bytes(shape[3]) for shape in shapes)
