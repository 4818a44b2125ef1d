// Writers of the ledger's report: a text table for people, JSON and CSV for tools. All three show
// the same figures with the same rounding (energies to 0.001 pJ, times to 1 ps); they contain no
// host time, so the same ELF and configuration give identical files. Format: docs/observability.md.
#pragma once

#include <ostream>
#include <string>

#include "common/ledger.h"

namespace pimsoc {

// Table per component (and per region of interest), with a title line.
void write_stats_text(std::ostream& out, const LedgerReport& report, const std::string& title);
void write_stats_json(std::ostream& out, const LedgerReport& report);
void write_stats_csv(std::ostream& out, const LedgerReport& report);

// Fixed-point text of the writers: ps as ns with 3 decimals, pJ with 3 decimals.
std::string format_ns(uint64_t ps);
std::string format_fixed3(double value);

}  // namespace pimsoc
