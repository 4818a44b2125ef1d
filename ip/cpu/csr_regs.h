/* Machine-mode CSR numbers, mstatus/mie/mip bits and trap causes (RISC-V privileged spec 1.12) that
 * the CPU model (ip/cpu/model/csr_defs.h) implements and the firmware (firmware/hal/csr.h) uses:
 * one source for both. Plain C, no includes. CSR numbers carry no suffix: the firmware's csr_read()
 * pastes them into assembly. */
#ifndef PIMSOC_CSR_REGS_H
#define PIMSOC_CSR_REGS_H

/* CSR numbers */
#define CSR_MSTATUS 0x300
#define CSR_MSTATUSH 0x310
#define CSR_MISA 0x301
#define CSR_MIE 0x304
#define CSR_MTVEC 0x305
#define CSR_MSCRATCH 0x340
#define CSR_MEPC 0x341
#define CSR_MCAUSE 0x342
#define CSR_MTVAL 0x343
#define CSR_MIP 0x344
#define CSR_MCYCLE 0xB00
#define CSR_MINSTRET 0xB02
#define CSR_MCYCLEH 0xB80
#define CSR_MINSTRETH 0xB82
#define CSR_CYCLE 0xC00
#define CSR_TIME 0xC01
#define CSR_INSTRET 0xC02
#define CSR_CYCLEH 0xC80
#define CSR_TIMEH 0xC81
#define CSR_INSTRETH 0xC82
#define CSR_MVENDORID 0xF11
#define CSR_MARCHID 0xF12
#define CSR_MIMPID 0xF13
#define CSR_MHARTID 0xF14
#define CSR_MCONFIGPTR 0xF15
#define CSR_MCOUNTINHIBIT 0x320
#define CSR_PMPCFG0 0x3A0   /* pmpcfg0..15: 0x3A0..0x3AF, four 8-bit entry configs each */
#define CSR_PMPADDR0 0x3B0  /* pmpaddr0..63: 0x3B0..0x3EF, address bits [33:2] */
#define CSR_TSELECT 0x7A0
#define CSR_TDATA1 0x7A1
#define CSR_TDATA2 0x7A2
#define CSR_TDATA3 0x7A3
#define CSR_TINFO 0x7A4
#define CSR_TCONTROL 0x7A5
#define CSR_READ_ONLY_MASK 0xC00 /* addresses whose bits [11:10] are 0b11 are read-only */

/* mstatus / mie / mip bits */
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)
#define MIE_MSIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MIE_MEIE (1u << 11)
#define MIP_MSIP MIE_MSIE
#define MIP_MTIP MIE_MTIE
#define MIP_MEIP MIE_MEIE

/* mcountinhibit: CY and IR freeze the mcycle and minstret CSR views (TM is read-only 0) */
#define MCOUNTINHIBIT_CY (1u << 0)
#define MCOUNTINHIBIT_IR (1u << 2)

/* PMP entry configuration (one byte of pmpcfgN) */
#define PMP_R (1u << 0)
#define PMP_W (1u << 1)
#define PMP_X (1u << 2)
#define PMP_A_SHIFT 3
#define PMP_A_MASK (3u << PMP_A_SHIFT)
#define PMP_A_OFF (0u << PMP_A_SHIFT)
#define PMP_A_TOR (1u << PMP_A_SHIFT)
#define PMP_A_NA4 (2u << PMP_A_SHIFT)
#define PMP_A_NAPOT (3u << PMP_A_SHIFT)
#define PMP_L (1u << 7)

/* Debug triggers (Sdtrig): tdata1 as an address-match trigger "mcontrol" (type 2, RV32 layout) */
#define TDATA1_TYPE_SHIFT 28
#define TDATA1_TYPE_MCONTROL 2u
#define TDATA1_TYPE_DISABLED 15u
#define TDATA1_DMODE (1u << 27)   /* RV32: only the debugger may write the trigger */
#define MCONTROL_MASKMAX_SHIFT 21 /* 6 bits: log2 of the largest NAPOT range */
#define MCONTROL_HIT (1u << 20)
#define MCONTROL_ACTION_SHIFT 12 /* 4 bits: 0 = breakpoint exception, 1 = enter debug mode */
#define MCONTROL_ACTION_DEBUG 1u
#define MCONTROL_MATCH_SHIFT 7   /* 4 bits */
#define MCONTROL_MATCH_EQUAL 0u
#define MCONTROL_MATCH_NAPOT 1u
#define MCONTROL_MATCH_GE 2u
#define MCONTROL_MATCH_LT 3u
#define MCONTROL_M (1u << 6)
#define MCONTROL_EXECUTE (1u << 2)
#define MCONTROL_STORE (1u << 1)
#define MCONTROL_LOAD (1u << 0)
#define TCONTROL_MTE (1u << 3)  /* M-mode trigger enable: cleared on trap entry, restored by mret */
#define TCONTROL_MPTE (1u << 7)

/* mcause */
#define MCAUSE_INTERRUPT 0x80000000u
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_U 8
#define CAUSE_ECALL_S 9
#define CAUSE_ECALL_M 11
#define IRQ_M_SOFT 3
#define IRQ_M_TIMER 7
#define IRQ_M_EXT 11

#endif /* PIMSOC_CSR_REGS_H */
