// CSR addresses, mstatus/mip bit fields and trap causes (RISC-V privileged spec 1.12).
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

namespace csr {
constexpr uint32_t mstatus = 0x300;
constexpr uint32_t misa = 0x301;
constexpr uint32_t mie = 0x304;
constexpr uint32_t mtvec = 0x305;
constexpr uint32_t mstatush = 0x310;
constexpr uint32_t mscratch = 0x340;
constexpr uint32_t mepc = 0x341;
constexpr uint32_t mcause = 0x342;
constexpr uint32_t mtval = 0x343;
constexpr uint32_t mip = 0x344;
constexpr uint32_t mcycle = 0xB00;
constexpr uint32_t minstret = 0xB02;
constexpr uint32_t mcycleh = 0xB80;
constexpr uint32_t minstreth = 0xB82;
constexpr uint32_t cycle = 0xC00;
constexpr uint32_t time = 0xC01;
constexpr uint32_t instret = 0xC02;
constexpr uint32_t cycleh = 0xC80;
constexpr uint32_t timeh = 0xC81;
constexpr uint32_t instreth = 0xC82;
constexpr uint32_t mvendorid = 0xF11;
constexpr uint32_t marchid = 0xF12;
constexpr uint32_t mimpid = 0xF13;
constexpr uint32_t mhartid = 0xF14;
constexpr uint32_t mconfigptr = 0xF15;

// Addresses whose bits [11:10] are 0b11 are read-only.
constexpr uint32_t read_only_mask = 0xC00;
}  // namespace csr

namespace mstatus_bits {
constexpr uint32_t mie = 1u << 3;
constexpr uint32_t mpie = 1u << 7;
constexpr uint32_t mpp_shift = 11;
constexpr uint32_t mpp_machine = 3u << mpp_shift;  // MPP is fixed to M: machine mode only
constexpr uint32_t writable = mie | mpie;
}  // namespace mstatus_bits

// mip/mie bit numbers equal the interrupt cause numbers.
namespace irq {
constexpr uint32_t msi_cause = 3;
constexpr uint32_t mti_cause = 7;
constexpr uint32_t mei_cause = 11;
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
    fetch_misaligned = 0,
    fetch_access = 1,
    illegal_instruction = 2,
    breakpoint = 3,
    load_misaligned = 4,
    load_access = 5,
    store_misaligned = 6,
    store_access = 7,
    ecall_m = 11,
};

constexpr uint32_t interrupt_flag = 1u << 31;

}  // namespace pimsoc::cpu
