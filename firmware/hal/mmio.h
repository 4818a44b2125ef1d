/* Volatile MMIO accessors. */
#ifndef PIMSOC_HAL_MMIO_H
#define PIMSOC_HAL_MMIO_H

#include <stdint.h>

static inline void mmio_write8(uintptr_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }
static inline void mmio_write16(uintptr_t addr, uint16_t v) { *(volatile uint16_t *)addr = v; }
static inline void mmio_write32(uintptr_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline uint8_t mmio_read8(uintptr_t addr) { return *(volatile const uint8_t *)addr; }
static inline uint16_t mmio_read16(uintptr_t addr) { return *(volatile const uint16_t *)addr; }
static inline uint32_t mmio_read32(uintptr_t addr) { return *(volatile const uint32_t *)addr; }

/* 64-bit device registers are read as two 32-bit halves (hi, lo, hi until stable). */
static inline uint64_t mmio_read64_stable(uintptr_t addr)
{
    uint32_t hi, lo;
    do {
        hi = mmio_read32(addr + 4);
        lo = mmio_read32(addr);
    } while (mmio_read32(addr + 4) != hi);
    return ((uint64_t)hi << 32) | lo;
}

/* Orders device accesses against each other and against memory. */
static inline void mmio_fence(void) { __asm__ volatile("fence iorw, iorw" ::: "memory"); }

#endif /* PIMSOC_HAL_MMIO_H */
