/* checkpoint_selftest: the checkpoint runtime (firmware/runtime/checkpoint.h) under a power failure
 * at every instruction of a commit, exhaustively for a small payload (docs/power.md).
 *
 *   pimsoc run checkpoint_selftest.elf --set power.mode=periodic --set power.period=40us \
 *       --set power.off_time=1us
 *
 * Each boot restores the committed checkpoint and checks it: its checksum holds, its version never
 * goes back, and its payload is the one written for that version (PAYLOAD_WORDS words derived from
 * the version). Then it waits `boot` instructions (a nop sled, one instruction more at each boot)
 * and commits new versions back to back until the periodic failure cuts it. Since the failure
 * comes a fixed time after each boot, it falls one instruction earlier in the commit loop at each
 * boot: over SWEEP_BOOTS boots (more than the loop's cycles) it hits every instruction of a commit.
 * A word in .nvdata set before ckpt_begin and cleared after ckpt_commit counts the failures that fell
 * inside a commit. The boots after the sweep print the counts and PASS, exit 0, through the
 * once-only console (runtime/nv_console.h), in short lines: printing takes longer than a period
 * (about 0.8 us a character after a 26 us boot), each boot goes on
 * where the last one was cut (the position after each whole line is kept in .nvdata, so a boot
 * regenerates only the line that was cut). Any check failing prints FAIL and exits 1, and so does
 * power.mode=off. Deterministic output: expected_output.txt. */
#include <stdint.h>
#include <stdio.h>

#include "hal/power.h"
#include "runtime/checkpoint.h"
#include "runtime/nv_console.h"

#define PAYLOAD_WORDS 8u
#define SWEEP_BOOTS 800u /* > the commit loop's cycles (about 470) */
/* At least this many of the sweep's failures must fall inside a commit (its instructions: about 120),
 * else the sweep did not cover it. */
#define MIN_CUT_INSIDE 120u
#define SLED_NOPS 1024u /* > SWEEP_BOOTS */

static uint32_t s_nv_store[CKPT_STORE_WORDS(PAYLOAD_WORDS * 4u)] CKPT_NV;
/* The test's own bookkeeping, outside the store: boots, the last version seen, failures inside a
 * commit, commits that a failure cut after their commit point (the new version found). */
static volatile struct {
    uint32_t boots, last_version, in_commit, cut_inside, found_new, committing_version;
    uint32_t lines_done, console_at; /* summary lines printed whole, the stream position after them */
} s_log CKPT_NV;

static uint32_t payload_word(uint32_t version, uint32_t i) { return version * 0x9E3779B1u ^ (i * 0x85EBCA77u + i); }

/* Executes exactly `count` nops (count <= SLED_NOPS): a jump into a sled. */
static void delay_instructions(uint32_t count)
{
    __asm__ volatile(".option push\n"
                     ".option norvc\n"
                     "  la t0, 1f\n"
                     "  slli t1, %0, 2\n"
                     "  sub t0, t0, t1\n"
                     "  jr t0\n"
                     "  .rept %1\n"
                     "  nop\n"
                     "  .endr\n"
                     "1:\n"
                     ".option pop\n" ::"r"(count),
                     "i"(SLED_NOPS)
                     : "t0", "t1", "memory");
}

static int fail(const char *what, uint32_t got, uint32_t expected)
{
    printf("checkpoint_selftest: FAIL at boot %lu: %s: got %lu, expected %lu\n", (unsigned long)s_log.boots, what,
           (unsigned long)got, (unsigned long)expected);
    return 1;
}

/* The committed checkpoint must be whole and not older than the last one seen. */
static int check_restored(const ckpt_store *store)
{
    const uint32_t version = ckpt_version(store);
    if (version < s_log.last_version)
        return fail("version went back", version, s_log.last_version);
    if (version == 0)
        return 0;
    uint32_t bytes = 0;
    const uint32_t *payload = ckpt_restore(store, &bytes);
    if (payload == NULL)
        return fail("checksum of the committed slot", (uint32_t)ckpt_check(store), CKPT_OK);
    if (bytes != PAYLOAD_WORDS * 4u)
        return fail("payload bytes", bytes, PAYLOAD_WORDS * 4u);
    for (uint32_t i = 0; i < PAYLOAD_WORDS; i++)
        if (payload[i] != payload_word(version, i))
            return fail("payload word", payload[i], payload_word(version, i));
    return 0;
}

/* The summary, line by line from where the last boot got to. */
static void print_summary(void)
{
    nv_console_seek(s_log.console_at);
    for (uint32_t line = s_log.lines_done; line < 5u; line++) {
        if (line == 0)
            printf("checkpoint_selftest: %lu boots,\n", (unsigned long)SWEEP_BOOTS);
        else if (line == 1)
            printf("%lu failures inside a commit,\n", (unsigned long)s_log.cut_inside);
        else if (line == 2)
            printf("%lu after its commit point,\n", (unsigned long)s_log.found_new);
        else if (line == 3)
            printf("every restored checkpoint whole\n");
        else
            printf("checkpoint_selftest: PASS\n");
        s_log.console_at = nv_console_position();
        s_log.lines_done = line + 1u;
    }
}

int main(void)
{
    const int cold = power_boot_cause() == POWER_BOOT_COLD;
    if (power_mode() == POWER_MODE_OFF) {
        printf("checkpoint_selftest: FAIL: power.mode is off (run it with failures, see main.c)\n");
        return 1;
    }
    nv_console_open(cold);
    ckpt_store store;
    ckpt_open(&store, s_nv_store, sizeof s_nv_store, cold);
    if (cold) {
        s_log.boots = s_log.last_version = s_log.in_commit = s_log.cut_inside = s_log.found_new = 0;
        s_log.committing_version = 0;
        s_log.lines_done = s_log.console_at = 0;
    }
    if (s_log.boots <= SWEEP_BOOTS)
        s_log.boots++; /* frozen after the sweep: every boot prints the same lines */
    if (s_log.in_commit) { /* the last failure fell between our marks around a commit */
        s_log.cut_inside++;
        if (ckpt_version(&store) == s_log.committing_version)
            s_log.found_new++;
        s_log.in_commit = 0;
    }
    if (check_restored(&store))
        return 1;
    s_log.last_version = ckpt_version(&store);
    if (s_log.boots > SWEEP_BOOTS) {
        if (s_log.cut_inside < MIN_CUT_INSIDE)
            return fail("failures inside a commit", s_log.cut_inside, MIN_CUT_INSIDE);
        print_summary();
        return 0;
    }
    delay_instructions(s_log.boots);
    for (;;) {
        const uint32_t version = ckpt_version(&store) + 1u;
        s_log.committing_version = version;
        s_log.in_commit = 1;
        uint32_t *next = ckpt_begin(&store);
        for (uint32_t i = 0; i < PAYLOAD_WORDS; i++)
            next[i] = payload_word(version, i);
        ckpt_commit(&store, PAYLOAD_WORDS * 4u);
        s_log.in_commit = 0;
        s_log.last_version = version;
    }
}
