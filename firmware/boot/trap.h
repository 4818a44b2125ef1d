/* Trap handling: boot/trap.S saves a struct trap_frame and calls the installed handler.
 *
 * Default handler (no handler installed): prints one line on the UART
 *   *** unexpected trap: mcause=0x%08x (<name>) mepc=0x%08x mtval=0x%08x
 * and exits through the finisher with trap_exit_code(mcause):
 *   exception  (mcause bit 31 clear): 128 + exception code   (e.g. load access fault -> 133)
 *   interrupt  (mcause bit 31 set):   192 + interrupt code   (e.g. machine timer -> 199)
 */
#ifndef PIMSOC_TRAP_H
#define PIMSOC_TRAP_H

#include <stdint.h>
#include "boot/trap_frame.h"

#define TRAP_EXIT_EXCEPTION_BASE 128u
#define TRAP_EXIT_INTERRUPT_BASE 192u

/* A handler returns to frame->mepc with the (possibly modified) registers of the frame. */
typedef void (*trap_handler_t)(struct trap_frame *frame);

/* Installs a handler (NULL restores the default); returns the previous one. */
trap_handler_t trap_set_handler(trap_handler_t handler);

/* The default: report + exit. Handlers can call it for traps they do not expect. */
void trap_default_handler(struct trap_frame *frame) __attribute__((noreturn));

/* "load access fault", "illegal instruction", "machine timer interrupt", ... or "unknown". */
const char *trap_cause_name(uint32_t mcause);

/* The exit code used by the default handler for this mcause. */
static inline int trap_exit_code(uint32_t mcause)
{
    return (mcause & 0x80000000u) ? (int)(TRAP_EXIT_INTERRUPT_BASE + (mcause & 0x3fu))
                                  : (int)(TRAP_EXIT_EXCEPTION_BASE + (mcause & 0x3fu));
}

/* Called by trap.S. */
void trap_dispatch(struct trap_frame *frame);

#endif /* PIMSOC_TRAP_H */
