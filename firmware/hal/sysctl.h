/* sysctl driver (simulation control at PIMSOC_SYSCTL_BASE, registers in ip/sysctl/sysctl_regs.h,
 * docs/models/sysctl.md): the CPU's counters, simulated and host time, region-of-interest marks,
 * region names, the stats report and the raw user arguments (--set sysctl.argN=VALUE; programs take
 * their settings from main's argv instead, firmware/boot/start_main.c). */
#ifndef PIMSOC_HAL_SYSCTL_H
#define PIMSOC_HAL_SYSCTL_H

#include <stdint.h>

#include "sysctl/sysctl_regs.h"

/* 64-bit counters, read as HI, LO, HI (retried until HI is stable). */
uint64_t sysctl_cycles(void);      /* CPU cycles (mcycle) at the time of the read */
uint64_t sysctl_instret(void);     /* CPU retired instructions (minstret) at the time of the read */
uint64_t sysctl_sim_time_ns(void); /* simulated time, ns */
/* Host wall-clock ns since the simulation started. Not deterministic: never print it (or anything
 * computed from it) in output that is compared byte for byte. */
uint64_t sysctl_host_time_ns(void);

/* Region-of-interest marks (id: bits 23..0, higher bits are dropped). Each END should match an
 * earlier BEGIN of the same id; an unmatched END is recorded, flagged and counted by the model. */
void sysctl_roi_begin(uint32_t id);
void sysctl_roi_end(uint32_t id);

/* Names region `id` (1..31 characters of [A-Za-z0-9_.-]) in the stats report and the VCD's roi
 * signal; a bad name is refused by the model (ROI_INVALID). */
void sysctl_roi_name(uint32_t id, const char *name);

/* Asks the simulator to print its stats report now. */
void sysctl_print_stats(void);

/* User argument n (0..SYSCTL_NUM_ARGS-1, 0 for any other n): --set sysctl.argN=VALUE. */
uint32_t sysctl_arg(unsigned n);

#endif /* PIMSOC_HAL_SYSCTL_H */
