#!/usr/bin/python3
"""pimsoc-sweep: co-exploration sweeps of pimsoc parameters over a firmware run.

    pimsoc-sweep SPEC.json [--jobs N] [--out DIR] [--pimsoc PATH] [--quiet] [--dry-run]
                           [--backend local|slurm] [Slurm options]
    pimsoc-sweep collect DIR

The spec names a firmware, the arguments of its `pimsoc run`, and axes (`--set` keys with lists
of values). Every point of the axes' Cartesian product is one `pimsoc run` process; the points run
in parallel, as local processes or as the tasks of a Slurm job array (pimsoc_sweep_slurm.py).
The results are DIR/sweep.csv (one row per point: configuration, per-inference
latency and energy, energy by component, area, simulated time, the firmware's metrics),
DIR/pareto.csv (the points that are Pareto-optimal in energy, latency and area) and DIR/sweep.png
(energy and latency per inference against area, Pareto fronts marked). docs/sweep.md describes the
spec and the files.

Exit codes: 0 every point succeeded (or a Slurm array was submitted with --no-wait), 1 some
point failed, 2 bad spec or command line or a Slurm submission that failed, 130 interrupted.

Python 3 standard library only; matplotlib (Debian's python3-matplotlib) for the plot, optional.
"""

import argparse
import csv
import io
import itertools
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pimsoc_sweep_slurm as slurm  # the Slurm backend, next to this script

PROG = "pimsoc-sweep"
SPEC_KEYS = ("firmware", "args", "firmware_args", "axes", "metrics", "area_components")
STATS_SCHEMA = "pimsoc-stats-1"
STDERR_TAIL_LINES = 3
ERROR_FIELD_MAX = 400
# Arguments a sweep sets itself per point, or whose output file every point would overwrite.
RESERVED_ARGS = {
    "--stats": "the sweep writes each point's stats itself",
    "--stats-csv": "every point would write the same file",
    "--vcd": "every point would write the same file",
}
# pimsoc options that are shorthands for parameters (docs/platform.md).
OPTION_KEYS = {"--max-time": "run.max_time_ns", "--quantum": "run.quantum_ns",
               "--max-instructions": "cpu.max_instructions"}
# The CSV's own columns (besides the axes and energy_<component>_pj), docs/sweep.md.
FIXED_COLUMNS = ("point", "status", "exit_code", "inferences", "latency_per_inference_ns",
                 "energy_per_inference_pj", "area_um2", "elapsed_ns", "error")
METRIC_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# An axis key of this form is a firmware option (`--model`), not a parameter: each point passes
# `KEY VALUE` to the firmware after firmware_args (docs/sweep.md, "Firmware-option axes").
FIRMWARE_OPTION = re.compile(r"--[a-z][a-z0-9-]*")
# Host-dependent parts of pimsoc's run summary, redacted from the CSV so that it stays
# deterministic (the log and the points' .err files keep the original text).
HOST_TIME = re.compile(r"host [0-9.]+ s")
HOST_MIPS = re.compile(r"[0-9.]+ MIPS")


class SpecError(Exception):
    """A problem with the spec; the message names the key."""


class UsageError(Exception):
    """A problem with the command line or the environment (no pimsoc)."""


# ---------------------------------------------------------------------------------------------
# Spec


def _object_without_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise SpecError(f"duplicate key '{key}'")
        result[key] = value
    return result


def format_value(key, value):
    """The text of one axis value as `--set key=TEXT` takes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(f"axes: '{key}': value {value} is not finite")
        return repr(value)
    if isinstance(value, str):
        if value == "" or any(c in value for c in "\r\n"):
            raise SpecError(f"axes: '{key}': value {json.dumps(value)} is empty or has a line break")
        return value
    raise SpecError(f"axes: '{key}': value {json.dumps(value)} is not a number, boolean or string")


def parse_spec(text, base_dir):
    """Validates a spec (JSON text) and returns it as a dict:
    firmware (absolute path), args (list of str), firmware_args (list of str),
    axes (list of (key, [value text])),
    metrics (list of (name, pattern text, compiled regex)), area_components (None or list)."""
    try:
        raw = json.loads(text, object_pairs_hook=_object_without_duplicates)
    except json.JSONDecodeError as error:
        raise SpecError(f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
    if not isinstance(raw, dict):
        raise SpecError("the spec must be a JSON object")
    for key in raw:
        if key not in SPEC_KEYS:
            raise SpecError(f"unknown key '{key}' (known: {', '.join(SPEC_KEYS)})")

    if "firmware" not in raw:
        raise SpecError("firmware: missing (the ELF to run)")
    firmware = raw["firmware"]
    if not isinstance(firmware, str) or firmware == "":
        raise SpecError("firmware: must be a path (string)")
    firmware_path = os.path.join(base_dir, firmware)
    if not os.path.isfile(firmware_path):
        raise SpecError(f"firmware: '{firmware}' not found")

    args = raw.get("args", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise SpecError("args: must be a list of strings (arguments of pimsoc run)")

    if "--" in args:
        raise SpecError("args: '--' is not allowed: put the firmware's arguments in firmware_args")
    firmware_args = raw.get("firmware_args", [])
    if not isinstance(firmware_args, list) or not all(isinstance(a, str) for a in firmware_args):
        raise SpecError("firmware_args: must be a list of strings (the firmware's argv after its name)")

    if "axes" not in raw:
        raise SpecError("axes: missing (an object of --set keys or firmware options with lists of values)")
    if not isinstance(raw["axes"], dict):
        raise SpecError("axes: must be an object of --set keys or firmware options with lists of values")
    axes = []
    for key, values in raw["axes"].items():
        if FIRMWARE_OPTION.fullmatch(key):
            if key in firmware_args:
                raise SpecError(f"axes: '{key}' is also in firmware_args")
        elif not re.fullmatch(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+", key):
            raise SpecError(f"axes: '{key}' is not a parameter key (e.g. cpu.clock_hz) "
                            "or a firmware option (e.g. --model)")
        if not isinstance(values, list):
            raise SpecError(f"axes: '{key}': must be a list of values")
        if not values:
            raise SpecError(f"axes: '{key}': empty axis (no values)")
        texts = []
        for value in values:
            text = format_value(key, value)
            if text in texts:
                raise SpecError(f"axes: '{key}': value {text} appears twice")
            texts.append(text)
        axes.append((key, texts))
    axis_keys = {key for key, _ in axes}

    for i, arg in enumerate(args):
        if arg in RESERVED_ARGS:
            raise SpecError(f"args: '{arg}' is not allowed: {RESERVED_ARGS[arg]}")
        if arg == "--set" and i + 1 < len(args):
            key = args[i + 1].split("=", 1)[0]
            if key in axis_keys:
                raise SpecError(f"args: '--set {args[i + 1]}' sets the axis '{key}'")
        if arg in OPTION_KEYS and OPTION_KEYS[arg] in axis_keys:
            raise SpecError(f"args: '{arg}' sets the axis '{OPTION_KEYS[arg]}'")

    metrics_raw = raw.get("metrics", {})
    if metrics_raw is None:
        metrics_raw = {}
    if not isinstance(metrics_raw, dict):
        raise SpecError("metrics: must be an object of names and regexes")
    metrics = []
    for name, pattern in metrics_raw.items():
        if not METRIC_NAME.match(name):
            raise SpecError(f"metrics: '{name}' is not a column name (letters, digits, _)")
        if not isinstance(pattern, str):
            raise SpecError(f"metrics: '{name}': the regex must be a string")
        try:
            regex = re.compile(pattern, re.MULTILINE)
        except re.error as error:
            raise SpecError(f"metrics: '{name}': bad regex: {error}")
        if regex.groups < 1:
            raise SpecError(f"metrics: '{name}': the regex has no group (the first group is the value)")
        if name in FIXED_COLUMNS or name in axis_keys or re.fullmatch(r"energy_.*_pj", name):
            raise SpecError(f"metrics: '{name}' is the name of one of the sweep's own columns")
        metrics.append((name, pattern, regex))

    area_components = raw.get("area_components")
    if area_components is not None:
        if (not isinstance(area_components, list) or not area_components
                or not all(isinstance(c, str) and c for c in area_components)):
            raise SpecError("area_components: must be null or a non-empty list of component names")
        if len(set(area_components)) != len(area_components):
            raise SpecError("area_components: a component appears twice")

    return {"firmware": firmware_path, "firmware_text": firmware, "args": args, "firmware_args": firmware_args,
            "axes": axes,
            "metrics": metrics, "area_components": area_components}


def load_spec(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as error:
        raise SpecError(f"cannot read: {error.strerror}")
    spec = parse_spec(text, os.getcwd())
    spec["text"] = text  # a Slurm sweep keeps it for collect and --resume
    return spec


def expand_points(axes):
    """The Cartesian product of the axes: the first axis varies slowest, each axis's values in
    the spec's order. Each point is a list of (key, value text)."""
    keys = [key for key, _ in axes]
    return [list(zip(keys, combo)) for combo in itertools.product(*[values for _, values in axes])]


def is_firmware_option(key):
    return FIRMWARE_OPTION.fullmatch(key) is not None


def check_axis_keys(axes, pimsoc):
    """Every axis key must be a parameter of `pimsoc config --dump`."""
    try:
        result = subprocess.run([pimsoc, "config", "--dump"], capture_output=True, text=True,
                                env=_child_env())
    except OSError as error:
        raise UsageError(f"cannot run '{pimsoc}': {error.strerror}")
    if result.returncode != 0:
        raise UsageError(f"'{pimsoc} config --dump' failed with exit code {result.returncode}")
    known = {line.split(" = ", 1)[0] for line in result.stdout.splitlines() if " = " in line}
    for key, _ in axes:
        if not is_firmware_option(key) and key not in known:
            raise SpecError(f"axes: unknown parameter '{key}' (see pimsoc config --dump)")


# ---------------------------------------------------------------------------------------------
# Pareto front


def dominates(a, b):
    """True if a is at least as good as b in every objective (minimised) and better in one."""
    return all(x <= y for x, y in zip(a, b)) and any(x < y for x, y in zip(a, b))


def pareto_front(vectors):
    """Indices (ascending) of the vectors no other vector dominates. Equal vectors do not
    dominate each other, so duplicates on the front are all kept."""
    return [i for i, v in enumerate(vectors)
            if not any(dominates(w, v) for j, w in enumerate(vectors) if j != i)]


# ---------------------------------------------------------------------------------------------
# Results of one point


def fmt3(x):
    text = f"{x:.3f}"
    return "0.000" if text == "-0.000" else text


def column_name(component):
    return "energy_" + re.sub(r"[^A-Za-z0-9_]", "_", component) + "_pj"


def stats_figures(stats, area_components):
    """Figures of one point from its stats JSON (pimsoc-stats-1). Raises ValueError naming the
    problem. Values are floats rounded as in the CSV."""
    if not isinstance(stats, dict) or stats.get("schema") != STATS_SCHEMA:
        raise ValueError(f"not a {STATS_SCHEMA} file")
    try:
        run = stats["run"]
        components = {c["name"]: c for c in run["components"]}
        inferences = int(stats.get("inferences", 0))
        region_id = stats.get("inference_region_id", 1)
        region = next((r for r in stats.get("regions", [])
                       if r["id"] == region_id and r["occurrences"] > 0), None)
        if inferences > 0 and region is not None:
            latency = float(stats["latency_per_inference_ns"])
            energy = float(stats["energy_per_inference_pj"])
            occurrences = region["occurrences"]
            by_component = [(c["name"], float(c["total_energy_pj"]) / occurrences)
                            for c in region["components"]]
        else:
            inferences = 0
            latency = float(run["elapsed_ns"])
            energy = float(run["total"]["total_energy_pj"])
            by_component = [(c["name"], float(c["total_energy_pj"])) for c in run["components"]]
        if area_components is None:
            area = float(run["total"]["area_um2"])
        else:
            missing = [c for c in area_components if c not in components]
            if missing:
                raise ValueError(f"area_components: no component '{missing[0]}' in the stats "
                                 f"(components: {', '.join(components)})")
            area = sum(float(components[c]["area_um2"]) for c in area_components)
        elapsed = float(run["elapsed_ns"])
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"missing or malformed field {error}")
    r = lambda x: float(fmt3(x))
    return {"inferences": inferences, "latency_per_inference_ns": r(latency),
            "energy_per_inference_pj": r(energy),
            "components": [(name, r(e)) for name, e in by_component],
            "area_um2": r(area), "elapsed_ns": r(elapsed)}


def stderr_tail(text, lines=STDERR_TAIL_LINES):
    tail = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
    joined = " | ".join(tail)
    joined = HOST_MIPS.sub("- MIPS", HOST_TIME.sub("host - s", joined))
    return joined


def describe_exit(code):
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def evaluate_point(exit_code, stdout_text, stderr_text, stats_path, spec):
    """Returns (figures or None, metric texts {name: text}, error text or "")."""
    if exit_code != 0:
        tail = stderr_tail(stderr_text)
        return None, {}, describe_exit(exit_code) + (f": {tail}" if tail else "")
    try:
        with open(stats_path, encoding="utf-8") as f:
            stats = json.load(f)
    except OSError as error:
        return None, {}, f"stats file {os.path.basename(stats_path)}: {error.strerror}"
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return None, {}, f"stats file {os.path.basename(stats_path)}: bad JSON ({error})"
    try:
        figures = stats_figures(stats, spec["area_components"])
    except ValueError as error:
        return None, {}, f"stats file {os.path.basename(stats_path)}: {error}"
    metrics = {}
    for name, _, regex in spec["metrics"]:
        match = regex.search(stdout_text)
        if match is None or match.group(1) is None:
            return None, {}, f"metric '{name}': no match in the firmware's output"
        text = match.group(1).strip()
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not math.isfinite(value):
            return None, {}, f"metric '{name}': '{text}' is not a number"
        metrics[name] = text
    return figures, metrics, ""


# ---------------------------------------------------------------------------------------------
# Running


def _child_env():
    env = dict(os.environ)
    env.setdefault("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1")
    return env


def find_pimsoc(given):
    if given:
        if not (os.path.isfile(given) and os.access(given, os.X_OK)):
            raise UsageError(f"--pimsoc: '{given}' is not an executable file")
        return given
    here = os.path.join(os.path.dirname(os.path.realpath(sys.argv[0])), "pimsoc")
    if os.path.isfile(here) and os.access(here, os.X_OK):
        return here
    found = shutil.which("pimsoc")
    if found:
        return found
    raise UsageError("no pimsoc next to pimsoc-sweep or on PATH: give it with --pimsoc PATH")


def hms(seconds):
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class Progress:
    """A bar redrawn in place on a terminal; one plain line per finished point otherwise."""

    WIDTH = 20

    def __init__(self, total, quiet):
        self.total = total
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()
        self.done = 0
        self.failed = 0
        self.last_draw = 0.0
        self.drawn = False

    def status(self):
        elapsed = time.monotonic() - self.start
        text = f"{self.done}/{self.total} points, {self.failed} failed, {hms(elapsed)} elapsed"
        if 0 < self.done < self.total:
            text += f", ~{hms(elapsed / self.done * (self.total - self.done))} left"
        return text

    def draw(self, force=False):
        if self.quiet or not self.tty:
            return
        now = time.monotonic()
        if not force and now - self.last_draw < 0.25:
            return
        self.last_draw = now
        filled = self.WIDTH * self.done // self.total if self.total else self.WIDTH
        bar = "#" * filled + "." * (self.WIDTH - filled)
        sys.stderr.write(f"\r\x1b[K[{bar}] {self.status()}")
        sys.stderr.flush()
        self.drawn = True

    def message(self, text):
        """A line that must not be overwritten by the bar (failures)."""
        if self.drawn:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
        self.drawn = False
        self.draw(force=True)

    def finished(self, name, ok, settings):
        self.done += 1
        if not ok:
            self.failed += 1
        if self.quiet:
            return
        if self.tty:
            self.draw(force=True)
        else:
            sys.stderr.write(f"{PROG}: [{self.status()}] point {name} {'ok' if ok else 'FAILED'}: "
                             f"{settings}\n")
            sys.stderr.flush()

    def close(self):
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


def settings_text(point):
    parts = [f"{key} {value}" if is_firmware_option(key) else f"--set {key}={value}" for key, value in point]
    return " ".join(parts) or "(no axes)"


def point_command(pimsoc, spec, point, stats_path):
    command = [pimsoc, "run", spec["firmware"]] + spec["args"]
    firmware_args = list(spec["firmware_args"])
    for key, value in point:
        if is_firmware_option(key):
            firmware_args += [key, value]
        else:
            command += ["--set", f"{key}={value}"]
    command += ["--quiet", "--stats", stats_path]
    return command + (["--"] + firmware_args if firmware_args else [])


def run_points(pimsoc, spec, points, names, points_dir, jobs, progress, log):
    """Runs every point, at most `jobs` at a time. Returns per point (exit code, host seconds,
    cpu seconds)."""
    results = [None] * len(points)
    pending = list(range(len(points)))
    pending.reverse()
    running = {}  # pid -> (index, Popen, start time)
    env = _child_env()
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index = pending.pop()
                base = os.path.join(points_dir, names[index])
                for suffix in (".json", ".out", ".err"):
                    if os.path.exists(base + suffix):
                        os.remove(base + suffix)
                command = point_command(pimsoc, spec, points[index], base + ".json")
                log.write(f"point {names[index]} start: {' '.join(command)}\n")
                with open(base + ".out", "wb") as out, open(base + ".err", "wb") as err:
                    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                               stderr=err, env=env)
                running[process.pid] = (index, process, time.monotonic())
            reaped = False
            for pid in list(running):
                wpid, status, usage = os.wait4(pid, os.WNOHANG)
                if wpid == 0:
                    continue
                reaped = True
                index, process, started = running.pop(pid)
                process.returncode = os.waitstatus_to_exitcode(status)
                results[index] = (process.returncode, time.monotonic() - started,
                                  usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
                yield index, results[index]
            if not reaped:
                progress.draw()
                time.sleep(0.02)
    finally:
        for pid, (index, process, _) in running.items():
            if process.returncode is None:
                process.terminate()
        for pid, (index, process, _) in running.items():
            if process.returncode is None:
                process.wait()


# ---------------------------------------------------------------------------------------------
# Output files


def write_csv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())


def scale_unit(values, units):
    """Picks the largest unit the biggest value is at least 1 of: [(name, factor)], ascending."""
    biggest = max((abs(v) for v in values), default=0.0)
    chosen = units[0]
    for unit in units:
        if biggest >= unit[1]:
            chosen = unit
    return chosen


ENERGY_UNITS = [("pJ", 1.0), ("nJ", 1e3), ("µJ", 1e6), ("mJ", 1e9), ("J", 1e12)]
TIME_UNITS = [("ns", 1.0), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
AREA_UNITS = [("µm²", 1.0), ("mm²", 1e6)]
MAX_LEGEND_POINTS = 40


def write_plot(path, ok_points, axes, title):
    """ok_points: [(name, settings [(key, value)], figures)]. Returns False (and writes nothing)
    when matplotlib is missing."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    varying = [key for key, values in axes if len(values) > 1] or [key for key, _ in axes]
    labels = []
    for name, settings, _ in ok_points:
        shown = [f"{k}={v}" for k, v in settings if k in varying]
        labels.append(f"{name}: {', '.join(shown)}" if shown else name)

    areas = [f["area_um2"] for _, _, f in ok_points]
    area_unit = scale_unit(areas, AREA_UNITS)
    panels = [("energy_per_inference_pj", "energy per inference", ENERGY_UNITS),
              ("latency_per_inference_ns", "latency per inference", TIME_UNITS)]
    legend_columns = 2 if max(len(label) for label in labels) <= 75 else 1
    legend_rows = -(-min(len(ok_points), MAX_LEGEND_POINTS) // legend_columns)
    legend_inches = 0.16 * (legend_rows + 1) if len(ok_points) <= MAX_LEGEND_POINTS else 0.0
    fig_height = 4.8 + legend_inches
    fig, axs = plt.subplots(1, 2, figsize=(13, fig_height))
    cmap = plt.get_cmap("tab10" if len(ok_points) <= 10 else "tab20")
    colours = [cmap(i % cmap.N) for i in range(len(ok_points))]
    handles = []
    for ax, (field, what, units) in zip(axs, panels):
        ys = [f[field] for _, _, f in ok_points]
        unit = scale_unit(ys, units)
        xs_scaled = [a / area_unit[1] for a in areas]
        ys_scaled = [y / unit[1] for y in ys]
        front = pareto_front(list(zip(areas, ys)))
        front.sort(key=lambda i: (areas[i], ys[i]))
        ax.plot([xs_scaled[i] for i in front], [ys_scaled[i] for i in front], "-", color="0.35",
                linewidth=1.2, zorder=1)
        front_handle = ax.scatter([xs_scaled[i] for i in front], [ys_scaled[i] for i in front],
                                  s=190, facecolors="none", edgecolors="black", linewidths=1.5,
                                  zorder=2, label="Pareto front (min area and " + what + ")")
        point_handles = []
        for i, (name, _, _) in enumerate(ok_points):
            point_handles.append(ax.scatter([xs_scaled[i]], [ys_scaled[i]], s=50,
                                            color=colours[i], zorder=3, label=labels[i]))
            ax.annotate(name, (xs_scaled[i], ys_scaled[i]), textcoords="offset points",
                        xytext=(7, 4), fontsize=7)
        ax.set_xlabel(f"area [{area_unit[0]}]")
        ax.set_ylabel(f"{what} [{unit[0]}]")
        ax.set_title(f"{what} vs area")
        ax.ticklabel_format(useOffset=False, style="plain", axis="both")
        ax.grid(True, alpha=0.3)
        ax.legend(handles=[front_handle], loc="best", fontsize=8)
        handles = point_handles
    fig.suptitle(title, fontsize=10)
    if len(ok_points) <= MAX_LEGEND_POINTS:
        fig.legend(handles=handles, loc="lower center", ncol=legend_columns, fontsize=7,
                   frameon=False)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.88, bottom=(legend_inches + 0.6) / fig_height,
                        wspace=0.25)
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
    return True


# ---------------------------------------------------------------------------------------------
# Gathering: the points' results into sweep.csv, pareto.csv, sweep.png and the summary


def prepare_out(out, keep=()):
    """Creates DIR/points and removes the previous sweep's outputs, Slurm files and point files,
    except the points named in `keep` (a Slurm resume keeps its valid results). OSError when DIR
    is unusable."""
    points_dir = os.path.join(out, "points")
    os.makedirs(points_dir, exist_ok=True)
    for entry in os.listdir(points_dir):
        match = re.fullmatch(r"(\d+)\.(json|out|err|result|slurm)", entry)
        if match and match.group(1) not in keep:
            os.remove(os.path.join(points_dir, entry))
    # A previous Slurm submission's files go too: `collect` must not gather a later local sweep.
    for stale in ("sweep.csv", "pareto.csv", "sweep.png", slurm.state_path(""),
                  slurm.script_path("")):
        if os.path.exists(os.path.join(out, stale)):
            os.remove(os.path.join(out, stale))


def gather(out, spec, spec_path, points, names, runs, progress, log, interrupted_text):
    """Evaluates each point as `runs` yields it, then writes the CSVs and the plot. Returns the
    exit code: 0, 1 (some point failed) or 130 (interrupted: `interrupted_text` says what
    became of the running points, no CSV is written)."""
    started = time.monotonic()
    try:
        evaluated = evaluate_runs(out, spec, points, names, runs, progress, log)
    except KeyboardInterrupt:
        runs.close()
        progress.close()
        print(f"{PROG}: interrupted: {interrupted_text}, no CSV written", file=sys.stderr)
        log.write("interrupted\n")
        return 130
    progress.close()
    return write_results(out, spec, spec_path, points, names, evaluated,
                         time.monotonic() - started, progress.quiet, log)


def evaluate_runs(out, spec, points, names, runs, progress, log):
    """[(exit code or None, figures or None, metrics, error)] per point, as `runs` yields them:
    (index, run) with run a dict: exit_code (None when the point has no result), host_s, cpu_s,
    max_rss_kib, where (host and Slurm task, or ""), no_result (why there is none, or "")."""
    points_dir = os.path.join(out, "points")
    evaluated = [None] * len(points)
    for index, run in runs:
        name, settings = names[index], settings_text(points[index])
        base = os.path.join(points_dir, name)
        stderr_text = ""
        if run["no_result"]:
            code, figures, metrics, error = None, None, {}, run["no_result"]
            log.write(f"point {name} FAILED: {settings}\n")
        else:
            code = run["exit_code"]
            try:
                with open(base + ".out", encoding="utf-8", errors="replace") as f:
                    stdout_text = f.read()
                with open(base + ".err", encoding="utf-8", errors="replace") as f:
                    stderr_text = f.read()
                figures, metrics, error = evaluate_point(code, stdout_text, stderr_text,
                                                         base + ".json", spec)
            except OSError as problem:  # a Slurm point's files removed after its result
                figures, metrics = None, {}
                error = f"{os.path.basename(problem.filename)}: {problem.strerror}"
            log.write(f"point {name} {'ok' if not error else 'FAILED'}: exit {code}, "
                      f"host {run['host_s']:.3f} s, cpu {run['cpu_s']:.3f} s, "
                      f"max rss {run['max_rss_kib']} KiB{run['where']}: {settings}\n")
        evaluated[index] = (code, figures, metrics, error)
        progress.finished(name, not error, settings)
        if error:
            log.write(f"point {name} error: {error}\n")
            for line in stderr_text.splitlines()[-20:]:
                log.write(f"point {name} stderr: {line}\n")
            progress.message(f"{PROG}: point {name} failed ({settings}): "
                             f"{error[:ERROR_FIELD_MAX]}")
        log.flush()
    return evaluated


def write_results(out, spec, spec_path, points, names, evaluated, elapsed, quiet, log):
    """sweep.csv, pareto.csv, sweep.png and the summary line; returns the exit code (0, or 1
    when some point failed)."""
    # Columns: the components of every successful point, in order of first appearance.
    components = []
    for entry in evaluated:
        if entry[1] is not None:
            for component, _ in entry[1]["components"]:
                if component not in components:
                    components.append(component)
    axis_keys = [key for key, _ in spec["axes"]]
    header = (["point"] + axis_keys + ["status", "exit_code", "inferences",
               "latency_per_inference_ns", "energy_per_inference_pj"]
              + [column_name(c) for c in components] + ["area_um2", "elapsed_ns"]
              + [name for name, _, _ in spec["metrics"]] + ["error"])
    rows = []
    ok_points = []
    for index, (code, figures, metrics, error) in enumerate(evaluated):
        row = {"point": names[index], "exit_code": "" if code is None else str(code),
               "status": "failed" if error else "ok", "error": error[:ERROR_FIELD_MAX]}
        row.update(dict(points[index]))
        if figures is not None and not error:
            row["inferences"] = str(figures["inferences"])
            for field in ("latency_per_inference_ns", "energy_per_inference_pj", "area_um2",
                          "elapsed_ns"):
                row[field] = fmt3(figures[field])
            for component, energy in figures["components"]:
                row[column_name(component)] = fmt3(energy)
            row.update(metrics)
            ok_points.append((index, figures))
        rows.append(row)
    write_csv(os.path.join(out, "sweep.csv"), header, rows)

    vectors = [(f["energy_per_inference_pj"], f["latency_per_inference_ns"], f["area_um2"])
               for _, f in ok_points]
    pareto = [ok_points[i][0] for i in pareto_front(vectors)]
    write_csv(os.path.join(out, "pareto.csv"), header, [rows[i] for i in pareto])

    plotted = False
    if ok_points:
        title = (f"{os.path.basename(spec_path)}: {os.path.basename(spec['firmware'])}, "
                 f"{len(ok_points)} of {len(points)} points")
        plotted = write_plot(os.path.join(out, "sweep.png"),
                             [(names[i], points[i], f) for i, f in ok_points],
                             spec["axes"], title)
        if not plotted:
            print(f"{PROG}: warning: matplotlib is not installed (Debian: python3-matplotlib): "
                  f"plot skipped, {out}/sweep.csv and pareto.csv written", file=sys.stderr)
    else:
        print(f"{PROG}: warning: no point succeeded: plot skipped", file=sys.stderr)
    failed = sum(1 for e in evaluated if e[3])
    summary = (f"{len(points)} points, {failed} failed, {hms(elapsed)} elapsed; "
               f"{out}/sweep.csv, {out}/pareto.csv ({len(pareto)} Pareto-optimal)"
               + (f", {out}/sweep.png" if plotted else ""))
    log.write(summary + "\n")
    if not quiet:
        print(f"{PROG}: {summary}", file=sys.stderr)
    return 1 if failed else 0


# ---------------------------------------------------------------------------------------------
# Backends


def local_runs(pimsoc, spec, points, names, points_dir, jobs, progress, log):
    """The local backend: run_points' results as gather() takes them."""
    for index, (code, host_s, cpu_s, maxrss) in run_points(pimsoc, spec, points, names,
                                                           points_dir, jobs, progress, log):
        yield index, {"exit_code": code, "host_s": host_s, "cpu_s": cpu_s,
                      "max_rss_kib": maxrss, "where": "", "no_result": ""}


def slurm_runs(out, names, kept, job, waiting, poll_s, progress):
    """The Slurm backend: first the kept results of a resume, then the submitted points' results
    as their tasks write them (or without a result when their task ended without one)."""
    def as_run(record, why):
        if record is None:
            return {"exit_code": None, "no_result": why}
        return {"exit_code": record["exit_code"], "host_s": float(record.get("host_s", 0)),
                "cpu_s": float(record.get("cpu_s", 0)),
                "max_rss_kib": record.get("max_rss_kib", 0),
                "where": f", on {record.get('host', '?')} (Slurm task {record.get('slurm_task', '?')})",
                "no_result": ""}
    for index in kept:
        record, why = slurm.read_result(out, names[index])
        yield index, as_run(record, why)
    if waiting:
        for index, record, why in slurm.wait_for_results(out, names, waiting, job, poll_s,
                                                        progress.draw):
            yield index, as_run(record, why)


def slurm_state(args, spec, pimsoc, points, names, out):
    """What a Slurm sweep's tasks and its later collect/resume need (DIR/slurm/sweep.json)."""
    out = os.path.abspath(out)
    return {"schema": slurm.STATE_SCHEMA, "spec_path": os.path.abspath(args.spec),
            "spec_name": os.path.splitext(os.path.basename(args.spec))[0],
            "spec_text": spec["text"], "cwd": os.getcwd(), "out": out, "pimsoc": pimsoc,
            "names": names, "points": points,
            "commands": [point_command(pimsoc, spec, point,
                                       os.path.join(out, "points", name + ".json"))
                         for name, point in zip(names, points)],
            "submissions": []}


def sbatch_options(args):
    """The job script's options from the command line (pimsoc_sweep_slurm.job_script)."""
    return {"partition": args.partition, "account": args.account, "time": args.time,
            "sbatch_args": args.sbatch_arg, "throttle": args.jobs,
            "python": sys.executable or "/usr/bin/python3",
            "sweep_script": os.path.realpath(sys.argv[0])}


def submit_slurm(args, state, out):
    """Writes DIR/slurm/array.sbatch for the points to run and submits it; returns (job id or
    None when nothing is left to run, kept point indices, submitted indices). SlurmError when a
    previous array of DIR is still queued, a resume does not match, or sbatch fails."""
    names = state["names"]
    for command in ("sbatch", "squeue"):
        if shutil.which(command) is None:
            raise slurm.SlurmError(f"--backend slurm: {command} not found on PATH (Debian: "
                                   f"slurm-client; a Slurm cluster's login node has it)")
    previous = None
    if os.path.exists(slurm.state_path(out)):
        previous = slurm.load_state(out)
        for submission in previous.get("submissions", []):
            if slurm.job_is_queued(submission["job"]):
                raise slurm.SlurmError(
                    f"--out {out}: job {submission['job']} of a previous submission is still in "
                    f"the queue (wait and run '{PROG} collect {out}', or scancel {submission['job']})")
    kept = []
    if args.resume:
        if previous is None:
            raise slurm.SlurmError(f"--resume: no Slurm submission in '{out}' "
                                   f"({slurm.state_path(out)} is missing)")
        if previous.get("commands") != state["commands"]:
            raise slurm.SlurmError(f"--resume: the points' commands differ from those submitted "
                                   f"to '{out}' (another spec, pimsoc or directory?): use another --out")
        state["submissions"] = previous.get("submissions", [])
        kept = [i for i, name in enumerate(names) if slurm.has_valid_result(out, name)]
    waiting = [i for i in range(len(names)) if i not in set(kept)]
    try:
        prepare_out(out, keep={names[i] for i in kept})
    except OSError as error:
        raise UsageError(f"--out: cannot use '{out}': {error.strerror}")
    if not waiting:
        slurm.save_state(out, state)
        return None, kept, waiting
    script = slurm.script_path(out)
    slurm.save_state(out, state)  # the tasks read their commands from it
    with open(script, "w", encoding="utf-8") as f:
        f.write(slurm.job_script(state, waiting, sbatch_options(args)))
    job = slurm.submit(script)
    state["submissions"].append({"job": job, "points": slurm.array_ranges(waiting),
                                 "date": time.strftime("%Y-%m-%d %H:%M:%S")})
    slurm.save_state(out, state)
    return job, kept, waiting


def collect_slurm(out, spec, spec_path, state, kept, job, waiting, quiet, poll_s):
    """Waits for the array's points and gathers every point into the CSVs (default run, resume
    and collect alike)."""
    names, points = state["names"], [list(map(tuple, p)) for p in state["points"]]
    with open(os.path.join(out, "sweep.log"), "w", encoding="utf-8") as log:
        log.write(f"{PROG}: spec {state['spec_path']}, {len(points)} points, Slurm backend, "
                  f"pimsoc {state['pimsoc']}, gathered from {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        for submission in state["submissions"]:
            log.write(f"submitted {submission['date']}: job {submission['job']}, array tasks "
                      f"{submission['points']} ({slurm.script_path(out)})\n")
        for name, command in zip(names, state["commands"]):
            log.write(f"point {name} command: {' '.join(command)}\n")
        progress = Progress(len(points), quiet)
        runs = slurm_runs(out, names, kept, job, waiting, poll_s, progress)
        interrupted = (f"job {job} keeps running: '{PROG} collect {out}' gathers its results "
                       f"later, scancel {job} stops it")
        return gather(out, spec, spec_path, points, names, runs, progress, log, interrupted)


# ---------------------------------------------------------------------------------------------
# Command line

USAGE = f"""{PROG} SPEC.json [--jobs N] [--out DIR] [--pimsoc PATH] [--quiet] [--dry-run]
                    [--backend local|slurm] [--no-wait] [--resume] [--poll SECONDS]
                    [--partition NAME] [--account NAME] [--time LIMIT] [--sbatch-arg=ARG]...
       {PROG} collect DIR [--quiet] [--poll SECONDS]"""

EPILOG = f"""commands:
  {PROG} collect DIR      waits for the Slurm array of a sweep submitted with --no-wait
                                to DIR and gathers it into DIR/sweep.csv (as without --no-wait)
  {PROG} run-point DIR I  what each Slurm array task runs: point I of DIR (internal)

Slurm backend: every point is one task of a Slurm job array (DIR/slurm/array.sbatch, task I =
point I); each task writes points/NNN.* and its result file points/NNN.result, the sweep waits
for the array and writes the same sweep.csv as the local backend. DIR, the firmware, the images
and the build must be at the same paths on the compute nodes (a shared file system). A point
whose task ended without a valid result (time limit, node failure, scancel) is a failed point;
--resume with the same spec and --out runs only those again. docs/sweep.md has the details."""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG, usage=USAGE, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Sweep pimsoc --set parameters over a firmware run and compare "
        "energy, latency, area and the firmware's metrics (docs/sweep.md).")
    parser.add_argument("spec", metavar="SPEC.json", help="the sweep spec")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="points run at once (local: default the number of CPUs; slurm: "
                        "array tasks at once, --array=...%%N, default no limit)")
    parser.add_argument("--out", metavar="DIR",
                        help="output directory (default: sweep-<spec name> here)")
    parser.add_argument("--pimsoc", metavar="PATH",
                        help="the pimsoc binary (default: the one next to pimsoc-sweep, else PATH)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress and no summary (failures and warnings still print)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the points (their --set arguments), run nothing; with "
                        "--backend slurm also the job script")
    parser.add_argument("--backend", choices=("local", "slurm"), default="local",
                        help="where the points run: local processes (default) or a Slurm job "
                        "array, one point per task")
    group = parser.add_argument_group("Slurm backend (with --backend slurm)")
    group.add_argument("--no-wait", action="store_true",
                       help=f"submit the array and exit; '{PROG} collect DIR' gathers it later")
    group.add_argument("--resume", action="store_true",
                       help="keep the points of DIR's previous submission that have a valid "
                       "result and run only the others (same spec and --out)")
    group.add_argument("--poll", type=float, default=10.0, metavar="SECONDS",
                       help="how often to ask squeue whether the array is still running "
                       "(default 10); finished points are seen as their files appear")
    group.add_argument("--partition", metavar="NAME", help="sbatch --partition")
    group.add_argument("--account", metavar="NAME", help="sbatch --account")
    group.add_argument("--time", metavar="LIMIT", help="sbatch --time: each task's time limit")
    group.add_argument("--sbatch-arg", action="append", default=[], metavar="ARG",
                       help="a further sbatch option for the job script, e.g. "
                       "--sbatch-arg=--qos=short (repeatable)")
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error(f"--jobs: must be at least 1, got {args.jobs}")
    if not args.poll > 0:
        parser.error(f"--poll: must be positive, got {args.poll}")
    if args.backend == "local":
        for option, given in (("--no-wait", args.no_wait), ("--resume", args.resume),
                              ("--partition", args.partition), ("--account", args.account),
                              ("--time", args.time), ("--sbatch-arg", args.sbatch_arg)):
            if given:
                parser.error(f"{option}: only with --backend slurm")
    return args


def parse_collect_args(argv):
    parser = argparse.ArgumentParser(
        prog=f"{PROG} collect", description="Wait for the Slurm array of a sweep submitted "
        "with --no-wait and gather its results into DIR/sweep.csv, pareto.csv and sweep.png.")
    parser.add_argument("out", metavar="DIR", help="the sweep's output directory (its --out)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress and no summary (failures and warnings still print)")
    parser.add_argument("--poll", type=float, default=10.0, metavar="SECONDS",
                        help="how often to ask squeue whether the array is still running")
    args = parser.parse_args(argv)
    if not args.poll > 0:
        parser.error(f"--poll: must be positive, got {args.poll}")
    return args


def _terminate(signum, frame):
    raise KeyboardInterrupt


def collect_main(argv):
    args = parse_collect_args(argv)
    out = args.out
    try:
        state = slurm.load_state(out)
        spec = parse_spec(state["spec_text"], state["cwd"])
    except slurm.SlurmError as error:
        print(f"{PROG} collect: {error}", file=sys.stderr)
        return 2
    except SpecError as error:
        print(f"{PROG} collect: {state['spec_path']} (as submitted): {error}", file=sys.stderr)
        return 2
    # The last submission's points are waited for; the others have their results already (a
    # resume kept them).
    submitted = state["submissions"][-1] if state["submissions"] else None
    last_array = slurm.array_ids(submitted["points"]) if submitted else set()
    waiting = [i for i in range(len(state["names"])) if i in last_array]
    kept = [i for i in range(len(state["names"])) if i not in last_array]
    job = submitted["job"] if submitted else None
    return collect_slurm(out, spec, state["spec_path"], state, kept, job, waiting, args.quiet,
                         args.poll)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run-point"]:  # an array task: Slurm's signals keep their default action
        if len(argv) != 3:
            print(f"usage: {PROG} run-point DIR INDEX", file=sys.stderr)
            return 2
        return slurm.run_point(argv[1], argv[2])
    signal.signal(signal.SIGTERM, _terminate)  # stop the running points as on Ctrl-C
    if argv[:1] == ["collect"]:
        return collect_main(argv[1:])
    args = parse_args(argv)
    try:
        spec = load_spec(args.spec)
    except SpecError as error:
        print(f"{PROG}: {args.spec}: {error}", file=sys.stderr)
        return 2
    try:
        pimsoc = os.path.abspath(find_pimsoc(args.pimsoc))
        check_axis_keys(spec["axes"], pimsoc)
    except SpecError as error:
        print(f"{PROG}: {args.spec}: {error}", file=sys.stderr)
        return 2
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2

    points = expand_points(spec["axes"])
    width = max(3, len(str(len(points) - 1)))
    names = [f"{i:0{width}d}" for i in range(len(points))]
    out = args.out or ("sweep-" + os.path.splitext(os.path.basename(args.spec))[0])
    if args.dry_run:
        for name, point in zip(names, points):
            print(f"{name} {settings_text(point)}")
        if args.backend == "slurm":
            state = slurm_state(args, spec, pimsoc, points, names, out)
            print()
            print(slurm.job_script(state, range(len(points)), sbatch_options(args)), end="")
        return 0

    if args.backend == "slurm":
        state = slurm_state(args, spec, pimsoc, points, names, out)
        try:
            job, kept, waiting = submit_slurm(args, state, out)
        except (slurm.SlurmError, UsageError) as error:
            print(f"{PROG}: {error}", file=sys.stderr)
            return 2
        except OSError as error:
            print(f"{PROG}: --out: cannot use '{out}': {error.strerror}", file=sys.stderr)
            return 2
        if args.resume and not args.quiet:
            print(f"{PROG}: --resume: {len(kept)} of {len(points)} points have a valid result"
                  + ("" if waiting else ", nothing to submit"), file=sys.stderr)
        if job is not None and not args.quiet:
            print(f"{PROG}: submitted job {job}: {len(waiting)} of {len(points)} points as array "
                  f"tasks {slurm.array_ranges(waiting)} ({slurm.script_path(out)})", file=sys.stderr)
        if args.no_wait and job is not None:
            if not args.quiet:
                print(f"{PROG}: not waiting: '{PROG} collect {out}' gathers the results",
                      file=sys.stderr)
            return 0
        return collect_slurm(out, spec, args.spec, state, kept, job, waiting, args.quiet,
                             args.poll)

    try:
        prepare_out(out)
        log = open(os.path.join(out, "sweep.log"), "w", encoding="utf-8")
    except OSError as error:
        print(f"{PROG}: --out: cannot use '{out}': {error.strerror}", file=sys.stderr)
        return 2
    jobs = min(args.jobs or os.cpu_count() or 1, len(points))
    with log:
        log.write(f"{PROG}: spec {os.path.abspath(args.spec)}, {len(points)} points, "
                  f"{jobs} jobs, pimsoc {pimsoc}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        progress = Progress(len(points), args.quiet)
        runs = local_runs(pimsoc, spec, points, names, os.path.join(out, "points"), jobs,
                          progress, log)
        return gather(out, spec, args.spec, points, names, runs, progress, log,
                      "the running points were stopped")


if __name__ == "__main__":
    sys.exit(main())
