/* SiFive test device ("test finisher", as on QEMU virt): one 32-bit register at offset 0. */
#ifndef PIMSOC_FINISHER_REGS_H
#define PIMSOC_FINISHER_REGS_H

#define FINISHER_REG 0x0u
#define FINISHER_PASS 0x5555u  /* exit with code 0 */
#define FINISHER_FAIL 0x3333u  /* exit with code (value >> 16) */
#define FINISHER_RESET 0x7777u /* system reset */
#define FINISHER_CODE_SHIFT 16u

#endif /* PIMSOC_FINISHER_REGS_H */
