/* Report of a generated differential-test program (tests/diff/gen_program.py): the generated
 * main() stores x1..x31 and calls this with its scratch buffer. Prints everything in hex and
 * returns the exit code (checksum & 0xff), so the run compares both output and exit status. */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"

#define READ_CSR(name) ({ uint32_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })

int diff_report(const uint8_t *buf, uint32_t len, const uint32_t *regs, uint32_t seed);

int diff_report(const uint8_t *buf, uint32_t len, const uint32_t *regs, uint32_t seed)
{
    printf("diff_gen seed %lu\n", (unsigned long)seed);
    for (int r = 1; r < 32; r++)
        printf("x%-2d %08lx%s", r, (unsigned long)regs[r], (r % 4 == 3 || r == 31) ? "\n" : "  ");
    printf("mscratch %08lx mepc %08lx mcause %08lx mtval %08lx mstatus.MIE/MPIE %02lx\n",
           (unsigned long)READ_CSR(mscratch), (unsigned long)READ_CSR(mepc),
           (unsigned long)READ_CSR(mcause), (unsigned long)READ_CSR(mtval),
           (unsigned long)(READ_CSR(mstatus) & 0x88u));
    uint32_t h = 2166136261u; /* FNV-1a */
    for (uint32_t i = 0; i < len; i++) {
        if (i % 16 == 0)
            printf("buf+%03lx:", (unsigned long)i);
        printf(" %02x", buf[i]);
        if (i % 16 == 15)
            printf("\n");
        h = (h ^ buf[i]) * 16777619u;
    }
    printf("checksum %08lx exit %lu\n", (unsigned long)h, (unsigned long)(h & 0xffu));
    return (int)(h & 0xffu);
}
