"""Reads the Fashion-MNIST IDX files of Debian's dataset-fashion-mnist (gzipped, big-endian).

Standard library only, so the build step that makes the test-data blob needs no numpy or torch.
"""
import gzip
import os
import struct

DATASET_DIR = "/usr/share/datasets/fashion-mnist"
CLASS_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")


class IdxError(Exception):
    pass


def _read(path):
    try:
        with gzip.open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise IdxError(f"{path}: {e.strerror or e} (install Debian's dataset-fashion-mnist: ./setup.sh)")


def read_images(path):
    """Returns (count, rows, cols, pixels): pixels is bytes, count*rows*cols, row-major."""
    data = _read(path)
    if len(data) < 16:
        raise IdxError(f"{path}: too short for an IDX image header")
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != 0x00000803:
        raise IdxError(f"{path}: bad IDX magic 0x{magic:08x} (expected 0x00000803, ubyte images)")
    size = count * rows * cols
    if len(data) != 16 + size:
        raise IdxError(f"{path}: {len(data) - 16} pixel bytes, header says {size}")
    return count, rows, cols, data[16:]


def read_labels(path):
    """Returns the labels as bytes."""
    data = _read(path)
    if len(data) < 8:
        raise IdxError(f"{path}: too short for an IDX label header")
    magic, count = struct.unpack(">II", data[:8])
    if magic != 0x00000801:
        raise IdxError(f"{path}: bad IDX magic 0x{magic:08x} (expected 0x00000801, ubyte labels)")
    if len(data) != 8 + count:
        raise IdxError(f"{path}: {len(data) - 8} labels, header says {count}")
    return data[8:]


def split_paths(split, directory=DATASET_DIR):
    """The (images, labels) paths of split "train" or "t10k"."""
    return (os.path.join(directory, f"{split}-images-idx3-ubyte.gz"),
            os.path.join(directory, f"{split}-labels-idx1-ubyte.gz"))
