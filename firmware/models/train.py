#!/usr/bin/python3
"""Trains the Fashion-MNIST LeNet-5 model, quantizes it and exports it as C for firmware/cnn.

    /usr/bin/python3 firmware/models/train.py            # the committed default model (w8a8)
    /usr/bin/python3 firmware/models/train.py --model w2a2 --float-cache /tmp/lenet_float.pt
    /usr/bin/python3 firmware/models/train.py --model w4a4_x2 --float-cache /tmp/lenet_float_x2.pt
    /usr/bin/python3 firmware/models/train.py --width 2 --kernel 3 --name fmnist_lenet5_w2
    /usr/bin/python3 firmware/models/train.py --wbits 2 --abits 4 --name fmnist_lenet5_w2a4

Deterministic: one torch thread, fixed seed, deterministic algorithms; the same arguments on the
same torch give byte-identical generated files. Needs Debian's python3-torch, python3-numpy and
dataset-fashion-mnist (run with /usr/bin/python3). See docs/cnn.md.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import export_c
import fmnist_idx
import int_model
import lenet
import model_zoo
import quantize

HERE = os.path.dirname(os.path.abspath(__file__))
CALIBRATION_IMAGES = 5000


def load_split(split):
    images_path, labels_path = fmnist_idx.split_paths(split)
    count, rows, cols, pixels = fmnist_idx.read_images(images_path)
    labels = np.frombuffer(fmnist_idx.read_labels(labels_path), dtype=np.uint8).astype(np.int64)
    if len(labels) != count:
        sys.exit(f"{labels_path}: {len(labels)} labels for {count} images in {images_path}")
    return np.frombuffer(pixels, dtype=np.uint8).reshape(count, 1, rows, cols), labels


def train(model, images, labels, epochs, generator, args):
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    y = torch.from_numpy(labels)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), args.batch):
            batch = order[start:start + args.batch]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += float(loss) * len(batch)
        schedule.step()
        print(f"{'QAT ' if model.quantizing else ''}epoch {epoch + 1:2d}/{epochs}: loss {total / len(x):.4f}", flush=True)


def pretrain_float(model, images, labels, epochs, generator, args):
    """The float epochs (before QAT, or all of an int8 model's), or, with --float-cache FILE, their
    result from FILE (weights and the shuffling generator's state, so the run is byte-identical to
    one without the cache); a missing FILE is written. The float phase depends only on the seed,
    width, kernel, epochs, batch and lr: an int8 model trained for as many epochs as the low-bit
    models' float phase shares it (the co-exploration variants, model_zoo.py)."""
    key = {"seed": args.seed, "width": args.width, "kernel": args.kernel, "float_epochs": epochs, "batch": args.batch,
           "lr": args.lr, "torch": torch.__version__}
    if args.float_cache and os.path.exists(args.float_cache):
        cached = torch.load(args.float_cache)
        if cached["key"] != key:
            sys.exit(f"{args.float_cache}: float pre-training of other arguments ({cached['key']})")
        model.load_state_dict(cached["model"])
        generator.set_state(cached["generator"])
        print(f"float pre-training ({epochs} epochs) from {args.float_cache}", flush=True)
        return
    train(model, images, labels, epochs, generator, args)
    if args.float_cache:
        partial = args.float_cache + f".{os.getpid()}.tmp"  # rename: other runs never read half a file
        torch.save({"key": key, "model": model.state_dict(), "generator": generator.get_state()}, partial)
        os.replace(partial, args.float_cache)


@torch.no_grad()
def float_logits(model, images):
    model.eval()
    return model(torch.from_numpy(images.astype(np.float32) / 255.0)).numpy()


def print_per_class(labels, float_pred, int_pred):
    print(f"{'class':<14}{'images':>7}{'float %':>9}{'int %':>8}")
    for k, name in enumerate(fmnist_idx.CLASS_NAMES):
        mask = labels == k
        print(f"{k} {name:<12}{mask.sum():>7}{100 * (float_pred[mask] == k).mean():>9.2f}"
              f"{100 * (int_pred[mask] == k).mean():>8.2f}")


def model_arguments(argv):
    """The arguments that shape the model, for the header line (--out only says where it goes,
    --float-cache only saves time)."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--out", "--float-cache"):
            skip = True
        elif not arg.startswith(("--out=", "--float-cache=")):
            kept.append(arg)
    return kept


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=model_zoo.MODELS,
                        help="a named model: sets --wbits, --abits, --width, --kernel, the epochs and --name ("
                        + ", ".join(model_zoo.MODELS) + ")")
    parser.add_argument("--width", type=float, default=1.0, help="channel multiplier (1 = 6/16/120/84)")
    parser.add_argument("--kernel", type=int, default=5, choices=(3, 5), help="conv1 kernel size (5; padded to keep 28x28)")
    parser.add_argument("--wbits", type=int, default=8, choices=range(1, 9), help="weight bits (< 8: low-bit QAT, lenet.py)")
    parser.add_argument("--abits", type=int, default=8, choices=range(1, 9), help="activation bits (< 8: low-bit QAT, lenet.py)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="training epochs (20), for low-bit models the QAT epochs after the float ones (8)")
    parser.add_argument("--float-epochs", type=int, default=8,
                        help="low-bit models: float pre-training epochs before QAT (8)")
    parser.add_argument("--float-cache", metavar="FILE",
                        help="reuse the float training (low-bit: the pre-training) from FILE (written when missing)")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", default="fmnist_lenet5", help="C symbol and file name of the model")
    parser.add_argument("--out", default=os.path.join(HERE, "generated"), help="directory of the generated files")
    args = parser.parse_args()
    if args.model:
        named = model_zoo.MODELS[args.model]
        args.wbits, args.abits, args.name = named.wbits, named.abits, named.symbol
        args.width, args.kernel, args.float_epochs, args.epochs = named.width, named.kernel, named.float_epochs, named.epochs

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    started = time.time()

    train_images, train_labels = load_split("train")
    test_images, test_labels = load_split("t10k")
    model = lenet.LeNet5(args.width, args.wbits, args.abits, args.kernel)
    generator = torch.Generator().manual_seed(args.seed)
    if model.low_bit:
        pretrain_float(model, train_images, train_labels, args.float_epochs, generator, args)
        model.start_quantization(torch.from_numpy(train_images[:CALIBRATION_IMAGES].astype(np.float32) / 255.0))
        train(model, train_images, train_labels, 8 if args.epochs is None else args.epochs, generator, args)
    else:
        pretrain_float(model, train_images, train_labels, 20 if args.epochs is None else args.epochs, generator, args)

    float_pred = np.argmax(float_logits(model, test_images), axis=1)
    layers = quantize.quantize(model, train_images[:CALIBRATION_IMAGES])
    int_pred = np.argmax(int_model.predict(layers, test_images), axis=1)
    float_acc = 100 * (float_pred == test_labels).mean()
    int_acc = 100 * (int_pred == test_labels).mean()
    print_per_class(test_labels, float_pred, int_pred)
    print(f"test accuracy: float {float_acc:.2f} %, integer {int_acc:.2f} % "
          f"({len(test_labels)} images; difference {int_acc - float_acc:+.2f} points)")

    command = " ".join(["train.py"] + model_arguments(sys.argv[1:]))
    export_c.write(layers, args.name, args.out, command)
    if not export_c.same_layers(layers, export_c.read(args.name, args.out)):
        sys.exit(f"{args.out}/{args.name}: the exported C does not read back as the quantized model")
    print(f"wrote {args.out}/{args.name}.{{c,h,json}} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
