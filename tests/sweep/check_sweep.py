#!/usr/bin/python3
"""End-to-end checks of pimsoc-sweep (tests/sweep/CMakeLists.txt runs one CHECK per ctest test).

    check_sweep.py CHECK --sweep PIMSOC_SWEEP --pimsoc PIMSOC --firmware-dir DIR --blob BLOB

Each check writes its specs and sweeps into a fresh temporary directory, runs the installed
pimsoc-sweep on real pimsoc runs, and exits non-zero with a message on the first failed
expectation.
"""

import argparse
import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ACCURACY = r"^accuracy: \d+ / \d+ = ([0-9.]+) %$"
# A PYTHONPATH entry whose sitecustomize hides matplotlib from a Python process.
HIDE_MATPLOTLIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hide_matplotlib")


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def have_matplotlib():
    try:
        return importlib.util.find_spec("matplotlib") is not None
    except ImportError:  # hidden by an import hook (tests/sweep/hide_matplotlib)
        return False


def write_spec(directory, name, spec):
    path = os.path.join(directory, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
    return path


def run_sweep(opts, spec_path, *extra, without_matplotlib=False, cwd=None):
    command = [opts.sweep, spec_path, *extra]
    env = dict(os.environ, PYTHONPATH=HIDE_MATPLOTLIB) if without_matplotlib else None
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env)
    print(f"$ {' '.join(command)}\n  exit {result.returncode}")
    for line in result.stderr.splitlines():
        print(f"  stderr: {line}")
    return result


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    return header, rows


def cnn_spec(opts, axes, images=2, metrics=None):
    return {
        "firmware": os.path.join(opts.firmware_dir, "cnn_fmnist.elf"),
        "args": ["--image", f"{opts.blob}@0x60000000"],
        "firmware_args": ["--images", str(images)],
        "axes": axes,
        "metrics": {"accuracy_pct": ACCURACY} if metrics is None else metrics,
        "area_components": None,
    }


CPU_MEMORY_AXES = {"cpu.clock_hz": [50000000, 100000000], "mem.main.read_latency_ns": [10, 40]}


def objectives(row):
    return (float(row["energy_per_inference_pj"]), float(row["latency_per_inference_ns"]),
            float(row["area_um2"]))


def dominates(a, b):
    return all(x <= y for x, y in zip(a, b)) and any(x < y for x, y in zip(a, b))


def check_pareto_file(out, rows):
    """pareto.csv: non-empty, its rows are rows of sweep.csv, none is dominated by any successful
    point, and every successful point left out is dominated by one."""
    header, pareto = read_csv(os.path.join(out, "pareto.csv"))
    ok = [r for r in rows if r["status"] == "ok"]
    expect(pareto, "pareto.csv has no rows")
    by_point = {r["point"]: r for r in rows}
    for p in pareto:
        expect(by_point.get(p["point"]) == p, f"pareto.csv row {p['point']} differs from sweep.csv")
        expect(p["status"] == "ok", f"pareto.csv lists the failed point {p['point']}")
        for other in ok:
            expect(not dominates(objectives(other), objectives(p)),
                   f"Pareto point {p['point']} is dominated by point {other['point']}")
    names = {p["point"] for p in pareto}
    for r in ok:
        if r["point"] not in names:
            expect(any(dominates(objectives(o), objectives(r)) for o in ok),
                   f"point {r['point']} is dominated by none but not in pareto.csv")
    return pareto


def check_png(out, result):
    """sweep.png is a PNG. matplotlib is a test dependency (setup.sh installs python3-matplotlib):
    without it this check fails rather than skip the plot (the sweep's own behaviour without
    matplotlib is check_no_matplotlib's)."""
    expect(have_matplotlib(),
           "matplotlib is not installed (python3-matplotlib: run ./setup.sh): the plot cannot be checked")
    png = os.path.join(out, "sweep.png")
    expect(os.path.isfile(png), "matplotlib is installed but sweep.png was not written")
    with open(png, "rb") as f:
        expect(f.read(8) == PNG_MAGIC, "sweep.png does not start with the PNG signature")
    print("  sweep.png is a PNG")


# ---------------------------------------------------------------------------------------------


def check_real(opts, tmp):
    """The 2x2 sweep: four successful points, the figures behave as the parameters say."""
    spec = write_spec(tmp, "cpu_memory", cnn_spec(opts, CPU_MEMORY_AXES))
    out = os.path.join(tmp, "out")
    result = run_sweep(opts, spec, "--jobs", "2", "--out", out)  # pimsoc found next to the script
    expect(result.returncode == 0, f"exit code {result.returncode}, expected 0")
    header, rows = read_csv(os.path.join(out, "sweep.csv"))
    expect(len(rows) == 4, f"{len(rows)} rows in sweep.csv, expected 4")
    for column in ("point", "cpu.clock_hz", "mem.main.read_latency_ns", "status", "exit_code",
                   "inferences", "latency_per_inference_ns", "energy_per_inference_pj",
                   "energy_cpu_pj", "energy_main_memory_pj", "area_um2", "elapsed_ns",
                   "accuracy_pct", "error"):
        expect(column in header, f"sweep.csv has no column {column}")
    expect(header.index("cpu.clock_hz") < header.index("mem.main.read_latency_ns")
           < header.index("exit_code") < header.index("latency_per_inference_ns"),
           "columns not in the documented order")
    order = [(r["cpu.clock_hz"], r["mem.main.read_latency_ns"]) for r in rows]
    expect(order == [("50000000", "10"), ("50000000", "40"), ("100000000", "10"),
                     ("100000000", "40")], f"points not in Cartesian product order: {order}")
    expect([r["point"] for r in rows] == ["000", "001", "002", "003"], "point numbers")
    component_columns = [c for c in header if re.fullmatch(r"energy_.+_pj", c)
                         and c != "energy_per_inference_pj"]
    for r in rows:
        expect(r["status"] == "ok" and r["exit_code"] == "0" and r["error"] == "",
               f"point {r['point']} not ok: {r['status']} {r['exit_code']} {r['error']}")
        expect(r["inferences"] == "2", f"point {r['point']}: {r['inferences']} inferences")
        energy = float(r["energy_per_inference_pj"])
        expect(energy > 0, f"point {r['point']}: energy per inference {energy}")
        parts = 0.0
        for c in component_columns:
            # The CPU engine never touches the accelerators: power-gated, exactly 0 (docs/models/command_device.md).
            gated = c in ("energy_rtm_pj", "energy_mram_pj", "energy_reram_pj")
            expect(float(r[c]) == 0 if gated else float(r[c]) > 0,
                   f"point {r['point']}: {c} = {r[c]} is not {'0 (power-gated)' if gated else 'positive'}")
            parts += float(r[c])
        expect(abs(parts - energy) <= 1e-6 * energy + 0.01 * len(component_columns),
               f"point {r['point']}: components sum to {parts} pJ, per inference {energy} pJ")
        expect(float(r["area_um2"]) > 0, f"point {r['point']}: area {r['area_um2']}")
        expect(float(r["elapsed_ns"]) > 2 * float(r["latency_per_inference_ns"]),
               f"point {r['point']}: elapsed {r['elapsed_ns']} not above 2 inferences")
        accuracy = float(r["accuracy_pct"])
        expect(0 <= accuracy <= 100, f"point {r['point']}: accuracy {accuracy}")
        with open(os.path.join(out, "points", r["point"] + ".json"), encoding="utf-8") as f:
            stats = json.load(f)
        expect(stats["schema"] == "pimsoc-stats-1", "points/NNN.json is not a stats file")
        expect(r["latency_per_inference_ns"] == f"{stats['latency_per_inference_ns']:.3f}"
               and r["energy_per_inference_pj"] == f"{stats['energy_per_inference_pj']:.3f}",
               f"point {r['point']}: CSV figures differ from points/{r['point']}.json")
    lat = {(r["cpu.clock_hz"], r["mem.main.read_latency_ns"]): float(r["latency_per_inference_ns"])
           for r in rows}
    for mem in ("10", "40"):
        expect(lat[("50000000", mem)] > lat[("100000000", mem)],
               f"latency not larger at 50 MHz than at 100 MHz (read latency {mem} ns)")
    for clock in ("50000000", "100000000"):
        expect(lat[(clock, "40")] > lat[(clock, "10")],
               f"latency not larger with 40 ns than 10 ns memory at {clock} Hz")
    pareto = check_pareto_file(out, rows)
    print(f"  {len(rows)} points ok, Pareto-optimal: {[p['point'] for p in pareto]}")
    check_png(out, result)
    with open(os.path.join(out, "sweep.log"), encoding="utf-8") as f:
        log = f.read()
    expect(len(re.findall(r"^point \d{3} ok: exit 0, host [0-9.]+ s", log, re.M)) == 4,
           "sweep.log lacks a host time line per point")


def check_deterministic(opts, tmp):
    """The same spec twice (with different --jobs) gives byte-identical CSVs, failed points
    included: a time-limit failure's stderr has host times, which the CSV must not carry."""
    axes = {"cpu.clock_hz": [50000000, 100000000], "run.max_time_ns": [1000000, 10000000000]}
    spec = write_spec(tmp, "det", cnn_spec(opts, axes))
    outputs = []
    for jobs, out in (("2", os.path.join(tmp, "a")), ("1", os.path.join(tmp, "b"))):
        result = run_sweep(opts, spec, "--jobs", jobs, "--out", out, "--pimsoc", opts.pimsoc)
        expect(result.returncode == 1, f"exit code {result.returncode}, expected 1 (2 time limits)")
        files = []
        for name in ("sweep.csv", "pareto.csv"):
            with open(os.path.join(out, name), "rb") as f:
                files.append(f.read())
        outputs.append(files)
    expect(outputs[0][0] == outputs[1][0], "sweep.csv differs between two runs of the same spec")
    expect(outputs[0][1] == outputs[1][1], "pareto.csv differs between two runs of the same spec")
    header, rows = read_csv(os.path.join(tmp, "a", "sweep.csv"))
    failed = [r for r in rows if r["status"] == "failed"]
    expect(len(failed) == 2 and all(r["exit_code"] == "124" for r in failed),
           f"expected the two 1 ms points to fail with 124: {[(r['point'], r['exit_code']) for r in failed]}")
    for r in failed:
        expect("time limit" in r["error"], f"point {r['point']}: error '{r['error']}'")
        expect(not re.search(r"host [0-9]", r["error"]), f"host time in the CSV: {r['error']}")
    print(f"  sweep.csv identical ({len(outputs[0][0])} bytes), time-limit errors without host times")


BAD_SPECS = {
    # name: (spec change, text the one-line message must contain)
    "unknown_key": (lambda s: s.update(bogus_key=1), "'bogus_key'"),
    "empty_axis": (lambda s: s["axes"].update({"mem.main.read_latency_ns": []}),
                   "'mem.main.read_latency_ns'"),
    "missing_firmware": (lambda s: s.update(firmware="no/such/firmware.elf"),
                         "no/such/firmware.elf"),
    "bad_regex": (lambda s: s["metrics"].update(broken="([0-9]+"), "'broken'"),
    "regex_without_group": (lambda s: s["metrics"].update(nogroup="accuracy"), "'nogroup'"),
    "unknown_parameter": (lambda s: s["axes"].update({"cpu.clock_hzz": [1]}), "'cpu.clock_hzz'"),
}


def check_bad_spec(opts, tmp, kind):
    change, needle = BAD_SPECS[kind]
    spec = cnn_spec(opts, {k: list(v) for k, v in CPU_MEMORY_AXES.items()})
    change(spec)
    path = write_spec(tmp, kind, spec)
    out = os.path.join(tmp, "out")
    result = run_sweep(opts, path, "--out", out, "--pimsoc", opts.pimsoc)
    expect(result.returncode == 2, f"exit code {result.returncode}, expected 2")
    lines = result.stderr.splitlines()
    expect(len(lines) == 1, f"{len(lines)} lines on stderr, expected one")
    expect(needle in lines[0], f"the message does not name {needle}: {lines[0]}")
    expect(result.stdout == "", "output on stdout")
    expect(not os.path.exists(out), "the output directory was created for a bad spec")


def check_failed_point(opts, tmp):
    """A value the simulator rejects fails its points; the others complete; exit 1."""
    axes = {"mem.main.size_bytes": [0, 16777216], "cpu.clock_hz": [50000000, 100000000]}
    spec = write_spec(tmp, "fail", cnn_spec(opts, axes))
    out = os.path.join(tmp, "out")
    result = run_sweep(opts, spec, "--jobs", "2", "--out", out, "--pimsoc", opts.pimsoc)
    expect(result.returncode == 1, f"exit code {result.returncode}, expected 1")
    header, rows = read_csv(os.path.join(out, "sweep.csv"))
    expect(len(rows) == 4, f"{len(rows)} rows, expected 4")
    for r in rows:
        if r["mem.main.size_bytes"] == "0":
            expect(r["status"] == "failed" and r["exit_code"] == "2",
                   f"point {r['point']} (size 0): {r['status']}, exit {r['exit_code']}")
            expect("size_bytes must not be 0" in r["error"],
                   f"point {r['point']}: the error lacks pimsoc's message: '{r['error']}'")
            expect(r["latency_per_inference_ns"] == "" and r["energy_per_inference_pj"] == "",
                   f"point {r['point']}: figures filled in for a failed point")
            expect(f"point {r['point']} failed" in result.stderr,
                   f"point {r['point']}'s failure not reported on stderr")
        else:
            expect(r["status"] == "ok" and r["exit_code"] == "0"
                   and float(r["energy_per_inference_pj"]) > 0 and r["accuracy_pct"] != "",
                   f"point {r['point']} (size 16 MiB) did not complete: {r}")
    with open(os.path.join(out, "sweep.log"), encoding="utf-8") as f:
        log = f.read()
    expect(re.search(r"^point 000 stderr: .*size_bytes must not be 0", log, re.M),
           "sweep.log lacks the failed point's stderr")
    check_pareto_file(out, rows)
    check_png(out, result)


def check_missing_metric(opts, tmp):
    """A run that exits 0 but does not print a metric is a failed point (exit code 0 kept)."""
    # Under 40 ms per inference: true at 100 MHz (about 36 ms), not at 50 MHz (about 72 ms).
    metrics = {"fast_inference_us": r"^per inference: \d+ cycles, \d+ instructions, ([1-3]\d{4}\.\d\d) us simulated$"}
    spec = cnn_spec(opts, {"cpu.clock_hz": [50000000, 100000000]}, metrics=metrics)
    out = os.path.join(tmp, "out")
    result = run_sweep(opts, write_spec(tmp, "metric", spec), "--out", out, "--pimsoc", opts.pimsoc)
    expect(result.returncode == 1, f"exit code {result.returncode}, expected 1")
    _, rows = read_csv(os.path.join(out, "sweep.csv"))
    expect(rows[0]["status"] == "failed" and rows[0]["exit_code"] == "0"
           and "fast_inference_us" in rows[0]["error"], f"50 MHz: {rows[0]}")
    expect(rows[1]["status"] == "ok" and rows[1]["fast_inference_us"] != "", f"100 MHz: {rows[1]}")


def check_dry_run(opts, tmp):
    spec = write_spec(tmp, "dry", cnn_spec(opts, CPU_MEMORY_AXES))
    out = os.path.join(tmp, "out")
    result = run_sweep(opts, spec, "--dry-run", "--out", out, "--pimsoc", opts.pimsoc)
    expect(result.returncode == 0, f"exit code {result.returncode}")
    expected = ["000 --set cpu.clock_hz=50000000 --set mem.main.read_latency_ns=10",
                "001 --set cpu.clock_hz=50000000 --set mem.main.read_latency_ns=40",
                "002 --set cpu.clock_hz=100000000 --set mem.main.read_latency_ns=10",
                "003 --set cpu.clock_hz=100000000 --set mem.main.read_latency_ns=40"]
    expect(result.stdout.splitlines() == expected, f"dry run printed:\n{result.stdout}")
    expect(not os.path.exists(out), "the dry run created the output directory")
    # With the Slurm backend: the same lines, then the job script it would submit (no cluster).
    result = run_sweep(opts, spec, "--dry-run", "--out", out, "--pimsoc", opts.pimsoc,
                       "--backend", "slurm", "--partition", "short", "--sbatch-arg=--mem=1G")
    lines = result.stdout.splitlines()
    expect(result.returncode == 0 and lines[:5] == expected + [""] and lines[5] == "#!/bin/bash",
           f"Slurm dry run printed:\n{result.stdout}")
    for line in ("#SBATCH --array=0-3", "#SBATCH --partition=short", "#SBATCH --mem=1G"):
        expect(line in lines, f"the Slurm dry run's job script lacks '{line}'")
    expect(re.search(r"^exec .* run-point \S+/out \"\$SLURM_ARRAY_TASK_ID\"$", result.stdout, re.M),
           "the job script does not run point $SLURM_ARRAY_TASK_ID")
    expect(not os.path.exists(out), "the Slurm dry run created the output directory")


def check_no_matplotlib(opts, tmp):
    """Without matplotlib: CSVs written, a warning, no PNG. hello.elf marks no inference, so the
    per-inference figures are the run's totals. The firmware path is relative to the current
    directory."""
    spec = {"firmware": "hello.elf",
            "axes": {"cpu.clock_hz": ["50M", "100M"]},
            "metrics": {"mhartid": r"^mhartid = (\d+)$"}}
    out = os.path.join(tmp, "out")
    result = run_sweep(opts, write_spec(tmp, "hello", spec), "--out", out, "--pimsoc", opts.pimsoc,
                       without_matplotlib=True, cwd=opts.firmware_dir)
    expect(result.returncode == 0, f"exit code {result.returncode}")
    expect(re.search(r"warning: matplotlib is not installed.*plot skipped", result.stderr),
           "no warning that the plot was skipped")
    expect(not os.path.exists(os.path.join(out, "sweep.png")), "sweep.png written anyway")
    _, rows = read_csv(os.path.join(out, "sweep.csv"))
    expect(len(rows) == 2, f"{len(rows)} rows")
    for r in rows:
        with open(os.path.join(out, "points", r["point"] + ".json"), encoding="utf-8") as f:
            stats = json.load(f)
        expect(r["inferences"] == "0" and r["latency_per_inference_ns"] == r["elapsed_ns"]
               == f"{stats['run']['elapsed_ns']:.3f}"
               and r["energy_per_inference_pj"] == f"{stats['run']['total']['total_energy_pj']:.3f}"
               and r["energy_cpu_pj"] == f"{stats['run']['components'][0]['total_energy_pj']:.3f}",
               f"point {r['point']}: run totals expected without inferences: {r}")
        expect(r["mhartid"] == "0", f"mhartid metric {r['mhartid']}")
    _, pareto = read_csv(os.path.join(out, "pareto.csv"))
    expect([p["point"] for p in pareto] == ["001"], f"pareto {pareto}")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_slurm(opts, tmp):
    """The Slurm backend on the single-node cluster that with_slurm_cluster.sh started
    (SLURM_CONF): a 2x2 sweep submitted with --no-wait, one task cancelled before it ran, then
    gathered with collect: the cancelled point is failed without a result, the others equal the
    local backend's rows; after one more result is lost, --resume runs exactly those two points
    as a new array and sweep.csv and pareto.csv equal the local backend's byte for byte. A resume
    with another spec and an sbatch error are one-line errors (exit 2)."""
    expect(os.environ.get("SLURM_CONF"),
           "SLURM_CONF is not set: run this check under tests/sweep/with_slurm_cluster.sh")
    spec = write_spec(tmp, "cpu_memory", cnn_spec(opts, CPU_MEMORY_AXES))
    local, out = os.path.join(tmp, "local"), os.path.join(tmp, "slurm")
    result = run_sweep(opts, spec, "--jobs", "2", "--out", local, "--pimsoc", opts.pimsoc)
    expect(result.returncode == 0, f"local backend: exit code {result.returncode}, expected 0")
    _, local_rows = read_csv(os.path.join(local, "sweep.csv"))

    # One task at a time (--jobs 1), so that task 3 is still pending when it is cancelled.
    slurm_args = ("--backend", "slurm", "--out", out, "--pimsoc", opts.pimsoc, "--poll", "1")
    result = run_sweep(opts, spec, *slurm_args, "--no-wait", "--jobs", "1")
    expect(result.returncode == 0, f"--no-wait: exit code {result.returncode}, expected 0")
    found = re.search(r"submitted job (\d+): 4 of 4 points as array tasks 0-3", result.stderr)
    expect(found, "--no-wait did not report the submitted job")
    job = found.group(1)
    script = read_bytes(os.path.join(out, "slurm", "array.sbatch")).decode()
    expect("#SBATCH --array=0-3%1\n" in script, f"job script without --array=0-3%1:\n{script}")
    cancel = subprocess.run(["scancel", f"{job}_3"], capture_output=True, text=True)
    expect(cancel.returncode == 0, f"scancel {job}_3 failed: {cancel.stderr.strip()}")
    result = run_sweep(opts, "collect", out, "--poll", "1")
    expect(result.returncode == 1, f"collect: exit code {result.returncode}, expected 1 (task 3 cancelled)")
    _, rows = read_csv(os.path.join(out, "sweep.csv"))
    expect(rows[:3] == local_rows[:3], "points 000-002 differ from the local backend's rows")
    expect(rows[3]["status"] == "failed" and rows[3]["exit_code"] == ""
           and rows[3]["error"] == f"no result: Slurm task {job}_3 left the queue without output"
           and rows[3]["energy_per_inference_pj"] == "", f"cancelled point 003: {rows[3]}")
    tasks = {}
    for point in ("000", "001", "002"):
        record = read_json(os.path.join(out, "points", point + ".result"))
        expect(record["exit_code"] == 0 and record["slurm_task"] == f"{job}_{int(point)}",
               f"point {point}: result {record}, expected exit 0 from task {job}_{int(point)}")
        tasks[point] = record["slurm_task"]
    print(f"  points 000-002 equal the local backend's (tasks {sorted(tasks.values())}), "
          f"003 cancelled: {rows[3]['error']}")

    # A lost result (as after a node failure) too; --resume runs points 001 and 003 only.
    os.remove(os.path.join(out, "points", "001.result"))
    result = run_sweep(opts, spec, *slurm_args, "--resume")
    expect(result.returncode == 0, f"--resume: exit code {result.returncode}, expected 0")
    expect("--resume: 2 of 4 points have a valid result" in result.stderr
           and re.search(r"submitted job \d+: 2 of 4 points as array tasks 1,3 ", result.stderr),
           "--resume did not submit points 001 and 003 alone")
    for point in ("000", "002"):
        expect(read_json(os.path.join(out, "points", point + ".result"))["slurm_task"] == tasks[point],
               f"--resume ran point {point} again")
    for point in ("001", "003"):
        rerun = read_json(os.path.join(out, "points", point + ".result"))["slurm_task"]
        expect(not rerun.startswith(job + "_") and rerun.endswith(f"_{int(point)}"),
               f"point {point} not rerun by the resume: task {rerun}")
    for name in ("sweep.csv", "pareto.csv"):
        expect(read_bytes(os.path.join(out, name)) == read_bytes(os.path.join(local, name)),
               f"{name} after --resume differs from the local backend's")
    print("  --resume ran points 001 and 003 alone; sweep.csv and pareto.csv equal the local "
          "backend's byte for byte")

    # Errors: one line, exit 2, nothing submitted.
    other = write_spec(tmp, "other", cnn_spec(opts, CPU_MEMORY_AXES, images=3))
    for args, needle in (((other, *slurm_args, "--resume"), "--resume: the points' commands differ"),
                         ((spec, *slurm_args, "--partition", "no_such_partition"), "sbatch failed")):
        result = run_sweep(opts, *args)
        lines = result.stderr.splitlines()
        expect(result.returncode == 2 and len(lines) == 1 and needle in lines[0],
               f"expected exit 2 and one line with '{needle}': exit {result.returncode}, {lines}")


CHECKS = {"real": check_real, "slurm": check_slurm, "deterministic": check_deterministic,
          "failed_point": check_failed_point, "missing_metric": check_missing_metric,
          "dry_run": check_dry_run, "no_matplotlib": check_no_matplotlib}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("check", choices=sorted(CHECKS) + ["bad_spec_" + k for k in BAD_SPECS])
    parser.add_argument("--sweep", required=True)
    parser.add_argument("--pimsoc", required=True)
    parser.add_argument("--firmware-dir", required=True)
    parser.add_argument("--blob", required=True)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pimsoc_sweep_test_") as tmp:
        try:
            if opts.check.startswith("bad_spec_"):
                check_bad_spec(opts, tmp, opts.check[len("bad_spec_"):])
            else:
                CHECKS[opts.check](opts, tmp)
        except CheckFailed as error:
            print(f"FAIL: {opts.check}: {error}")
            return 1
    print(f"PASS: {opts.check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
