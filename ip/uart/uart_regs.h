/* NS16550A-compatible UART subset: register offsets and bit fields, shared by the SystemC model
 * and the firmware driver. Registers are 8 bits wide at byte offsets (reg-shift 0, as on QEMU virt). */
#ifndef PIMSOC_UART_REGS_H
#define PIMSOC_UART_REGS_H

#define UART_RBR 0x0u /* read, DLAB=0: receive buffer */
#define UART_THR 0x0u /* write, DLAB=0: transmit holding */
#define UART_DLL 0x0u /* DLAB=1: divisor latch low */
#define UART_IER 0x1u /* DLAB=0: interrupt enable */
#define UART_DLM 0x1u /* DLAB=1: divisor latch high */
#define UART_IIR 0x2u /* read: interrupt identification */
#define UART_FCR 0x2u /* write: FIFO control */
#define UART_LCR 0x3u /* line control */
#define UART_MCR 0x4u /* modem control */
#define UART_LSR 0x5u /* line status (read only) */
#define UART_MSR 0x6u /* modem status (read only) */
#define UART_SCR 0x7u /* scratch */

#define UART_IER_RDI 0x01u  /* receive data available */
#define UART_IER_THRI 0x02u /* transmit holding register empty */
#define UART_IER_RLSI 0x04u /* receiver line status */
#define UART_IER_MSI 0x08u  /* modem status */

#define UART_IIR_NO_INT 0x01u
#define UART_IIR_ID_MASK 0x0Eu
#define UART_IIR_MSI 0x00u
#define UART_IIR_THRI 0x02u
#define UART_IIR_RDI 0x04u
#define UART_IIR_RLSI 0x06u
#define UART_IIR_FIFO_ENABLED 0xC0u

#define UART_FCR_ENABLE_FIFO 0x01u
#define UART_FCR_CLEAR_RCVR 0x02u
#define UART_FCR_CLEAR_XMIT 0x04u

#define UART_LCR_WLEN8 0x03u
#define UART_LCR_DLAB 0x80u

#define UART_MCR_LOOP 0x10u

#define UART_LSR_DR 0x01u   /* data ready */
#define UART_LSR_OE 0x02u   /* overrun error */
#define UART_LSR_THRE 0x20u /* transmit holding register empty */
#define UART_LSR_TEMT 0x40u /* transmitter empty */

#endif /* PIMSOC_UART_REGS_H */
