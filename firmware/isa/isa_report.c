/* Pass/fail reporting for the assembly ISA self-tests (isa/test_macros.h). Raw UART output. */
#include <stdint.h>

#include "hal/finisher.h"
#include "hal/htif.h"
#include "hal/uart.h"

void isa_pass(void) __attribute__((noreturn));
void isa_fail(uint32_t testnum) __attribute__((noreturn));

static void put_dec(uint32_t v)
{
    char buf[11];
    int i = 0;
    do {
        buf[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (i > 0)
        uart_putc(buf[--i]);
}

void isa_pass(void)
{
    uart_puts("PASS\n");
    uart_flush();
    htif_pass();       /* pimsoc stops here (tohost = 1) */
    finisher_exit(0);  /* QEMU virt and other hosts without HTIF */
}

void isa_fail(uint32_t testnum)
{
    uart_puts("FAIL test ");
    put_dec(testnum);
    uart_puts("\n");
    uart_flush();
    htif_fail(testnum);       /* tohost = (N << 1) | 1 */
    finisher_exit(testnum);
}
