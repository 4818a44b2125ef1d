"""The LeNet-5-class Fashion-MNIST model, in float and with quantization-aware training (QAT).

conv 5x5 -> ReLU -> maxpool 2 -> conv 5x5 -> ReLU -> maxpool 2 -> fc -> ReLU -> fc -> ReLU -> fc,
28x28 input (conv1 padded by 2 as in LeNet-5's 32x32 input). Channel counts scale with `width`
(6, 16, 120, 84 at width 1) for design-space sweeps.

Low-bit QAT (DoReFa-Net, Zhou et al. 2016, arXiv:1606.06160): with wbits < 8 the weights are
w_q = 2 * quantize_k(tanh(w) / (2 max|tanh(w)|) + 1/2) - 1, k = wbits, levels (2i - (2^k - 1)) /
(2^k - 1); with abits < 8 every hidden activation is quantize_k(clamp(x, 0, 1)). quantize_k rounds
to 2^k - 1 steps; gradients pass straight through (STE). The integer export keeps those levels
exactly (see quantize.py).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def channel_counts(width):
    return tuple(max(1, round(base * width)) for base in (6, 16, 120, 84))


class _RoundSte(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad):
        return grad


def quantize_unit(x, bits):
    """DoReFa quantize_k: x in [0, 1] to 2^bits - 1 uniform steps, straight-through gradient."""
    steps = (1 << bits) - 1
    return _RoundSte.apply(x * steps) / steps


def dorefa_weight(w, bits):
    t = torch.tanh(w)
    return 2 * quantize_unit(t / (2 * t.abs().max()) + 0.5, bits) - 1


class LeNet5(nn.Module):
    def __init__(self, width=1.0, wbits=8, abits=8):
        super().__init__()
        c1, c2, f1, f2 = channel_counts(width)
        self.width, self.wbits, self.abits = width, wbits, abits
        self.conv1 = nn.Conv2d(1, c1, 5, padding=2)
        self.conv2 = nn.Conv2d(c1, c2, 5)
        self.fc1 = nn.Linear(c2 * 5 * 5, f1)
        self.fc2 = nn.Linear(f1, f2)
        self.fc3 = nn.Linear(f2, 10)

    @property
    def low_bit(self):
        return self.wbits < 8 or self.abits < 8

    def _weight(self, layer):
        return dorefa_weight(layer.weight, self.wbits) if self.wbits < 8 else layer.weight

    def _act(self, x):
        if self.abits < 8:
            return quantize_unit(torch.clamp(x, 0, 1), self.abits)
        return F.relu(x)

    def forward(self, x):
        x = F.max_pool2d(self._act(F.conv2d(x, self._weight(self.conv1), self.conv1.bias, padding=2)), 2)
        x = F.max_pool2d(self._act(F.conv2d(x, self._weight(self.conv2), self.conv2.bias)), 2)
        x = torch.flatten(x, 1)
        x = self._act(F.linear(x, self._weight(self.fc1), self.fc1.bias))
        x = self._act(F.linear(x, self._weight(self.fc2), self.fc2.bias))
        return F.linear(x, self._weight(self.fc3), self.fc3.bias)
