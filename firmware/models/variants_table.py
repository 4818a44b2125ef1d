#!/usr/bin/python3
"""The named models' shape, size, cost and accuracy, from the committed exports (numpy only).

    variants_table.py [--out docs/results/rtm_coexploration/variants.csv] [--dir DATASET_DIR]
    variants_table.py --markdown docs/results/rtm_coexploration/variants.csv

One row per named model (model_zoo.py): width multiplier, conv1 kernel, weight and activation bits,
parameters (weights + biases), MACs per inference, the integer accuracy on the 10,000 test images
(int_model.py on the read-back export: train.py's "integer" figure, which the C library and the VP
equal bit for bit) and the training schedule (float epochs, QAT epochs). The CSV is the one the
co-exploration sweep joins on its `--model` column (docs/cnn.md "CNN variants"); --markdown CSV
prints such a CSV as the docs' table (without recomputing: the accuracies take minutes).
"""
import argparse
import csv
import math
import os
import sys

import numpy as np

import export_c
import fmnist_idx
import int_model
import model_zoo

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ("model", "width", "kernel", "wbits", "abits", "params", "macs", "accuracy_pct", "float_epochs",
           "qat_epochs")


def layer_size(layer):
    """(parameters, MACs per inference) of one layer (0, 0 for pooling)."""
    if layer["weights"] is None:
        return 0, 0
    params = layer["weights"].size + (0 if layer["bias"] is None else layer["bias"].size)
    outputs = math.prod(layer["out"][1:3])  # one dot product of the whole weight row per output pixel
    return params, layer["weights"].size * outputs


def schedule(model):
    """(float epochs, QAT epochs) as train.py runs the named model."""
    low_bit = model.wbits < 8 or model.abits < 8
    if not low_bit:
        return (20 if model.epochs is None else model.epochs), 0
    return model.float_epochs, 8 if model.epochs is None else model.epochs


def row(name, model, generated, images, labels):
    layers = export_c.read(model.symbol, generated)
    sizes = [layer_size(layer) for layer in layers]
    predicted = np.argmax(int_model.predict(layers, images), axis=1)
    float_epochs, qat_epochs = schedule(model)
    return {"model": name, "width": f"{model.width:g}", "kernel": model.kernel, "wbits": model.wbits,
            "abits": model.abits, "params": sum(p for p, _ in sizes), "macs": sum(m for _, m in sizes),
            "accuracy_pct": f"{100 * (predicted == labels).mean():.2f}", "float_epochs": float_epochs,
            "qat_epochs": qat_epochs}


def print_markdown(path):
    try:
        with open(path, newline="") as f:
            table = list(csv.DictReader(f))
        if not table or list(table[0]) != list(COLUMNS):
            raise ValueError(f"expected the columns {', '.join(COLUMNS)}")
    except (OSError, ValueError) as e:
        sys.exit(f"variants_table.py: {path}: {e}")
    print("| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS))
    for entry in table:
        print("| " + " | ".join(f"{int(entry[c]):,}" if c in ("params", "macs") else entry[c] for c in COLUMNS) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="CSV file (default: stdout)")
    parser.add_argument("--markdown", metavar="CSV", help="print CSV (written by this script) as a Markdown table")
    parser.add_argument("--generated", default=os.path.join(HERE, "generated"))
    parser.add_argument("--dir", default=fmnist_idx.DATASET_DIR, help="the Fashion-MNIST IDX files")
    args = parser.parse_args()
    if args.markdown:
        print_markdown(args.markdown)
        return
    try:
        images_path, labels_path = fmnist_idx.split_paths("t10k", args.dir)
        count, rows, cols, pixels = fmnist_idx.read_images(images_path)
        labels = np.frombuffer(fmnist_idx.read_labels(labels_path), dtype=np.uint8)
        images = np.frombuffer(pixels, dtype=np.uint8).reshape(count, 1, rows, cols)
        table = [row(name, model, args.generated, images, labels) for name, model in model_zoo.MODELS.items()]
    except (OSError, ValueError, KeyError, fmnist_idx.IdxError) as e:
        sys.exit(f"variants_table.py: {e}")
    out = open(args.out, "w", newline="") if args.out else sys.stdout
    with out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


if __name__ == "__main__":
    main()
