#!/usr/bin/python3
"""The RTM co-exploration spec (sim/sweep/examples/rtm_coexploration.json) against what it names.

    check_coexploration_spec.py SPEC VARIANTS_CSV PIMSOC

Fails (exit 1, one FAIL line each) unless: the spec crosses at least 300 points and at least 12
models; every `--model` value is a named model of firmware/models/model_zoo.py and a row of the
variants CSV (the accuracy the sweep joins, docs/cnn.md "CNN variants"), whose every named model has
a row with a numeric accuracy; and every parameter axis is a parameter of `pimsoc config --dump`
(so a renamed RTM parameter shows here, not as 384 failed points).
"""
import csv
import json
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "firmware", "models"))
import model_zoo  # noqa: E402

MIN_POINTS, MIN_MODELS = 300, 12


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: check_coexploration_spec.py SPEC VARIANTS_CSV PIMSOC")
    spec_path, csv_path, pimsoc = sys.argv[1:]
    try:
        with open(spec_path) as f:
            axes = json.load(f)["axes"]
        with open(csv_path, newline="") as f:
            variants = {row["model"]: row for row in csv.DictReader(f)}
        dump = subprocess.run([pimsoc, "config", "--dump"], capture_output=True, text=True, check=True).stdout
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as error:
        print(f"FAIL: {error}")
        sys.exit(1)
    parameters = {line.split(" = ")[0] for line in dump.splitlines() if " = " in line}
    failures = []
    points = math.prod(len(values) for values in axes.values())
    if points < MIN_POINTS:
        failures.append(f"{points} points, expected at least {MIN_POINTS}")
    models = axes.get("--model", [])
    if len(models) < MIN_MODELS:
        failures.append(f"{len(models)} models on the --model axis, expected at least {MIN_MODELS}")
    for model in models:
        if model not in model_zoo.MODELS:
            failures.append(f"--model {model}: not a named model of model_zoo.py")
        if model not in variants:
            failures.append(f"--model {model}: no row in {csv_path}")
    for name in model_zoo.MODELS:
        try:
            float(variants[name]["accuracy_pct"])
        except (KeyError, ValueError):
            failures.append(f"{csv_path}: no numeric accuracy_pct for model {name}")
    for key in axes:
        if not key.startswith("--") and key not in parameters:
            failures.append(f"axis {key}: not a parameter of pimsoc config --dump")
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        sys.exit(1)
    print(f"ok: {points} points, {len(models)} models, {len(axes)} axes")


if __name__ == "__main__":
    main()
