"""Post-training quantization (int8) and low-bit export of a trained LeNet5 to the integer model.

- Weights: int8, symmetric, per output channel (scale = max|w| / 127), for 8-bit weights. Low-bit
  (QAT, lenet.py) weights keep their trained levels exactly: N-bit two's complement integers
  [-2^(N-1), 2^(N-1) - 1], or -1 / +1 for 1 bit, scale = the learned step of the channel.
- Activations: uint8 with zero point 0 (every hidden activation follows a ReLU); scale = the
  largest activation seen on the calibration images / 255. Low-bit activations: scale = the
  learned step of the layer, clamp [0, 2^A - 1], no calibration.
- Input: the image's pixels, scale 1 / 255.
- Biases: int32 in the accumulator's scale (input scale x weight scale of the channel), rounded.
- The last layer's output is the raw int32 accumulator (the logits times one positive scale), so
  argmax needs no requantization. For that one scale the last layer's weights are quantized per
  tensor (per-channel scales would give each class's logit its own scale).
"""
import math

import numpy as np
import torch

import int_model
import lenet
from int_model import U8, S32


def _round_half_away(x):
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


def _weight_levels(model, layer, per_channel):
    """(int weights, per-channel scales array) of a layer."""
    if model.wbits < 8:
        step = model.weight_step(layer)
        levels = lenet.weight_levels(layer.weight, step, model.wbits)
        return levels.detach().numpy().astype(np.int8), step.detach().double().numpy().reshape(-1)
    w = layer.weight.detach().double().numpy()
    flat = np.abs(w.reshape(w.shape[0], -1))
    peak = flat.max(axis=1) if per_channel else np.full(w.shape[0], flat.max())
    scale = np.where(peak > 0, peak / 127.0, 1.0)
    q = np.clip(_round_half_away(w / scale.reshape((-1,) + (1,) * (w.ndim - 1))), -127, 127)
    return q.astype(np.int8), scale


@torch.no_grad()
def _activation_peaks(model, images):
    """Largest value after each hidden activation (conv1, conv2, fc1, fc2) on the images."""
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    return [float(a.max()) for a in model.hidden_activations(x)]


def _shape(c, h, w, dtype):
    return (c, h, w, dtype)


def quantize(model, calibration_images):
    """Integer layer list (int_model format) of a trained LeNet5.

    calibration_images: (N, 1, 28, 28) uint8 (training images: the test set stays unseen)."""
    model.eval()
    if model.abits < 8:
        act_levels = (1 << model.abits) - 1
        act_scales = [float(model.activation_step(i).double()) for i in range(4)]
    else:
        act_levels = 255
        act_scales = [peak / 255.0 for peak in _activation_peaks(model, calibration_images)]

    layers = []
    in_scale = 1.0 / 255.0
    shape = _shape(1, 28, 28, U8)
    specs = [("conv1", model.conv1, model.conv1.padding[0], act_scales[0]), ("pool1", None, 0, None),
             ("conv2", model.conv2, 0, act_scales[1]), ("pool2", None, 0, None),
             ("fc1", model.fc1, 0, act_scales[2]), ("fc2", model.fc2, 0, act_scales[3]),
             ("fc3", model.fc3, 0, None)]
    for name, module, pad, out_scale in specs:
        c, h, w, _ = shape
        layer = {"name": name, "kernel": (1, 1), "stride": (1, 1), "pad": (0, 0), "weights": None,
                 "bias": None, "requant": None, "per_channel": 0, "act_min": 0, "act_max": 0,
                 "weight_bits": 0, "input_bits": 0}
        if module is None:
            out = _shape(c, h // 2, w // 2, U8)
            layer.update(op="CNN_OP_MAXPOOL", kernel=(2, 2), stride=(2, 2))
        else:
            is_conv = isinstance(module, torch.nn.Conv2d)
            last = out_scale is None
            weights, w_scale = _weight_levels(model, module, per_channel=not last)
            acc_scale = in_scale * w_scale
            bias = module.bias.detach().double().numpy() / acc_scale
            layer["weights"] = weights
            # conv1 reads the 8-bit pixels, the others the previous layer's activations.
            layer.update(weight_bits=model.wbits, input_bits=8 if name == "conv1" else model.abits)
            layer["bias"] = _round_half_away(bias).astype(np.int64)
            if np.abs(layer["bias"]).max() > int_model.INT32_MAX:
                raise ValueError(f"{name}: bias does not fit int32")
            layer["bias"] = layer["bias"].astype(np.int32)
            if is_conv:
                k = module.kernel_size[0]
                oc = module.out_channels
                out_h, out_w = h + 2 * pad - k + 1, w + 2 * pad - k + 1
                layer.update(op="CNN_OP_CONV2D", kernel=(k, k), pad=(pad, pad))
            else:
                oc = module.out_features
                out_h = out_w = 1
                layer.update(op="CNN_OP_FC")
            if last:
                out = _shape(oc, out_h, out_w, S32)
            else:
                out = _shape(oc, out_h, out_w, U8)
                requant = [int_model.quantize_multiplier(s / out_scale) for s in acc_scale]
                per_channel = len(set(requant)) > 1
                layer.update(requant=requant if per_channel else requant[:1], per_channel=int(per_channel),
                             act_min=0, act_max=act_levels)
                in_scale = out_scale
        layer["in"], layer["out"] = shape, out
        layers.append(layer)
        shape = out
    return layers


def accuracy(logits, labels):
    return float((np.argmax(logits, axis=1) == labels).mean())
