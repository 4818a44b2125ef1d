/* One interrupt dispatcher for all drivers (machine mode, hart 0).
 *
 *   irq_init();                                 installs the trap handler (boot/trap.h)
 *   irq_attach(PIMSOC_IRQ_UART0, on_uart, 1);   PLIC source -> handler, enabled, mie.MEIE set
 *   irq_attach_timer(on_tick);                  mie.MTIE set
 *   irq_enable();                               mstatus.MIE
 *
 * Machine external interrupts are dispatched as PLIC claim -> the source's handler -> complete,
 * until the PLIC has nothing more to give. The handler must clear its device's request (a level
 * source still high at complete is pending again). A claimed source with no handler is disabled.
 * (The virtual CPU synchronises after every device write, so a line a handler lowers is low
 * before the handler's next instruction, as on hardware.)
 * The timer handler must move mtimecmp (or detach) and the software handler must clear msip,
 * or the interrupt is taken again at once. Any other trap goes to trap_default_handler. */
#ifndef PIMSOC_HAL_IRQ_H
#define PIMSOC_HAL_IRQ_H

typedef void (*irq_handler_t)(unsigned source);

/* Installs the dispatcher with trap_set_handler; PLIC threshold 0. Interrupts stay disabled. */
void irq_init(void);
/* Registers handler for a PLIC source (1..31), sets its priority (1..7), enables it in the PLIC
 * and sets mie.MEIE. A NULL handler detaches: the source is disabled. */
void irq_attach(unsigned plic_source, irq_handler_t handler, unsigned priority);
/* Machine timer interrupt handler; sets mie.MTIE (NULL clears it). */
void irq_attach_timer(void (*handler)(void));
/* Machine software interrupt handler; sets mie.MSIE (NULL clears it). */
void irq_attach_software(void (*handler)(void));
/* mstatus.MIE on / off. */
void irq_enable(void);
void irq_disable(void);

#endif /* PIMSOC_HAL_IRQ_H */
