// Reads a VCD (IEEE 1364 value change dump) into memory: header, scope tree, variables and the value
// changes of each identifier. Pure C++17, no SystemC: the tests check every dump the suite writes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pimsoc::vcd {

// One thing wrong with a file. line 0 means the file as a whole (e.g. a missing header item).
struct Problem {
    int line = 0;
    std::string message;
};

// "FILE:LINE: message", or "FILE: message" for line 0.
std::string format_problem(const std::string& file, const Problem& problem);

class ParseError : public std::runtime_error {
public:
    ParseError(std::string file, Problem problem);
    const std::string& file() const { return m_file; }
    int line() const { return m_problem.line; }
    const std::string& message() const { return m_problem.message; }

private:
    std::string m_file;
    Problem m_problem;
};

struct ValueChange {
    uint64_t time = 0;  // in ticks of the dump's timescale
    // Normalised, so that equal values are equal strings (reals excepted, see value_equal):
    // one-bit signals "0" "1" "x" "z"; wider ones "b" + binary digits without redundant leading
    // zeros ("b0", "b101", "b0x1"); reals "r" + the text as written; strings "s" + the text.
    std::string value;
};

struct Variable {
    std::string type;       // wire, reg, real, integer, parameter, event, ...
    unsigned width = 0;     // as declared; check() reports 0
    std::string id;         // identifier code; aliases share one
    std::string reference;  // the name as declared, without the bit range
    std::string bit_range;  // "[7:0]", or empty
    std::string full_name;  // scopes joined by '.', then the reference: "soc.uart0.tx_data"
    int line = 0;           // of the $var
};

struct Scope {
    std::string type;  // module, task, function, begin, fork (or a writer's own); empty for the root
    std::string name;
    std::vector<Scope> scopes;
    std::vector<size_t> variables;  // indices into Dump::variables
};

// The changes of one identifier code, shared by all its aliases.
struct Signal {
    unsigned width = 0;  // of the first declaration
    std::string name;    // full name of the first declaration, for messages
    std::vector<ValueChange> changes;
};

struct Dump {
    std::string file;
    // Header text, kept for people to read; compare() ignores it.
    std::string date;
    std::string version;
    std::string comment;
    bool has_timescale = false;
    uint64_t timescale_ps = 1;  // picoseconds per tick; 1 when the header has no $timescale
    Scope root;
    std::vector<Variable> variables;                     // in declaration order
    std::map<std::string, Signal, std::less<>> signals;  // by identifier code
    uint64_t last_time = 0;                              // the latest #TIME, in ticks

    const std::vector<ValueChange>& changes(const Variable& variable) const;
    uint64_t to_ps(uint64_t ticks) const { return ticks * timescale_ps; }
};

// Strict: throws ParseError naming the file, line and problem at the first error. Tolerates what is
// merely untidy (a repeated time stamp, no $timescale, width 0, one name for two identifiers),
// which check() reports.
Dump parse_vcd(std::string_view text, const std::string& file_name = "<string>");
Dump read_vcd_file(const std::string& path);

// Collecting: records every problem, the untidy ones too, and reads on where it can.
struct ParseReport {
    Dump dump;
    std::vector<Problem> problems;
};
ParseReport parse_vcd_collecting(std::string_view text, const std::string& file_name = "<string>");

// The whole file, or ParseError "PATH: cannot open file".
std::string load_file(const std::string& path);

// "1ps", "10ns", "1 us" (tokens already joined), ... -> picoseconds; ParseError-style message on failure.
bool parse_timescale(std::string_view text, uint64_t& ps_per_tick, std::string& error);

// Equality of normalised values: reals by their parsed double value, the rest as strings.
bool value_equal(const std::string& a, const std::string& b);

}  // namespace pimsoc::vcd
