"""The LeNet-5-class Fashion-MNIST model, in float and with quantization-aware training (QAT).

conv 5x5 -> ReLU -> maxpool 2 -> conv 5x5 -> ReLU -> maxpool 2 -> fc -> ReLU -> fc -> ReLU -> fc,
28x28 input (conv1 padded by 2 as in LeNet-5's 32x32 input). Channel counts scale with `width`
(6, 16, 120, 84 at width 1) for design-space sweeps; conv1's kernel may be 3x3 (`kernel`, padded by
1), "same" padding either way, so conv1's output and everything after it keep their shapes.

Low-bit QAT (wbits < 8 or abits < 8): uniform quantizers with learned step sizes (LSQ, Esser et
al. 2019, arXiv:1902.08153; the activation clip at step * (2^A - 1) is learned as in PACT, Choi et
al. 2018), rounding with a straight-through gradient (DoReFa-Net's STE, arXiv:1606.06160):

- weights, every layer including conv1 and fc3: w_q = step * level(w / step), level in N-bit
  two's complement [-2^(N-1), 2^(N-1) - 1] for N >= 2, or {-1, +1} for N = 1 (the sign, with the
  clipped STE: the gradient passes where |w| <= step). One step per output channel (the integer
  requantization is per channel anyway), one for the whole of fc3 (its int32 logits share a scale).
- activations after conv1, conv2, fc1, fc2: a_q = step * clamp(round(x / step), 0, 2^A - 1), which
  replaces the ReLU; one step per layer.
- the network input stays the 8-bit pixels, the output the int32 logits (see quantize.py).

Steps are stored as logarithms (a positive step, relative Adam updates). `weight_levels` and
`activation_levels` are the exact integers the export writes (quantize.py).
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


def weight_level_range(bits):
    """(lowest, highest) integer weight level of N-bit weights (1 bit: -1 and +1)."""
    return (-1, 1) if bits == 1 else (-(1 << (bits - 1)), (1 << (bits - 1)) - 1)


def weight_levels(w, step, bits):
    """Integer weight levels (as float tensor), straight-through rounding."""
    if bits == 1:  # {-1, +1}: the sign, w == 0 rounds to -1 (round half to even of 0.5)
        return 2 * _RoundSte.apply(torch.clamp(w / step * 0.5 + 0.5, 0, 1)) - 1
    low, high = weight_level_range(bits)
    return _RoundSte.apply(torch.clamp(w / step, low, high))


def activation_levels(x, step, bits):
    return _RoundSte.apply(torch.clamp(x / step, 0, (1 << bits) - 1))


class LeNet5(nn.Module):
    WEIGHTED = ("conv1", "conv2", "fc1", "fc2", "fc3")

    def __init__(self, width=1.0, wbits=8, abits=8, kernel=5):
        super().__init__()
        if kernel not in (3, 5):
            raise ValueError(f"conv1 kernel {kernel}: expected 3 or 5")
        c1, c2, f1, f2 = channel_counts(width)
        self.width, self.wbits, self.abits = width, wbits, abits
        # "Same" padding: conv1's 28x28 output (and so the rest of the network) does not depend on the kernel.
        self.conv1 = nn.Conv2d(1, c1, kernel, padding=(kernel - 1) // 2)
        self.conv2 = nn.Conv2d(c1, c2, 5)
        self.fc1 = nn.Linear(c2 * 5 * 5, f1)
        self.fc2 = nn.Linear(f1, f2)
        self.fc3 = nn.Linear(f2, 10)
        self.quantizing = False  # set by start_quantization(): float pre-training runs without

    @property
    def low_bit(self):
        return self.wbits < 8 or self.abits < 8

    def weight_step(self, layer):
        """Step per output channel, shaped to broadcast against the layer's weights."""
        log_step = getattr(self, f"{self._name(layer)}_log_wstep")
        shape = (-1,) + (1,) * (layer.weight.dim() - 1)
        return torch.exp(log_step).expand(layer.weight.shape[0]).reshape(shape)

    def _name(self, layer):
        return next(name for name in self.WEIGHTED if getattr(self, name) is layer)

    @torch.no_grad()
    def start_quantization(self, images):
        """Initial steps from the (pre-trained float) model, then QAT from here on.

        Weights: mean |w| per channel for 1 bit (XNOR-Net's scale), LSQ's 2 mean|w| / sqrt(Q_max)
        for N bits; activations: LSQ's 2 mean(x) / sqrt(2^A - 1) of the float ReLU outputs on
        `images` (training images)."""
        if self.wbits < 8:
            for name in self.WEIGHTED:
                w = getattr(self, name).weight
                per_channel = w.abs().reshape(w.shape[0], -1).mean(dim=1)
                if name == "fc3":
                    per_channel = per_channel.mean().reshape(1)
                top = weight_level_range(self.wbits)[1]
                step = per_channel if self.wbits == 1 else 2 * per_channel / top ** 0.5
                setattr(self, f"{name}_log_wstep", nn.Parameter(torch.log(step)))
        if self.abits < 8:
            means = [float(x.mean()) for x in self.hidden_activations(images)]
            steps = [2 * m / ((1 << self.abits) - 1) ** 0.5 for m in means]
            self.log_astep = nn.Parameter(torch.log(torch.tensor(steps)))
        self.quantizing = True

    def weight(self, layer):
        if self.wbits < 8 and self.quantizing:
            step = self.weight_step(layer)
            return weight_levels(layer.weight, step, self.wbits) * step
        return layer.weight

    def activation_step(self, index):
        return torch.exp(self.log_astep[index])

    def act(self, x, index):
        """The hidden activation `index` (0: conv1 ... 3: fc2): ReLU, or its A-bit quantization."""
        if self.abits < 8 and self.quantizing:
            step = self.activation_step(index)
            return activation_levels(x, step, self.abits) * step
        return F.relu(x)

    def hidden_activations(self, x):
        """The four hidden activations (after conv1, conv2, fc1, fc2) and the logits."""
        a1 = self.act(F.conv2d(x, self.weight(self.conv1), self.conv1.bias, padding=self.conv1.padding), 0)
        a2 = self.act(F.conv2d(F.max_pool2d(a1, 2), self.weight(self.conv2), self.conv2.bias), 1)
        a3 = self.act(F.linear(torch.flatten(F.max_pool2d(a2, 2), 1), self.weight(self.fc1), self.fc1.bias), 2)
        a4 = self.act(F.linear(a3, self.weight(self.fc2), self.fc2.bias), 3)
        return a1, a2, a3, a4

    def forward(self, x):
        return F.linear(self.hidden_activations(x)[3], self.weight(self.fc3), self.fc3.bias)
