// Bad network files and command lines: one clear line naming the file, layer and key.
#include <gtest/gtest.h>

#include "alloc_options.h"
#include "network_json.h"

using namespace pimsoc::alloc;

namespace {
std::string error_of(const std::string& json) {
    try {
        parse_network(json, "net.json");
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "no error";
}

std::string option_error(const std::vector<std::string>& args) {
    try {
        parse_alloc_options(args);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}

const std::string kLayer = R"({"Ci": 3, "Co": 8, "Wo": 4, "Kc": 3, "Pc": 1})";
}  // namespace

TEST(AllocInput, ReadsADocumentedNetworkFile) {
    const Network net = parse_network(
        R"({"name": "n", "source": "s", "layers": [)" + kLayer +
            R"(, {"name": "f", "type": "fc", "Ci": 128, "Co": 10}]})",
        "net.json");
    ASSERT_EQ(net.layers.size(), 2u);
    EXPECT_EQ(net.layers[0].ho, 4);  // Ho defaults to Wo
    EXPECT_EQ(net.layers[0].kp, 1);
    EXPECT_TRUE(net.layers[1].fc);
    EXPECT_EQ(crossbar_set(net.layers[1], 128), 1);
}

TEST(AllocInput, NetworkFileErrorsNameFileLayerAndKey) {
    EXPECT_EQ(error_of(R"({"layers": [{"Ci": 3, "Co": 8, "Kc": 3}]})"),
              "net.json: layer 1: missing key \"Wo\"");
    EXPECT_EQ(error_of(R"({"layers": [{"Ci": 3, "Co": 8, "Wo": 4, "Kc": 3, "Stride": 2}]})"),
              "net.json: layer 1: unknown key \"Stride\"");
    EXPECT_EQ(error_of(R"({"layers": [{"Ci": "three", "Co": 8, "Wo": 4, "Kc": 3}]})"),
              "net.json: layer 1: key \"Ci\" must be an integer, got \"three\"");
    EXPECT_EQ(error_of(R"({"layers": [{"Ci": 3, "Co": 8, "Wo": 4, "Kc": 3, "Pc": 3}]})"),
              "net.json: layer 1 (L1): Pc must be smaller than Kc");
    EXPECT_EQ(error_of(R"({"layers": [{"type": "fc", "Ci": 3, "Co": 8, "Wo": 4}]})"),
              "net.json: layer 1: key \"Wo\" does not apply to an fc layer");
    EXPECT_EQ(error_of(R"({"layer": []})"), "net.json: missing key \"layers\"");
    EXPECT_EQ(error_of(R"({"layers": []})"), "net.json: no layers");
    EXPECT_EQ(error_of("{\"layers\": [\n{\"Ci\": 3,}]}"), "net.json: line 2: expected key string");
}

TEST(AllocInput, MissingFileIsNamed) {
    EXPECT_THROW(
        {
            try {
                load_network("/nonexistent/net.json");
            } catch (const std::runtime_error& e) {
                EXPECT_STREQ(e.what(), "/nonexistent/net.json: cannot open the network file");
                throw;
            }
        },
        std::runtime_error);
}

TEST(AllocInput, CommandLine) {
    const AllocOptions o = parse_alloc_options(
        {"alexnet", "--crossbars", "2304", "--size", "256", "--bandwidth", "buffer=64GB/s,bus=800MB/s"});
    EXPECT_EQ(o.network, "alexnet");
    EXPECT_EQ(o.crossbars, 2304);
    EXPECT_EQ(o.hardware.crossbar_size, 256);
    EXPECT_TRUE(o.hardware.bandwidth_limited);
    EXPECT_DOUBLE_EQ(o.hardware.buffer_bytes_per_ns, 64.0);
    EXPECT_DOUBLE_EQ(o.hardware.bus_bytes_per_ns, 0.8);
    const AllocOptions paper = parse_alloc_options({"vgg-a", "--crossbars", "9", "--bandwidth", "--json"});
    EXPECT_TRUE(paper.hardware.bandwidth_limited);
    EXPECT_DOUBLE_EQ(paper.hardware.bus_bytes_per_ns, 12.8);
    EXPECT_TRUE(paper.json);
    EXPECT_FALSE(parse_alloc_options({"x", "--crossbars", "9"}).hardware.bandwidth_limited);
}

TEST(AllocInput, CommandLineErrors) {
    EXPECT_EQ(option_error({"--crossbars", "9"}), "no NETWORK given");
    EXPECT_EQ(option_error({"x"}), "--crossbars N is required");
    EXPECT_EQ(option_error({"x", "--crossbars", "0"}), "--crossbars needs a positive integer, got \"0\"");
    EXPECT_EQ(option_error({"x", "--crossbars", "9", "--bandwidth", "bus=fast"}),
              "--bandwidth bus: \"fast\" needs a unit (GB/s, MB/s or TB/s)");
    EXPECT_EQ(option_error({"x", "--crossbars", "9", "--bandwidth", "dram=1GB/s"}),
              "--bandwidth: unknown key \"dram\" (keys: buffer, bus)");
    EXPECT_EQ(option_error({"x", "--crossbars", "9", "--baseline", "greedy"}),
              "--baseline: unknown heuristic \"greedy\" (proportional, isaac, uniform)");
    EXPECT_EQ(option_error({"x", "--crossbars", "9", "--frobnicate"}), "unknown option --frobnicate");
    EXPECT_EQ(option_error({"x", "--crossbars"}), "--crossbars needs a value");
}
