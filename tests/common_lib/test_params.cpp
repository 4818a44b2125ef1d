#include <gtest/gtest.h>

#include "common/params.h"

namespace pimsoc {
namespace {

struct ExampleParams {
    uint64_t size_bytes = 16ull << 20;
    uint32_t latency_ns = 10;
    int64_t offset = -3;
    double energy_pj = 1.5;
    bool enabled = true;
    std::string name = "main";

    void bind(const ParamBinder& b)
    {
        b.bind("size_bytes", size_bytes, "B", "size");
        b.bind("latency_ns", latency_ns, "ns", "latency");
        b.bind("offset", offset, "", "offset");
        b.bind("energy_pj", energy_pj, "pJ", "energy");
        b.bind("enabled", enabled, "", "on/off");
        b.bind("name", name, "", "name");
    }
};

TEST(Params, DefaultsAreTheStructInitializers)
{
    ParamRegistry registry;
    ExampleParams params;
    params.bind(registry.root().scope("mem").scope("main"));
    EXPECT_EQ(registry.get_text("mem.main.size_bytes"), "16777216");
    EXPECT_EQ(registry.get_text("mem.main.energy_pj"), "1.5");
    EXPECT_EQ(registry.params().at("mem.main.latency_ns").unit, "ns");
    EXPECT_EQ(registry.params().size(), 6u);
}

TEST(Params, OverridesParseEveryType)
{
    ParamRegistry registry;
    ExampleParams params;
    params.bind(registry.root());
    registry.set("size_bytes", "0x1000");
    EXPECT_EQ(params.size_bytes, 0x1000u);
    registry.set("size_bytes", "4MiB");
    EXPECT_EQ(params.size_bytes, 4u << 20);
    registry.set("size_bytes", "2K");
    EXPECT_EQ(params.size_bytes, 2000u);
    registry.set("latency_ns", "25");
    EXPECT_EQ(params.latency_ns, 25u);
    registry.set("offset", "-42");
    EXPECT_EQ(params.offset, -42);
    registry.set("energy_pj", "2.5e-3");
    EXPECT_DOUBLE_EQ(params.energy_pj, 2.5e-3);
    registry.set("enabled", "false");
    EXPECT_FALSE(params.enabled);
    registry.set("name", "other");
    EXPECT_EQ(params.name, "other");
    EXPECT_EQ(registry.params().at("size_bytes").default_text, "16777216");
}

TEST(Params, UnknownKeyIsAnErrorNamingTheKey)
{
    ParamRegistry registry;
    ExampleParams params;
    params.bind(registry.root().scope("mem"));
    try {
        registry.set("mem.sise_bytes", "1");
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("mem.sise_bytes"), std::string::npos);
    }
}

TEST(Params, MalformedValuesAreErrorsNamingTheKey)
{
    ParamRegistry registry;
    ExampleParams params;
    params.bind(registry.root());
    for (const auto& [key, text] : std::vector<std::pair<std::string, std::string>>{
             {"size_bytes", "abc"}, {"size_bytes", "-1"}, {"size_bytes", "12XB"},
             {"latency_ns", "4294967296"}, {"energy_pj", "1.0x"}, {"enabled", "maybe"}, {"offset", ""}}) {
        try {
            registry.set(key, text);
            FAIL() << "expected ConfigError for " << key << "=" << text;
        } catch (const ConfigError& error) {
            EXPECT_NE(std::string(error.what()).find(key), std::string::npos) << error.what();
        }
    }
    EXPECT_EQ(params.size_bytes, 16ull << 20) << "a rejected value changes nothing";
}

TEST(Params, NegativeRealIsAnErrorNamingTheKey)
{
    ParamRegistry registry;
    ExampleParams params;
    params.bind(registry.root().scope("cpu"));
    try {
        registry.set("cpu.energy_pj", "-0.5");
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("cpu.energy_pj"), std::string::npos) << what;
        EXPECT_NE(what.find("negative"), std::string::npos) << what;
    }
    EXPECT_DOUBLE_EQ(params.energy_pj, 1.5) << "a rejected value changes nothing";
    registry.set("cpu.energy_pj", "0");
    EXPECT_DOUBLE_EQ(params.energy_pj, 0.0) << "zero is a valid magnitude";
}

TEST(Params, DuplicateDeclarationIsAnError)
{
    ParamRegistry registry;
    uint64_t a = 0;
    registry.root().bind("x", a, "", "");
    EXPECT_THROW(registry.root().bind("x", a, "", ""), ConfigError);
}

TEST(Params, DumpListsKeyValueUnitDefaultAndDoc)
{
    ParamRegistry registry;
    ExampleParams params;
    params.bind(registry.root().scope("mem"));
    registry.set("mem.latency_ns", "7");
    const std::string dump = registry.dump();
    EXPECT_NE(dump.find("mem.latency_ns = 7 [ns] (uint, default 10): latency"), std::string::npos) << dump;
    EXPECT_NE(dump.find("mem.name = \"main\" (string, default \"main\"): name"), std::string::npos) << dump;
}

}  // namespace
}  // namespace pimsoc
