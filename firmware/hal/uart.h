/* UART0 driver (NS16550A subset at PIMSOC_UART0_BASE, byte registers, reg-shift 0). Polling. */
#ifndef PIMSOC_HAL_UART_H
#define PIMSOC_HAL_UART_H

/* 8N1, FIFOs enabled and cleared, interrupts off, divisor 1 (the model ignores the baud rate). */
void uart_init(void);
/* Waits for THRE, then writes the byte. No newline translation ('\n' is sent as is). */
void uart_putc(char c);
void uart_puts(const char *s);
/* Non-blocking: the received byte (0..255), or -1 if none is waiting. */
int uart_getc(void);
/* Waits until the transmitter is empty (TEMT). */
void uart_flush(void);

#endif /* PIMSOC_HAL_UART_H */
