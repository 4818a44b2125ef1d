/* mmio_fuzz: seeded random guest accesses to every device window and every hole of the memory
 * map, with random widths (1, 2, 4, and 8 as two 4-byte accesses) and alignments, random DMA and
 * racetrack (RTM) descriptors in between. Access faults (and misaligned faults) are counted per
 * region by the trap handler, which skips the faulting instruction. Ends with a summary (accesses
 * and faults per region, a checksum of the values read, the engines' verdicts) and exit code 0;
 * the same seed gives the same output byte for byte.
 *
 * Settings: seed = sysctl.arg0 (0: 1), accesses = sysctl.arg1 (0: 20000). They are read in
 * fuzz_settings() only, so switching to command-line arguments touches one function.
 *
 * Left out on purpose, so that the run ends by itself with its own exit code:
 *  - writes to the finisher (any write ends the run), and to main memory (the firmware itself);
 *  - writes to the UART's THR (random bytes would appear in the output); the UART is set up again
 *    before the summary, since random writes may leave DLAB or loopback set;
 *  - writes to DMA CMD (random descriptor registers could copy over the firmware): DMA
 *    descriptors are built with destinations in SRAM, the RTM array, the ROM or holes only;
 *  - writes to sysctl STATS (each prints the whole stats report), and the host time from the
 *    checksum (it differs between runs);
 *  - interrupts: mie stays 0, so random CLINT msip/mtimecmp and PLIC settings never trap.
 * Every access to a hole must fault: a hole access that does not is reported and fails the run. */
#include <stdio.h>

#include "boot/trap.h"
#include "fuzz.h"
#include "hal/mmio.h"
#include "hal/sysctl.h"
#include "hal/uart.h"
#include "memory_map.h"
#include "uart/uart_regs.h"

#define DEFAULT_ACCESSES 20000u
#define DESCRIPTOR_ODDS 64u /* one DMA and one RTM descriptor per this many accesses, on average */

volatile uint32_t fuzz_faulted;
struct region* volatile fuzz_current;
static uint32_t state = 1;
static uint32_t checksum;

void fuzz_seed(uint32_t seed)
{
    state = seed ? seed : 1;
}

uint32_t fuzz_random(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static void fuzz_settings(uint32_t* seed, uint32_t* accesses)
{
    *seed = sysctl_arg(0) ? sysctl_arg(0) : 1;
    *accesses = sysctl_arg(1) ? sysctl_arg(1) : DEFAULT_ACCESSES;
}

#define CAUSE_LOAD_MISALIGNED 4u
#define CAUSE_STORE_MISALIGNED 6u

static void on_trap(struct trap_frame* frame)
{
    const uint32_t cause = frame->mcause;
    if (fuzz_current == 0 || cause < CAUSE_LOAD_MISALIGNED || cause > CAUSE_STORE_MISALIGNED + 1)
        trap_default_handler(frame);
    fuzz_current->faults++;
    fuzz_faulted = 1;
    const uint16_t insn = *(const volatile uint16_t*)frame->mepc;
    frame->mepc += (insn & 3u) == 3u ? 4u : 2u; /* skip it, 32-bit or compressed */
}

static int in_range(uint32_t offset, uint32_t width, uint32_t first, uint32_t end)
{
    return offset < end && first < offset + width;
}

/* One bus access of 1, 2 or 4 bytes; the value read joins the checksum. */
static void access(struct region* r, uint32_t offset, uint32_t width, int write)
{
    const uintptr_t addr = r->base + offset;
    const uint32_t value = fuzz_random();
    uint32_t read = 0;
    fuzz_current = r;
    fuzz_faulted = 0;
    if (write) {
        r->writes++;
        if (width == 1)
            mmio_write8(addr, (uint8_t)value);
        else if (width == 2)
            mmio_write16(addr, (uint16_t)value);
        else
            mmio_write32(addr, value);
    } else {
        r->reads++;
        read = width == 1 ? mmio_read8(addr) : width == 2 ? mmio_read16(addr) : mmio_read32(addr);
    }
    fuzz_current = 0;
    if (!write && !fuzz_faulted && !in_range(offset, width, r->no_sum_first, r->no_sum_end))
        checksum = checksum * 31u + read;
}

static void random_access(void)
{
    struct region* r = &fuzz_regions[fuzz_below(fuzz_region_count)];
    const uint32_t width = 1u << fuzz_below(4); /* 8: two 4-byte accesses */
    /* Registers sit at low offsets: half the accesses go to the first 256 bytes. */
    uint32_t offset = fuzz_below(2) ? fuzz_below(256) : fuzz_below(r->size);
    if (fuzz_below(4) != 0) offset &= ~((width > 4 ? 4 : width) - 1); /* mostly aligned */
    if (offset > r->size - width) offset = r->size - width;
    const int write = (r->flags & REGION_WRITE) && fuzz_below(2) &&
                      !in_range(offset, width, r->no_write_first, r->no_write_end);
    if (width == 8) {
        access(r, offset, 4, write);
        access(r, offset + 4, 4, write);
    } else {
        access(r, offset, width, write);
    }
}

static int print_summary(void)
{
    int holes_ok = 1;
    for (unsigned i = 0; i < fuzz_region_count; i++) {
        const struct region* r = &fuzz_regions[i];
        printf("%-11s 0x%08lx size 0x%08lx: %5lu reads %5lu writes %5lu faults\n", r->name,
               (unsigned long)r->base, (unsigned long)r->size, (unsigned long)r->reads,
               (unsigned long)r->writes, (unsigned long)r->faults);
        if ((r->flags & REGION_HOLE) && r->faults != r->reads + r->writes) {
            printf("ERROR: %lu accesses to the hole at 0x%08lx did not fault\n",
                   (unsigned long)(r->reads + r->writes - r->faults), (unsigned long)r->base);
            holes_ok = 0;
        }
    }
    fuzz_print_engine_summary();
    printf("checksum of the values read: 0x%08lx\n", (unsigned long)checksum);
    return holes_ok;
}

int main(void)
{
    uint32_t seed, accesses;
    fuzz_settings(&seed, &accesses);
    fuzz_seed(seed);
    fuzz_build_regions();
    printf("mmio_fuzz: seed %lu, %lu accesses over %u regions\n", (unsigned long)seed,
           (unsigned long)accesses, fuzz_region_count);
    trap_set_handler(on_trap);
    for (uint32_t i = 0; i < accesses; i++) {
        random_access();
        if (fuzz_below(DESCRIPTOR_ODDS) == 0 && fuzz_dma_descriptor() != 0) return 1;
        if (fuzz_below(DESCRIPTOR_ODDS) == 0 && fuzz_rtm_descriptor() != 0) return 1;
    }
    trap_set_handler(0);
    mmio_write8(PIMSOC_UART0_BASE + UART_MCR, 0); /* random writes may have left loopback on */
    uart_init();
    const int ok = print_summary();
    printf("mmio_fuzz: %s\n", ok ? "done" : "FAILED");
    return ok ? 0 : 1;
}
