#!/usr/bin/env python3
"""Seeded malformed-input campaign: mutates valid ELFs (truncation, header fields, program headers,
segments outside memory, huge sizes, overlaps, bad entry, section headers) or writes malformed
config files (JSON garbage, deep nesting, wrong types, huge numbers, unknown keys), runs
`pimsoc run` on each, and requires for every case: exit code 2, exactly one line on stderr, no
sanitizer report, no hang. Every mutation is invalid by construction, so exit 2 is the only right
answer. Prints one line per failure and a closing 'N passed, N failed' line.

usage: malformed_inputs.py elf|config PIMSOC SEED COUNT WORKDIR VALID_ELF...
"""
import json
import os
import random
import struct
import subprocess
import sys

TIMEOUT_S = 20
GUARDS = ["--quiet", "--max-instructions", "1000000", "--max-time", "10ms"]
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer")

# ELF32 layout (little-endian): the fields a mutation touches.
EHDR = struct.Struct("<16sHHIIIIIHHHHHH")  # ident type machine version entry phoff shoff flags ehsize phentsize phnum shentsize shnum shstrndx
PHDR = struct.Struct("<IIIIIIII")  # type offset vaddr paddr filesz memsz flags align
PT_LOAD = 1
# Memories of the default SoC (platform/memory_map.h): a segment must fit inside one of them.
MEMORIES = [(0x60000000, 16 << 20), (0x80000000, 16 << 20), (0x90000000, 256 << 10)]
LARGEST_MEMORY = 16 << 20


class Elf:
    def __init__(self, data):
        self.data = bytearray(data)
        f = EHDR.unpack_from(self.data, 0)
        self.entry, self.phoff, self.shoff = f[4], f[5], f[6]
        self.phnum, self.shentsize, self.shnum = f[10], f[11], f[12]

    def ph_offset(self, i):
        return self.phoff + i * PHDR.size

    def ph(self, i):
        return list(PHDR.unpack_from(self.data, self.ph_offset(i)))

    def set_ph(self, i, fields):
        PHDR.pack_into(self.data, self.ph_offset(i), *fields)

    def loads(self):
        return [i for i in range(self.phnum) if self.ph(i)[0] == PT_LOAD and self.ph(i)[5] > 0]

    def set16(self, offset, value):
        struct.pack_into("<H", self.data, offset, value & 0xFFFF)

    def set32(self, offset, value):
        struct.pack_into("<I", self.data, offset, value & 0xFFFFFFFF)


def fits_memory(first, size):
    return any(base <= first and first + size <= base + length for base, length in MEMORIES)


def random_other(rng, bits, keep):
    while True:
        value = rng.getrandbits(bits)
        if value != keep:
            return value


# Each mutation returns (name, bytes); every one makes the file invalid.
def m_truncate(rng, elf):
    needed = max([elf.ph_offset(elf.phnum)] + [elf.ph(i)[1] + elf.ph(i)[4] for i in elf.loads()])
    return "truncate", bytes(elf.data[: rng.randrange(0, needed)])


def m_magic(rng, elf):
    elf.data[rng.randrange(4)] ^= 1 << rng.randrange(8)
    return "magic", bytes(elf.data)


def m_class(rng, elf):
    elf.data[4] = random_other(rng, 8, 1)
    return "class", bytes(elf.data)


def m_byte_order(rng, elf):
    elf.data[5] = random_other(rng, 8, 1)
    return "byte_order", bytes(elf.data)


def m_machine(rng, elf):
    elf.set16(18, random_other(rng, 16, 243))
    return "machine", bytes(elf.data)


def m_type(rng, elf):
    elf.set16(16, random_other(rng, 16, 2))
    return "type", bytes(elf.data)


def m_phentsize(rng, elf):
    elf.set16(42, random_other(rng, 16, PHDR.size))
    return "phentsize", bytes(elf.data)


def m_phoff(rng, elf):
    elf.set32(28, rng.randrange(len(elf.data) - PHDR.size + 1, 1 << 32))
    return "phoff_past_end", bytes(elf.data)


def m_phnum(rng, elf):
    if rng.random() < 0.3:
        elf.set16(44, 0)
        return "no_program_headers", bytes(elf.data)
    first_past_end = (len(elf.data) - elf.phoff) // PHDR.size + 1
    elf.set16(44, rng.randrange(max(first_past_end, elf.phnum + 1), 0x10000))
    return "phnum_past_end", bytes(elf.data)


def pick_load(rng, elf):
    return rng.choice(elf.loads())


def m_filesz_over_memsz(rng, elf):
    i = pick_load(rng, elf)
    ph = elf.ph(i)
    ph[4] = rng.randrange(ph[5] + 1, 1 << 32)
    elf.set_ph(i, ph)
    return "filesz_over_memsz", bytes(elf.data)


def m_offset_past_end(rng, elf):
    candidates = [i for i in elf.loads() if elf.ph(i)[4] > 0]
    i = rng.choice(candidates)
    ph = elf.ph(i)
    ph[1] = rng.randrange(len(elf.data) - ph[4] + 1, 1 << 32)
    elf.set_ph(i, ph)
    return "segment_data_past_end", bytes(elf.data)


def m_outside_memory(rng, elf):
    i = pick_load(rng, elf)
    ph = elf.ph(i)
    while True:
        paddr = rng.getrandbits(32) & ~3
        if not fits_memory(paddr, ph[5]):
            break
    ph[2] = ph[3] = paddr
    elf.set_ph(i, ph)
    return "segment_outside_memory", bytes(elf.data)


def m_huge_memsz(rng, elf):
    i = pick_load(rng, elf)
    ph = elf.ph(i)
    ph[5] = rng.randrange(LARGEST_MEMORY + 1, 1 << 32)
    elf.set_ph(i, ph)
    return "huge_memsz", bytes(elf.data)


def m_overlap(rng, elf):
    loads = elf.loads()
    if len(loads) < 2:
        return m_huge_memsz(rng, elf)
    a, b = rng.sample(loads, 2)
    pa, pb = elf.ph(a), elf.ph(b)
    pb[2] = pb[3] = pa[3] + rng.randrange(pa[5])
    elf.set_ph(b, pb)
    return "overlapping_segments", bytes(elf.data)


def m_entry(rng, elf):
    while True:
        entry = rng.getrandbits(32)
        if not any(elf.ph(i)[3] <= entry < elf.ph(i)[3] + elf.ph(i)[5] for i in elf.loads()):
            break
    elf.set32(24, entry)
    return "entry_outside_segments", bytes(elf.data)


def m_shoff(rng, elf):
    if elf.shnum == 0 or elf.shentsize != 40:
        return m_phoff(rng, elf)
    elf.set32(32, rng.randrange(len(elf.data) - 40 + 1, 1 << 32))
    return "shoff_past_end", bytes(elf.data)


ELF_MUTATIONS = [m_truncate, m_magic, m_class, m_byte_order, m_machine, m_type, m_phentsize, m_phoff, m_phnum,
                 m_filesz_over_memsz, m_offset_past_end, m_outside_memory, m_huge_memsz, m_overlap, m_entry, m_shoff]


def elf_cases(rng, count, valid_elfs, workdir):
    originals = [open(path, "rb").read() for path in valid_elfs]
    for n in range(count):
        mutation = ELF_MUTATIONS[n % len(ELF_MUTATIONS)]
        name, data = mutation(rng, Elf(rng.choice(originals)))
        path = os.path.join(workdir, "case%04d_%s.elf" % (n, name))
        with open(path, "wb") as out:
            out.write(data)
        yield name, [path]


# --- configs -----------------------------------------------------------------------------------

# A few real parameters and their kind (pimsoc config --dump); values here are wrong for the kind.
PARAMS = {
    "cpu.clock_hz": "uint", "run.quantum_ns": "uint", "mem.main.size_bytes": "uint", "mem.sram.size_bytes": "uint",
    "mem.rom.size_bytes": "uint", "mem.main.access_bytes": "uint", "bus.width_bytes": "uint",
    "mem.main.writable": "bool", "mem.sram.dmi": "bool", "mem.main.read_energy_pj_per_access": "real",
    "cpu.max_instructions": "uint",
}
BAD_VALUES = {
    "uint": ["fast", "-1", "18446744073709551616", "99999999999999999999999", "1e400", "0x", "12abc", "", "1.5.5",
             "true", "nan"],
    "bool": ["maybe", "2", "yes please", "", "-1", "truefalse"],
    "real": ["fast", "1e400", "-1e400", "nan", "inf", "", "1.2.3", "0x1p99999"],
}
# Sizes past each memory's window (platform/memory_map.h), or 0.
HUGE_SIZES = ["18446744073709551615", "4294967296", "4294967295", "2147483648", "0"]
PAST_WINDOW = {"main": "268435457", "sram": "1879048193", "rom": "67108865"}


def nest(keys, leaf):
    for key in reversed(keys):
        leaf = {key: leaf}
    return leaf


def c_garbage(rng):
    text = json.dumps(nest(["cpu"], {"clock_hz": 50000000}))
    choice = rng.randrange(3)
    if choice == 0:  # a strict prefix of an object is never valid JSON
        return "truncated_json", text[: rng.randrange(1, len(text))]
    if choice == 1:
        pos = rng.randrange(len(text) + 1)
        return "stray_character", text[:pos] + rng.choice("@#$%^&|\\<>;`~") + text[pos:]
    while True:
        text = "{" + "".join(chr(rng.randrange(1, 256)) for _ in range(rng.randrange(1, 200)))
        try:
            json.loads(text)
        except ValueError:
            return "random_bytes", text


def c_deep(rng):
    depth = rng.choice([65, 66, 100, 1000, rng.randrange(65, 200000)])
    opener, closer = rng.choice([('{"a":', "}"), ("[", "]")])
    return "nested_%d" % depth, opener * depth + "1" + closer * depth


def c_wrong_type(rng):
    key = rng.choice(sorted(PARAMS))
    kind = PARAMS[key]
    value = rng.choice([rng.choice(BAD_VALUES[kind]), [1, 2], {"x": 1}, [], None])
    if value is None:
        return "null_value", json.dumps(nest(key.split("."), None))
    return "wrong_type", json.dumps(nest(key.split("."), value))


def c_huge(rng):
    memory = rng.choice(sorted(PAST_WINDOW))
    size = rng.choice(HUGE_SIZES + [PAST_WINDOW[memory]])
    return "huge_size", '{"mem": {"%s": {"size_bytes": %s}}}' % (memory, size)


def c_unknown_key(rng):
    keys = [rng.choice(["cpu", "mem", "run", "bus", "rtm", "zz"])]
    keys += ["k%x" % rng.getrandbits(16) for _ in range(rng.randrange(1, 4))]
    return "unknown_key", json.dumps(nest(keys, rng.randrange(100)))


CONFIG_MUTATIONS = [c_garbage, c_deep, c_wrong_type, c_huge, c_unknown_key]


def config_cases(rng, count, valid_elfs, workdir):
    for n in range(count):
        name, text = CONFIG_MUTATIONS[n % len(CONFIG_MUTATIONS)](rng)
        path = os.path.join(workdir, "case%04d_%s.json" % (n, name))
        with open(path, "w", encoding="latin-1") as out:
            out.write(text)
        yield name, [valid_elfs[0], "--config", path]


def check(pimsoc, args):
    try:
        done = subprocess.run([pimsoc, "run"] + args + GUARDS, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return "no answer within %d s" % TIMEOUT_S
    err = done.stderr.decode("utf-8", "replace")
    lines = [line for line in err.splitlines() if line.strip()]
    if any(mark in err for mark in SANITIZER_MARKS):
        return "sanitizer report: " + err[:2000]
    if done.returncode != 2:
        return "exit %d (want 2): %s" % (done.returncode, err[:500])
    if len(lines) != 1:
        return "%d stderr lines (want 1): %s" % (len(lines), err[:500])
    return None


def main():
    kind, pimsoc, seed, count, workdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    valid_elfs = sys.argv[6:]
    os.makedirs(workdir, exist_ok=True)
    rng = random.Random(seed)
    cases = elf_cases if kind == "elf" else config_cases
    passed = failed = 0
    for name, args in cases(rng, count, valid_elfs, workdir):
        problem = check(pimsoc, args)
        if problem is None:
            passed += 1
        else:
            failed += 1
            print("FAIL %s (%s): %s" % (name, " ".join(args), problem))
    print("%s campaign, seed %d: %d passed, %d failed" % (kind, seed, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
