// CSR addresses, mstatus/mip bit fields and trap causes (RISC-V privileged spec 1.12), as the
// model's constants: the numbers come from cpu/csr_regs.h, which the firmware includes too.
#pragma once

#include <cstdint>

#include "cpu/csr_regs.h"

namespace pimsoc::cpu {

namespace csr {
constexpr uint32_t mstatus = CSR_MSTATUS;
constexpr uint32_t misa = CSR_MISA;
constexpr uint32_t mie = CSR_MIE;
constexpr uint32_t mtvec = CSR_MTVEC;
constexpr uint32_t mstatush = CSR_MSTATUSH;
constexpr uint32_t mscratch = CSR_MSCRATCH;
constexpr uint32_t mepc = CSR_MEPC;
constexpr uint32_t mcause = CSR_MCAUSE;
constexpr uint32_t mtval = CSR_MTVAL;
constexpr uint32_t mip = CSR_MIP;
constexpr uint32_t mcycle = CSR_MCYCLE;
constexpr uint32_t minstret = CSR_MINSTRET;
constexpr uint32_t mcycleh = CSR_MCYCLEH;
constexpr uint32_t minstreth = CSR_MINSTRETH;
constexpr uint32_t cycle = CSR_CYCLE;
constexpr uint32_t time = CSR_TIME;
constexpr uint32_t instret = CSR_INSTRET;
constexpr uint32_t cycleh = CSR_CYCLEH;
constexpr uint32_t timeh = CSR_TIMEH;
constexpr uint32_t instreth = CSR_INSTRETH;
constexpr uint32_t mvendorid = CSR_MVENDORID;
constexpr uint32_t marchid = CSR_MARCHID;
constexpr uint32_t mimpid = CSR_MIMPID;
constexpr uint32_t mhartid = CSR_MHARTID;
constexpr uint32_t mconfigptr = CSR_MCONFIGPTR;
constexpr uint32_t mcountinhibit = CSR_MCOUNTINHIBIT;
constexpr uint32_t tselect = CSR_TSELECT;
constexpr uint32_t tdata1 = CSR_TDATA1;
constexpr uint32_t tdata2 = CSR_TDATA2;
constexpr uint32_t tdata3 = CSR_TDATA3;
constexpr uint32_t tinfo = CSR_TINFO;
constexpr uint32_t tcontrol = CSR_TCONTROL;

// Addresses whose bits [11:10] are 0b11 are read-only.
constexpr uint32_t read_only_mask = CSR_READ_ONLY_MASK;
}  // namespace csr

namespace mstatus_bits {
constexpr uint32_t mie = MSTATUS_MIE;
constexpr uint32_t mpie = MSTATUS_MPIE;
constexpr uint32_t mpp_shift = 11;
constexpr uint32_t mpp_machine = 3u << mpp_shift;  // MPP is fixed to M: machine mode only
static_assert(mpp_machine == MSTATUS_MPP, "mstatus.MPP as cpu/csr_regs.h has it");
constexpr uint32_t writable = mie | mpie;
}  // namespace mstatus_bits

// mip/mie bit numbers equal the interrupt cause numbers.
namespace irq {
constexpr uint32_t msi_cause = IRQ_M_SOFT;
constexpr uint32_t mti_cause = IRQ_M_TIMER;
constexpr uint32_t mei_cause = IRQ_M_EXT;
constexpr uint32_t msip = 1u << msi_cause;
constexpr uint32_t mtip = 1u << mti_cause;
constexpr uint32_t meip = 1u << mei_cause;
constexpr uint32_t all = msip | mtip | meip;
}  // namespace irq

// misa: MXL=1 (32-bit), extensions A, C, I, M.
constexpr uint32_t misa_value = (1u << 30) | (1u << ('A' - 'A')) | (1u << ('C' - 'A')) | (1u << ('I' - 'A')) |
                                (1u << ('M' - 'A'));

namespace mtvec_bits {
constexpr uint32_t mode_mask = 3;
constexpr uint32_t mode_vectored = 1;
}  // namespace mtvec_bits

enum class Cause : uint32_t {
    fetch_misaligned = CAUSE_MISALIGNED_FETCH,
    fetch_access = CAUSE_FETCH_ACCESS,
    illegal_instruction = CAUSE_ILLEGAL_INSTRUCTION,
    breakpoint = CAUSE_BREAKPOINT,
    load_misaligned = CAUSE_MISALIGNED_LOAD,
    load_access = CAUSE_LOAD_ACCESS,
    store_misaligned = CAUSE_MISALIGNED_STORE,
    store_access = CAUSE_STORE_ACCESS,
    ecall_m = CAUSE_ECALL_M,
};

constexpr uint32_t interrupt_flag = MCAUSE_INTERRUPT;

}  // namespace pimsoc::cpu
