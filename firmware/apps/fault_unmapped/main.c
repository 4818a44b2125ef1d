/* fault_unmapped: checks the default trap report. Prints one line, then loads from 0x5000_0000,
 * a hole in the pimsoc memory map (between the ReRAM buffers and the data ROM). The bus answers
 * with an error, the CPU raises a load access fault (mcause 5, mtval = 0x50000000), and the default
 * handler prints
 *   *** unexpected trap: mcause=0x00000005 (load access fault) mepc=0x........ mtval=0x50000000
 * and exits with code 128 + 5 = 133. */
#include <stdint.h>
#include <stdio.h>

#include "hal/mmio.h"

#ifndef UNMAPPED_ADDR
#define UNMAPPED_ADDR 0x50000000u /* override with -DUNMAPPED_ADDR=... */
#endif

int main(void)
{
    printf("fault_unmapped: loading from unmapped address 0x%08lx\n", (unsigned long)UNMAPPED_ADDR);
    uint32_t v = mmio_read32(UNMAPPED_ADDR);
    printf("ERROR: no trap, read 0x%08lx\n", (unsigned long)v); /* not reached on pimsoc */
    return 1;
}
