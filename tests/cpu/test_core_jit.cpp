// The block JIT (block_jit.h) against the interpreter: a differential fuzzer. Random programs of
// the ops the JIT translates, mixed with what it hands back (CSR reads of the counters, ecall,
// fence.i, trapping loads/stores, DMI misses, stores that overwrite the running code), run on two
// cores over copies of one memory, one with cpu.jit on and one with it off, in slices of random
// cycle and instruction budgets. After every slice everything observable must be equal: pc, stop
// reason, cycles, instructions, exceptions, registers, retired counts per Op and memory. A
// translation that ran past a budget, miscounted a cycle, or ran code that a store had replaced
// fails here.
#include <random>
#include <string>

#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint32_t read_latency = 3;
constexpr uint32_t write_latency = 2;
constexpr unsigned program_insns = 240;
constexpr uint32_t code_base_reg = s1;   // holds ram_base: jalr targets and self-modifying stores
constexpr uint32_t patch_reg = t2;       // holds the instruction those stores write (addi a0 or a1, a0, 1)
constexpr uint32_t data_base_reg = s0;   // holds data_addr

struct FuzzCase {
    unsigned seed;
    bool trap_misaligned;
    uint32_t dmi_bytes;  // the DMI region covers [ram_base, ram_base + dmi_bytes): the rest is slow path
    bool split_dmi;      // the whole memory as three DMI regions of different latencies, the data
                         // area across all three: loads/stores alternate between more regions than
                         // the core caches
};

// [ram_base, ram_end) as three regions around data_addr, each with its own latencies.
std::vector<DmiRegion> split_regions(TestMemory& mem)
{
    const uint32_t bounds[] = {ram_base, data_addr - 0x100, data_addr + 0x100, ram_base + ram_size};
    const uint32_t latencies[][2] = {{read_latency, write_latency}, {7, 5}, {1, 4}};
    std::vector<DmiRegion> regions;
    for (unsigned n = 0; n < 3; ++n) {
        DmiRegion region = ram_dmi(mem, latencies[n][0], latencies[n][1]);
        region.base = bounds[n];
        region.size = bounds[n + 1] - bounds[n];
        region.host = mem.bytes.data() + (bounds[n] - ram_base);
        regions.push_back(region);
    }
    return regions;
}

class JitFuzzTest : public ::testing::TestWithParam<FuzzCase> {
protected:
    JitFuzzTest()
        : m_rng(GetParam().seed),
          m_jit(m_jit_mem, config(true)),
          m_interp(m_interp_mem, config(false))
    {
    }

    static CoreConfig config(bool jit)
    {
        CoreConfig c;
        c.jit = jit;
        c.trap_misaligned = GetParam().trap_misaligned;
        return c;
    }

    uint32_t random(uint32_t n) { return std::uniform_int_distribution<uint32_t>(0, n - 1)(m_rng); }
    uint32_t any_reg() { return random(16); }
    // A destination that leaves the fixed base registers alone.
    uint32_t dest_reg()
    {
        for (;;) {
            const uint32_t r = random(16);
            if (r != code_base_reg && r != patch_reg && r != data_base_reg) {
                return r;
            }
        }
    }
    // Half of the time a value that division, shifts and comparisons treat specially.
    uint32_t interesting_value()
    {
        static constexpr uint32_t special[] = {0, 1, 2, ~0u, 0x80000000u, 0x7FFFFFFFu, 31, 32, data_addr, ram_base + 0x40};
        return random(2) ? static_cast<uint32_t>(m_rng()) : special[random(std::size(special))];
    }
    int32_t random_imm12() { return static_cast<int32_t>(random(4096)) - 2048; }

    void put(uint32_t insn)
    {
        m_program.push_back(insn);
    }

    // The address of a random instruction of the random part, and the offset to it from instruction `at`.
    uint32_t random_target() { return 4 * static_cast<uint32_t>(m_prefix + random(program_insns)); }
    int32_t offset_from(size_t at) { return static_cast<int32_t>(random_target()) - 4 * static_cast<int32_t>(at); }

    // A base register for a data access: the data base; or t0 = the data base + (a register's low
    // 9 bits) - 256 (emitted here), so that addresses vary at run time and cross the end of a
    // partial DMI region; or, rarely, any register (mostly an access fault).
    uint32_t data_address_reg()
    {
        const uint32_t kind = random(16);
        if (kind == 0) {
            return any_reg();
        }
        if (kind < 8) {
            return data_base_reg;
        }
        put(andi(t0, any_reg(), 0x1FF));
        put(add(t0, t0, data_base_reg));
        put(addi(t0, t0, -256));
        return t0;
    }

    void generate()
    {
        static constexpr u32 (*const reg_ops[])(u32, u32, u32) = {
            add, sub, sll, slt, sltu, xor_, srl, sra, or_, and_, mul, mulh, mulhsu, mulhu, div, divu, rem, remu};
        static constexpr u32 (*const imm_ops[])(u32, u32, int32_t) = {addi, slti, sltiu, xori, ori, andi};
        static constexpr u32 (*const shift_ops[])(u32, u32, u32) = {slli, srli, srai};
        static constexpr u32 (*const loads[])(u32, u32, int32_t) = {lb, lh, lw, lbu, lhu};
        static constexpr u32 (*const stores[])(u32, u32, int32_t) = {sb, sh, sw};
        static constexpr u32 (*const branches[])(u32, u32, int32_t) = {beq, bne, blt, bge, bltu, bgeu};
        static constexpr uint32_t counters[] = {csr::mcycle, csr::minstret, csr::mscratch};
        for (size_t at = m_program.size(); at < m_prefix + program_insns; at = m_program.size()) {
            const uint32_t kind = random(1000);
            if (kind < 350) {
                put(reg_ops[random(std::size(reg_ops))](dest_reg(), any_reg(), any_reg()));
            } else if (kind < 520) {
                put(imm_ops[random(std::size(imm_ops))](dest_reg(), any_reg(), random_imm12()));
            } else if (kind < 570) {
                put(shift_ops[random(std::size(shift_ops))](dest_reg(), any_reg(), random(32)));
            } else if (kind < 600) {
                put(random(2) ? lui(dest_reg(), random(1u << 20)) : auipc(dest_reg(), random(1u << 20)));
            } else if (kind < 730) {  // near the data base (some misaligned), a few anywhere
                const uint32_t base = data_address_reg();
                put(loads[random(std::size(loads))](dest_reg(), base, random_imm12() / 16));
            } else if (kind < 840) {
                const uint32_t base = data_address_reg();
                put(stores[random(std::size(stores))](any_reg(), base, random_imm12() / 16));
            } else if (kind < 855) {  // overwrite an instruction of the program (maybe the running block)
                put(sw(patch_reg, code_base_reg, static_cast<int32_t>(random_target())));
                put(xori(patch_reg, patch_reg, 1 << 7));  // the next patch writes the other of a0/a1
            } else if (kind < 940) {
                put(branches[random(std::size(branches))](any_reg(), any_reg(), offset_from(at)));
            } else if (kind < 954) {
                put(jal(dest_reg(), offset_from(at)));
            } else if (kind < 974) {
                put(jalr(dest_reg(), code_base_reg, static_cast<int32_t>(random_target())));
            } else if (kind < 994) {
                put(csrrs(dest_reg(), counters[random(std::size(counters))], x0));
            } else if (kind < 996) {
                put(fence_i());
            } else {
                put(ecall());
            }
        }
    }

    // Sets up both memories: the base registers, the random program, a trap handler that returns
    // past the trapping instruction; the data area filled with random bytes.
    void build()
    {
        const auto li = [&](uint32_t rd, uint32_t value) {
            put(lui(rd, ((value + 0x800) >> 12) & 0xFFFFF));
            put(addi(rd, rd, static_cast<int32_t>(value << 20) >> 20));
        };
        li(code_base_reg, ram_base);
        li(patch_reg, addi(a0, a0, 1));
        li(data_base_reg, data_addr);
        li(t0, trap_vector);
        put(csrrw(x0, csr::mtvec, t0));
        for (uint32_t r = 1; r < 16; ++r) {
            if (r != code_base_reg && r != patch_reg && r != data_base_reg && r != t0) {
                li(r, interesting_value());
            }
        }
        m_prefix = m_program.size();
        generate();
        put(jal(x0, -4 * static_cast<int32_t>(m_program.size() - m_prefix)));  // back to the random part's start
        for (size_t n = 0; n < m_program.size(); ++n) {
            m_jit_mem.set_word(ram_base + 4 * static_cast<uint32_t>(n), m_program[n]);
        }
        const uint32_t handler[] = {csrrs(t1, csr::mepc, x0), addi(t1, t1, 4), csrrw(x0, csr::mepc, t1), mret()};
        for (size_t n = 0; n < std::size(handler); ++n) {
            m_jit_mem.set_word(trap_vector + 4 * static_cast<uint32_t>(n), handler[n]);
        }
        for (uint32_t a = data_addr - 0x400; a < data_addr + 0x400; a += 4) {
            m_jit_mem.set_word(a, static_cast<uint32_t>(m_rng()));
        }
        m_interp_mem.bytes = m_jit_mem.bytes;
        for (auto* core : {&m_jit, &m_interp}) {
            TestMemory& mem = core == &m_jit ? m_jit_mem : m_interp_mem;
            if (GetParam().split_dmi) {
                for (const DmiRegion& region : split_regions(mem)) {
                    core->add_dmi_region(region);
                }
            } else {
                DmiRegion region = ram_dmi(mem, read_latency, write_latency);
                region.size = GetParam().dmi_bytes;
                core->add_dmi_region(region);
            }
            core->reset(ram_base);
        }
    }

    void expect_same(const RunResult& jit, const RunResult& interp, unsigned slice)
    {
        ASSERT_EQ(m_jit.pc(), m_interp.pc()) << "slice " << slice;
        ASSERT_EQ(static_cast<int>(jit.reason), static_cast<int>(interp.reason)) << "slice " << slice;
        ASSERT_EQ(m_jit.cycles(), m_interp.cycles()) << "slice " << slice;
        ASSERT_EQ(m_jit.instret(), m_interp.instret()) << "slice " << slice;
        ASSERT_EQ(m_jit.exceptions(), m_interp.exceptions()) << "slice " << slice;
        for (unsigned r = 0; r < RvCore::num_regs; ++r) {
            ASSERT_EQ(m_jit.reg(r), m_interp.reg(r)) << "x" << r << ", slice " << slice;
        }
        for (unsigned op = 0; op < RvCore::num_ops; ++op) {
            ASSERT_EQ(m_jit.retired(static_cast<Op>(op)), m_interp.retired(static_cast<Op>(op)))
                << op_name(static_cast<Op>(op)) << ", slice " << slice;
        }
        ASSERT_TRUE(m_jit_mem.bytes == m_interp_mem.bytes) << "memory differs after slice " << slice;
        std::vector<DmiTraffic> jit_traffic;
        std::vector<DmiTraffic> interp_traffic;
        m_jit.take_dmi_traffic(jit_traffic);
        m_interp.take_dmi_traffic(interp_traffic);
        ASSERT_EQ(jit_traffic.size(), interp_traffic.size()) << "slice " << slice;
        for (size_t n = 0; n < jit_traffic.size(); ++n) {
            ASSERT_EQ(jit_traffic[n].base, interp_traffic[n].base) << "slice " << slice;
            for (unsigned w = 0; w < DmiTraffic::widths; ++w) {
                const std::string where = "region " + std::to_string(n) + ", slice " + std::to_string(slice);
                ASSERT_EQ(jit_traffic[n].reads[w], interp_traffic[n].reads[w]) << where;
                ASSERT_EQ(jit_traffic[n].writes[w], interp_traffic[n].writes[w]) << where;
            }
        }
    }

    std::mt19937 m_rng;
    std::vector<uint32_t> m_program;
    size_t m_prefix = 0;  // instructions before the random part
    TestMemory m_jit_mem;
    TestMemory m_interp_mem;
    RvCore m_jit;
    RvCore m_interp;
};

TEST_P(JitFuzzTest, SameStateAsTheInterpreterAfterEverySlice)
{
    build();
    uint64_t translated_insns = 0;
    for (unsigned slice = 0; slice < 400; ++slice) {
        // Small budgets end blocks anywhere; large ones let translations chain.
        const uint64_t cycles = random(4) == 0 ? 1 + random(8) : 1 + random(5000);
        const uint64_t insns = random(3) == 0 ? 1 + random(300) : UINT64_MAX;
        const RunResult jit = m_jit.run(cycles, insns);
        const RunResult interp = m_interp.run(cycles, insns);
        translated_insns += jit.instructions;
        expect_same(jit, interp, slice);
        if (jit.reason == StopReason::wfi || jit.reason == StopReason::trap_loop) {
            break;
        }
    }
    EXPECT_GT(translated_insns, 10000u) << "the program ran too little to compare";
}

std::vector<FuzzCase> fuzz_cases()
{
    std::vector<FuzzCase> cases;
    for (unsigned seed = 1; seed <= 24; ++seed) {
        const bool partial = seed % 4 == 0;
        const uint32_t dmi_bytes = partial ? data_addr - ram_base + 0x40 : ram_size;
        cases.push_back({seed, seed % 3 == 0, dmi_bytes, !partial && seed % 5 == 1});
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(RandomPrograms, JitFuzzTest, ::testing::ValuesIn(fuzz_cases()),
                         [](const ::testing::TestParamInfo<FuzzCase>& param_info) {
                             return "seed" + std::to_string(param_info.param.seed) +
                                    (param_info.param.trap_misaligned ? "_trap_misaligned" : "") +
                                    (param_info.param.dmi_bytes < ram_size ? "_partial_dmi" : "") +
                                    (param_info.param.split_dmi ? "_split_dmi" : "");
                         });

}  // namespace
}  // namespace pimsoc::cpu::test

namespace pimsoc::cpu::test {
namespace {

// Self-modifying code: a translated loop rewrites, on every iteration, the first instruction of a
// function it calls (addi a0, a0, 1 <-> addi a1, a0, 1). The function lies in an earlier 64-byte
// line than the loop, so the loop's own block keeps its translation; its store must still go to
// the interpreter, which drops the function's decoded code and translation.
TEST(JitSelfModifyingCode, AStoreFromATranslatedBlockRewritesTranslatedCode)
{
    TestMemory jit_mem;
    TestMemory interp_mem;
    CoreConfig jit_config;
    CoreConfig interp_config;
    interp_config.jit = false;
    RvCore jit(jit_mem, jit_config);
    RvCore interp(interp_mem, interp_config);
    constexpr uint32_t loop = 0x80;
    std::vector<uint32_t> code(loop / 4 + 6, addi(x0, x0, 0));
    code[0] = lui(s1, ram_base >> 12);
    // code[1], code[2]: t2 = the patch (below)
    code[3] = addi(a2, x0, 1000);          // iterations
    code[4] = jal(x0, loop - 16);
    code[5] = addi(a0, a0, 1);             // 20: the function, rewritten by the loop
    code[6] = jalr(x0, ra, 0);
    code[loop / 4 + 0] = jal(ra, 20 - static_cast<int32_t>(loop));
    code[loop / 4 + 1] = sw(t2, s1, 20);
    code[loop / 4 + 2] = xori(t2, t2, 1 << 7);  // rd a0 <-> a1
    code[loop / 4 + 3] = addi(a2, a2, -1);
    code[loop / 4 + 4] = bne(a2, x0, -16);
    code[loop / 4 + 5] = jal(x0, 0);         // end
    const uint32_t patch = addi(a0, a0, 1);
    code[1] = lui(t2, (patch + 0x800) >> 12);
    code[2] = addi(t2, t2, static_cast<int32_t>(patch << 20) >> 20);
    for (size_t n = 0; n < code.size(); ++n) {
        jit_mem.set_word(ram_base + 4 * static_cast<uint32_t>(n), code[n]);
    }
    interp_mem.bytes = jit_mem.bytes;
    jit.add_dmi_region(ram_dmi(jit_mem, 1, 1));
    interp.add_dmi_region(ram_dmi(interp_mem, 1, 1));
    jit.reset(ram_base);
    interp.reset(ram_base);
    for (int slice = 0; slice < 20; ++slice) {
        jit.run(5000);
        interp.run(5000);
        ASSERT_EQ(jit.pc(), interp.pc()) << "slice " << slice;
        ASSERT_EQ(jit.cycles(), interp.cycles()) << "slice " << slice;
        for (unsigned r = 0; r < RvCore::num_regs; ++r) {
            ASSERT_EQ(jit.reg(r), interp.reg(r)) << "x" << r << ", slice " << slice;
        }
    }
    EXPECT_EQ(jit.pc(), ram_base + loop + 20);
    EXPECT_EQ(jit.reg(a2), 0u);
    // Call 1 runs the original (a0 form), call k >= 2 what store k-1 wrote: the a0 form for even k.
    EXPECT_EQ(jit.reg(a0), 501u);  // 1 + 500 even calls
    EXPECT_EQ(jit.reg(a1), 501u);  // a0 + 1 at call 999, the last odd one
}

}  // namespace
}  // namespace pimsoc::cpu::test

namespace pimsoc::cpu::test {
namespace {

// The core caches the two DMI regions last hit per access kind: a loop whose loads and stores
// alternate between two regions of different latencies must count each access at its own
// region's latency and credit its traffic to that region, in the interpreter and the JIT alike.
struct AlternatingRun {
    uint64_t cycles = 0;
    std::vector<DmiTraffic> traffic;
    unsigned slow_accesses = 0;
};

constexpr uint32_t alternating_iterations = 20;

AlternatingRun run_alternating_loop(bool jit, uint32_t latency_scale)
{
    CoreConfig config;
    config.jit = jit;
    TestMemory mem;
    RvCore core(mem, config);
    mem.core = &core;
    const uint32_t split = data_addr;  // region A below (code, a1's data), region B from here (a0's data)
    DmiRegion a = ram_dmi(mem, 3 * latency_scale, 2 * latency_scale);
    a.size = split - ram_base;
    DmiRegion b = ram_dmi(mem, 9 * latency_scale, 4 * latency_scale);
    b.base = split;
    b.size = ram_base + ram_size - split;
    b.host = mem.bytes.data() + (split - ram_base);
    core.add_dmi_region(a);
    core.add_dmi_region(b);
    const uint32_t program[] = {
        lui(a0, data_addr >> 12), lui(a1, (ram_base + 0x1000) >> 12), addi(t1, x0, alternating_iterations),
        lw(a2, a0, 0),  // loop: B
        lh(a3, a1, 0),  // A
        sb(a2, a1, 4),  // A
        sw(a2, a0, 8),  // B
        addi(t1, t1, -1), bne(t1, x0, -20), wfi()};
    for (size_t n = 0; n < std::size(program); ++n) {
        mem.set_word(ram_base + 4 * static_cast<uint32_t>(n), program[n]);
    }
    core.reset(ram_base);
    EXPECT_EQ(static_cast<int>(core.run(1000000).reason), static_cast<int>(StopReason::wfi));
    AlternatingRun result;
    result.cycles = core.cycles();
    core.take_dmi_traffic(result.traffic);
    result.slow_accesses = mem.reads + mem.writes + mem.fetches;
    return result;
}

TEST(DmiCache, AccessesAlternatingBetweenTwoRegionsCountAtEachRegionsLatency)
{
    for (const bool jit : {false, true}) {
        SCOPED_TRACE(jit ? "jit" : "interpreter");
        const AlternatingRun without_latency = run_alternating_loop(jit, 0);
        const AlternatingRun run = run_alternating_loop(jit, 1);
        EXPECT_EQ(run.cycles - without_latency.cycles, uint64_t{alternating_iterations} * (9 + 3 + 2 + 4));
        EXPECT_EQ(run.slow_accesses, 0u);
        ASSERT_EQ(run.traffic.size(), 2u);
        const DmiTraffic& a = run.traffic[0].base == ram_base ? run.traffic[0] : run.traffic[1];
        const DmiTraffic& b = run.traffic[0].base == ram_base ? run.traffic[1] : run.traffic[0];
        EXPECT_EQ(b.base, data_addr);
        EXPECT_EQ(b.reads[2], alternating_iterations);
        EXPECT_EQ(b.writes[2], alternating_iterations);
        EXPECT_EQ(b.reads[1], 0u) << "no code in region B";
        EXPECT_EQ(a.writes[0], alternating_iterations);
        EXPECT_EQ(a.reads[2] + a.writes[2] + b.reads[0] + b.writes[0], 0u);
    }
}

}  // namespace
}  // namespace pimsoc::cpu::test
