#!/usr/bin/python3
"""Converts a Fashion-MNIST split (Debian's dataset-fashion-mnist, gzipped IDX) into the pimsoc
dataset blob that `pimsoc run --image BLOB@0x60000000` loads into the data ROM.

    make_dataset_blob.py OUT [--split t10k|train] [--dir /usr/share/datasets/fashion-mnist]

Blob layout (little-endian; firmware/cnn/cnn_dataset.h reads it):
    0  u32 magic "PIMD" (0x444D4950)     16 u16 cols
    4  u16 version (1)                   18 u16 num_classes
    6  u16 header bytes (32)             20 u32 offset of the images
    8  u32 image count                   24 u32 offset of the labels
   12  u16 channels, 14 u16 rows         28 u32 reserved (0)
then the images (count x channels x rows x cols uint8, CHW each) and the labels (count uint8).
Standard library only: runs in the build without numpy or torch.
"""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fmnist_idx  # noqa: E402

MAGIC = 0x444D4950
VERSION = 1
HEADER_BYTES = 32
NUM_CLASSES = 10


def blob(images_path, labels_path):
    count, rows, cols, pixels = fmnist_idx.read_images(images_path)
    labels = fmnist_idx.read_labels(labels_path)
    if len(labels) != count:
        raise fmnist_idx.IdxError(f"{labels_path}: {len(labels)} labels for {count} images in {images_path}")
    bad = [i for i, label in enumerate(labels) if label >= NUM_CLASSES]
    if bad:
        raise fmnist_idx.IdxError(f"{labels_path}: label {labels[bad[0]]} of image {bad[0]} is not a class 0..9")
    labels_offset = HEADER_BYTES + len(pixels)
    header = struct.pack("<IHHIHHHHIII", MAGIC, VERSION, HEADER_BYTES, count, 1, rows, cols,
                         NUM_CLASSES, HEADER_BYTES, labels_offset, 0)
    assert len(header) == HEADER_BYTES
    return header + pixels + labels


def main():
    parser = argparse.ArgumentParser(description="Fashion-MNIST split -> pimsoc dataset blob")
    parser.add_argument("out")
    parser.add_argument("--split", default="t10k", choices=("t10k", "train"))
    parser.add_argument("--dir", default=fmnist_idx.DATASET_DIR)
    args = parser.parse_args()
    try:
        data = blob(*fmnist_idx.split_paths(args.split, args.dir))
    except fmnist_idx.IdxError as e:
        sys.exit(f"make_dataset_blob.py: {e}")
    temporary = args.out + ".tmp"
    try:
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, args.out)
    except OSError as e:
        sys.exit(f"make_dataset_blob.py: {args.out}: {e.strerror}")


if __name__ == "__main__":
    main()
