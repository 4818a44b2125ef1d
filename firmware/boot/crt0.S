/* pimsoc crt0: reset entry at 0x8000_0000.
 * gp, sp, tp -> mtvec -> zero .tbss/.bss (copy .data only if LMA != VMA) -> board init (UART)
 * -> C/C++ constructors -> main(argc, argv) (start_main.c: the command line from sysctl) -> exit(ret). */
    .section .text.init.enter, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack
    la      tp, __tls_base          /* picolibc keeps errno (and more) in TLS */

    la      t0, trap_vector         /* direct mode: all traps go to trap_vector */
    csrw    mtvec, t0
    csrw    mie, zero
    csrw    mscratch, zero

    /* .data: only copied when its load address differs from its run address (not the case for
     * the RAM-only layout of pimsoc.ld, kept for ROM-based layouts). */
    la      a0, __data_start
    la      a1, __data_source
    la      a2, __data_end
    beq     a0, a1, 2f
1:  bgeu    a0, a2, 2f
    lw      t0, 0(a1)
    sw      t0, 0(a0)
    addi    a0, a0, 4
    addi    a1, a1, 4
    j       1b
2:
    /* zero .tbss (the TLS block of the one hart) */
    la      a0, __tbss_start
    la      a1, __tbss_end
3:  bgeu    a0, a1, 4f
    sw      zero, 0(a0)
    addi    a0, a0, 4
    j       3b
4:
    /* zero .bss/.sbss */
    la      a0, __bss_start
    la      a1, __bss_end
5:  bgeu    a0, a1, 6f
    sw      zero, 0(a0)
    addi    a0, a0, 4
    j       5b
6:
    call    pimsoc_board_init       /* hal: UART 8N1 + FIFO */
    call    __libc_init_array       /* constructors (picolibc) */
    call    pimsoc_start_main       /* argc/argv from sysctl (start_main.c), main, exit: no return */
7:  wfi
    j       7b
    .size _start, . - _start
