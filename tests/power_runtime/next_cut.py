"""next_cut.py LOG AFTER_NS FRACTION [KIND]: from a run's debug log, the time (ns) at FRACTION of
the first command of KIND that starts after AFTER_NS: a power failure there cuts that command.
KIND: `mram` (default; `--log soc.mram=debug`: an MRAM run, cnn_accumulator.sh) or
`reram-program` (`--log soc.reram=debug`: a ReRAM PROGRAM, the accept line with cells programmed,
cnn_reram_program_cut.sh). Exit 1 when no such command starts after AFTER_NS."""
import re
import sys

UNIT = {"s": 1e9, "ms": 1e6, "us": 1e3, "ns": 1.0, "ps": 1e-3}
TIMES = r"([0-9.]+) (\w+) \.\. ([0-9.]+) (\w+)$"
KINDS = {
    "mram": re.compile(r"\[soc\.mram\] debug: op \S+ on bank \d+: \d+ steps.*, " + TIMES),
    "reram-program": re.compile(r"\[soc\.reram\] debug: op \S+ on tile \d+ \(\d+ crossbars\): 0 mvms, "
                                r"\d+ crossbar reads, [1-9]\d* cells programmed, " + TIMES),
}


def main(log, after_ns, fraction, kind="mram"):
    pattern = KINDS[kind]
    for line in open(log, errors="replace"):
        m = pattern.search(line.rstrip())
        if not m:
            continue
        start = float(m.group(1)) * UNIT[m.group(2)]
        end = float(m.group(3)) * UNIT[m.group(4)]
        if start > after_ns and end - start > 100:
            print("%.3fns" % (start + fraction * (end - start)))
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), *sys.argv[4:5]))
