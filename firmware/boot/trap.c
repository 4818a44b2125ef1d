/* C side of the trap vector: dispatch to the installed handler or report and exit. */
#include "boot/trap.h"

#include <stddef.h>
#include <unistd.h>

#include "hal/uart.h"

static trap_handler_t s_handler;

trap_handler_t trap_set_handler(trap_handler_t handler)
{
    trap_handler_t old = s_handler;
    s_handler = handler;
    return old;
}

const char *trap_cause_name(uint32_t mcause)
{
    static const char *const exceptions[16] = {
        "instruction address misaligned", "instruction access fault", "illegal instruction",
        "breakpoint", "load address misaligned", "load access fault",
        "store/AMO address misaligned", "store/AMO access fault", "ecall from U-mode",
        "ecall from S-mode", "reserved", "ecall from M-mode", "instruction page fault",
        "load page fault", "reserved", "store/AMO page fault",
    };
    static const char *const interrupts[12] = {
        "reserved", "supervisor software interrupt", "reserved", "machine software interrupt",
        "reserved", "supervisor timer interrupt", "reserved", "machine timer interrupt",
        "reserved", "supervisor external interrupt", "reserved", "machine external interrupt",
    };
    uint32_t code = mcause & 0x7fffffffu;
    if (mcause & 0x80000000u)
        return code < 12 ? interrupts[code] : "unknown";
    return code < 16 ? exceptions[code] : "unknown";
}

static void put_hex32(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_putc(digits[(v >> shift) & 0xfu]);
}

void trap_default_handler(struct trap_frame *frame)
{
    /* Raw UART output (no stdio): safe even if the trap came from inside printf. */
    uart_puts("*** unexpected trap: mcause=");
    put_hex32(frame->mcause);
    uart_puts(" (");
    uart_puts(trap_cause_name(frame->mcause));
    uart_puts(") mepc=");
    put_hex32(frame->mepc);
    uart_puts(" mtval=");
    put_hex32(frame->mtval);
    uart_puts("\n");
    _exit(trap_exit_code(frame->mcause));
}

void trap_dispatch(struct trap_frame *frame)
{
    frame->x[0] = 0;
    if (s_handler != NULL)
        s_handler(frame);
    else
        trap_default_handler(frame);
}
