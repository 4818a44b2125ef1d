/* sysctl (simulation control, PIMSOC_SYSCTL_BASE = 0x1000_3000, 4 KiB): register offsets and bit
 * fields, shared by the SystemC model (ip/sysctl) and the firmware driver (firmware/hal/sysctl.h).
 * See docs/models/sysctl.md.
 *
 * Accesses: 32-bit everywhere; 64-bit too at the 8-byte-aligned offsets of the 64-bit counters.
 * 64-bit counters as two 32-bit halves: LO at the offset, HI at offset + 4. There is no latch:
 * each half is read live at the time of its access, so a 32-bit reader reads HI, LO, HI and retries
 * while HI changed (mmio_read64_stable in firmware/hal/mmio.h). A 64-bit access is always
 * consistent. */
#ifndef PIMSOC_SYSCTL_REGS_H
#define PIMSOC_SYSCTL_REGS_H

/* Identification (read-only) */
#define SYSCTL_ID 0x000u      /* reads SYSCTL_ID_VALUE */
#define SYSCTL_VERSION 0x004u /* reads SYSCTL_VERSION_VALUE: major << 16 | minor */

/* Control */
#define SYSCTL_SCRATCH 0x008u       /* R/W, 32 bits, reset 0 */
#define SYSCTL_STATS 0x00Cu         /* W: write SYSCTL_STATS_PRINT to print the stats; reads 0 */
#define SYSCTL_ROI 0x010u           /* W: region-of-interest mark (id | BEGIN or END); reads the last value written */
#define SYSCTL_ROI_COUNT 0x014u     /* R: marks recorded since the start of the simulation */
#define SYSCTL_ROI_UNMATCHED 0x018u /* R: END marks without a matching open BEGIN */
#define SYSCTL_ROI_INVALID 0x01Cu   /* R: ROI writes rejected (not exactly one of BEGIN/END, reserved bits set) */

/* 64-bit read-only counters (LO at the offset, HI at offset + 4) */
#define SYSCTL_CYCLES 0x020u       /* CPU cycles (mcycle) at the time of the access */
#define SYSCTL_INSTRET 0x028u      /* CPU retired instructions (minstret) at the time of the access */
#define SYSCTL_SIM_TIME_NS 0x030u  /* simulated time of the access, ns */
#define SYSCTL_HOST_TIME_NS 0x038u /* host wall-clock ns since the simulation started: NOT deterministic */
#define SYSCTL_LO 0x0u
#define SYSCTL_HI 0x4u

/* User arguments (read-only 32-bit words set by the platform: --set sysctl.argN=VALUE) */
#define SYSCTL_ARG0 0x040u
#define SYSCTL_ARG(n) (SYSCTL_ARG0 + 4u * (unsigned)(n)) /* n = 0..SYSCTL_NUM_ARGS-1 */
#define SYSCTL_NUM_ARGS 8u

/* Firmware command line (read-only, set by the platform from `pimsoc run ELF -- ARG...`; the
 * firmware runtime builds main's argc/argv from them, firmware/boot/args.c) */
#define SYSCTL_ARGC 0x060u       /* number of arguments, argv[0] (the ELF's file name) included */
#define SYSCTL_ARGS_BYTES 0x064u /* bytes of the argument window in use: each argument and its NUL */

/* Region names (write-only; read 0): the firmware writes a name 4 characters at a time into
 * ROI_NAME_CHARS (little-endian, NUL bytes are padding), then the region id into ROI_NAME_ID,
 * which gives the pending name to that region and clears it. Names are 1..SYSCTL_ROI_NAME_MAX
 * characters of [A-Za-z0-9_.-]; anything else is refused at ROI_NAME_ID (counted in ROI_INVALID). */
#define SYSCTL_ROI_NAME_CHARS 0x068u
#define SYSCTL_ROI_NAME_ID 0x06Cu
#define SYSCTL_ROI_NAME_MAX 31u

#define SYSCTL_REGS_END 0x070u /* offsets from here to the argument window are unmapped */

/* The argument window (read-only, 32-bit reads): the arguments as NUL-terminated strings one after
 * the other, ARGS_BYTES bytes, zero after them. */
#define SYSCTL_ARGS_WINDOW 0x800u
#define SYSCTL_ARGS_MAX_BYTES 0x800u /* 2 KiB: the longest command line, NULs included */
#define SYSCTL_BLOCK_SIZE 0x1000u /* 4 KiB of register space (= PIMSOC_SYSCTL_SIZE) */

/* Values */
#define SYSCTL_ID_VALUE 0x53595343u      /* "SYSC" */
#define SYSCTL_VERSION_VALUE 0x00010001u /* 1.1: command line and region names */

/* STATS */
#define SYSCTL_STATS_PRINT 0x1u /* bit 0: print the stats now; other bits are ignored */

/* ROI: bit 31 BEGIN, bit 30 END (exactly one), bits 23..0 the region id, bits 29..24 reserved (0) */
#define SYSCTL_ROI_BEGIN 0x80000000u
#define SYSCTL_ROI_END 0x40000000u
#define SYSCTL_ROI_ID_MASK 0x00FFFFFFu
#define SYSCTL_ROI_RESERVED_MASK 0x3F000000u

#endif /* PIMSOC_SYSCTL_REGS_H */
