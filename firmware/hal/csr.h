/* Machine-mode CSR access. CSR operands must be compile-time constants (names or numbers). */
#ifndef PIMSOC_HAL_CSR_H
#define PIMSOC_HAL_CSR_H

#include <stdint.h>

/* CSR numbers */
#define CSR_MSTATUS 0x300
#define CSR_MISA 0x301
#define CSR_MIE 0x304
#define CSR_MTVEC 0x305
#define CSR_MSCRATCH 0x340
#define CSR_MEPC 0x341
#define CSR_MCAUSE 0x342
#define CSR_MTVAL 0x343
#define CSR_MIP 0x344
#define CSR_MCYCLE 0xB00
#define CSR_MINSTRET 0xB02
#define CSR_MCYCLEH 0xB80
#define CSR_MINSTRETH 0xB82
#define CSR_CYCLE 0xC00
#define CSR_TIME 0xC01
#define CSR_INSTRET 0xC02
#define CSR_MVENDORID 0xF11
#define CSR_MARCHID 0xF12
#define CSR_MIMPID 0xF13
#define CSR_MHARTID 0xF14

/* mstatus / mie / mip bits */
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)
#define MIE_MSIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MIE_MEIE (1u << 11)
#define MIP_MSIP MIE_MSIE
#define MIP_MTIP MIE_MTIE
#define MIP_MEIP MIE_MEIE

/* mcause */
#define MCAUSE_INTERRUPT 0x80000000u
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_U 8
#define CAUSE_ECALL_S 9
#define CAUSE_ECALL_M 11
#define IRQ_M_SOFT 3
#define IRQ_M_TIMER 7
#define IRQ_M_EXT 11

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
