#include "network_json.h"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace pimsoc::alloc {

namespace {
namespace pt = boost::property_tree;

[[noreturn]] void fail(const std::string& source, const std::string& what) {
    throw std::runtime_error(source + ": " + what);
}

int64_t integer(const pt::ptree& node, const std::string& key, const std::string& where,
                const std::string& source) {
    const std::string text = node.get_value<std::string>();
    size_t used = 0;
    int64_t value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (text.empty() || used != text.size() || !node.empty())
        fail(source, where + ": key \"" + key + "\" must be an integer, got \"" + text + "\"");
    return value;
}

const std::set<std::string> kLayerKeys = {"name", "type", "Ci", "Co", "Wo", "Ho", "Kc",
                                          "Kp",   "Sc",   "Sp", "Pc", "Pp"};

Layer parse_layer(const pt::ptree& node, size_t index, const std::string& source) {
    const std::string where = "layer " + std::to_string(index + 1);
    for (const auto& [key, value] : node) {
        if (key.empty()) fail(source, where + ": must be an object, not a list");
        if (!kLayerKeys.count(key)) fail(source, where + ": unknown key \"" + key + "\"");
    }
    Layer l;
    l.name = node.get<std::string>("name", "L" + std::to_string(index + 1));
    const std::string type = node.get<std::string>("type", "conv");
    if (type != "conv" && type != "fc")
        fail(source, where + ": key \"type\" must be \"conv\" or \"fc\", got \"" + type + "\"");
    l.fc = type == "fc";
    auto get = [&](const char* key, bool required, int64_t fallback) {
        const auto child = node.get_child_optional(key);
        if (!child) {
            if (required) fail(source, where + ": missing key \"" + key + "\"");
            return fallback;
        }
        return integer(*child, key, where, source);
    };
    l.ci = get("Ci", true, 0);
    l.co = get("Co", true, 0);
    if (l.fc) {
        for (const char* key : {"Wo", "Ho", "Kc", "Kp", "Sc", "Sp", "Pc", "Pp"})
            if (node.get_child_optional(key))
                fail(source, where + ": key \"" + key + "\" does not apply to an fc layer");
        return l;
    }
    l.wo = get("Wo", true, 0);
    l.ho = get("Ho", false, l.wo);
    l.kc = get("Kc", true, 0);
    l.kp = get("Kp", false, 1);
    l.sc = get("Sc", false, 1);
    l.sp = get("Sp", false, l.kp);
    l.pc = get("Pc", false, 0);
    l.pp = get("Pp", false, 0);
    return l;
}
}  // namespace

Network parse_network(const std::string& json_text, const std::string& source_name) {
    pt::ptree root;
    std::istringstream in(json_text);
    try {
        pt::read_json(in, root);
    } catch (const pt::json_parser_error& e) {
        fail(source_name, "line " + std::to_string(e.line()) + ": " + e.message());
    }
    Network net;
    net.name = root.get<std::string>("name", source_name);
    const auto layers = root.get_child_optional("layers");
    if (!layers) fail(source_name, "missing key \"layers\"");
    for (const auto& [key, value] : root)
        if (key != "name" && key != "layers" && key != "source")
            fail(source_name, "unknown key \"" + key + "\"");
    size_t index = 0;
    for (const auto& [key, layer] : *layers) {
        if (!key.empty()) fail(source_name, "key \"layers\" must be a list");
        net.layers.push_back(parse_layer(layer, index++, source_name));
    }
    try {
        validate(net);
    } catch (const std::invalid_argument& e) {
        fail(source_name, e.what());
    }
    return net;
}

Network load_network(const std::string& path) {
    std::ifstream file(path);
    if (!file) fail(path, "cannot open the network file");
    std::ostringstream text;
    text << file.rdbuf();
    return parse_network(text.str(), path);
}

}  // namespace pimsoc::alloc
