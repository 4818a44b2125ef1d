/* Layout of the register frame saved by boot/trap.S (shared by the assembly and C). */
#ifndef PIMSOC_TRAP_FRAME_H
#define PIMSOC_TRAP_FRAME_H

#define TRAP_FRAME_MEPC (32 * 4)
#define TRAP_FRAME_MCAUSE (33 * 4)
#define TRAP_FRAME_MTVAL (34 * 4)
#define TRAP_FRAME_MSTATUS (35 * 4)
#define TRAP_FRAME_SIZE (36 * 4) /* multiple of 16: keeps sp aligned */

#ifndef __ASSEMBLER__
#include <stdint.h>
/* x[0] reads 0, x[2] is the sp at the time of the trap (read only: changing it has no effect). */
struct trap_frame {
    uint32_t x[32];
    uint32_t mepc;    /* written back to mepc on return: add 4 (or 2) to skip the instruction */
    uint32_t mcause;
    uint32_t mtval;
    uint32_t mstatus; /* written back on return */
};
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap frame layout");
#endif

#endif /* PIMSOC_TRAP_FRAME_H */
