#!/usr/bin/python3
"""sim/sweep/examples/reram_accuracy_summary.py on a small sweep.csv: groups by the axes other than
sim.seed, mean / sd / min / max of the accuracy, failed points left out; bad input exits 2."""

import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sim", "sweep", "examples",
                      "reram_accuracy_summary.py")
HEADER = ("point,reram.cell_bits,sim.seed,status,exit_code,inferences,latency_per_inference_ns,"
          "energy_per_inference_pj,accuracy_pct,reram_energy_pj_per_inference,error\n")
ROWS = ["000,1,1,ok,0,2,100,10,11.0,5,\n", "001,1,2,ok,0,2,200,20,33.1,6,\n", "002,1,3,ok,0,2,300,30,52.4,7,\n",
        "003,2,1,ok,0,2,100,10,86.2,5,\n", "004,2,2,failed,1,0,,,,,boom\n"]


def run(text):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "sweep.csv")
        with open(path, "w") as f:
            f.write(text)
        return subprocess.run([sys.executable, SCRIPT, path], capture_output=True, text=True)


class Summary(unittest.TestCase):
    def test_mean_and_spread_over_seeds(self):
        r = run(HEADER + "".join(ROWS))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(",")[:3], ["reram.cell_bits", "seeds", "accuracy_mean_pct"])
        self.assertEqual(lines[1], "1,3,32.17,20.72,11.00,52.40,200.0,20.0,6.0")
        self.assertEqual(lines[2], "2,1,86.20,0.00,86.20,86.20,100.0,10.0,5.0")  # the failed seed is left out
        self.assertEqual(len(lines), 3)

    def test_bad_input_exits_2_with_one_line(self):
        r = run(HEADER.replace("sim.seed", "seed") + ROWS[0])
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a sweep.csv with a sim.seed axis", r.stderr)
        self.assertEqual(len(r.stderr.splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
