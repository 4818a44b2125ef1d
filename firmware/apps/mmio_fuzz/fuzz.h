/* mmio_fuzz's shared pieces: the seeded random stream, the regions of the memory map it aims at,
 * and the counters the trap handler and the summary use. */
#ifndef MMIO_FUZZ_H
#define MMIO_FUZZ_H

#include <stdint.h>

/* xorshift32: deterministic, seeded from sysctl.arg0 (never 0). */
uint32_t fuzz_random(void);
void fuzz_seed(uint32_t seed);
static inline uint32_t fuzz_below(uint32_t n)
{
    return n ? fuzz_random() % n : 0;
}

/* What a random access may do in a region (see main.c for why each exclusion exists). */
#define REGION_READ 0x1u    /* random reads */
#define REGION_WRITE 0x2u   /* random writes, except the no_write range */
#define REGION_DMA_DST 0x4u /* a DMA descriptor may write here */
#define REGION_DMA_SRC 0x8u /* a DMA descriptor may read here (not where reads are non-deterministic) */
#define REGION_HOLE 0x10u   /* unmapped: every access must fault */

struct region {
    const char* name;
    uint32_t base;
    uint32_t size;
    uint32_t flags;
    uint32_t no_write_first; /* offsets [no_write_first, no_write_end) are never written */
    uint32_t no_write_end;
    uint32_t no_sum_first; /* reads of [no_sum_first, no_sum_end) stay out of the checksum */
    uint32_t no_sum_end;
    uint32_t reads, writes, faults;
};

#define MAX_REGIONS 32
extern struct region fuzz_regions[MAX_REGIONS];
extern unsigned fuzz_region_count;
/* Fills fuzz_regions: every device window and memory of platform/memory_map.h, then every hole
 * between them (unmapped: each access there must fault), sorted by address. */
void fuzz_build_regions(void);

/* Set by the trap handler when the access in progress faulted (it skipped the instruction). */
extern volatile uint32_t fuzz_faulted;
/* The region the access in progress aims at (the handler counts its fault there). */
extern struct region* volatile fuzz_current;

/* Random DMA and racetrack (RTM) descriptors; each waits (bounded) for its command to end and
 * returns 0, or 1 when the engine never went idle (the fuzzer then fails). */
int fuzz_dma_descriptor(void);
int fuzz_rtm_descriptor(void);
void fuzz_print_engine_summary(void);

#endif /* MMIO_FUZZ_H */
