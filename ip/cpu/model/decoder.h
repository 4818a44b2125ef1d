// Instruction decoder for RV32IMAC + Zicsr + Zifencei. Compressed instructions expand to the same
// Op as their 32-bit equivalents (len = 2). Reserved and unsupported encodings give Op::illegal.
#pragma once

#include <cstdint>

#include "decoded_insn.h"

namespace pimsoc::cpu {

// Length in bytes of the instruction whose low 16 bits are given: 2 or 4. (Longer encodings are
// not supported and decode as illegal with length 4.)
inline unsigned insn_length(uint16_t low_half) { return (low_half & 3u) == 3u ? 4u : 2u; }

DecodedInsn decode32(uint32_t insn);
DecodedInsn decode16(uint16_t insn);
// Decodes either form; for a 16-bit instruction the upper half is ignored.
DecodedInsn decode(uint32_t insn);

}  // namespace pimsoc::cpu
