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
#define UART_FCR_TRIGGER_MASK 0xC0u /* receive trigger level (stored; the model triggers at 1) */

#define UART_LCR_WLEN8 0x03u
#define UART_LCR_DLAB 0x80u

#define UART_MCR_DTR 0x01u
#define UART_MCR_RTS 0x02u
#define UART_MCR_OUT1 0x04u
#define UART_MCR_OUT2 0x08u
#define UART_MCR_LOOP 0x10u
#define UART_MCR_MASK 0x1Fu /* writable bits */

#define UART_MSR_DCTS 0x01u /* delta clear to send */
#define UART_MSR_DDSR 0x02u /* delta data set ready */
#define UART_MSR_TERI 0x04u /* trailing edge ring indicator */
#define UART_MSR_DDCD 0x08u /* delta data carrier detect */
#define UART_MSR_DELTA_MASK 0x0Fu
#define UART_MSR_CTS 0x10u
#define UART_MSR_DSR 0x20u
#define UART_MSR_RI 0x40u
#define UART_MSR_DCD 0x80u

#define UART_LSR_DR 0x01u   /* data ready */
#define UART_LSR_OE 0x02u   /* overrun error */
#define UART_LSR_PE 0x04u   /* parity error (never set: no line errors are modelled) */
#define UART_LSR_FE 0x08u   /* framing error (never set) */
#define UART_LSR_BI 0x10u   /* break interrupt (never set) */
#define UART_LSR_THRE 0x20u /* transmit holding register empty */
#define UART_LSR_TEMT 0x40u /* transmitter empty */
#define UART_LSR_FIFOE 0x80u /* error in receiver FIFO (never set) */
#define UART_LSR_ERROR_MASK 0x1Eu /* OE | PE | FE | BI: cleared by reading LSR */

#define UART_IER_MASK 0x0Fu /* writable bits */
#define UART_NUM_REGS 8u    /* offsets 0..7 */
#define UART_FIFO_DEPTH 16u

#endif /* PIMSOC_UART_REGS_H */
