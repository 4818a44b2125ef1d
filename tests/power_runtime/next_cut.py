"""next_cut.py LOG AFTER_NS FRACTION: from a `--log soc.mram=debug` run, the time (ns) at FRACTION
of the first MRAM run that starts after AFTER_NS: a power failure there cuts that command
(cnn_accumulator.sh). Exit 1 when no run starts after it."""
import re
import sys

UNIT = {"s": 1e9, "ms": 1e6, "us": 1e3, "ns": 1.0, "ps": 1e-3}
RUN = re.compile(r"\[soc\.mram\] debug: op \S+ on bank \d+: \d+ steps.*, ([0-9.]+) (\w+) \.\. ([0-9.]+) (\w+)$")


def main(log, after_ns, fraction):
    for line in open(log, errors="replace"):
        m = RUN.search(line.rstrip())
        if not m:
            continue
        start = float(m.group(1)) * UNIT[m.group(2)]
        end = float(m.group(3)) * UNIT[m.group(4)]
        if start > after_ns and end - start > 100:
            print("%.3fns" % (start + fraction * (end - start)))
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])))
