#include "vcd_reader.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace pimsoc::vcd {
namespace {

// Whitespace-separated tokens with the line each starts on. VCD is token-based throughout: header
// commands may span lines (gtkwave's fst2vcd writes "$timescale\n\t1ps\n$end").
class Tokenizer {
public:
    explicit Tokenizer(std::string_view text) : m_text(text) {}

    // The next token, or empty at the end of the text.
    std::string_view next()
    {
        if (m_has_put_back) {
            m_has_put_back = false;
            m_token_line = m_put_back_line;
            return m_put_back;
        }
        while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
            if (m_text[m_pos] == '\n') {
                ++m_line;
            }
            ++m_pos;
        }
        const size_t start = m_pos;
        while (m_pos < m_text.size() && !is_space(m_text[m_pos])) {
            ++m_pos;
        }
        m_token_line = m_line;
        return m_text.substr(start, m_pos - start);
    }

    int line() const { return m_token_line; }  // of the token last returned

    // Hands the token last returned out once more (it starts the next command).
    void put_back(std::string_view token)
    {
        m_put_back = token;
        m_put_back_line = m_token_line;
        m_has_put_back = true;
    }

private:
    static bool is_space(char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    }

    std::string_view m_text;
    size_t m_pos = 0;
    int m_line = 1;
    int m_token_line = 1;
    std::string_view m_put_back;
    int m_put_back_line = 0;
    bool m_has_put_back = false;
};

bool parse_u64(std::string_view text, uint64_t& value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

bool parse_real(std::string_view text, double& value)
{
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);  // from_chars takes no '+'; some writers print one
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

bool is_vector_digit(char c)
{
    return c == '0' || c == '1' || c == 'x' || c == 'X' || c == 'z' || c == 'Z';
}

char lower_digit(char c)
{
    return c == 'X' ? 'x' : c == 'Z' ? 'z' : c;
}

// Lower case, without redundant leading zeros. A zero in front of an x or z stays: IEEE 1364
// extends a short vector with its leftmost digit, so "0x1" (a 0, then x) and "x1" (all x) differ.
std::string normalise_digits(std::string_view digits)
{
    std::string out;
    out.reserve(digits.size());
    for (char c : digits) {
        out += lower_digit(c);
    }
    size_t skip = 0;
    while (skip + 1 < out.size() && out[skip] == '0' && (out[skip + 1] == '0' || out[skip + 1] == '1')) {
        ++skip;
    }
    return out.substr(skip);
}

// "[7:0]", "[3]": a bit range, which the full name leaves out.
bool is_bit_range(std::string_view text)
{
    if (text.size() < 3 || text.front() != '[' || text.back() != ']') {
        return false;
    }
    for (char c : text.substr(1, text.size() - 2)) {
        if (!(c == ':' || c == '-' || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return true;
}

// Where a bit range written onto the reference ("data[7:0]") starts, or npos.
size_t bit_range_start(std::string_view reference)
{
    const size_t open = reference.rfind('[');
    if (open == std::string_view::npos || open == 0 || !is_bit_range(reference.substr(open))) {
        return std::string_view::npos;
    }
    return open;
}

std::string join(const std::vector<std::string_view>& tokens, std::string_view separator)
{
    std::string out;
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += tokens[i];
    }
    return out;
}

bool is_keyword(std::string_view token)
{
    static constexpr std::string_view keywords[] = {
        "$comment", "$date",    "$enddefinitions", "$scope",   "$timescale", "$upscope",
        "$var",     "$version", "$dumpall",        "$dumpoff", "$dumpon",    "$dumpvars"};
    for (auto keyword : keywords) {
        if (token == keyword) {
            return true;
        }
    }
    return false;
}

bool is_dump_command(std::string_view token)
{
    return token == "$dumpvars" || token == "$dumpon" || token == "$dumpoff" || token == "$dumpall";
}

class Parser {
public:
    Parser(std::string_view text, const std::string& file_name, bool collect)
        : m_tokens(text), m_collect(collect)
    {
        m_report.dump.file = file_name;
        m_scopes.push_back(&m_report.dump.root);
    }

    ParseReport run()
    {
        if (parse_header()) {
            parse_value_changes();
        }
        return std::move(m_report);
    }

private:
    // Errors make the strict parse throw; untidy things only matter to check().
    enum class Severity { error, untidy };

    void report(int line, std::string message, Severity severity = Severity::error)
    {
        if (m_collect) {
            m_report.problems.push_back({line, std::move(message)});
        } else if (severity == Severity::error) {
            throw ParseError(m_report.dump.file, {line, std::move(message)});
        }
    }

    // The tokens between a command and its $end. false (reported) when the text ends first, or
    // when the next command starts first: it is put back, so reading goes on from there.
    bool read_until_end(std::string_view command, std::vector<std::string_view>& tokens)
    {
        const int line = m_tokens.line();
        tokens.clear();
        for (auto token = m_tokens.next(); token != "$end"; token = m_tokens.next()) {
            if (token.empty()) {
                report(line, "unterminated " + std::string(command) + " (no $end)");
                m_stop = true;
                return false;
            }
            if (is_keyword(token)) {
                report(line, "unterminated " + std::string(command) + " (no $end before '" +
                                 std::string(token) + "')");
                m_tokens.put_back(token);
                return false;
            }
            tokens.push_back(token);
        }
        return true;
    }

    // Returns true when the value changes follow.
    bool parse_header()
    {
        std::vector<std::string_view> tokens;
        for (;;) {
            const auto token = m_tokens.next();
            const int line = m_tokens.line();
            if (token.empty()) {
                report(0, "missing $enddefinitions");
                return false;
            }
            if (token.front() == '#' || is_dump_command(token)) {
                report(line, "missing $enddefinitions before '" + std::string(token) + "'");
                value_token(token);
                return true;
            }
            if (token.front() != '$' || token == "$end") {
                report(line, "unexpected '" + std::string(token) + "' in the header");
                continue;
            }
            if (!read_until_end(token, tokens)) {
                if (m_stop) {
                    return false;
                }
                continue;
            }
            if (token == "$enddefinitions") {
                close_definitions(line);
                return true;
            }
            if (token == "$date") {
                m_report.dump.date = join(tokens, " ");
            } else if (token == "$version") {
                m_report.dump.version = join(tokens, " ");
            } else if (token == "$comment") {
                m_report.dump.comment = join(tokens, " ");
            } else if (token == "$timescale") {
                timescale(line, join(tokens, ""));
            } else if (token == "$scope") {
                scope(line, tokens);
            } else if (token == "$upscope") {
                upscope(line);
            } else if (token == "$var") {
                var(line, tokens);
            }
            // Any other command is a writer's extension (gtkwave's $attrbegin, ...): skipped.
        }
    }

    void close_definitions(int line)
    {
        for (size_t depth = m_scopes.size() - 1; depth > 0; --depth) {
            report(line, "$scope '" + m_scopes[depth]->name +
                             "' is not closed (no $upscope) before $enddefinitions");
        }
        m_scopes.resize(1);
    }

    void timescale(int line, const std::string& text)
    {
        std::string error;
        uint64_t ps = 0;
        if (!parse_timescale(text, ps, error)) {
            report(line, "$timescale: " + error);
            return;
        }
        m_report.dump.has_timescale = true;
        m_report.dump.timescale_ps = ps;
    }

    void scope(int line, const std::vector<std::string_view>& tokens)
    {
        Scope child;
        if (tokens.size() == 2) {
            child.type = tokens[0];
            child.name = tokens[1];
        } else {
            report(line, "$scope: expected TYPE NAME, got '" + join(tokens, " ") + "'");
            child.name = tokens.empty() ? "?" : std::string(tokens.back());  // keeps $upscope balanced
        }
        // Pointers to the open scopes stay valid: only the innermost one's children grow.
        auto& siblings = m_scopes.back()->scopes;
        siblings.push_back(std::move(child));
        m_scopes.push_back(&siblings.back());
    }

    void upscope(int line)
    {
        if (m_scopes.size() == 1) {
            report(line, "$upscope without an open $scope");
            return;
        }
        m_scopes.pop_back();
    }

    void var(int line, const std::vector<std::string_view>& tokens)
    {
        if (tokens.size() < 4) {
            report(line, "$var: expected TYPE WIDTH ID NAME, got '" + join(tokens, " ") + "'");
            return;
        }
        const std::string id(tokens[2]);
        if (tokens.size() > 5 || (tokens.size() == 5 && !is_bit_range(tokens[4]))) {
            const auto extra = is_bit_range(tokens[4]) ? tokens[5] : tokens[4];
            report(line, "$var: unexpected '" + std::string(extra) + "' in '" + join(tokens, " ") + "'");
            m_bad_ids.insert(id);
            return;
        }
        uint64_t width = 0;
        if (!parse_u64(tokens[1], width) || width > std::numeric_limits<unsigned>::max()) {
            report(line, "$var: width '" + std::string(tokens[1]) + "' is not a number");
            m_bad_ids.insert(id);  // its value changes are not reported once more as undeclared
            return;
        }

        Variable variable;
        variable.type = tokens[0];
        variable.width = static_cast<unsigned>(width);
        variable.id = id;
        variable.line = line;
        const std::string_view reference = tokens[3];
        const size_t range = bit_range_start(reference);
        if (tokens.size() == 5) {
            variable.reference = reference;
            variable.bit_range = tokens[4];
        } else if (range != std::string_view::npos) {
            variable.reference = reference.substr(0, range);
            variable.bit_range = reference.substr(range);
        } else {
            variable.reference = reference;
        }
        for (size_t depth = 1; depth < m_scopes.size(); ++depth) {
            variable.full_name += m_scopes[depth]->name + ".";
        }
        variable.full_name += variable.reference;

        auto& dump = m_report.dump;
        const auto existing = dump.signals.find(id);
        if (existing == dump.signals.end()) {
            dump.signals[id] = Signal{variable.width, variable.full_name, {}};
        } else if (existing->second.width != variable.width) {
            report(line, "$var: identifier '" + id + "' declared again with width " +
                             std::to_string(variable.width) + " (first declared with width " +
                             std::to_string(existing->second.width) + " as " + existing->second.name + ")");
        }
        m_scopes.back()->variables.push_back(dump.variables.size());
        dump.variables.push_back(std::move(variable));
    }

    void parse_value_changes()
    {
        for (auto token = m_tokens.next(); !token.empty() && !m_stop; token = m_tokens.next()) {
            value_token(token);
        }
        if (!m_stop && !m_open_block.empty()) {
            report(m_open_block_line, "unterminated " + m_open_block + " (no $end)");
        }
    }

    void value_token(std::string_view token)
    {
        const int line = m_tokens.line();
        const char kind = token.front();
        if (kind == '#') {
            time_stamp(line, token);
        } else if (kind == '$') {
            command(line, token);
        } else if (is_vector_digit(kind)) {
            scalar_change(line, token);
        } else if (kind == 'b' || kind == 'B' || kind == 'r' || kind == 'R' || kind == 's' || kind == 'S') {
            const auto id = m_tokens.next();
            if (id.empty()) {
                report(line, "value '" + std::string(token) + "' without an identifier");
                m_stop = true;
                return;
            }
            if (kind == 'b' || kind == 'B') {
                vector_change(line, token, id);
            } else if (kind == 'r' || kind == 'R') {
                real_change(line, token, id);
            } else {
                change(line, id, "s" + std::string(token.substr(1)));
            }
        } else {
            report(line, "unexpected '" + std::string(token) +
                             "' in the value changes (expected #TIME, a value change or a $command)");
        }
    }

    void time_stamp(int line, std::string_view token)
    {
        uint64_t time = 0;
        if (!parse_u64(token.substr(1), time)) {
            report(line, "time '" + std::string(token) + "' is not a number");
            return;
        }
        auto& dump = m_report.dump;
        if (time > std::numeric_limits<uint64_t>::max() / dump.timescale_ps) {
            report(line, "time " + std::to_string(time) + " does not fit in 64 bits of picoseconds");
            return;
        }
        if (m_seen_time && time < m_time) {
            report(line,
                   "time " + std::to_string(time) + " is before the previous time " + std::to_string(m_time));
        } else if (m_seen_time && time == m_time) {
            report(line, "time " + std::to_string(time) + " repeats the previous time stamp",
                   Severity::untidy);
        }
        m_seen_time = true;
        m_time = time;  // after a step back, later stamps are compared with this one
        dump.last_time = std::max(dump.last_time, time);
    }

    void command(int line, std::string_view token)
    {
        if (is_dump_command(token)) {
            // Their values are ordinary changes at the current time.
            m_open_block = token;
            m_open_block_line = line;
        } else if (token == "$end") {
            if (m_open_block.empty()) {
                report(line, "$end without an open $dumpvars, $dumpon, $dumpoff or $dumpall");
            }
            m_open_block.clear();
        } else {
            if (token != "$comment") {
                report(line, "unexpected '" + std::string(token) + "' after $enddefinitions");
            }
            std::vector<std::string_view> ignored;
            read_until_end(token, ignored);
        }
    }

    void scalar_change(int line, std::string_view token)
    {
        const auto id = token.substr(1);
        if (id.empty()) {
            report(line, "scalar value '" + std::string(token) + "' without an identifier");
            return;
        }
        if (Signal* signal = find_signal(line, id)) {
            store(*signal, normalise_for(*signal, token.substr(0, 1)));
        }
    }

    void vector_change(int line, std::string_view value, std::string_view id)
    {
        const auto digits = value.substr(1);
        for (char c : digits) {
            if (!is_vector_digit(c)) {
                report(line, "vector value '" + std::string(value) + "' has a digit other than 0, 1, x, z");
                return;
            }
        }
        if (digits.empty()) {
            report(line, "vector value '" + std::string(value) + "' has no digits");
            return;
        }
        Signal* signal = find_signal(line, id);
        if (signal == nullptr || !fits(line, *signal, digits, value)) {
            return;
        }
        store(*signal, normalise_for(*signal, digits));
    }

    void real_change(int line, std::string_view value, std::string_view id)
    {
        double parsed = 0;
        if (!parse_real(value.substr(1), parsed)) {
            report(line, "real value '" + std::string(value) + "' is not a number");
            return;
        }
        change(line, id, "r" + std::string(value.substr(1)));
    }

    void change(int line, std::string_view id, std::string value)
    {
        if (Signal* signal = find_signal(line, id)) {
            store(*signal, std::move(value));
        }
    }

    Signal* find_signal(int line, std::string_view id)
    {
        const auto found = m_report.dump.signals.find(id);
        if (found != m_report.dump.signals.end()) {
            return &found->second;
        }
        if (m_bad_ids.count(std::string(id)) == 0) {
            report(line, "value change for undeclared identifier '" + std::string(id) + "'");
        }
        return nullptr;
    }

    // Width 0 is reported once, by check(), at its declaration; not again at each change.
    bool fits(int line, const Signal& signal, std::string_view digits, std::string_view value)
    {
        if (signal.width == 0 || digits.size() <= signal.width) {
            return true;
        }
        report(line, "vector value '" + std::string(value) + "' is wider than the declared width " +
                         std::to_string(signal.width) + " of " + signal.name);
        return false;
    }

    // One form per value whatever the writer chose: a one-bit signal's "b1" is "1", a wider
    // signal's scalar "1" is "b1".
    static std::string normalise_for(const Signal& signal, std::string_view digits)
    {
        const std::string normalised = normalise_digits(digits);
        return signal.width == 1 ? normalised : "b" + normalised;
    }

    // A change to the value already held is no change; of two changes at one time the later wins.
    void store(Signal& signal, std::string value)
    {
        auto& changes = signal.changes;
        if (!changes.empty() && changes.back().time == m_time) {
            changes.pop_back();
        }
        if (!changes.empty() && value_equal(changes.back().value, value)) {
            return;
        }
        changes.push_back({m_time, std::move(value)});
    }

    Tokenizer m_tokens;
    bool m_collect;
    ParseReport m_report;
    std::vector<Scope*> m_scopes;     // the root, then the open $scopes, innermost last
    std::set<std::string> m_bad_ids;  // declared by a malformed $var
    uint64_t m_time = 0;              // ticks; changes before the first #TIME are at 0
    bool m_seen_time = false;
    std::string m_open_block;  // "$dumpvars" etc. until its $end
    int m_open_block_line = 0;
    bool m_stop = false;  // the text cannot be read further
};

}  // namespace

std::string format_problem(const std::string& file, const Problem& problem)
{
    if (problem.line > 0) {
        return file + ":" + std::to_string(problem.line) + ": " + problem.message;
    }
    return file + ": " + problem.message;
}

ParseError::ParseError(std::string file, Problem problem)
    : std::runtime_error(format_problem(file, problem)),
      m_file(std::move(file)),
      m_problem(std::move(problem))
{
}

const std::vector<ValueChange>& Dump::changes(const Variable& variable) const
{
    static const std::vector<ValueChange> none;
    const auto found = signals.find(variable.id);
    return found == signals.end() ? none : found->second.changes;
}

Dump parse_vcd(std::string_view text, const std::string& file_name)
{
    return Parser(text, file_name, false).run().dump;
}

ParseReport parse_vcd_collecting(std::string_view text, const std::string& file_name)
{
    return Parser(text, file_name, true).run();
}

std::string load_file(const std::string& path)
{
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw ParseError(path, {0, "is a directory, not a file"});
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ParseError(path, {0, "cannot open file"});
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw ParseError(path, {0, "cannot read file"});
    }
    return text.str();
}

Dump read_vcd_file(const std::string& path)
{
    return parse_vcd(load_file(path), path);
}

bool parse_timescale(std::string_view text, uint64_t& ps_per_tick, std::string& error)
{
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        ++digits;
    }
    uint64_t number = 0;
    const auto unit = text.substr(digits);
    struct Unit {
        std::string_view name;
        uint64_t ps;
    };
    static constexpr Unit units[] = {{"s", 1000000000000}, {"ms", 1000000000}, {"us", 1000000},
                                     {"ns", 1000},         {"ps", 1},          {"fs", 0}};
    const Unit* found = nullptr;
    for (const auto& candidate : units) {
        if (candidate.name == unit) {
            found = &candidate;
        }
    }
    if (!parse_u64(text.substr(0, digits), number) || number == 0 || found == nullptr) {
        error =
            "'" + std::string(text) + "' is not a timescale (expected a number and s, ms, us, ns, ps or fs)";
        return false;
    }
    if (found->ps == 0) {  // femtoseconds: whole picoseconds only
        if (number % 1000 != 0) {
            error = "'" + std::string(text) + "' is finer than 1 ps (not supported)";
            return false;
        }
        ps_per_tick = number / 1000;
        return true;
    }
    if (number > std::numeric_limits<uint64_t>::max() / found->ps) {
        error = "'" + std::string(text) + "' is too large";
        return false;
    }
    ps_per_tick = number * found->ps;
    return true;
}

bool value_equal(const std::string& a, const std::string& b)
{
    if (a.size() > 1 && b.size() > 1 && a.front() == 'r' && b.front() == 'r') {
        double x = 0;
        double y = 0;
        if (parse_real(std::string_view(a).substr(1), x) && parse_real(std::string_view(b).substr(1), y)) {
            return x == y || (std::isnan(x) && std::isnan(y));
        }
    }
    return a == b;
}

}  // namespace pimsoc::vcd
