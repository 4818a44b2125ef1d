#!/usr/bin/env python3
"""Random-but-seeded RV32IMAC program generator for the differential tests (QEMU vs pimsoc).

    gen_program.py --seed N -o diff_gen_N.S [--items K]

Writes one assembly file defining `main` for the firmware runtime (crt0, UART stdio, finisher
exit). The program:
  1. makes a 448-byte stack frame: a 256-byte scratch buffer at sp+0 (s0 = x8 = sp+128 points into
     its middle, so offsets are negative and positive), a 32-word register dump at sp+256 and the
     callee-saved registers at sp+384;
  2. fills the buffer from a seeded table, sets mscratch/mtval/mcause/mepc and x1, x3..x7,
     x9..x31 (gp, tp and ra included) to seeded values (edge values half of the time);
  3. runs the generated body: ALU register/immediate ops, shifts, lui/auipc, M ops (with division
     by zero and -2^31 / -1 set up on purpose), loads/stores of every width and sign on the
     buffer (some misaligned), compressed instructions, AMOs and LR/SC on the buffer, CSR
     accesses both simulators implement identically, forward branches and jumps (jal, jalr, c.j,
     c.jal, c.jr, c.jalr, c.beqz, c.bnez) and small counted loops;
  4. stores all 31 registers, restores the runtime's registers and calls diff_report()
     (firmware/diff/gen_report.c), which prints the registers, the CSRs, the buffer and its
     checksum in hex; main returns checksum & 0xff, so the exit code is compared too.

Reserved registers: x0, x2 (sp) and x8 (s0, the buffer pointer) are never written by the body;
they are read as sources. Nothing the body does can trap, loop forever or leave the buffer.
The output depends only on the seed and --items: the generator uses its own PRNG (SplitMix64),
not Python's random module, whose choice/randrange algorithms may change between versions.
"""
import argparse
import sys


class Rng:
    """SplitMix64 with the few helpers the generator needs; the same sequence on every Python 3."""
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = (seed * 0x9E3779B97F4A7C15 + 0x1234567) & self.MASK

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def getrandbits(self, k):          # k <= 64
        return self.next64() >> (64 - k)

    def random(self):                  # [0, 1)
        return (self.next64() >> 11) / float(1 << 53)

    def randrange(self, a, b=None):    # [a, b) or [0, a); unbiased by rejection
        if b is None:
            a, b = 0, a
        n = b - a
        assert n > 0
        bits = n.bit_length()
        while True:
            v = self.next64() >> (64 - bits)
            if v < n:
                return a + v

    def choice(self, seq):
        return seq[self.randrange(len(seq))]

    def choices(self, seq, weights):   # one weighted pick, returned as a list like random.choices
        r = self.randrange(sum(weights))
        for item, w in zip(seq, weights):
            if r < w:
                return [item]
            r -= w
        raise AssertionError("unreachable")

BUF_SIZE = 256           # scratch buffer at sp+0
S0_OFF = 128             # x8 = sp + S0_OFF
REGS_OFF = 256           # register dump at sp+256 (32 words)
SAVE_OFF = 384           # callee-saved registers
FRAME = 448

WRITABLE = [r for r in range(1, 32) if r not in (2, 8)]
CREGS_W = list(range(9, 16))          # compressed rd' the body may write (x8 is reserved)
CREGS_R = list(range(8, 16))          # compressed rs' (reads may use x8)
SAVED = [1, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]  # ra gp tp s0..s11

EDGE = [0x00000000, 0x00000001, 0x00000002, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000,
        0x80000001, 0x7ffffffe, 0x55555555, 0xaaaaaaaa, 0x0000ffff, 0xffff0000, 0x000000ff,
        0x00000080, 0x00007fff, 0x00008000, 0x000007ff, 0x00000800, 0xfffff800, 0x0000001f,
        0x00000020, 0x00000021, 0xffff8000, 0xffffff80, 0x00010000, 0x0000fffe]
EDGE_IMM12 = [0, 1, -1, 2047, -2048, 2046, -2047, 0x7f, 0x80, -0x80, 0xff, 0x100, 0x3ff, -0x400]

R_OPS = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and"]
I_OPS = ["addi", "slti", "sltiu", "xori", "ori", "andi"]
SH_OPS = ["slli", "srli", "srai"]
M_OPS = ["mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"]
BR_OPS = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]
AMO_OPS = ["amoswap.w", "amoadd.w", "amoxor.w", "amoand.w", "amoor.w", "amomin.w", "amomax.w",
           "amominu.w", "amomaxu.w"]
AQRL = ["", ".aq", ".rl", ".aqrl"]
LOADS = [("lb", 1), ("lbu", 1), ("lh", 2), ("lhu", 2), ("lw", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4)]
# CSRs both simulators implement identically (fully read/write, see docs/testing-differential.md).
RW_CSRS = ["mscratch", "mtval", "mcause"]

# Instruction-mix profiles: seed % len(PROFILES) picks one, so the suite covers every emphasis.
PROFILES = [
    {"name": "balanced"},
    {"name": "alu", "alu_rr": 30, "alu_imm": 30, "shift": 15},
    {"name": "muldiv", "muldiv": 35, "muldiv_edge": 15},
    {"name": "memory", "load": 25, "store": 25, "amo": 10, "lrsc": 6},
    {"name": "compressed", "comp_alu": 35, "comp_mem": 20, "comp_jump": 6},
    {"name": "control", "branch": 20, "jump": 10, "comp_jump": 8, "loop": 4},
    {"name": "csr_atomic", "csr": 20, "amo": 15, "lrsc": 10},
]
BASE_WEIGHTS = {"alu_rr": 14, "alu_imm": 12, "shift": 6, "lui": 4, "li": 4, "muldiv": 8,
                "muldiv_edge": 2, "load": 10, "store": 8, "amo": 4, "lrsc": 2, "csr": 4,
                "comp_alu": 10, "comp_mem": 5, "branch": 7, "jump": 3, "comp_jump": 2,
                "loop": 1, "fence": 1}


def h32(v):
    return "0x%08x" % (v & 0xffffffff)


def s32(v):
    v &= 0xffffffff
    return v - (1 << 32) if v & 0x80000000 else v


class Gen:
    def __init__(self, seed, items):
        self.rng = Rng(seed)
        self.seed = seed
        self.items = items
        self.profile = PROFILES[seed % len(PROFILES)]
        w = dict(BASE_WEIGHTS)
        w.update({k: v for k, v in self.profile.items() if k != "name"})
        self.kinds = list(w.keys())
        self.weights = [w[k] for k in self.kinds]
        self.out = []
        self.label_no = 0
        self.pending = []        # [items_left, label] forward targets not yet placed
        self.instr_estimate = 0

    # ---- helpers -------------------------------------------------------------------------
    def emit(self, line):
        self.out.append("    " + line)
        self.instr_estimate += 1

    def label(self, name):
        self.out.append(name + ":")

    def new_label(self, kind):
        self.label_no += 1
        return ".L%s_%d" % (kind, self.label_no)

    def value(self):
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(EDGE)
        if r < 0.6:
            return self.rng.randrange(-64, 64) & 0xffffffff
        return self.rng.getrandbits(32)

    def imm12(self):
        if self.rng.random() < 0.4:
            return self.rng.choice(EDGE_IMM12)
        return self.rng.randrange(-2048, 2048)

    def rd(self, avoid=(), allow_x0=True):
        if allow_x0 and self.rng.random() < 0.03:
            return 0
        return self.rng.choice([r for r in WRITABLE if r not in avoid])

    def rs(self):
        r = self.rng.random()
        if r < 0.05:
            return 0
        if r < 0.08:
            return self.rng.choice([2, 8])
        return self.rng.choice(WRITABLE)

    def crd(self, avoid=()):
        return self.rng.choice([r for r in CREGS_W if r not in avoid])

    def crs(self):
        return self.rng.choice(CREGS_R)

    def x(self, r):
        return "x%d" % r

    # ---- items (each is one "step" for branch distances; none writes x2/x8) ------------------
    def item(self, kind, avoid=(), in_loop=False):
        getattr(self, "i_" + kind)(set(avoid), in_loop)

    def i_alu_rr(self, avoid, _):
        op = self.rng.choice(R_OPS)
        a, b = self.rs(), self.rs()
        if self.rng.random() < 0.1:
            b = a
        self.emit("%s %s, %s, %s" % (op, self.x(self.rd(avoid)), self.x(a), self.x(b)))

    def i_alu_imm(self, avoid, _):
        op = self.rng.choice(I_OPS)
        self.emit("%s %s, %s, %d" % (op, self.x(self.rd(avoid)), self.x(self.rs()), self.imm12()))

    def i_shift(self, avoid, _):
        if self.rng.random() < 0.5:
            op = self.rng.choice(SH_OPS)
            sh = self.rng.choice([0, 1, 31, 16, self.rng.randrange(32)])
            self.emit("%s %s, %s, %d" % (op, self.x(self.rd(avoid)), self.x(self.rs()), sh))
        else:
            op = self.rng.choice(["sll", "srl", "sra"])
            self.emit("%s %s, %s, %s" % (op, self.x(self.rd(avoid)), self.x(self.rs()),
                                         self.x(self.rs())))

    def i_lui(self, avoid, _):
        op = self.rng.choice(["lui", "auipc"])
        imm = self.rng.choice([0, 1, 0xfffff, 0x80000, 0x7ffff, self.rng.randrange(1 << 20)])
        self.emit("%s %s, 0x%x" % (op, self.x(self.rd(avoid)), imm))

    def i_li(self, avoid, _):
        self.emit("li %s, %s" % (self.x(self.rd(avoid, allow_x0=False)), h32(self.value())))

    def i_muldiv(self, avoid, _):
        op = self.rng.choice(M_OPS)
        self.emit("%s %s, %s, %s" % (op, self.x(self.rd(avoid)), self.x(self.rs()),
                                     self.x(self.rs())))

    def i_muldiv_edge(self, avoid, _):
        a = self.rd(avoid, allow_x0=False)
        b = self.rd(set(avoid) | {a}, allow_x0=False)
        case = self.rng.randrange(3)
        if case == 0:        # division by zero
            self.emit("li %s, %s" % (self.x(a), h32(self.value())))
            self.emit("li %s, 0" % self.x(b))
        elif case == 1:      # signed overflow
            self.emit("li %s, 0x80000000" % self.x(a))
            self.emit("li %s, -1" % self.x(b))
        else:
            self.emit("li %s, %s" % (self.x(a), h32(self.rng.choice(EDGE))))
            self.emit("li %s, %s" % (self.x(b), h32(self.rng.choice(EDGE))))
        op = self.rng.choice(M_OPS)
        self.emit("%s %s, %s, %s" % (op, self.x(self.rd(avoid)), self.x(a), self.x(b)))

    def mem_addr(self, size, avoid):
        """Returns (offset, base register) addressing a `size`-byte slot in the buffer (aligned
        but 12% of the time), emitting an `addi` into a temporary base register a third of the
        time."""
        slot = self.rng.randrange(BUF_SIZE // size) * size        # buffer offset from sp
        if size > 1 and self.rng.random() < 0.12:
            # misaligned (both simulators do these in hardware; isa_misaligned requires it)
            slot = self.rng.randrange(BUF_SIZE - size + 1)
        r = self.rng.random()
        if r < 0.45:
            return slot - S0_OFF, 8
        if r < 0.65:
            return slot, 2
        t = self.rd(avoid, allow_x0=False)
        delta = self.rng.randrange(-200, 200)
        self.emit("addi %s, x8, %d" % (self.x(t), delta))
        return slot - S0_OFF - delta, t

    def i_load(self, avoid, _):
        op, size = self.rng.choice(LOADS)
        off, base = self.mem_addr(size, avoid)
        self.emit("%s %s, %d(%s)" % (op, self.x(self.rd(avoid)), off, self.x(base)))

    def i_store(self, avoid, _):
        op, size = self.rng.choice(STORES)
        off, base = self.mem_addr(size, avoid)
        self.emit("%s %s, %d(%s)" % (op, self.x(self.rs()), off, self.x(base)))

    def word_ptr(self, avoid):
        t = self.rd(avoid, allow_x0=False)
        slot = self.rng.randrange(BUF_SIZE // 4) * 4
        self.emit("addi %s, x8, %d" % (self.x(t), slot - S0_OFF))
        return t

    def i_amo(self, avoid, _):
        t = self.word_ptr(avoid)
        op = self.rng.choice(AMO_OPS) + self.rng.choice(AQRL)
        self.emit("%s %s, %s, (%s)" % (op, self.x(self.rd(avoid)), self.x(self.rs()), self.x(t)))

    def i_lrsc(self, avoid, _):
        # lr.w then only ALU ops then sc.w to the same address: succeeds on both; a second sc.w
        # has no reservation left (every sc.w clears it) and fails on both.
        t = self.word_ptr(avoid)
        keep = set(avoid) | {t}
        self.emit("lr.w%s %s, (%s)" % (self.rng.choice(AQRL), self.x(self.rd(keep)), self.x(t)))
        for _ in range(self.rng.randrange(4)):
            op = self.rng.choice(["add", "xor", "sub", "or"])
            self.emit("%s %s, %s, %s" % (op, self.x(self.rd(keep)), self.x(self.rs()),
                                         self.x(self.rs())))
        self.emit("sc.w%s %s, %s, (%s)" % (self.rng.choice(AQRL), self.x(self.rd(keep)),
                                           self.x(self.rs()), self.x(t)))
        if self.rng.random() < 0.3:
            self.emit("sc.w %s, %s, (%s)" % (self.x(self.rd(keep)), self.x(self.rs()),
                                             self.x(t)))

    def i_csr(self, avoid, _):
        r = self.rng.random()
        rd = self.x(self.rd(avoid))
        if r < 0.5:
            csr = self.rng.choice(RW_CSRS)
            op = self.rng.choice(["csrrw", "csrrs", "csrrc"])
            self.emit("%s %s, %s, %s" % (op, rd, csr, self.x(self.rs())))
        elif r < 0.7:
            csr = self.rng.choice(RW_CSRS)
            op = self.rng.choice(["csrrwi", "csrrsi", "csrrci"])
            self.emit("%s %s, %s, %d" % (op, rd, csr, self.rng.randrange(32)))
        elif r < 0.82:
            # mepc: only even values (QEMU 7.2 keeps mepc[0], the spec says it reads 0)
            t = self.rd(avoid, allow_x0=False)
            self.emit("andi %s, %s, -2" % (self.x(t), self.x(self.rs())))
            op = self.rng.choice(["csrrw", "csrrs", "csrrc"])
            self.emit("%s %s, mepc, %s" % (op, rd, self.x(t)))
        elif r < 0.92:
            # mstatus: toggle MPIE only and compare MIE/MPIE only (MPP is WARL: 3 on pimsoc,
            # which has no U-mode, writable on QEMU)
            t = self.rd(avoid, allow_x0=False)
            rd_r = self.rd(avoid, allow_x0=False)
            self.emit("li %s, 0x80" % self.x(t))
            op = self.rng.choice(["csrrs", "csrrc"])
            self.emit("%s %s, mstatus, %s" % (op, self.x(rd_r), self.x(t)))
            self.emit("andi %s, %s, 0x88" % (self.x(rd_r), self.x(rd_r)))
        else:
            csr = self.rng.choice(["mhartid", "mtvec", "mscratch", "mepc", "mcause", "mtval"])
            self.emit("csrr %s, %s" % (rd, csr))

    def i_comp_alu(self, avoid, _):
        k = self.rng.randrange(14)
        rng = self.rng
        if k == 0:
            self.emit("c.addi %s, %d" % (self.x(self.rd(avoid, False)),
                                        rng.choice([i for i in range(-32, 32) if i != 0])))
        elif k == 1:
            self.emit("c.li %s, %d" % (self.x(self.rd(avoid, False)), rng.randrange(-32, 32)))
        elif k == 2:
            imm = rng.choice(list(range(1, 32)) + list(range(0xfffe0, 0x100000)))
            self.emit("c.lui %s, 0x%x" % (self.x(self.rd(avoid, False)), imm))
        elif k == 3:
            self.emit("c.mv %s, %s" % (self.x(self.rd(avoid, False)),
                                       self.x(rng.choice(WRITABLE + [2, 8]))))
        elif k == 4:
            self.emit("c.add %s, %s" % (self.x(self.rd(avoid, False)),
                                        self.x(rng.choice(WRITABLE + [2, 8]))))
        elif k in (5, 6):
            op = rng.choice(["c.sub", "c.xor", "c.or", "c.and"])
            self.emit("%s %s, %s" % (op, self.x(self.crd(avoid)), self.x(self.crs())))
        elif k == 7:
            self.emit("c.andi %s, %d" % (self.x(self.crd(avoid)), rng.randrange(-32, 32)))
        elif k == 8:
            op = rng.choice(["c.srli", "c.srai"])
            self.emit("%s %s, %d" % (op, self.x(self.crd(avoid)), rng.randrange(1, 32)))
        elif k == 9:
            self.emit("c.slli %s, %d" % (self.x(self.rd(avoid, False)), rng.randrange(1, 32)))
        elif k == 10:
            self.emit("c.addi4spn %s, sp, %d" % (self.x(self.crd(avoid)),
                                                 rng.randrange(1, 256) * 4))
        elif k == 11:
            self.emit("c.nop")
        else:
            # the same ops uncompressed-looking: the assembler compresses what it can (.option rvc)
            op = rng.choice(["add", "and", "or", "xor", "sub"])
            r = self.crd(avoid)
            self.emit("%s %s, %s, %s" % (op, self.x(r), self.x(r), self.x(self.crs())))

    def i_comp_mem(self, avoid, _):
        k = self.rng.randrange(4)
        if k == 0:
            self.emit("c.lw %s, %d(x8)" % (self.x(self.crd(avoid)), self.rng.randrange(32) * 4))
        elif k == 1:
            self.emit("c.sw %s, %d(x8)" % (self.x(self.crs()), self.rng.randrange(32) * 4))
        elif k == 2:
            self.emit("c.lwsp %s, %d(sp)" % (self.x(self.rd(avoid, False)),
                                             self.rng.randrange(64) * 4))
        else:
            self.emit("c.swsp %s, %d(sp)" % (self.x(self.rs()), self.rng.randrange(64) * 4))

    def i_fence(self, avoid, _):
        self.emit(self.rng.choice(["fence", "fence rw, rw", "fence r, r", "fence w, w",
                                   "fence.i", "fence iorw, iorw", "nop"]))

    # control flow: only outside loops; targets are forward labels a few items ahead
    def forward(self):
        lab = self.new_label("f")
        self.pending.append([self.rng.randrange(1, 7), lab])
        return lab

    def i_branch(self, avoid, in_loop):
        if in_loop:
            return self.i_alu_rr(avoid, in_loop)
        lab = self.forward()
        if self.rng.random() < 0.2:
            op = self.rng.choice(["c.beqz", "c.bnez"])
            self.emit("%s %s, %s" % (op, self.x(self.crs()), lab))
            return
        a, b = self.rs(), self.rs()
        if self.rng.random() < 0.1:
            b = a
        self.emit("%s %s, %s, %s" % (self.rng.choice(BR_OPS), self.x(a), self.x(b), lab))

    def i_jump(self, avoid, in_loop):
        if in_loop:
            return self.i_alu_imm(avoid, in_loop)
        lab = self.forward()
        if self.rng.random() < 0.5:
            self.emit("jal %s, %s" % (self.x(self.rd(avoid)), lab))
            return
        t = self.rd(avoid, allow_x0=False)
        self.emit("la %s, %s" % (self.x(t), lab))
        d = self.rng.choice([0, 0, 1, self.rng.randrange(-64, 64)])
        if d == 1:          # jalr clears bit 0 of the target
            self.emit("addi %s, %s, 1" % (self.x(t), self.x(t)))
            self.emit("jalr %s, 0(%s)" % (self.x(self.rd(avoid)), self.x(t)))
        else:
            self.emit("addi %s, %s, %d" % (self.x(t), self.x(t), -d))
            self.emit("jalr %s, %d(%s)" % (self.x(self.rd(avoid)), d, self.x(t)))

    def i_comp_jump(self, avoid, in_loop):
        if in_loop:
            return self.i_comp_alu(avoid, in_loop)
        lab = self.forward()
        k = self.rng.randrange(4)
        if k == 0:
            self.emit("c.j %s" % lab)
        elif k == 1:
            self.emit("c.jal %s" % lab)
        else:
            t = self.rd(set(avoid) | {1}, allow_x0=False)
            self.emit("la %s, %s" % (self.x(t), lab))
            self.emit("%s %s" % ("c.jr" if k == 2 else "c.jalr", self.x(t)))

    def i_loop(self, avoid, in_loop):
        if in_loop:
            return self.i_alu_rr(avoid, in_loop)
        self.flush_labels()
        rc = self.rd(avoid, allow_x0=False)
        lab = self.new_label("loop")
        self.emit("li %s, %d" % (self.x(rc), self.rng.randrange(1, 7)))
        self.label(lab)
        body = [k for k in self.kinds if k not in ("loop", "branch", "jump", "comp_jump")]
        bw = [self.weights[self.kinds.index(k)] for k in body]
        for _ in range(self.rng.randrange(2, 9)):
            self.item(self.rng.choices(body, bw)[0], avoid=set(avoid) | {rc}, in_loop=True)
        self.emit("addi %s, %s, -1" % (self.x(rc), self.x(rc)))
        self.emit("bnez %s, %s" % (self.x(rc), lab))

    def flush_labels(self):
        for _, lab in self.pending:
            self.label(lab)
        self.pending = []

    def tick(self):
        keep = []
        for p in self.pending:
            p[0] -= 1
            if p[0] <= 0:
                self.label(p[1])
            else:
                keep.append(p)
        self.pending = keep

    # ---- whole program ------------------------------------------------------------------
    def program(self):
        rng = self.rng
        buf = [rng.getrandbits(32) if rng.random() < 0.7 else rng.choice(EDGE)
               for _ in range(BUF_SIZE // 4)]
        csr_init = {"mscratch": self.value(), "mtval": self.value(), "mcause": self.value(),
                    "mepc": self.value() & ~1}
        regs = {r: self.value() for r in WRITABLE}
        body_start = len(self.out)
        for _ in range(self.items):
            self.item(rng.choices(self.kinds, self.weights)[0])
            self.tick()
        self.flush_labels()
        body = self.out[body_start:]
        body_instr = self.instr_estimate

        o = []
        o.append("/* Generated by tests/diff/gen_program.py --seed %d --items %d (profile %s):"
                 % (self.seed, self.items, self.profile["name"]))
        o.append(" * do not edit; see docs/testing-differential.md. ~%d body instructions. */"
                 % body_instr)
        o.append("    .option rvc")
        o.append("    .option norelax")
        o.append("    .section .rodata.diff_init, \"a\"")
        o.append("    .balign 4")
        o.append("diff_init_buf:")
        for i in range(0, len(buf), 8):
            o.append("    .word " + ", ".join(h32(v) for v in buf[i:i + 8]))
        o.append("    .text")
        o.append("    .globl main")
        o.append("    .type main, @function")
        o.append("    .balign 4")
        o.append("main:")
        o.append("    addi sp, sp, -%d" % FRAME)
        for i, r in enumerate(SAVED):
            o.append("    sw x%d, %d(sp)" % (r, SAVE_OFF + 4 * i))
        o.append("    la t0, diff_init_buf")
        o.append("    mv t1, sp")
        o.append("    li t2, %d" % (BUF_SIZE // 4))
        o.append("1:  lw t3, 0(t0)")
        o.append("    sw t3, 0(t1)")
        o.append("    addi t0, t0, 4")
        o.append("    addi t1, t1, 4")
        o.append("    addi t2, t2, -1")
        o.append("    bnez t2, 1b")
        o.append("    addi x8, sp, %d" % S0_OFF)
        for csr, v in csr_init.items():
            o.append("    li t0, %s" % h32(v))
            o.append("    csrw %s, t0" % csr)
        for r in WRITABLE:
            o.append("    li x%d, %s" % (r, h32(regs[r])))
        o.append("    /* ---- generated body ---- */")
        o.extend(body)
        o.append("    /* ---- dump x1..x31 at sp+%d, restore the runtime's registers ---- */"
                 % REGS_OFF)
        for r in range(1, 32):
            o.append("    sw x%d, %d(x8)" % (r, REGS_OFF - S0_OFF + 4 * r))
        o.append("    sw x0, %d(x8)" % (REGS_OFF - S0_OFF))
        for i, r in enumerate(SAVED):
            o.append("    lw x%d, %d(sp)" % (r, SAVE_OFF + 4 * i))
        o.append("    mv a0, sp")
        o.append("    li a1, %d" % BUF_SIZE)
        o.append("    addi a2, sp, %d" % REGS_OFF)
        o.append("    li a3, %d" % self.seed)
        o.append("    call diff_report")
        o.append("    lw ra, %d(sp)" % SAVE_OFF)
        o.append("    addi sp, sp, %d" % FRAME)
        o.append("    ret")
        o.append("    .size main, .-main")
        return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--items", type=int, default=0,
                    help="number of body items (default: 300..1500 chosen by the seed)")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    items = args.items or Rng(args.seed ^ 0x5eed).randrange(300, 1501)
    text = Gen(args.seed, items).program()
    with open(args.output, "w", encoding="ascii") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
