// vcd_tool: checks, compares and lists VCD files, for the test suite and for people reading a
// regression: "which signal differs first, and when".
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "vcd_check.h"
#include "vcd_compare.h"
#include "vcd_reader.h"

namespace pimsoc::vcd {
namespace {

// As pimsoc's: 2 is bad input, never a verdict.
constexpr int exit_ok = 0;
constexpr int exit_different = 1;  // invalid (check) or not the same (compare)
constexpr int exit_bad_input = 2;

const char* const usage_text =
    "usage: vcd_tool check FILE...            check that each file is a valid VCD\n"
    "       vcd_tool compare EXPECTED ACTUAL  compare two dumps signal by signal\n"
    "       vcd_tool signals FILE             list each signal: full name, width, value changes\n"
    "       vcd_tool --help                   print this text\n"
    "\n"
    "compare matches signals by full hierarchical name and ignores identifier codes and the\n"
    "$date, $version and $comment text; times are printed in picoseconds.\n"
    "exit codes: 0 valid / same, 1 invalid / different, 2 bad usage, unreadable or malformed file\n";

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

size_t value_changes(const Dump& dump)
{
    size_t count = 0;
    for (const auto& variable : dump.variables) {
        count += dump.changes(variable).size();
    }
    return count;
}

int check_files(const std::vector<std::string>& files)
{
    int result = exit_ok;
    for (const auto& file : files) {
        std::string text;
        try {
            text = load_file(file);
        } catch (const ParseError& error) {
            std::cerr << error.what() << "\n";
            result = exit_bad_input;
            continue;
        }
        const ParseReport report = parse_vcd_collecting(text, file);
        const auto problems = check(report);
        for (const auto& problem : problems) {
            std::cout << format_problem(file, problem) << "\n";
        }
        if (problems.empty()) {
            const Dump& dump = report.dump;
            std::cout << file << ": ok (" << dump.variables.size() << " signals, " << value_changes(dump)
                      << " value changes, last time " << dump.to_ps(dump.last_time) << " ps)\n";
        } else if (result == exit_ok) {
            result = exit_different;
        }
    }
    return result;
}

int compare_files(const std::string& expected_file, const std::string& actual_file)
{
    const Dump expected = read_vcd_file(expected_file);
    const Dump actual = read_vcd_file(actual_file);
    const Comparison comparison = compare(expected, actual);
    std::cout << comparison.report() << "\n";
    return comparison.equal() ? exit_ok : exit_different;
}

int list_signals(const std::string& file)
{
    const Dump dump = read_vcd_file(file);
    for (const auto& variable : dump.variables) {
        std::cout << variable.full_name << " " << variable.width << " " << dump.changes(variable).size()
                  << "\n";
    }
    return exit_ok;
}

int run(const std::vector<std::string>& args)
{
    if (args.empty()) {
        throw UsageError("no command given (try 'vcd_tool --help')");
    }
    std::vector<std::string> files;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << usage_text;
            return exit_ok;
        }
        if (args[i].size() > 1 && args[i][0] == '-') {
            throw UsageError("unknown option '" + args[i] + "' (try 'vcd_tool --help')");
        }
        files.push_back(args[i]);
    }
    const std::string& command = args[0];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usage_text;
        return exit_ok;
    }
    if (command == "check") {
        if (files.empty()) {
            throw UsageError("check: no file given (usage: vcd_tool check FILE...)");
        }
        return check_files(files);
    }
    if (command == "compare") {
        if (files.size() != 2) {
            throw UsageError("compare: expected two files (usage: vcd_tool compare EXPECTED ACTUAL)");
        }
        return compare_files(files[0], files[1]);
    }
    if (command == "signals") {
        if (files.size() != 1) {
            throw UsageError("signals: expected one file (usage: vcd_tool signals FILE)");
        }
        return list_signals(files[0]);
    }
    if (command.size() > 1 && command[0] == '-') {
        throw UsageError("unknown option '" + command + "' (try 'vcd_tool --help')");
    }
    throw UsageError("unknown command '" + command + "' (expected check, compare or signals)");
}

}  // namespace
}  // namespace pimsoc::vcd

int main(int argc, char** argv)
{
    using namespace pimsoc::vcd;
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& error) {
        std::cerr << "vcd_tool: " << error.what() << "\n";
    } catch (const ParseError& error) {
        std::cerr << error.what() << "\n";
    } catch (const std::exception& error) {
        std::cerr << "vcd_tool: " << error.what() << "\n";
    }
    return exit_bad_input;
}
