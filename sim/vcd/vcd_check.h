// Validity rules for the VCD files the test suite writes: what a reader needs to make sense of a
// dump, and what our writer must never do even where readers would shrug it off.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vcd_reader.h"

namespace pimsoc::vcd {

// Every problem of a collecting parse, plus the rules that look at the whole dump: the header has
// $timescale; each declared width is at least 1; no full name is declared by two identifiers.
// Ordered by line, whole-file problems last. Empty: the file is valid.
std::vector<Problem> check(const ParseReport& report);
std::vector<Problem> check(std::string_view text, const std::string& file_name = "<string>");

}  // namespace pimsoc::vcd
