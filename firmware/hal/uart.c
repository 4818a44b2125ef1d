#include "hal/uart.h"

#include "hal/mmio.h"
#include "memory_map.h"
#include "uart/uart_regs.h"

#define UART_REG(off) ((uintptr_t)PIMSOC_UART0_BASE + (off))

void uart_init(void)
{
    mmio_write8(UART_REG(UART_IER), 0);
    mmio_write8(UART_REG(UART_LCR), UART_LCR_DLAB);
    mmio_write8(UART_REG(UART_DLL), 1);
    mmio_write8(UART_REG(UART_DLM), 0);
    mmio_write8(UART_REG(UART_LCR), UART_LCR_WLEN8); /* 8 data bits, no parity, 1 stop, DLAB=0 */
    mmio_write8(UART_REG(UART_FCR),
                UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT);
}

void uart_putc(char c)
{
    while ((mmio_read8(UART_REG(UART_LSR)) & UART_LSR_THRE) == 0) {
    }
    mmio_write8(UART_REG(UART_THR), (uint8_t)c);
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

int uart_getc(void)
{
    if ((mmio_read8(UART_REG(UART_LSR)) & UART_LSR_DR) == 0)
        return -1;
    return mmio_read8(UART_REG(UART_RBR));
}

void uart_flush(void)
{
    while ((mmio_read8(UART_REG(UART_LSR)) & UART_LSR_TEMT) == 0) {
    }
}
