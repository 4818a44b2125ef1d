/* HTIF mailbox (riscv-tests / Spike convention). The simulator finds tohost/fromhost through the
 * ELF symbol table and watches writes to tohost: 1 = pass, odd v = fail with code v >> 1. */
    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
    .type tohost, @object
tohost:
    .dword 0
    .size tohost, 8
    .balign 64
    .globl fromhost
    .type fromhost, @object
fromhost:
    .dword 0
    .size fromhost, 8
