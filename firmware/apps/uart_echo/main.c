/* uart_echo: interrupt-driven UART receive. The UART's received-data interrupt (IER.ERBFI) reaches
 * the CPU through the PLIC (source 10); the CPU sleeps in WFI in between. Every received byte is
 * echoed back, letters a..z uppercased, everything else as is.
 *
 * The run ends at a 'q' (not echoed), or when no byte has arrived for IDLE_MS of simulated time:
 * the UART model does not signal the end of its input file, so silence stands for end of input
 * (a CLINT timer interrupt wakes the CPU to notice it). Then it prints
 *   "\nuart_echo: <n> bytes echoed, stopped by 'q'"   or   "... stopped by idle input"
 * and exits 0.
 *
 * Run with a file as input, polled so that the sleeping CPU is woken:
 *   pimsoc run uart_echo.elf --set uart0.rx_file=in.txt --set uart0.rx_poll_interval_us=100 */
#include <stdint.h>
#include <stdio.h>

#include "hal/clint.h"
#include "hal/csr.h"
#include "hal/irq.h"
#include "hal/mmio.h"
#include "hal/uart.h"
#include "memory_map.h"
#include "uart/uart_regs.h"

#define UART_REG(off) ((uintptr_t)PIMSOC_UART0_BASE + (off))
#define IDLE_MS 20u
#define IDLE_TICKS ((uint64_t)CLINT_TIMEBASE_HZ / 1000u * IDLE_MS)

static volatile unsigned s_echoed;
static volatile int s_quit;
static volatile int s_idle;

static void arm_idle_timer(void) { clint_set_mtimecmp(clint_mtime() + IDLE_TICKS); }

static void on_uart(unsigned source)
{
    (void)source;
    int c;
    while (!s_quit && (c = uart_getc()) >= 0) { /* drain the receive FIFO */
        if (c == 'q') {
            s_quit = 1;
            break;
        }
        if (c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        uart_putc((char)c);
        s_echoed++;
    }
    if (s_quit)
        mmio_write8(UART_REG(UART_IER), 0); /* what follows the 'q' stays unread: stop its request */
    else
        arm_idle_timer();
}

static void on_timer(void)
{
    s_idle = 1;
    clint_set_mtimecmp(UINT64_MAX);
}

int main(void)
{
    irq_init();
    irq_attach(PIMSOC_IRQ_UART0, on_uart, 1);
    irq_attach_timer(on_timer);
    arm_idle_timer();
    mmio_write8(UART_REG(UART_IER), UART_IER_RDI);

    while (!s_quit && !s_idle) {
        wfi();        /* sleep until the UART or the idle timer interrupts */
        irq_enable(); /* interrupts are taken only here: no wake-up is lost before the WFI */
        irq_disable();
    }

    mmio_write8(UART_REG(UART_IER), 0);
    irq_attach(PIMSOC_IRQ_UART0, NULL, 0);
    irq_attach_timer(NULL);
    printf("\nuart_echo: %u bytes echoed, stopped by %s\n", s_echoed, s_quit ? "'q'" : "idle input");
    return 0;
}
