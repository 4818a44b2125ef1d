#!/usr/bin/python3
"""sim/sweep/examples/reram_accuracy_summary.py on a small sweep.csv: groups by the axes other than
sim.seed, mean / sd / min / max of the accuracy, failed points left out; bad input exits 2. Then
reram_accuracy_plot.py on the summaries it prints (a PNG is written; bad input exits 2), and the
usage checks of tests/bench/reram_sweeps.sh and reram_accuracy.sh (exit 2 before running anything)."""

import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SCRIPT = os.path.join(ROOT, "sim", "sweep", "examples", "reram_accuracy_summary.py")
PLOT = os.path.join(ROOT, "sim", "sweep", "examples", "reram_accuracy_plot.py")
HEADER = ("point,reram.cell_bits,sim.seed,status,exit_code,inferences,latency_per_inference_ns,"
          "energy_per_inference_pj,accuracy_pct,reram_energy_pj_per_inference,error\n")
ROWS = ["000,1,1,ok,0,2,100,10,11.0,5,\n", "001,1,2,ok,0,2,200,20,33.1,6,\n", "002,1,3,ok,0,2,300,30,52.4,7,\n",
        "003,2,1,ok,0,2,100,10,86.2,5,\n", "004,2,2,failed,1,0,,,,,boom\n"]


STUCK_HEADER = HEADER.replace("reram.cell_bits", "reram.stuck_on_rate,reram.stuck_off_rate")
STUCK_ROWS = ["000,0,0,1,ok,0,2,100,10,86.0,5,\n", "001,0,0,2,ok,0,2,100,10,84.0,5,\n",
              "002,0.001,0,1,ok,0,2,100,10,60.0,5,\n", "003,0.001,0,2,ok,0,2,100,10,50.0,5,\n",
              "004,0,0.09,1,ok,0,2,100,10,70.0,5,\n", "005,0.001,0.09,1,ok,0,2,100,10,30.0,5,\n"]


def run(text):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "sweep.csv")
        with open(path, "w") as f:
            f.write(text)
        return subprocess.run([sys.executable, SCRIPT, path], capture_output=True, text=True)


def plot(summaries, *extra):
    """reram_accuracy_plot.py on {name: summary text}; (result, bytes of the PNG or None)."""
    with tempfile.TemporaryDirectory() as d:
        args = []
        for name, text in summaries.items():
            path = os.path.join(d, f"{name}.csv")
            with open(path, "w") as f:
                f.write(text)
            args.append(f"{name}={path}")
        png = os.path.join(d, "sweeps.png")
        r = subprocess.run([sys.executable, PLOT, "--ideal", "90.1", "--images", "2", "--out", png, *extra, *args],
                           capture_output=True, text=True)
        if not os.path.exists(png):
            return r, None
        with open(png, "rb") as f:
            return r, f.read()


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



class Plot(unittest.TestCase):
    def test_one_panel_column_per_sweep_is_written(self):
        cells, stuck = run(HEADER + "".join(ROWS)), run(STUCK_HEADER + "".join(STUCK_ROWS))
        self.assertEqual((cells.returncode, stuck.returncode), (0, 0), cells.stderr + stuck.stderr)
        # two axes: grouped by both, the seeds of (0, 0) and (0.001, 0) averaged
        self.assertEqual(stuck.stdout.splitlines()[1:3], ["0,0,2,85.00,1.41,84.00,86.00,100.0,10.0,5.0",
                                                          "0.001,0,2,55.00,7.07,50.00,60.00,100.0,10.0,5.0"])
        r, png = plot({"cell_bits": cells.stdout, "stuck_at": stuck.stdout},
                      "--baseline-from", "cell_bits:reram.cell_bits=2", "--baseline-at", "reram.stuck_on_rate=0")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(png and png.startswith(b"\x89PNG"), "no PNG written")

    def test_the_five_sweeps_with_a_fixed_second_axis_and_both_stuck_at_baselines(self):
        # the cell-bits sweep runs on 4 tiles (a second axis with one value: one line), the stuck-at
        # sweeps vary one rate each; the baseline is drawn at both rates' 0 and at 8 ADC bits
        tiles = run(HEADER.replace("reram.cell_bits", "reram.cell_bits,reram.tiles")
                    + "".join(",".join(r.split(",")[:2] + ["4"] + r.split(",")[2:]) for r in ROWS))
        self.assertEqual(tiles.returncode, 0, tiles.stderr)
        self.assertEqual(tiles.stdout.splitlines()[:2], ["reram.cell_bits,reram.tiles,seeds,accuracy_mean_pct,"
                                                         "accuracy_sd_pct,accuracy_min_pct,accuracy_max_pct,"
                                                         "latency_per_inference_ns,energy_per_inference_pj,"
                                                         "reram_energy_pj_per_inference",
                                                         "1,4,3,32.17,20.72,11.00,52.40,200.0,20.0,6.0"])
        one_rate = HEADER.replace("reram.cell_bits", "reram.stuck_off_rate")
        off = run(one_rate + "000,0.01,1,ok,0,2,100,10,85.0,5,\n001,0.09,1,ok,0,2,100,10,84.0,5,\n")
        on = run(one_rate.replace("off", "on") + "000,0.0001,1,ok,0,2,100,10,85.0,5,\n001,0.02,1,ok,0,2,100,10,12.0,5,\n")
        adc = run(HEADER.replace("reram.cell_bits", "reram.adc_bits") + "000,4,1,ok,0,2,100,10,11.0,5,\n")
        sigma = run(HEADER.replace("reram.cell_bits", "reram.programming_sigma")
                    + "000,0,1,ok,0,2,100,10,86.0,5,\n001,0.05,1,ok,0,2,100,10,86.1,5,\n")
        self.assertEqual([x.returncode for x in (off, on, adc, sigma)], [0] * 4)
        r, png = plot({"variation": sigma.stdout, "stuck_on": on.stdout, "stuck_off": off.stdout, "adc_bits": adc.stdout,
                       "cell_bits": tiles.stdout},
                      "--baseline-from", "variation:reram.programming_sigma=0.05", "--baseline-at", "reram.adc_bits=8",
                      "--baseline-at", "reram.stuck_on_rate=0", "--baseline-at", "reram.stuck_off_rate=0")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(png and png.startswith(b"\x89PNG"), "no PNG written")

    def test_bad_input_exits_2_with_one_line(self):
        for summaries, extra, message in [
                ({"x": "seeds,accuracy_mean_pct\n3,50\n"}, (), "not a reram_accuracy_summary.py output"),
                ({"x": run(HEADER + "".join(ROWS)).stdout.replace("86.20,0.00", "high,0.00")}, (), "non-numeric"),
                ({}, ("nosep",), "'nosep' is not NAME=SUMMARY_CSV"),
                ({"x": run(HEADER + "".join(ROWS)).stdout}, ("--baseline-from", "x:reram.cell_bits=3"),
                 "no sweep 'x' with a row reram.cell_bits = 3"),
                ({"x": run(HEADER + "".join(ROWS)).stdout}, ("--baseline-at", "reram.cell_bits=two"),
                 "'reram.cell_bits=two' is not KEY=NUMBER")]:
            r, png = plot(summaries, *extra)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(message, r.stderr)
            self.assertEqual(len(r.stderr.splitlines()), 1)
            self.assertIsNone(png)


class BenchScripts(unittest.TestCase):
    def test_usage_errors_exit_2_before_running(self):
        env = dict(os.environ, SPECS="variation bogus")
        r = subprocess.run(["bash", "tests/bench/reram_sweeps.sh", "no-such-build", "out"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("no sweep 'bogus'", r.stderr)
        r = subprocess.run(["bash", "tests/bench/reram_accuracy.sh", "no-such-build", "10"], cwd=ROOT,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("no-such-build/bin/pimsoc missing", r.stderr)


if __name__ == "__main__":
    unittest.main()
