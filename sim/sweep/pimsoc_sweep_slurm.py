"""The Slurm backend of pimsoc-sweep (docs/sweep.md, "Slurm backend").

The points of a sweep become one Slurm job array, one point per array task (task id = point
index). Each task runs `pimsoc-sweep run-point DIR INDEX`, which runs that point's pimsoc command
exactly as the local backend would (same files in DIR/points) and then writes the point's result
file, DIR/points/NNN.result, last and atomically: a point has a result when that file is there.
The submitting pimsoc-sweep (or a later `pimsoc-sweep collect DIR`) polls the files and squeue
until every task has ended; `--resume` resubmits only the points without a valid result.

What the sweep needs to find its points again lives in DIR/slurm/sweep.json (the state: spec
text, working directory, the points' commands, the submissions); the job script is
DIR/slurm/array.sbatch. Standard library only; the Slurm commands (sbatch, squeue) come from
Debian's slurm-client.
"""

import json
import os
import shlex
import socket
import subprocess
import sys
import time

STATE_SCHEMA = "pimsoc-sweep-slurm-1"
RESULT_SCHEMA = "pimsoc-sweep-result-1"
STATS_SCHEMA = "pimsoc-stats-1"
# squeue states after which an array task runs no more (squeue(1), JOB STATE CODES).
ENDED_STATES = {"BOOT_FAIL", "CANCELLED", "COMPLETED", "DEADLINE", "FAILED", "NODE_FAIL",
                "OUT_OF_MEMORY", "PREEMPTED", "SPECIAL_EXIT", "TIMEOUT"}
SLURM_TAIL_LINES = 3
# What pimsoc-sweep keeps in DIR/slurm/sweep.json (pimsoc_sweep.slurm_state).
STATE_KEYS = ("spec_path", "spec_name", "spec_text", "cwd", "out", "pimsoc", "names", "points",
              "commands", "submissions")


class SlurmError(Exception):
    """A problem with Slurm or with the sweep's Slurm files; the message is one line."""


# ---------------------------------------------------------------------------------------------
# Files


def state_path(out):
    return os.path.join(out, "slurm", "sweep.json")


def script_path(out):
    return os.path.join(out, "slurm", "array.sbatch")


def result_path(out, name):
    return os.path.join(out, "points", name + ".result")


def slurm_output_path(out, name):
    return os.path.join(out, "points", name + ".slurm")


def write_json_atomically(path, value):
    """Written to a temporary name and renamed: a reader sees the whole file or none."""
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1)
        f.write("\n")
    os.replace(temporary, path)


def save_state(out, state):
    os.makedirs(os.path.dirname(state_path(out)), exist_ok=True)
    write_json_atomically(state_path(out), state)


def load_state(out):
    """The state of DIR's submission, or SlurmError naming what is wrong."""
    path = state_path(out)
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
    except FileNotFoundError:
        raise SlurmError(f"no Slurm submission in '{out}' ({path} is missing)")
    except OSError as error:
        raise SlurmError(f"{path}: {error.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SlurmError(f"{path}: not valid JSON ({error})")
    if not isinstance(state, dict) or state.get("schema") != STATE_SCHEMA:
        raise SlurmError(f"{path}: not a {STATE_SCHEMA} file")
    missing = [key for key in STATE_KEYS if key not in state]
    if missing:
        raise SlurmError(f"{path}: incomplete, no '{missing[0]}'")
    return state


def read_result(out, name):
    """(record, "") for a point's result file, or (None, why not)."""
    path = result_path(out, name)
    try:
        with open(path, encoding="utf-8") as f:
            record = json.load(f)
    except FileNotFoundError:
        return None, "no result file"
    except OSError as error:
        return None, f"result file: {error.strerror}"
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, "result file is not valid JSON"
    if (not isinstance(record, dict) or record.get("schema") != RESULT_SCHEMA
            or record.get("point") != name or not isinstance(record.get("exit_code"), int)):
        return None, f"result file is not a {RESULT_SCHEMA} record of point {name}"
    return record, ""


def has_valid_result(out, name):
    """A point whose run need not be repeated: its result file is sound, pimsoc was not killed by
    a signal (a time limit, preemption, scancel or the OOM killer: the host's doing, not the
    point's), and when pimsoc exited 0 its stats file is a stats JSON. A point that pimsoc
    rejected (exit 2) or that missed a metric has a valid result: a rerun gives the same."""
    record, _ = read_result(out, name)
    if record is None or record["exit_code"] < 0:
        return False
    if record["exit_code"] != 0:
        return True
    try:
        with open(os.path.join(out, "points", name + ".json"), encoding="utf-8") as f:
            return json.load(f).get("schema") == STATS_SCHEMA
    except (OSError, ValueError, AttributeError):
        return False


def slurm_output_tail(out, name, lines=SLURM_TAIL_LINES):
    """The last lines of a task's Slurm output, joined by ' | ' (slurmstepd's messages such as
    a time limit land there), or "" when the task wrote none."""
    try:
        with open(slurm_output_path(out, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return ""
    return " | ".join([line.strip() for line in text.splitlines() if line.strip()][-lines:])


# ---------------------------------------------------------------------------------------------
# The job script


def array_ranges(indices):
    """Slurm's --array list of task ids: sorted, runs of consecutive ids as ranges
    ([0, 1, 2, 5, 7, 8] -> "0-2,5,7-8")."""
    parts = []
    ordered = sorted(set(indices))
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = ordered[start], ordered[end]
        parts.append(str(first) if first == last else f"{first}-{last}")
        start = end + 1
    return ",".join(parts)


def array_ids(text):
    """The task ids of an --array list, the inverse of array_ranges ("0-2,5" -> {0, 1, 2, 5})."""
    ids = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        ids.update(range(int(first), int(last or first) + 1))
    return ids


def _sbatch_line(option, value=None):
    text = option if value is None else f"{option}={value}"
    if any(c.isspace() for c in text) or '"' in text:
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"#SBATCH {text}"


def job_script(state, indices, options):
    """The sbatch script of the array that runs the given point indices. options: partition,
    account, time, sbatch_args (list), throttle (None or tasks at once), python, sweep_script."""
    out = state["out"]
    name_width = len(state["names"][0])
    array = array_ranges(indices) + (f"%{options['throttle']}" if options.get("throttle") else "")
    lines = [
        "#!/bin/bash",
        f"# pimsoc-sweep: {len(indices)} of the {len(state['names'])} points of "
        f"{state['spec_path']} as a Slurm job array (docs/sweep.md).",
        "# Task I runs point I: its pimsoc run writes points/NNN.json, .out and .err, then",
        "# points/NNN.result; the task's own output (and Slurm's messages) go to points/NNN.slurm.",
        _sbatch_line("--job-name", "pimsoc-sweep-" + state["spec_name"]),
        _sbatch_line("--array", array),
        _sbatch_line("--ntasks", "1"),
        _sbatch_line("--cpus-per-task", "1"),
        _sbatch_line("--chdir", state["cwd"]),
        _sbatch_line("--output", os.path.join(out, "points", f"%{name_width}a.slurm")),
    ]
    for option in ("partition", "account", "time"):
        if options.get(option):
            lines.append(_sbatch_line("--" + option, options[option]))
    for arg in options.get("sbatch_args") or []:
        lines.append(_sbatch_line(arg))
    command = [options["python"], options["sweep_script"], "run-point", out]
    lines.append("exec " + " ".join(shlex.quote(word) for word in command)
                 + ' "$SLURM_ARRAY_TASK_ID"')
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Talking to Slurm


def _slurm_command(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise SlurmError(f"{command[0]} not found on PATH (Debian: slurm-client; a Slurm "
                         f"cluster's login node has it)")
    except OSError as error:
        raise SlurmError(f"cannot run {command[0]}: {error.strerror}")


def _one_line(text):
    return " | ".join(line.strip() for line in text.splitlines() if line.strip())


def submit(path):
    """Submits the job script; returns the job id (text)."""
    result = _slurm_command(["sbatch", "--parsable", path])
    if result.returncode != 0:
        raise SlurmError(f"sbatch failed (exit code {result.returncode}): "
                         f"{_one_line(result.stderr) or _one_line(result.stdout)}")
    job = result.stdout.strip().split(";")[0]
    if not job.isdigit():
        raise SlurmError(f"sbatch printed no job id: '{_one_line(result.stdout)}'")
    return job


def task_states(job):
    """{task id: state} of the array job's tasks that slurmctld still knows; {} when it no longer
    knows the job (ended long ago). None when squeue failed otherwise (the controller did not
    answer): the caller asks again later."""
    result = _slurm_command(["squeue", "--noheader", "--array", "--jobs", job, "--states", "all",
                             "--format", "%K %T"])
    if result.returncode != 0:
        if "Invalid job id" in result.stderr:
            return {}
        return None
    states = {}
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) == 2 and fields[0].isdigit():
            states[int(fields[0])] = fields[1]
    return states


def job_is_queued(job):
    """True when some task of the job has not ended; SlurmError when squeue cannot tell."""
    states = task_states(job)
    if states is None:
        raise SlurmError(f"squeue could not tell whether job {job} still runs "
                         f"(is slurmctld reachable? scontrol ping)")
    return any(state not in ENDED_STATES for state in states.values())


def wait_for_results(out, names, indices, job, poll_s, on_idle):
    """Yields (index, record or None, why) for each of the given points as its result file
    appears; when the job has ended, the points still without a result are yielded with None
    and the reason (the task's Slurm state and the end of its Slurm output). on_idle() is called
    between scans (progress)."""
    waiting = sorted(indices)
    last_query = time.monotonic()
    failures = 0
    points_dir = os.path.join(out, "points")
    while waiting:
        try:  # one directory listing per scan, not one open per waiting point
            present = {entry for entry in os.listdir(points_dir) if entry.endswith(".result")}
        except OSError:
            present = set()
        for index in [i for i in waiting if names[i] + ".result" in present]:
            record, _ = read_result(out, names[index])
            if record is not None:
                waiting.remove(index)
                yield index, record, ""
        if not waiting:
            return
        if time.monotonic() - last_query >= poll_s:
            last_query = time.monotonic()
            states = task_states(job)
            if states is None:
                failures += 1
                if failures == 1:
                    print(f"pimsoc-sweep: warning: squeue did not answer about job {job}; "
                          f"still waiting", file=sys.stderr)
            elif all(state in ENDED_STATES for state in states.values()):
                for index in list(waiting):  # a last look: the file may have come just now
                    record, why = read_result(out, names[index])
                    if record is None:
                        # A pending task cancelled before it started leaves no trace in squeue.
                        state = states.get(index, "left the queue")
                        tail = slurm_output_tail(out, names[index])
                        why = (f"no result: Slurm task {job}_{index} {state}"
                               + (f": {tail}" if tail else " without output"))
                    yield index, record, why
                return
            else:
                failures = 0
        on_idle()
        time.sleep(0.25)


# ---------------------------------------------------------------------------------------------
# One array task


def run_point(out, index_text):
    """What an array task runs: point INDEX's pimsoc command, as the local backend runs it, then
    its result file. Exit 0 when the result file was written (whatever pimsoc's exit code, which
    the file records), 1 when it could not be."""
    out = os.path.abspath(out)
    try:
        state = load_state(out)
        index = int(index_text)
        if not 0 <= index < len(state["names"]):
            raise SlurmError(f"point index {index} is not one of the {len(state['names'])} points")
        name, command = state["names"][index], state["commands"][index]
    except (SlurmError, ValueError, KeyError, TypeError) as error:
        print(f"pimsoc-sweep run-point: {error}", file=sys.stderr)
        return 1
    base = os.path.join(out, "points", name)
    for suffix in (".result", ".json", ".out", ".err"):  # a previous attempt's files
        if os.path.exists(base + suffix):
            os.remove(base + suffix)
    env = dict(os.environ)
    env.setdefault("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1")
    started = time.monotonic()
    try:
        with open(base + ".out", "wb") as stdout, open(base + ".err", "wb") as stderr:
            process = subprocess.Popen(command, cwd=state["cwd"], stdin=subprocess.DEVNULL,
                                       stdout=stdout, stderr=stderr, env=env)
            _, status, usage = os.wait4(process.pid, 0)
    except OSError as error:
        print(f"pimsoc-sweep run-point: point {name}: cannot run {command[0]}: {error.strerror}",
              file=sys.stderr)
        return 1
    exit_code = os.waitstatus_to_exitcode(status)
    host_s = time.monotonic() - started
    record = {"schema": RESULT_SCHEMA, "point": name, "exit_code": exit_code,
              "host_s": round(host_s, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
              "max_rss_kib": usage.ru_maxrss, "host": socket.gethostname(),
              "slurm_task": f"{os.environ.get('SLURM_ARRAY_JOB_ID', '?')}_"
                            f"{os.environ.get('SLURM_ARRAY_TASK_ID', index)}"}
    write_json_atomically(result_path(out, name), record)
    print(f"pimsoc-sweep run-point: point {name} on {record['host']}: exit code {exit_code}, "
          f"host {host_s:.3f} s")
    return 0
