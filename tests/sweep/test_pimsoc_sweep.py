#!/usr/bin/python3
"""Unit tests of pimsoc-sweep's functions: the Pareto front, the points' order, spec validation,
the figures taken from a stats JSON, the redaction of host times, and the Slurm backend's job
script, result files and array task (pimsoc_sweep_slurm.py) without a cluster.

    /usr/bin/python3 tests/sweep/test_pimsoc_sweep.py
"""

import contextlib
import io
import json
import os
import random
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sim",
                                "sweep"))
import pimsoc_sweep as sweep  # noqa: E402
import pimsoc_sweep_slurm as slurm  # noqa: E402


class ParetoTest(unittest.TestCase):
    def test_empty_and_single(self):
        self.assertEqual(sweep.pareto_front([]), [])
        self.assertEqual(sweep.pareto_front([(3.0, 1.0)]), [0])

    def test_dominance(self):
        self.assertTrue(sweep.dominates((1, 1), (2, 2)))
        self.assertTrue(sweep.dominates((1, 2), (1, 3)))   # better in one, equal in the other
        self.assertFalse(sweep.dominates((1, 2), (1, 2)))  # equal: no dominance
        self.assertFalse(sweep.dominates((1, 3), (2, 2)))  # a trade-off
        self.assertFalse(sweep.dominates((2, 2), (1, 1)))

    def test_two_objectives(self):
        points = [(1, 9), (2, 5), (3, 6), (4, 4), (5, 5), (9, 1), (9, 2)]
        self.assertEqual(sweep.pareto_front(points), [0, 1, 3, 5])

    def test_duplicates_stay_on_the_front(self):
        self.assertEqual(sweep.pareto_front([(1, 1), (1, 1), (2, 2)]), [0, 1])

    def test_three_objectives(self):
        # energy, latency, area: (2, 2, 2) is beaten by (1, 1, 1); the rest trade off.
        points = [(1, 1, 5), (2, 2, 2), (1, 1, 1), (5, 0, 5), (0, 5, 5), (1, 1, 1.5)]
        self.assertEqual(sweep.pareto_front(points), [2, 3, 4])

    def test_constant_objective(self):
        # Same area everywhere (a clock/latency sweep): the front is the best in the others.
        points = [(33.2, 53.9, 25.0), (34.9, 68.8, 25.0), (30.8, 32.2, 25.0), (32.1, 43.4, 25.0)]
        self.assertEqual(sweep.pareto_front(points), [2])

    def test_random_against_definition(self):
        rng = random.Random(1234)
        for _ in range(200):
            n = rng.randint(1, 30)
            points = [tuple(float(rng.randint(0, 6)) for _ in range(3)) for _ in range(n)]
            front = set(sweep.pareto_front(points))
            for i, p in enumerate(points):
                dominated = any(all(a <= b for a, b in zip(q, p)) and q != p for q in points)
                self.assertEqual(i not in front, dominated, (points, i))


class PointsTest(unittest.TestCase):
    def test_product_order(self):
        axes = [("a.x", ["1", "2"]), ("b.y", ["10", "20", "30"])]
        points = sweep.expand_points(axes)
        self.assertEqual(len(points), 6)
        self.assertEqual(points[0], [("a.x", "1"), ("b.y", "10")])
        self.assertEqual(points[1], [("a.x", "1"), ("b.y", "20")])
        self.assertEqual(points[3], [("a.x", "2"), ("b.y", "10")])
        self.assertEqual(sweep.expand_points([]), [[]])

    def test_values(self):
        self.assertEqual(sweep.format_value("k", 50000000), "50000000")
        self.assertEqual(sweep.format_value("k", 0.5), "0.5")
        self.assertEqual(sweep.format_value("k", True), "true")
        self.assertEqual(sweep.format_value("k", "16MiB"), "16MiB")
        for bad in (None, [1], {"a": 1}, "", "a\nb", float("inf")):
            with self.assertRaises(sweep.SpecError):
                sweep.format_value("k", bad)


class SpecTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.elf = os.path.join(self.dir.name, "fw.elf")
        with open(self.elf, "w") as f:
            f.write("x")

    def tearDown(self):
        self.dir.cleanup()

    def parse(self, text):
        return sweep.parse_spec(text, self.dir.name)

    def error(self, text):
        with self.assertRaises(sweep.SpecError) as caught:
            self.parse(text)
        return str(caught.exception)

    def test_valid(self):
        spec = self.parse('{"firmware": "fw.elf", "args": ["--set", "sysctl.arg0=2"],'
                          ' "axes": {"cpu.clock_hz": [1, 2], "mem.main.read_latency_ns": [10]},'
                          ' "metrics": {"acc": "^acc (\\\\d+)$"}, "area_components": ["cpu"]}')
        self.assertEqual(spec["firmware"], self.elf)  # relative to the given directory
        self.assertEqual(spec["axes"], [("cpu.clock_hz", ["1", "2"]),
                                        ("mem.main.read_latency_ns", ["10"])])
        self.assertEqual(spec["metrics"][0][2].search("x\nacc 42\n").group(1), "42")
        self.assertEqual(spec["area_components"], ["cpu"])

    def test_firmware_args_come_last_after_the_separator(self):
        spec = self.parse('{"firmware": "fw.elf", "args": ["--image", "d.bin@0x60000000"],'
                          ' "firmware_args": ["--images", "5", "--engine", "rtm"], "axes": {"cpu.clock_hz": [1]}}')
        self.assertEqual(sweep.point_command("pimsoc", spec, [("cpu.clock_hz", "1")], "s.json"),
                         ["pimsoc", "run", self.elf, "--image", "d.bin@0x60000000", "--set", "cpu.clock_hz=1",
                          "--quiet", "--stats", "s.json", "--", "--images", "5", "--engine", "rtm"])
        plain = self.parse('{"firmware": "fw.elf", "axes": {}}')
        self.assertNotIn("--", sweep.point_command("pimsoc", plain, [], "s.json"))
        self.assertIn("put the firmware's arguments in firmware_args",
                      self.error('{"firmware": "fw.elf", "args": ["--", "--images", "5"], "axes": {}}'))
        self.assertIn("firmware_args: must be a list of strings",
                      self.error('{"firmware": "fw.elf", "firmware_args": "--images 5", "axes": {}}'))

    def test_firmware_option_axes_go_after_firmware_args(self):
        spec = self.parse('{"firmware": "fw.elf", "firmware_args": ["--images", "5"],'
                          ' "axes": {"cpu.clock_hz": [1], "--model": ["w1a1", "w8a8"]}}')
        self.assertEqual(spec["axes"], [("cpu.clock_hz", ["1"]), ("--model", ["w1a1", "w8a8"])])
        point = [("cpu.clock_hz", "1"), ("--model", "w1a1")]
        self.assertEqual(sweep.point_command("pimsoc", spec, point, "s.json"),
                         ["pimsoc", "run", self.elf, "--set", "cpu.clock_hz=1", "--quiet", "--stats", "s.json",
                          "--", "--images", "5", "--model", "w1a1"])
        self.assertEqual(sweep.settings_text(point), "--set cpu.clock_hz=1 --model w1a1")
        alone = self.parse('{"firmware": "fw.elf", "axes": {"--model": ["w2a2"]}}')
        self.assertEqual(sweep.point_command("pimsoc", alone, [("--model", "w2a2")], "s.json")[-3:],
                         ["--", "--model", "w2a2"])
        self.assertIn("'--model' is also in firmware_args",
                      self.error('{"firmware": "fw.elf", "firmware_args": ["--model", "w1a1"],'
                                 ' "axes": {"--model": ["w2a2"]}}'))
        self.assertIn("'-model' is not a parameter key",
                      self.error('{"firmware": "fw.elf", "axes": {"-model": ["w2a2"]}}'))

    def test_errors_name_the_key(self):
        ok_axes = '"axes": {"cpu.clock_hz": [1]}'
        cases = [
            ('{"firmware": "fw.elf", ' + ok_axes + ', "axis": {}}', "unknown key 'axis'"),
            ('{"firmware": "fw.elf", "axes": {"cpu.clock_hz": []}}', "'cpu.clock_hz': empty axis"),
            ('{"firmware": "nope.elf", ' + ok_axes + '}', "firmware: 'nope.elf' not found"),
            ('{' + ok_axes + '}', "firmware: missing"),
            ('{"firmware": "fw.elf"}', "axes: missing"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "metrics": {"m": "(["}}', "'m': bad regex"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "metrics": {"m": "x"}}', "'m': the regex has no group"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "metrics": {"error": "(x)"}}', "'error' is the name"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "metrics": {"energy_x_pj": "(x)"}}', "'energy_x_pj'"),
            ('{"firmware": "fw.elf", "axes": {"cpu.clock_hz": [1, 1]}}', "value 1 appears twice"),
            ('{"firmware": "fw.elf", "axes": {"cpu.clock_hz": 5}}', "'cpu.clock_hz': must be a list"),
            ('{"firmware": "fw.elf", "axes": {"clock": [5]}}', "'clock' is not a parameter key"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "args": ["--stats", "x.json"]}', "'--stats'"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "args": ["--set", "cpu.clock_hz=3"]}',
             "sets the axis 'cpu.clock_hz'"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "args": [1]}', "args: must be a list of strings"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "area_components": []}', "area_components"),
            ('{"firmware": "fw.elf", ' + ok_axes + ', "firmware": "fw.elf"}', "duplicate key 'firmware'"),
            ('{"firmware": "fw.elf", ', "not valid JSON"),
            ('[1]', "must be a JSON object"),
        ]
        for text, needle in cases:
            with self.subTest(text=text):
                self.assertIn(needle, self.error(text))


def stats(inferences=2):
    comp = lambda name, energy, area: {"name": name, "total_energy_pj": energy, "area_um2": area}
    run = {"elapsed_ns": 1000.0,
           "components": [comp("cpu", 600.0, 30.0), comp("main_memory", 400.0, 70.0)],
           "total": {"total_energy_pj": 1000.0, "area_um2": 100.0}}
    region = {"id": 1, "occurrences": inferences, "elapsed_ns": 800.0,
              "components": [comp("cpu", 500.0, 30.0), comp("main_memory", 300.0, 70.0)],
              "total": {"total_energy_pj": 800.0}}
    return {"schema": "pimsoc-stats-1", "run": run, "inference_region_id": 1,
            "inferences": inferences,
            "energy_per_inference_pj": 800.0 / inferences if inferences else 0,
            "latency_per_inference_ns": 400.0 if inferences else 0,
            "regions": [region] if inferences else []}


class StatsTest(unittest.TestCase):
    def test_per_inference_from_region_1(self):
        f = sweep.stats_figures(stats(2), None)
        self.assertEqual(f["inferences"], 2)
        self.assertEqual(f["energy_per_inference_pj"], 400.0)
        self.assertEqual(f["latency_per_inference_ns"], 400.0)
        self.assertEqual(f["components"], [("cpu", 250.0), ("main_memory", 150.0)])
        self.assertEqual(f["area_um2"], 100.0)
        self.assertEqual(f["elapsed_ns"], 1000.0)

    def test_run_totals_without_inferences(self):
        f = sweep.stats_figures(stats(0), None)
        self.assertEqual(f["inferences"], 0)
        self.assertEqual(f["energy_per_inference_pj"], 1000.0)
        self.assertEqual(f["latency_per_inference_ns"], 1000.0)
        self.assertEqual(f["components"], [("cpu", 600.0), ("main_memory", 400.0)])

    def test_area_components(self):
        self.assertEqual(sweep.stats_figures(stats(), ["main_memory"])["area_um2"], 70.0)
        with self.assertRaisesRegex(ValueError, "no component 'rtm'"):
            sweep.stats_figures(stats(), ["rtm"])

    def test_bad_stats(self):
        with self.assertRaisesRegex(ValueError, "not a pimsoc-stats-1"):
            sweep.stats_figures({"schema": "other"}, None)
        broken = stats()
        del broken["run"]["total"]
        with self.assertRaisesRegex(ValueError, "missing or malformed"):
            sweep.stats_figures(broken, None)

    def test_rounding(self):
        s = stats(3)
        f = sweep.stats_figures(s, None)
        self.assertEqual(sweep.fmt3(f["components"][0][1]), "166.667")
        self.assertEqual(sweep.fmt3(-0.0001), "0.000")


class StderrTest(unittest.TestCase):
    def test_tail_and_host_time_redaction(self):
        text = ("a\n\nb\npimsoc: time limit: time limit of 1 ms reached\n"
                "pimsoc: simulated 0.001000000 s, 54404 instructions, 100000 cycles busy, "
                "0 asleep, host 0.012 s, 101.4 MIPS\n")
        tail = sweep.stderr_tail(text)
        self.assertEqual(tail, "b | pimsoc: time limit: time limit of 1 ms reached | pimsoc: "
                         "simulated 0.001000000 s, 54404 instructions, 100000 cycles busy, "
                         "0 asleep, host - s, - MIPS")

    def test_exit_description(self):
        self.assertEqual(sweep.describe_exit(2), "exit code 2")
        self.assertEqual(sweep.describe_exit(-11), "killed by signal SIGSEGV")


class SlurmTest(unittest.TestCase):
    """The Slurm backend's pieces that need no cluster (tests/sweep/check_sweep.py slurm runs
    the rest on a real one)."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.out = self.dir.name
        os.makedirs(os.path.join(self.out, "points"))

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, value):
        with open(os.path.join(self.out, "points", name), "w", encoding="utf-8") as f:
            f.write(value if isinstance(value, str) else json.dumps(value))

    def result(self, point, exit_code):
        self.write(point + ".result", {"schema": slurm.RESULT_SCHEMA, "point": point,
                                       "exit_code": exit_code})

    def test_array_ranges(self):
        self.assertEqual(slurm.array_ranges([0, 1, 2, 3]), "0-3")
        self.assertEqual(slurm.array_ranges([7, 0, 1, 2, 5, 8]), "0-2,5,7-8")
        self.assertEqual(slurm.array_ranges([4]), "4")
        for ids in ([0, 1, 2, 5, 7, 8], [3], list(range(12))):
            self.assertEqual(slurm.array_ids(slurm.array_ranges(ids)), set(ids))

    def test_job_script(self):
        state = {"out": "/data/my sweep", "names": ["000", "001", "002"], "spec_path": "/s.json",
                 "spec_name": "s", "cwd": "/work"}
        options = {"partition": "short", "account": "proj1", "time": "00:10:00",
                   "sbatch_args": ["--qos=low", "--mem=2G"], "throttle": 2,
                   "python": "/usr/bin/python3", "sweep_script": "/b/pimsoc-sweep"}
        script = slurm.job_script(state, [0, 2], options)
        lines = script.splitlines()
        self.assertEqual(lines[0], "#!/bin/bash")
        for line in ("#SBATCH --array=0,2%2", "#SBATCH --partition=short",
                     "#SBATCH --account=proj1", "#SBATCH --time=00:10:00", "#SBATCH --qos=low",
                     "#SBATCH --mem=2G", "#SBATCH --chdir=/work", "#SBATCH --ntasks=1",
                     '#SBATCH "--output=/data/my sweep/points/%3a.slurm"'):
            self.assertIn(line, lines)
        self.assertEqual(lines[-1], "exec /usr/bin/python3 /b/pimsoc-sweep run-point "
                         "'/data/my sweep' \"$SLURM_ARRAY_TASK_ID\"")
        plain = slurm.job_script(state, [1], dict(options, partition=None, account=None,
                                                  time=None, sbatch_args=[], throttle=None))
        self.assertIn("#SBATCH --array=1\n", plain)
        self.assertNotIn("--partition", plain)
        self.assertNotIn("--account", plain)

    def test_valid_results(self):
        stats_json = {"schema": "pimsoc-stats-1"}
        self.result("000", 0)
        self.write("000.json", stats_json)            # ran, stats there: valid
        self.result("001", 2)                         # pimsoc rejected the point: valid
        self.result("002", -15)                       # killed by SIGTERM (time limit): rerun
        self.result("003", 0)                         # exit 0 without stats: rerun
        self.write("004.result", '{"schema": "pimsoc-')   # truncated: rerun
        self.result("005", 0)
        self.write("005.json", "{not json")          # exit 0, broken stats: rerun
        self.write("006.result", {"schema": slurm.RESULT_SCHEMA, "point": "000", "exit_code": 0})
        self.write("006.json", stats_json)            # another point's record: rerun
        valid = [name for name in ("000", "001", "002", "003", "004", "005", "006", "007")
                 if slurm.has_valid_result(self.out, name)]
        self.assertEqual(valid, ["000", "001"])
        self.assertEqual(slurm.read_result(self.out, "007"), (None, "no result file"))
        self.assertIn("not valid JSON", slurm.read_result(self.out, "004")[1])
        self.assertIn("not a pimsoc-sweep-result-1 record of point 006",
                      slurm.read_result(self.out, "006")[1])

    def test_state_errors(self):
        with self.assertRaises(slurm.SlurmError) as caught:
            slurm.load_state(self.out)
        self.assertIn("no Slurm submission", str(caught.exception))
        os.makedirs(os.path.join(self.out, "slurm"))
        with open(slurm.state_path(self.out), "w") as f:
            f.write('{"schema": "other"}')
        with self.assertRaises(slurm.SlurmError) as caught:
            slurm.load_state(self.out)
        self.assertIn("not a pimsoc-sweep-slurm-1 file", str(caught.exception))
        with open(slurm.state_path(self.out), "w") as f:
            f.write('{"schema": "pimsoc-sweep-slurm-1", "names": []}')
        with self.assertRaises(slurm.SlurmError) as caught:
            slurm.load_state(self.out)
        self.assertIn("incomplete, no 'spec_path'", str(caught.exception))

    def test_run_point_writes_the_result_last(self):
        os.makedirs(os.path.join(self.out, "slurm"))
        script = ("import sys; open(sys.argv[1], 'w').write('{}'); "
                  "print('hello'); print('oops', file=sys.stderr); sys.exit(3)")
        stats_path = os.path.join(self.out, "points", "000.json")
        state = {key: None for key in slurm.STATE_KEYS}
        state.update({"schema": slurm.STATE_SCHEMA, "names": ["000"], "cwd": self.out,
                      "commands": [[sys.executable, "-c", script, stats_path]]})
        slurm.save_state(self.out, state)
        self.result("000", -9)  # a previous attempt's record is replaced
        with contextlib.redirect_stdout(io.StringIO()) as stdout:
            self.assertEqual(slurm.run_point(self.out, "0"), 0)
        self.assertIn("point 000 on ", stdout.getvalue())  # into the task's Slurm output
        record, why = slurm.read_result(self.out, "000")
        self.assertEqual((record["exit_code"], why), (3, ""))
        with open(os.path.join(self.out, "points", "000.out")) as f:
            self.assertEqual(f.read(), "hello\n")
        with open(os.path.join(self.out, "points", "000.err")) as f:
            self.assertEqual(f.read(), "oops\n")
        self.assertTrue(slurm.has_valid_result(self.out, "000"))
        with contextlib.redirect_stderr(io.StringIO()) as stderr:
            self.assertEqual(slurm.run_point(self.out, "1"), 1)
        self.assertIn("point index 1 is not one of the 1 points", stderr.getvalue())

    def test_slurm_options_need_the_slurm_backend(self):
        for option in (["--resume"], ["--no-wait"], ["--partition", "p"], ["--account", "a"],
                       ["--time", "1:00"], ["--sbatch-arg=--qos=x"]):
            with self.subTest(option=option), self.assertRaises(SystemExit) as caught, \
                    contextlib.redirect_stderr(io.StringIO()) as stderr:
                sweep.parse_args(["spec.json"] + option)
            self.assertEqual(caught.exception.code, 2)
            self.assertIn("only with --backend slurm", stderr.getvalue())
        args = sweep.parse_args(["spec.json", "--backend", "slurm", "--partition", "p",
                                 "--sbatch-arg=--qos=x", "--sbatch-arg=--mem=1G"])
        self.assertEqual((args.partition, args.sbatch_arg, args.jobs), ("p", ["--qos=x", "--mem=1G"], None))


if __name__ == "__main__":
    unittest.main(verbosity=2)
