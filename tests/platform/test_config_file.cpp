#include <gtest/gtest.h>

#include <fstream>

#include "common/temp_path.h"
#include "config_file.h"
#include "soc_params.h"

namespace pimsoc {
namespace {

std::string write_temp(const std::string& name, const std::string& text)
{
    const std::string path = test::temp_path(name);
    std::ofstream(path) << text;
    return path;
}

std::string error_of(const std::function<void()>& action)
{
    try {
        action();
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "";
}

TEST(ConfigFile, NestedObjectsSetDottedKeys)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    const auto path = write_temp("good.json", R"({"run": {"quantum_ns": 2500}, "mem": {"sram": {"size_bytes": "128KiB"}}})");
    apply_config_file(registry, path);
    EXPECT_EQ(params.run.quantum_ns, 2500u);
    EXPECT_EQ(params.sram.size_bytes, 128u << 10);
}

TEST(ConfigFile, OverridesAfterTheFileWin)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    apply_config_file(registry, write_temp("q.json", R"({"run": {"quantum_ns": 2500}})"));
    apply_override(registry, "run.quantum_ns=300");
    EXPECT_EQ(params.run.quantum_ns, 300u);
}

TEST(ConfigFile, UnknownKeyNamesFileAndKey)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    const auto path = write_temp("unknown.json", R"({"run": {"quantum": 1}})");
    const auto message = error_of([&] { apply_config_file(registry, path); });
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("'run.quantum'"), std::string::npos) << message;
}

TEST(ConfigFile, MalformedValueNamesKey)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    const auto path = write_temp("bad.json", R"({"run": {"quantum_ns": "fast"}})");
    EXPECT_NE(error_of([&] { apply_config_file(registry, path); }).find("'run.quantum_ns'"), std::string::npos);
}

TEST(ConfigFile, SyntaxErrorNamesFileAndLine)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    const auto path = write_temp("syntax.json", "{\n\"run\": {\n\"quantum_ns\": 1,,\n}}");
    const auto message = error_of([&] { apply_config_file(registry, path); });
    EXPECT_NE(message.find(path + ":3"), std::string::npos) << message;
}

TEST(ConfigFile, ArraysAndMissingFilesAreErrors)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    EXPECT_NE(error_of([&] { apply_config_file(registry, write_temp("a.json", R"({"run": [1, 2]})")); })
                  .find("'run' holds an array"),
              std::string::npos);
    EXPECT_NE(error_of([&] { apply_config_file(registry, "/nonexistent.json"); }).find("/nonexistent.json"),
              std::string::npos);
}

std::string nested(unsigned depth, const std::string& leaf)
{
    std::string text;
    for (unsigned i = 0; i < depth; ++i) text += "{\"a\": ";
    return text + leaf + std::string(depth, '}');
}

TEST(ConfigFile, NestingIsBoundedBeforeParsing)
{
    // 100,000 levels overflowed the host stack inside read_json before the depth check.
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    const auto deep = write_temp("deep.json", nested(100000, "1"));
    EXPECT_EQ(error_of([&] { apply_config_file(registry, deep); }),
              deep + ":1: JSON nested deeper than 64 levels");
    // At the limit the file parses; its key is then simply unknown. Braces inside strings do not count.
    const auto at_limit = write_temp("limit.json", nested(max_config_nesting, "\"{{{{[[[[\""));
    EXPECT_NE(error_of([&] { apply_config_file(registry, at_limit); }).find("unknown parameter 'a.a.a"),
              std::string::npos);
}

TEST(ConfigFile, OverrideSyntax)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    EXPECT_NE(error_of([&] { apply_override(registry, "run.quantum_ns"); }).find("key=value"), std::string::npos);
    EXPECT_NE(error_of([&] { apply_override(registry, "cpu.nope=1"); }).find("'cpu.nope'"), std::string::npos);
}

TEST(SocParams, EveryParameterHasAUnitOrTypeAndADoc)
{
    SocParams params;
    ParamRegistry registry;
    params.bind(registry.root());
    EXPECT_GT(registry.params().size(), 15u);
    for (const auto& [key, info] : registry.params()) {
        EXPECT_FALSE(info.doc.empty()) << key;
    }
    EXPECT_TRUE(registry.contains("cpu.clock_hz"));
    EXPECT_TRUE(registry.contains("mem.main.size_bytes"));
    EXPECT_TRUE(registry.contains("run.quantum_ns"));
}

}  // namespace
}  // namespace pimsoc
