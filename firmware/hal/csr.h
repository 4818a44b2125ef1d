/* Machine-mode CSR access. CSR operands must be compile-time constants (names or numbers). */
#ifndef PIMSOC_HAL_CSR_H
#define PIMSOC_HAL_CSR_H

#include <stdint.h>

#include "cpu/csr_regs.h" /* CSR numbers, bits and causes, shared with the CPU model */

#define CSR_STR_(x) #x
#define CSR_STR(x) CSR_STR_(x)

#define csr_read(csr)                                              \
    ({                                                             \
        uint32_t v_;                                               \
        __asm__ volatile("csrr %0, " CSR_STR(csr) : "=r"(v_)::"memory"); \
        v_;                                                        \
    })
#define csr_write(csr, val) \
    __asm__ volatile("csrw " CSR_STR(csr) ", %0" ::"rK"((uint32_t)(val)) : "memory")
#define csr_set(csr, bits) \
    __asm__ volatile("csrs " CSR_STR(csr) ", %0" ::"rK"((uint32_t)(bits)) : "memory")
#define csr_clear(csr, bits) \
    __asm__ volatile("csrc " CSR_STR(csr) ", %0" ::"rK"((uint32_t)(bits)) : "memory")
#define csr_swap(csr, val)                                                              \
    ({                                                                                  \
        uint32_t v_;                                                                    \
        __asm__ volatile("csrrw %0, " CSR_STR(csr) ", %1" : "=r"(v_) : "rK"((uint32_t)(val)) \
                         : "memory");                                                   \
        v_;                                                                             \
    })

/* 64-bit counters read as hi/lo/hi. */
static inline uint64_t csr_read_mcycle64(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(CSR_MCYCLEH);
        lo = csr_read(CSR_MCYCLE);
    } while (csr_read(CSR_MCYCLEH) != hi);
    return ((uint64_t)hi << 32) | lo;
}
static inline uint64_t csr_read_minstret64(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(CSR_MINSTRETH);
        lo = csr_read(CSR_MINSTRET);
    } while (csr_read(CSR_MINSTRETH) != hi);
    return ((uint64_t)hi << 32) | lo;
}

static inline void irq_global_enable(void) { csr_set(CSR_MSTATUS, MSTATUS_MIE); }
static inline void irq_global_disable(void) { csr_clear(CSR_MSTATUS, MSTATUS_MIE); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

#endif /* PIMSOC_HAL_CSR_H */
