#!/usr/bin/python3
"""sim/sweep/examples/mram_pareto.py: the 10,000-image accuracy joined by model, the three-objective
front (accuracy up, energy and area down) against a hand-worked set, the plot written, and bad
input refused with one line and exit code 2."""

import csv
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "sim", "sweep", "examples", "mram_pareto.py")
COLUMNS = ["point", "mram.rows", "mram.columns", "mram.subarrays_per_bank", "--model", "status",
           "energy_per_inference_pj", "area_um2", "accuracy_pct"]
# point, rows, columns, sub-arrays, model, status, energy pJ, area um2
POINTS = [
    ("000", 128, 128, 8, "w8a8", "ok", 20e6, 1e6),   # the most accurate: on the front
    ("001", 256, 256, 8, "w8a8", "ok", 25e6, 2e6),   # dominated by 000
    ("002", 128, 128, 8, "w1a1", "ok", 5e6, 1e6),    # the least energy: on the front
    ("003", 128, 128, 8, "w4a4", "ok", 22e6, 1e6),   # less accurate than 000 at more energy: dominated
    ("004", 128, 128, 4, "w4a4", "ok", 10e6, 0.5e6), # smaller and cheaper: on the front
    ("005", 512, 512, 8, "w8a8", "failed", 1e6, 1e6),  # failed: left out
]
ACCURACY = {"w8a8": 90.79, "w4a4": 90.08, "w1a1": 81.22}


def write(directory, points=POINTS, accuracy=ACCURACY):
    with open(os.path.join(directory, "sweep.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in points:
            writer.writerow(list(p) + ["50.00"])
    path = os.path.join(directory, "accuracy.csv")
    with open(path, "w") as f:
        f.write("model,accuracy_pct\n" + "".join(f"{m},{a}\n" for m, a in accuracy.items()))
    return path


def run(directory, accuracy_csv):
    return subprocess.run([sys.executable, SCRIPT, directory, accuracy_csv], capture_output=True, text=True)


class MramParetoTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def test_front_and_join(self):
        result = run(self.dir.name, write(self.dir.name))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("5 points, 3 Pareto-optimal", result.stdout)
        with open(os.path.join(self.dir.name, "pareto_accuracy.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["point"] for r in rows], ["000", "002", "004"])
        self.assertEqual([r["accuracy_10k_pct"] for r in rows], ["90.79", "81.22", "90.08"])
        with open(os.path.join(self.dir.name, "accuracy_pareto.png"), "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_bad_input_is_one_line_and_exit_2(self):
        missing_model = write(self.dir.name, accuracy={"w8a8": 90.79})
        result = run(self.dir.name, missing_model)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.strip().count("\n"), 0)
        self.assertIn("no accuracy for model w1a1", result.stderr)
        result = run(os.path.join(self.dir.name, "nowhere"), missing_model)
        self.assertEqual(result.returncode, 2)
        self.assertIn("sweep.csv", result.stderr)


if __name__ == "__main__":
    unittest.main()
