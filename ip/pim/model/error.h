// The error codes every PIM device model returns, as a C++ enum whose values are the C codes of
// ip/pim/pim_errors.h (the firmware's ERR_CODE values), tied to them by static_asserts.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>

#include "pim/pim_errors.h"

namespace pimsoc::pim {

// Values are stable: devices report them in ERR_CODE. Names follow PIM_ERR_* in lower case.
enum class Error : uint8_t {
    none = PIM_ERR_NONE,
    bad_opcode = PIM_ERR_BAD_OPCODE,
    bad_type = PIM_ERR_BAD_TYPE,
    zero_size = PIM_ERR_ZERO_SIZE,
    out_of_range = PIM_ERR_OUT_OF_RANGE,
    cross_bank = PIM_ERR_CROSS_BANK,
    misaligned = PIM_ERR_MISALIGNED,
    bad_stride = PIM_ERR_BAD_STRIDE,
    bad_kernel = PIM_ERR_BAD_KERNEL,
    bad_padding = PIM_ERR_BAD_PADDING,
    overlap = PIM_ERR_OVERLAP,
    too_large = PIM_ERR_TOO_LARGE,
    bad_cmd = PIM_ERR_BAD_CMD,
    busy = PIM_ERR_BUSY,
};

// Every enumerator, in value order (tests walk it; a new code is added here and in the C header).
inline constexpr Error all_errors[] = {Error::none,       Error::bad_opcode,  Error::bad_type,   Error::zero_size,
                                       Error::out_of_range, Error::cross_bank, Error::misaligned, Error::bad_stride,
                                       Error::bad_kernel, Error::bad_padding, Error::overlap,    Error::too_large,
                                       Error::bad_cmd,    Error::busy};

constexpr uint32_t code(Error e) { return static_cast<uint32_t>(e); }

// The C name table (pim_error_name) is the one source of the names.
inline const char* to_string(Error e) { return pim_error_name(code(e)); }

// The enum and the C header must agree value by value (the firmware reads these codes).
static_assert(code(Error::none) == 0u && PIM_ERR_NONE == 0u, "0 means accepted");
static_assert(code(Error::bad_opcode) == 1u && code(Error::bad_type) == 2u && code(Error::zero_size) == 3u &&
                  code(Error::out_of_range) == 4u && code(Error::cross_bank) == 5u &&
                  code(Error::misaligned) == 6u && code(Error::bad_stride) == 7u && code(Error::bad_kernel) == 8u &&
                  code(Error::bad_padding) == 9u && code(Error::overlap) == 10u && code(Error::too_large) == 11u,
              "command-check codes are the RTM's historical ERR_CODE values 1..11");
static_assert(code(Error::bad_cmd) == 16u && code(Error::busy) == 17u, "controller codes 16, 17");
static_assert(code(Error::busy) < PIM_ERR_TECH_FIRST && PIM_ERR_TECH_FIRST <= PIM_ERR_TECH_LAST,
              "technology codes come after the shared ones");

}  // namespace pimsoc::pim
