"""The named models of the firmware (cnn_fmnist --model NAME): W:A bit widths and C symbols.

Scripts and the firmware rely on these names; w8a8 is the int8 model (post-training
quantization), the others are trained with low-bit QAT (lenet.py)."""

# name: (weight bits, activation bits, C symbol / file name in generated/)
MODELS = {
    "w8a8": (8, 8, "fmnist_lenet5"),
    "w4a4": (4, 4, "fmnist_lenet5_w4a4"),
    "w2a2": (2, 2, "fmnist_lenet5_w2a2"),
    "w1a4": (1, 4, "fmnist_lenet5_w1a4"),
    "w1a2": (1, 2, "fmnist_lenet5_w1a2"),
    "w1a1": (1, 1, "fmnist_lenet5_w1a1"),
}
