#include "alloc_options.h"

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "heuristics.h"

namespace pimsoc::alloc {

namespace {
[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

// The whole of `text` as a number (std::stoll or std::stod), or nothing.
template <typename Parse>
auto whole_number(const std::string& text, Parse parse) -> std::optional<decltype(parse(text, nullptr))> {
    size_t used = 0;
    try {
        const auto value = parse(text, &used);
        if (!text.empty() && used == text.size()) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

int64_t positive_integer(const std::string& option, const std::string& text) {
    const auto value = whole_number(text, [](const std::string& t, size_t* used) { return std::stoll(t, used); });
    if (!value || *value < 1)
        bad(option + " needs a positive integer, got \"" + text + "\"");
    return *value;
}

// "12.8GB/s" -> bytes per ns (1 GB/s = 1 byte/ns).
double bytes_per_ns(const std::string& key, const std::string& text) {
    struct Unit {
        const char* suffix;
        double scale;
    };
    for (const Unit unit : {Unit{"GB/s", 1.0}, Unit{"MB/s", 1e-3}, Unit{"TB/s", 1e3}}) {
        const std::string suffix = unit.suffix;
        if (text.size() <= suffix.size() || text.compare(text.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string number = text.substr(0, text.size() - suffix.size());
        const auto value =
            whole_number(number, [](const std::string& t, size_t* used) { return std::stod(t, used); });
        if (!value || !(*value > 0))
            bad("--bandwidth " + key + ": \"" + text + "\" is not a positive bandwidth");
        return *value * unit.scale;
    }
    bad("--bandwidth " + key + ": \"" + text + "\" needs a unit (GB/s, MB/s or TB/s)");
}
}  // namespace

const char* alloc_usage() {
    return "usage: pimsoc-alloc NETWORK --crossbars N [--size 128]\n"
           "                    [--bandwidth [buffer=128GB/s,bus=12.8GB/s] | --no-bandwidth]\n"
           "                    [--baseline proportional|isaac|uniform] [--all-optima] [--json]\n"
           "                    [--search-nodes N (default 20000000; 0: dynamic programming only)]\n"
           "                    [--copies r1,r2,...] [--simulate] [--validate K [--seed S]]\n"
           "                    [--csv FILE] [--bus-broadcast]\n"
           "NETWORK is a network file or a name in sim/alloc/networks (alexnet, vgg-a, ...).\n";
}

void parse_bandwidth(const std::string& spec, Hardware& hw) {
    hw.bandwidth_limited = true;
    size_t start = 0;
    while (start <= spec.size()) {
        const size_t comma = spec.find(',', start);
        const std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const size_t eq = item.find('=');
        if (eq == std::string::npos) bad("--bandwidth: \"" + item + "\" is not KEY=VALUE (keys: buffer, bus)");
        const std::string key = item.substr(0, eq);
        const double value = bytes_per_ns(key, item.substr(eq + 1));
        if (key == "buffer")
            hw.buffer_bytes_per_ns = value;
        else if (key == "bus")
            hw.bus_bytes_per_ns = value;
        else
            bad("--bandwidth: unknown key \"" + key + "\" (keys: buffer, bus)");
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}

std::string network_path(const std::string& network, const std::string& networks_dir) {
    if (std::filesystem::exists(network)) return network;
    const std::string named = networks_dir + "/" + network + ".json";
    if (network.find('/') == std::string::npos && std::filesystem::exists(named)) return named;
    throw std::runtime_error("no network file \"" + network + "\" (nor " + named + ")");
}

AllocOptions parse_alloc_options(const std::vector<std::string>& args) {
    AllocOptions o;
    bool crossbars_given = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) bad(a + " needs a value");
            return args[++i];
        };
        if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a == "--crossbars") {
            o.crossbars = positive_integer(a, value());
            crossbars_given = true;
        } else if (a == "--size") {
            o.hardware.crossbar_size = positive_integer(a, value());
        } else if (a == "--bandwidth") {
            // The value is optional: without one, the paper's 128 GB/s buffer and 12.8 GB/s bus.
            if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0 && args[i + 1].find('=') != std::string::npos)
                parse_bandwidth(args[++i], o.hardware);
            else
                o.hardware.bandwidth_limited = true;
        } else if (a.rfind("--bandwidth=", 0) == 0) {
            parse_bandwidth(a.substr(12), o.hardware);
        } else if (a == "--no-bandwidth") {
            o.hardware.bandwidth_limited = false;
        } else if (a == "--baseline") {
            o.baseline = value();
            bool known = false;
            for (const std::string& name : baseline_names()) known = known || name == *o.baseline;
            if (!known) bad("--baseline: unknown heuristic \"" + *o.baseline + "\" (proportional, isaac, uniform)");
        } else if (a == "--search-nodes") {
            const std::string text = value();
            o.search_nodes = text == "0" ? 0 : positive_integer(a, text);
        } else if (a == "--all-optima") {
            o.all_optima = true;
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--copies") {
            const std::string list = value();
            size_t start = 0;
            while (true) {
                const size_t comma = list.find(',', start);
                o.copies.push_back(positive_integer(a, list.substr(start, comma - start)));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        } else if (a == "--simulate") {
            o.simulate = true;
        } else if (a == "--validate") {
            o.validate = positive_integer(a, value());
            o.simulate = true;
        } else if (a == "--seed") {
            const std::string text = value();
            o.seed = text == "0" ? 0 : static_cast<uint64_t>(positive_integer(a, text));
        } else if (a == "--csv") {
            o.csv = value();
        } else if (a == "--bus-broadcast") {
            o.bus_broadcast = true;
        } else if (!a.empty() && a[0] == '-') {
            bad("unknown option " + a);
        } else if (o.network.empty()) {
            o.network = a;
        } else {
            bad("more than one NETWORK given (\"" + o.network + "\" and \"" + a + "\")");
        }
    }
    if (o.help) return o;
    if (o.network.empty()) bad("no NETWORK given");
    if (!crossbars_given) bad("--crossbars N is required");
    if (!o.copies.empty() && o.baseline) bad("--copies and --baseline both choose the allocation; give one");
    if ((!o.csv.empty() || o.bus_broadcast) && !o.simulate) bad("--csv and --bus-broadcast need --simulate or --validate");
    return o;
}

}  // namespace pimsoc::alloc
