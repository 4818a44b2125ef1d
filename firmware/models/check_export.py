#!/usr/bin/python3
"""The numpy integer reference of an exported model, read back from its generated C and manifest
(firmware/models/generated/<name>.{c,json}). Prints the lines `cnn_golden --logits` prints, so a
test can check that the C library and this reference agree bit for bit (the exporter round trip).

    check_export.py [--name fmnist_lenet5 | --model w8a8] [--first N] [--count N] [--dir DATASET_DIR]
                    [--bitplanes]

--bitplanes computes every conv2d / fc sum by AND-accumulation over the bit planes of the layer's
N-bit weights and M-bit activations (int_model.bitplane_dot, as the MRAM engine will), which must
give the same lines.

Needs numpy only (no torch).
"""
import argparse
import os
import sys

import numpy as np

import export_c
import fmnist_idx
import int_model
import model_zoo

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--name", default="fmnist_lenet5")
    parser.add_argument("--model", choices=model_zoo.MODELS, help="a named model (sets --name)")
    parser.add_argument("--bitplanes", action="store_true", help="sums by AND-accumulation of bit planes")
    parser.add_argument("--generated", default=os.path.join(HERE, "generated"))
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--dir", default=fmnist_idx.DATASET_DIR)
    args = parser.parse_args()
    if args.model:
        args.name = model_zoo.MODELS[args.model].symbol
    try:
        layers = export_c.read(args.name, args.generated)
        images_path, labels_path = fmnist_idx.split_paths("t10k", args.dir)
        count, rows, cols, pixels = fmnist_idx.read_images(images_path)
        labels = fmnist_idx.read_labels(labels_path)
    except (OSError, ValueError, KeyError, fmnist_idx.IdxError) as e:
        sys.exit(f"check_export.py: {e}")
    end = min(count, args.first + args.count)
    images = np.frombuffer(pixels, dtype=np.uint8).reshape(count, 1, rows, cols)[args.first:end]
    logits = int_model.predict(layers, images, bitplanes=args.bitplanes)
    correct = 0
    for offset, row in enumerate(logits):
        index = args.first + offset
        predicted = int(np.argmax(row))
        correct += predicted == labels[index]
        values = " ".join(str(int(v)) for v in row)
        print(f"image {index}: label {labels[index]} predicted {predicted} logits {values}")
    print(f"reference accuracy: {correct} / {len(logits)}")


if __name__ == "__main__":
    main()
