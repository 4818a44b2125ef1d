#!/usr/bin/python3
"""sim/sweep/examples/rtm_pareto.py on a hand-worked set: the 10,000-image accuracy and the CNN
figures joined by model, the shifts read from the points' stats, the three-objective front
(accuracy up, energy and area down; a failed point left out, dominated points dropped), the trends
(an axis's ratios from the pairs that differ in it alone), both PNGs written; bad input refused with
one line and exit code 2."""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "sim", "sweep", "examples", "rtm_pareto.py")
COLUMNS = ["point", "--model", "rtm.ports_per_track", "rtm.domains_per_track", "rtm.tracks_per_dbc",
           "rtm.multipliers_per_subarray", "rtm.adder_mode", "status", "latency_per_inference_ns",
           "energy_per_inference_pj", "energy_rtm_pj", "area_um2"]
# point, model, ports, domains, tracks, multipliers, cells, status, energy uJ, area mm2, access shifts
POINTS = [
    ("000", "w8a8", 1, 32, 16, 1, "bit_serial", "ok", 60, 0.2, 1000),     # most accurate, smallest: front
    ("001", "w8a8", 4, 32, 16, 1, "bit_serial", "ok", 40, 0.5, 250),      # least energy at 90.79, most area: front
    ("002", "w8a8", 1, 32, 16, 1, "word_parallel", "ok", 45, 0.3, 1000),  # between 000 and 001: front
    ("003", "w4a4", 1, 32, 16, 1, "bit_serial", "ok", 61, 0.2, 1000),     # dominated by 000
    ("004", "w2a2_x05", 1, 32, 16, 1, "bit_serial", "ok", 10, 0.2, 300),  # least energy: front
    ("005", "w2a2_x05", 4, 32, 16, 1, "bit_serial", "ok", 12, 0.5, 60),   # dominated by 004
    ("006", "w8a8", 4, 32, 16, 1, "word_parallel", "failed", 1, 0.1, 0),  # failed: left out
]
VARIANTS = [("w8a8", 1, 5, 8, 8, 416520, 90.79), ("w4a4", 1, 5, 4, 4, 416520, 90.08),
            ("w2a2_x05", 0.5, 5, 2, 2, 133740, 80.49)]


def write(directory, points=POINTS, variants=VARIANTS, stats=True):
    os.makedirs(os.path.join(directory, "points"), exist_ok=True)
    with open(os.path.join(directory, "sweep.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for point, model, p, n, t, m, cells, status, energy, area, shifts in points:
            writer.writerow([point, model, p, n, t, m, cells, status, "5000000.000", f"{energy * 1e6:.3f}",
                             f"{energy * 0.9e6:.3f}", f"{area * 1e6:.3f}"])
            region = {"id": 1, "occurrences": 2, "components": [{"name": "rtm", "events": [
                {"name": "shift", "count": 2 * shifts}, {"name": "cell_shift", "count": 2 * 16 * 1000}]}]}
            if stats:
                with open(os.path.join(directory, "points", point + ".json"), "w") as f:
                    json.dump({"inference_region_id": 1, "regions": [region]}, f)
    path = os.path.join(directory, "variants.csv")
    with open(path, "w") as f:
        f.write("model,width,kernel,wbits,abits,params,macs,accuracy_pct,float_epochs,qat_epochs\n")
        f.write("".join(f"{m},{w},{k},{wb},{ab},1,{macs},{acc},1,1\n" for m, w, k, wb, ab, macs, acc in variants))
    return path


def run(directory, variants_csv):
    return subprocess.run([sys.executable, SCRIPT, directory, variants_csv], capture_output=True, text=True)


class RtmParetoTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def read(self, name):
        with open(os.path.join(self.dir.name, name)) as f:
            return list(csv.DictReader(f))

    def test_front_join_and_trends(self):
        result = run(self.dir.name, write(self.dir.name))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("6 points, 4 Pareto-optimal", result.stdout)
        rows = self.read("coexploration.csv")
        self.assertEqual([r["point"] for r in rows], ["000", "001", "002", "003", "004", "005"])
        self.assertEqual([r["pareto"] for r in rows], ["1", "1", "1", "0", "1", "0"])
        self.assertEqual(rows[4]["accuracy_10k_pct"], "80.4900")
        self.assertEqual(rows[4]["family"], "width 0.5")
        self.assertEqual(rows[1]["access_shifts"], "250.0000")   # 500 shift events over 2 inferences
        self.assertEqual(rows[1]["cell_shifts"], "16000.0000")
        self.assertEqual(rows[0]["energy_rtm_uj"], "54.0000")
        front = self.read("pareto_accuracy.csv")
        self.assertEqual([r["point"] for r in front], ["000", "001", "002", "004"])
        with open(os.path.join(self.dir.name, "trends.md")) as f:
            trends = f.read()
        # Ports 1 -> 4: pairs (000, 001) and (004, 005): area 2.5x both, energy 0.667x and 1.2x,
        # shifts 0.25x and 0.2x.
        self.assertIn("| ports | 1 -> 4 | 2 | 2.5 / 2.5 / 2.5 | 0.667 / 0.933 / 1.2 | 0.667 / 0.933 / 1.2 | "
                      "1 / 1 / 1 | 0.2 / 0.225 / 0.25 |", trends)
        self.assertIn("| cells | bit_serial -> word_parallel | 1 |", trends)
        self.assertIn("| w8a8 | 32 x 16 | 1,000 | 250 |", trends)
        self.assertIn("| width 0.5 | w2a2_x05 | 2:2 | 133,740 | 80.49 | 10.00 | P1 N32 T16 M1 bs | 9.00 |", trends)
        for png in ("accuracy_pareto.png", "trends.png"):
            with open(os.path.join(self.dir.name, png), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_bad_input_is_one_line_and_exit_2(self):
        def refused(directory, variants, message):
            result = run(directory, variants)
            self.assertEqual(result.returncode, 2, result.stdout)
            self.assertEqual(result.stderr.strip().count("\n"), 0, result.stderr)
            self.assertIn(message, result.stderr)

        refused(self.dir.name, write(self.dir.name, variants=VARIANTS[:2]), "no row for model w2a2_x05")
        variants = write(self.dir.name)
        os.remove(os.path.join(self.dir.name, "points", "003.json"))
        refused(self.dir.name, variants, "points/003.json")
        refused(os.path.join(self.dir.name, "nowhere"), variants, "sweep.csv")


if __name__ == "__main__":
    unittest.main()
