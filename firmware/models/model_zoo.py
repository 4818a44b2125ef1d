"""The named models of the firmware (cnn_fmnist --model NAME): shape, bit widths, training schedule
and C symbol of each.

Scripts and the firmware rely on these names. The six LeNet-5 models at width 1 with a 5x5 conv1
(w8a8 ... w1a1) are trained with the full schedule; w8a8 is the int8 model (post-training
quantization), the others are trained with low-bit QAT (lenet.py).

The co-exploration variants (issue 17; docs/cnn.md "CNN variants") vary the width multiplier
(suffix _x05 = 0.5, _x2 = 2), conv1's kernel (suffix _k3 = 3x3, padded by 1) and the bits
(w8a8, w4a4, w2a2). They use a shorter schedule (EXPLORATION_EPOCHS) so that all of them train
within an hour on the shared 2-core machine; docs/cnn.md gives its accuracy cost.
"""
from collections import namedtuple

# epochs: None = train.py's default (20 for int8, 8 QAT epochs for low-bit models).
Model = namedtuple("Model", "wbits abits symbol width kernel float_epochs epochs")

FULL_FLOAT_EPOCHS = 8
# A variant's float training: the w8a8 variant is its post-training quantization, the low-bit ones
# start QAT from it (one float training per width and kernel, shared through train.py --float-cache).
# Full schedule: 20 float epochs for w8a8, 8 float + 8 QAT for the low-bit models. The exploration
# schedule, (float epochs, QAT epochs) by width: an epoch costs about 4x more per doubling of the
# width (conv2 and fc1 scale with its square), so all variants train in about the same time.
EXPLORATION_EPOCHS = {0.5: (3, 3), 1.0: (2, 2), 2.0: (1, 1)}


def _full(wbits, abits, symbol):
    return Model(wbits, abits, symbol, 1.0, 5, FULL_FLOAT_EPOCHS, None)


def _variant(wbits, abits, width, kernel):
    """A co-exploration variant: its name is the bits plus the width and kernel suffixes."""
    name = f"w{wbits}a{abits}" + {0.5: "_x05", 1.0: "", 2.0: "_x2"}[width] + ("_k3" if kernel == 3 else "")
    low_bit = wbits < 8 or abits < 8
    float_epochs, qat_epochs = EXPLORATION_EPOCHS[width]
    epochs = qat_epochs if low_bit else float_epochs
    return name, Model(wbits, abits, "fmnist_lenet5_" + name, width, kernel, float_epochs, epochs)


MODELS = {
    "w8a8": _full(8, 8, "fmnist_lenet5"),
    "w4a4": _full(4, 4, "fmnist_lenet5_w4a4"),
    "w2a2": _full(2, 2, "fmnist_lenet5_w2a2"),
    "w1a4": _full(1, 4, "fmnist_lenet5_w1a4"),
    "w1a2": _full(1, 2, "fmnist_lenet5_w1a2"),
    "w1a1": _full(1, 1, "fmnist_lenet5_w1a1"),
}
# The variants: width 0.5 and 2 at kernel 5, kernel 3 at width 1, each at 8, 4 and 2 bits (with
# the three width-1 kernel-5 models above: 12 models on the width x kernel x bits grid).
VARIANTS = ((0.5, 5), (2.0, 5), (1.0, 3))  # (width, conv1 kernel)
for _width, _kernel in VARIANTS:
    for _bits in (8, 4, 2):
        _name, _model = _variant(_bits, _bits, _width, _kernel)
        MODELS[_name] = _model
