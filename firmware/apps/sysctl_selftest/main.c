/* sysctl_selftest: checks the sysctl device (docs/models/sysctl.md) from the firmware side.
 *
 * Run it with the arguments it expects (compile-time constants below; the integration test passes
 * them):
 *   pimsoc run sysctl_selftest.elf --set sysctl.arg0=1234 --set sysctl.arg7=0xdeadbeef [-- --verbose]
 * Checks: ID and VERSION; SCRATCH; the user arguments (ARG0, ARG7 as above, ARG1..ARG5 at their
 * default 0); CYCLES and INSTRET monotonic and bracketed by the
 * CPU's own mcycle/minstret CSRs read just before and just after; SIM_TIME_NS advancing;
 * HOST_TIME_NS monotonic; ROI begin/end accepted (ROI_COUNT +2, ROI_UNMATCHED unchanged); stores
 * to read-only registers and a load from an unmapped offset raise access faults (caught by a trap
 * handler that skips the instruction).
 *
 * Output (deterministic, see expected_output.txt): one line per group of checks, then
 * "sysctl_selftest: PASS", exit 0. On a mismatch: "sysctl_selftest: FAIL: ..." lines and exit 1.
 * With `-- --verbose` it also prints a line with its speed in MIPS (from INSTRET
 * and the non-deterministic HOST_TIME_NS) and asks for the stats report; tests must not set it. */
#include <stdint.h>
#include <stdio.h>

#include <string.h>

#include "boot/trap.h"
#include "hal/args.h"
#include "hal/csr.h"
#include "hal/mmio.h"
#include "hal/sysctl.h"
#include "memory_map.h"

#define EXPECTED_ARG0 1234u       /* --set sysctl.arg0=1234 */
#define EXPECTED_ARG7 0xdeadbeefu /* --set sysctl.arg7=0xdeadbeef */

/* The sysctl counters and the CSRs count the same CPU. Reading CSR, then sysctl, then CSR again
 * must bracket the sysctl value. The bracket holds one sysctl_cycles() call (three device loads
 * with their bus latency as stall cycles, the retry test, the call) and one CSR read: measured
 * 45 cycles and 13 instructions on the default SoC, at any quantum. The bounds leave room for a
 * slower bus or CPU timing table, and still catch a counter that is off by a quantum (1000 cycles
 * at the default 10 us / 100 MHz) or counts something else. */
#define MAX_CYCLE_BRACKET 200u
#define MAX_INSTRET_BRACKET 50u

#define REG(off) ((uintptr_t)PIMSOC_SYSCTL_BASE + (off))

static unsigned failures;

static void fail(const char *what, uint64_t got, uint64_t expected)
{
    printf("sysctl_selftest: FAIL: %s: got 0x%08lx%08lx, expected 0x%08lx%08lx\n", what, (unsigned long)(got >> 32),
           (unsigned long)got, (unsigned long)(expected >> 32), (unsigned long)expected);
    failures++;
}

static void check_eq(const char *what, uint64_t got, uint64_t expected)
{
    if (got != expected)
        fail(what, got, expected);
}

static void check_true(const char *what, int ok)
{
    if (!ok) {
        printf("sysctl_selftest: FAIL: %s\n", what);
        failures++;
    }
}

/* --- access faults ------------------------------------------------------------------------ */

static volatile uint32_t trap_count;
static volatile uint32_t trap_mcause;
static volatile uint32_t trap_mtval;

static void skip_faulting_access(struct trap_frame *frame)
{
    if (frame->mcause != CAUSE_STORE_ACCESS && frame->mcause != CAUSE_LOAD_ACCESS)
        trap_default_handler(frame);
    trap_count++;
    trap_mcause = frame->mcause;
    trap_mtval = frame->mtval;
    uint16_t insn = *(const uint16_t *)(uintptr_t)frame->mepc;
    frame->mepc += (insn & 3u) == 3u ? 4u : 2u; /* skip the (possibly compressed) instruction */
}

static void expect_fault(const char *what, uint32_t offset, int store, uint32_t cause)
{
    uint32_t before = trap_count;
    if (store)
        mmio_write32(REG(offset), 0x1u);
    else
        (void)mmio_read32(REG(offset));
    if (trap_count != before + 1) {
        printf("sysctl_selftest: FAIL: %s: no access fault\n", what);
        failures++;
        return;
    }
    check_eq(what, trap_mcause, cause);
    check_eq(what, trap_mtval, REG(offset));
}

static void test_faults(void)
{
    trap_handler_t previous = trap_set_handler(skip_faulting_access);
    expect_fault("store to ID", SYSCTL_ID, 1, CAUSE_STORE_ACCESS);
    expect_fault("store to VERSION", SYSCTL_VERSION, 1, CAUSE_STORE_ACCESS);
    expect_fault("store to CYCLES lo", SYSCTL_CYCLES + SYSCTL_LO, 1, CAUSE_STORE_ACCESS);
    expect_fault("store to INSTRET hi", SYSCTL_INSTRET + SYSCTL_HI, 1, CAUSE_STORE_ACCESS);
    expect_fault("store to SIM_TIME_NS", SYSCTL_SIM_TIME_NS, 1, CAUSE_STORE_ACCESS);
    expect_fault("store to ARG0", SYSCTL_ARG(0), 1, CAUSE_STORE_ACCESS);
    expect_fault("store to ROI_COUNT", SYSCTL_ROI_COUNT, 1, CAUSE_STORE_ACCESS);
    expect_fault("load from an unmapped offset", SYSCTL_REGS_END, 0, CAUSE_LOAD_ACCESS);
    trap_set_handler(previous);
    check_eq("ARG0 after the store", sysctl_arg(0), EXPECTED_ARG0);
    check_eq("ID after the store", mmio_read32(REG(SYSCTL_ID)), SYSCTL_ID_VALUE);
    printf("sysctl_selftest: read-only stores and unmapped loads fault\n");
}

/* --- registers ------------------------------------------------------------------------------ */

static void test_id(void)
{
    uint32_t id = mmio_read32(REG(SYSCTL_ID));
    uint32_t version = mmio_read32(REG(SYSCTL_VERSION));
    check_eq("ID", id, SYSCTL_ID_VALUE);
    check_eq("VERSION", version, SYSCTL_VERSION_VALUE);
    printf("sysctl_selftest: id 0x%08lx version %lu.%lu\n", (unsigned long)id, (unsigned long)(version >> 16),
           (unsigned long)(version & 0xffffu));

    mmio_write32(REG(SYSCTL_SCRATCH), 0xa5a5f00du);
    check_eq("SCRATCH", mmio_read32(REG(SYSCTL_SCRATCH)), 0xa5a5f00du);
    mmio_write32(REG(SYSCTL_SCRATCH), 0);
    check_eq("SCRATCH", mmio_read32(REG(SYSCTL_SCRATCH)), 0);
}

static void test_args(void)
{
    check_eq("ARG0 (--set sysctl.arg0=1234)", sysctl_arg(0), EXPECTED_ARG0);
    check_eq("ARG7 (--set sysctl.arg7=0xdeadbeef)", sysctl_arg(7), EXPECTED_ARG7);
    for (unsigned n = 1; n <= 6; n++)
        check_eq("ARG1..ARG6 (default)", sysctl_arg(n), 0);
    check_eq("sysctl_arg(8)", sysctl_arg(SYSCTL_NUM_ARGS), 0);
    printf("sysctl_selftest: args arg0=%lu arg7=0x%08lx\n", (unsigned long)sysctl_arg(0),
           (unsigned long)sysctl_arg(7));
}

static volatile uint32_t sink;

static void busy_work(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        sink += i;
}

static void test_counters(void)
{
    uint64_t last_cycles = 0, last_instret = 0, last_sim = 0, last_host = 0;
    for (unsigned round = 0; round < 4; round++) {
        uint64_t c0 = csr_read_mcycle64();
        uint64_t cycles = sysctl_cycles();
        uint64_t c1 = csr_read_mcycle64();
        uint64_t i0 = csr_read_minstret64();
        uint64_t instret = sysctl_instret();
        uint64_t i1 = csr_read_minstret64();
        uint64_t sim = sysctl_sim_time_ns();
        uint64_t host = sysctl_host_time_ns();

        check_true("CYCLES >= mcycle read before", cycles >= c0);
        check_true("CYCLES <= mcycle read after", cycles <= c1);
        check_true("mcycle bracket around CYCLES is small", c1 - c0 <= MAX_CYCLE_BRACKET);
        check_true("INSTRET >= minstret read before", instret >= i0);
        check_true("INSTRET <= minstret read after", instret <= i1);
        check_true("minstret bracket around INSTRET is small", i1 - i0 <= MAX_INSTRET_BRACKET);
        if (round > 0) {
            check_true("CYCLES increases", cycles > last_cycles);
            check_true("INSTRET increases", instret > last_instret);
            check_true("SIM_TIME_NS advances", sim > last_sim);
            check_true("HOST_TIME_NS is monotonic", host >= last_host);
        }
        last_cycles = cycles;
        last_instret = instret;
        last_sim = sim;
        last_host = host;
        busy_work(1000);
    }
    check_true("SIM_TIME_NS is non-zero", last_sim > 0);
    printf("sysctl_selftest: counters agree with mcycle/minstret and advance\n");
}

static void test_roi(void)
{
    uint32_t count = mmio_read32(REG(SYSCTL_ROI_COUNT));
    uint32_t unmatched = mmio_read32(REG(SYSCTL_ROI_UNMATCHED));
    uint32_t invalid = mmio_read32(REG(SYSCTL_ROI_INVALID));
    sysctl_roi_begin(1);
    busy_work(100);
    sysctl_roi_begin(2);
    busy_work(100);
    sysctl_roi_end(2);
    sysctl_roi_end(1);
    check_eq("ROI reads the last value written", mmio_read32(REG(SYSCTL_ROI)), SYSCTL_ROI_END | 1u);
    check_eq("ROI_COUNT after 2 regions", mmio_read32(REG(SYSCTL_ROI_COUNT)), count + 4u);
    check_eq("ROI_UNMATCHED", mmio_read32(REG(SYSCTL_ROI_UNMATCHED)), unmatched);
    check_eq("ROI_INVALID", mmio_read32(REG(SYSCTL_ROI_INVALID)), invalid);
    printf("sysctl_selftest: roi marks accepted\n");
}

/* Verbose only: the speed of the simulator on this host. Not deterministic. */
static void report_speed(uint64_t instret0, uint64_t host0)
{
    uint64_t instructions = sysctl_instret() - instret0;
    uint64_t ns = sysctl_host_time_ns() - host0;
    uint64_t mips_x100 = ns ? instructions * 100000u / ns : 0; /* instructions per us = MIPS */
    printf("sysctl_selftest: %lu instructions in %lu us of host time: %lu.%02lu MIPS\n", (unsigned long)instructions,
           (unsigned long)(ns / 1000u), (unsigned long)(mips_x100 / 100u), (unsigned long)(mips_x100 % 100u));
    sysctl_print_stats();
}

int main(int argc, char **argv)
{
    args_cursor cursor;
    args_begin(&cursor, argc, argv, "sysctl_selftest");
    int verbose = 0;
    for (const char *word; (word = args_next(&cursor)) != NULL;) {
        if (strcmp(word, "--verbose") != 0)
            return args_unknown(&cursor, word);
        verbose = 1;
    }
    uint64_t instret0 = sysctl_instret();
    uint64_t host0 = sysctl_host_time_ns();

    test_id();
    test_args();
    test_counters();
    test_roi();
    test_faults();

    if (verbose)
        report_speed(instret0, host0);

    if (failures != 0) {
        printf("sysctl_selftest: FAIL (%u checks)\n", failures);
        return 1;
    }
    printf("sysctl_selftest: PASS\n");
    return 0;
}
