"""Reading a sweep's CSVs in the post-processing scripts beside it (mram_pareto.py, rtm_pareto.py)."""

import csv


def read_rows(path, needed, fail):
    """The rows of the CSV at path as dicts. A file that cannot be read, has no rows or lacks one
    of the needed columns is reported through fail(message), which does not return (exit 2)."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as error:
        fail(f"{path}: {error.strerror}")
    missing = [c for c in needed if rows and c not in rows[0]]
    if not rows or missing:
        fail(f"{path}: no rows or missing columns {missing}")
    return rows
