/* hello: the first program to boot on pimsoc. Prints a greeting, the ISA decoded from misa and
 * the hart id, then exits 0. Output is deterministic: see expected_output.txt. */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"

/* misa -> ISA string: "RV32" + extension letters in canonical order (then any others
 * alphabetically). S and U only say which privilege modes exist, so like in ISA strings they are
 * not listed (pimsoc implements machine mode only: misa 0x40001105 prints as RV32IMAC). */
static void misa_to_string(uint32_t misa, char *out, size_t size)
{
    static const char canonical[] = "IEMAFDQLCBJTPVNH";
    unsigned mxl = misa >> 30;
    misa &= ~((1u << ('S' - 'A')) | (1u << ('U' - 'A')));
    int len = snprintf(out, size, "RV%s", mxl == 1 ? "32" : mxl == 2 ? "64" : mxl == 3 ? "128" : "??");
    uint32_t done = 0;
    for (const char *p = canonical; *p && (size_t)len + 1 < size; p++) {
        unsigned bit = (unsigned)(*p - 'A');
        if (misa & (1u << bit)) {
            out[len++] = *p;
            done |= 1u << bit;
        }
    }
    for (unsigned bit = 0; bit < 26 && (size_t)len + 1 < size; bit++) {
        if ((misa & (1u << bit)) && !(done & (1u << bit)))
            out[len++] = (char)('A' + bit);
    }
    out[len] = '\0';
}

int main(void)
{
    char isa[40];
    uint32_t misa = csr_read(CSR_MISA);
    misa_to_string(misa, isa, sizeof isa);

    printf("Hello from pimsoc!\n");
    printf("misa = 0x%08lx (%s)\n", (unsigned long)misa, isa);
    printf("mhartid = %lu\n", (unsigned long)csr_read(CSR_MHARTID));
    return 0;
}
