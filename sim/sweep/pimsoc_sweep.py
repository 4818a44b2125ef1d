#!/usr/bin/python3
"""pimsoc-sweep: co-exploration sweeps of pimsoc parameters over a firmware run.

    pimsoc-sweep SPEC.json [--jobs N] [--out DIR] [--pimsoc PATH] [--quiet] [--dry-run]

The spec names a firmware, the arguments of its `pimsoc run`, and axes (`--set` keys with lists
of values). Every point of the axes' Cartesian product is one `pimsoc run` process; the points run
in parallel. The results are DIR/sweep.csv (one row per point: configuration, per-inference
latency and energy, energy by component, area, simulated time, the firmware's metrics),
DIR/pareto.csv (the points that are Pareto-optimal in energy, latency and area) and DIR/sweep.png
(energy and latency per inference against area, Pareto fronts marked). docs/sweep.md describes the
spec and the files.

Exit codes: 0 every point succeeded, 1 some point failed, 2 bad spec or command line,
130 interrupted.

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
    return parse_spec(text, os.getcwd())


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
# Main


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG, description="Sweep pimsoc --set parameters over a firmware run and compare "
        "energy, latency, area and the firmware's metrics (docs/sweep.md).")
    parser.add_argument("spec", metavar="SPEC.json", help="the sweep spec")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="points run in parallel (default: the number of CPUs)")
    parser.add_argument("--out", metavar="DIR",
                        help="output directory (default: sweep-<spec name> here)")
    parser.add_argument("--pimsoc", metavar="PATH",
                        help="the pimsoc binary (default: the one next to pimsoc-sweep, else PATH)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress and no summary (failures and warnings still print)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the points (their --set arguments), run nothing")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs: must be at least 1, got {args.jobs}")
    return args


def _terminate(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _terminate)  # stop the running points as on Ctrl-C
    try:
        spec = load_spec(args.spec)
    except SpecError as error:
        print(f"{PROG}: {args.spec}: {error}", file=sys.stderr)
        return 2
    try:
        pimsoc = find_pimsoc(args.pimsoc)
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
    if args.dry_run:
        for name, point in zip(names, points):
            print(f"{name} {settings_text(point)}")
        return 0

    out = args.out or ("sweep-" + os.path.splitext(os.path.basename(args.spec))[0])
    points_dir = os.path.join(out, "points")
    try:
        os.makedirs(points_dir, exist_ok=True)
        for entry in os.listdir(points_dir):  # the previous sweep's points
            if re.fullmatch(r"\d+\.(json|out|err)", entry):
                os.remove(os.path.join(points_dir, entry))
        for stale in ("sweep.csv", "pareto.csv", "sweep.png"):
            if os.path.exists(os.path.join(out, stale)):
                os.remove(os.path.join(out, stale))
        log = open(os.path.join(out, "sweep.log"), "w", encoding="utf-8")
    except OSError as error:
        print(f"{PROG}: --out: cannot use '{out}': {error.strerror}", file=sys.stderr)
        return 2

    jobs = min(args.jobs, len(points))
    with log:
        log.write(f"{PROG}: spec {os.path.abspath(args.spec)}, {len(points)} points, "
                  f"{jobs} jobs, pimsoc {pimsoc}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        progress = Progress(len(points), args.quiet)
        evaluated = [None] * len(points)
        started = time.monotonic()
        runs = run_points(pimsoc, spec, points, names, points_dir, jobs, progress, log)
        try:
            for index, (code, host_s, cpu_s, maxrss) in runs:
                base = os.path.join(points_dir, names[index])
                with open(base + ".out", encoding="utf-8", errors="replace") as f:
                    stdout_text = f.read()
                with open(base + ".err", encoding="utf-8", errors="replace") as f:
                    stderr_text = f.read()
                figures, metrics, error = evaluate_point(code, stdout_text, stderr_text,
                                                         base + ".json", spec)
                evaluated[index] = (code, figures, metrics, error)
                log.write(f"point {names[index]} {'ok' if not error else 'FAILED'}: exit {code}, "
                          f"host {host_s:.3f} s, cpu {cpu_s:.3f} s, max rss {maxrss} KiB: "
                          f"{settings_text(points[index])}\n")
                progress.finished(names[index], not error, settings_text(points[index]))
                if error:
                    log.write(f"point {names[index]} error: {error}\n")
                    for line in stderr_text.splitlines()[-20:]:
                        log.write(f"point {names[index]} stderr: {line}\n")
                    progress.message(f"{PROG}: point {names[index]} failed "
                                     f"({settings_text(points[index])}): {error[:ERROR_FIELD_MAX]}")
                log.flush()
        except KeyboardInterrupt:
            runs.close()  # stops the running points
            progress.close()
            print(f"{PROG}: interrupted: the running points were stopped, no CSV written",
                  file=sys.stderr)
            log.write("interrupted\n")
            return 130
        progress.close()
        elapsed = time.monotonic() - started

        # Columns: the components of every successful point, in order of first appearance.
        components = []
        for entry in evaluated:
            if entry[1] is not None:
                for name, _ in entry[1]["components"]:
                    if name not in components:
                        components.append(name)
        axis_keys = [key for key, _ in spec["axes"]]
        header = (["point"] + axis_keys + ["status", "exit_code", "inferences",
                   "latency_per_inference_ns", "energy_per_inference_pj"]
                  + [column_name(c) for c in components] + ["area_um2", "elapsed_ns"]
                  + [name for name, _, _ in spec["metrics"]] + ["error"])
        rows = []
        ok_points = []
        for index, (code, figures, metrics, error) in enumerate(evaluated):
            row = {"point": names[index], "exit_code": str(code),
                   "status": "failed" if error else "ok", "error": error[:ERROR_FIELD_MAX]}
            row.update(dict(points[index]))
            if figures is not None and not error:
                row["inferences"] = str(figures["inferences"])
                for field in ("latency_per_inference_ns", "energy_per_inference_pj", "area_um2",
                              "elapsed_ns"):
                    row[field] = fmt3(figures[field])
                for name, energy in figures["components"]:
                    row[column_name(name)] = fmt3(energy)
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
            title = (f"{os.path.basename(args.spec)}: {os.path.basename(spec['firmware'])}, "
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
        if not args.quiet:
            print(f"{PROG}: {summary}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
