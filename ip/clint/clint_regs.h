/* CLINT (core-local interruptor), SiFive layout for one hart: register offsets and bit fields,
 * shared by the SystemC model and the firmware driver. See docs/models/clint.md. */
#ifndef PIMSOC_CLINT_REGS_H
#define PIMSOC_CLINT_REGS_H

#define CLINT_MSIP 0x0000u        /* 32 bits: bit 0 = machine software interrupt pending (hart 0) */
#define CLINT_MTIMECMP 0x4000u    /* 64 bits (or two 32-bit halves): timer compare (hart 0) */
#define CLINT_MTIMECMP_HI 0x4004u /* upper half of mtimecmp */
#define CLINT_MTIME 0xBFF8u       /* 64 bits (or two 32-bit halves): the timer, read/write */
#define CLINT_MTIME_HI 0xBFFCu    /* upper half of mtime */
#define CLINT_SIZE 0x10000u

/* mtime ticks per second of the default SoC (the clint.timebase_hz default; 10 MHz as on QEMU virt).
 * Firmware that times itself with mtime assumes it: a run with another clint.timebase_hz changes
 * its notion of a second. */
#define CLINT_DEFAULT_TIMEBASE_HZ 10000000u

#define CLINT_MSIP_BIT 0x1u /* the only writable bit of MSIP */

#endif /* PIMSOC_CLINT_REGS_H */
