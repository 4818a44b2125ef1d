// The report writers: JSON schema (units in the field names), CSV schema, and that the text table,
// the JSON and the CSV show the same figures.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <spdlog/fmt/fmt.h>

#include "stats_report.h"

namespace pimsoc {
namespace {

using boost::property_tree::ptree;

// Two components with known counters, one region (id 1, two occurrences) and one other region.
LedgerReport sample_report()
{
    static uint64_t ops = 0;
    static uint64_t bytes = 0;
    Ledger ledger;
    LedgerComponent a;
    a.name = "core";
    a.events = {{"alu", 10.0}, {"trap", 2.5, false}};
    a.leakage_uw = 20.0;
    a.area_um2 = 30000.0;
    a.sample = [](LedgerCounters& c) {
        c.events = {ops, ops / 10};
        c.busy_ps = ops * 10'000;
    };
    LedgerComponent m;
    m.name = "mem";
    m.events = {{"read_access", 5.0}, {"read_byte", 0.25, false}};
    m.leakage_uw = 50.0;
    m.area_um2 = 1.5e6;
    m.sample = [](LedgerCounters& c) {
        c.events = {bytes / 4, bytes};
        c.busy_ps = bytes * 2'500;
    };
    ledger.add(a);
    ledger.add(m);
    ops = bytes = 0;
    for (uint64_t i = 0; i < 2; ++i) {
        ledger.roi_begin(1, i * 1'000'000);
        ledger.roi_begin(0x103, i * 1'000'000 + 10'000);
        ops += 33;
        bytes += 12;
        ledger.roi_end(0x103, i * 1'000'000 + 500'000);
        ledger.roi_end(1, i * 1'000'000 + 700'000);
    }
    ops += 7;
    LedgerReport report = ledger.report(3'000'000);
    report.regions[0].name = "inference";  // as Soc::stats_report fills in sysctl's names; 0x103 has none
    return report;
}

ptree parse_json(const std::string& text)
{
    std::istringstream in(text);
    ptree tree;
    boost::property_tree::read_json(in, tree);
    return tree;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, ',')) {
            cells.push_back(cell);
        }
        if (!line.empty() && line.back() == ',') {
            cells.emplace_back();
        }
        rows.push_back(cells);
    }
    return rows;
}

TEST(StatsReport, JsonHasTheDocumentedSchemaWithUnitsInTheNames)
{
    std::ostringstream out;
    write_stats_json(out, sample_report());
    const ptree json = parse_json(out.str());
    EXPECT_EQ(json.get<std::string>("schema"), "pimsoc-stats-1");
    EXPECT_EQ(json.get<std::string>("run.elapsed_ns"), "3000.000");
    const ptree& components = json.get_child("run.components");
    ASSERT_EQ(components.size(), 2u);
    const ptree& core = components.front().second;
    EXPECT_EQ(core.get<std::string>("name"), "core");
    for (const char* key : {"operations", "busy_ns", "utilisation", "dynamic_energy_pj", "leakage_energy_pj",
                            "total_energy_pj", "area_um2"}) {
        EXPECT_TRUE(core.get_child_optional(key)) << key;
    }
    EXPECT_EQ(core.get<std::string>("operations"), "73");
    const ptree& alu = core.get_child("events").front().second;
    EXPECT_EQ(alu.get<std::string>("name"), "alu");
    EXPECT_EQ(alu.get<std::string>("count"), "73");
    EXPECT_EQ(alu.get<std::string>("energy_pj_per_event"), "10.000");
    EXPECT_EQ(alu.get<std::string>("energy_pj"), "730.000");
    for (const char* key :
         {"dynamic_energy_pj", "leakage_energy_pj", "total_energy_pj", "area_um2", "average_power_uw"}) {
        EXPECT_TRUE(json.get_child_optional(std::string("run.total.") + key)) << key;
    }
    EXPECT_EQ(json.get<std::string>("inferences"), "2");
    EXPECT_EQ(json.get<std::string>("latency_per_inference_ns"), "700.000");
    const ptree& regions = json.get_child("regions");
    ASSERT_EQ(regions.size(), 2u);
    EXPECT_EQ(regions.front().second.get<std::string>("id_hex"), "0x000001");
    EXPECT_EQ(regions.front().second.get<std::string>("name"), "inference");
    EXPECT_EQ(regions.back().second.get<std::string>("name"), "");
    EXPECT_EQ(regions.back().second.get<std::string>("id"), "259");
    EXPECT_EQ(regions.back().second.get<std::string>("occurrences"), "2");
    EXPECT_EQ(regions.back().second.get<std::string>("elapsed_ns"), "980.000");
}

// The power section (docs/power.md): absent without failures, and with them the keys scripts
// rely on, in the text report too.
TEST(StatsReport, PowerSectionHasTheKeysScriptsRelyOn)
{
    std::ostringstream without;
    write_stats_json(without, sample_report());
    EXPECT_FALSE(parse_json(without.str()).get_child_optional("power"));

    LedgerReport report = sample_report();
    PowerSummary power;
    power.failures = 3;
    power.time_off_ps = 2'500'000;
    power.lost_energy_pj = 1234.0;
    power.checkpoint_energy_pj = 67.25;
    power.checkpoints = 4;
    report.power = power;
    std::ostringstream out;
    write_stats_json(out, report);
    const ptree json = parse_json(out.str());
    EXPECT_EQ(json.get<std::string>("power.failures"), "3");
    EXPECT_EQ(json.get<std::string>("power.time_off_ns"), "2500.000");
    EXPECT_EQ(json.get<std::string>("power.lost_energy_pj"), "1234.000");
    EXPECT_EQ(json.get<std::string>("power.checkpoint_energy_pj"), "67.250");
    EXPECT_EQ(json.get<std::string>("power.checkpoints"), "4");
    EXPECT_EQ(json.get_child("regions").size(), 2u);  // the rest is intact
    std::ostringstream text;
    write_stats_text(text, report, "end");
    EXPECT_NE(text.str().find("power: 3 failure(s), 2500.000 ns off, 1.234 nJ lost (boot to failure), 4 checkpoint(s) "
                              "using 0.067 nJ\n"),
              std::string::npos)
        << text.str();
}

TEST(StatsReport, CsvAgreesWithJson)
{
    const LedgerReport report = sample_report();
    std::ostringstream json_text;
    std::ostringstream csv_text;
    write_stats_json(json_text, report);
    write_stats_csv(csv_text, report);
    const ptree json = parse_json(json_text.str());
    const auto rows = parse_csv(csv_text.str());
    ASSERT_FALSE(rows.empty());
    const std::vector<std::string> header = {
        "scope",      "region_id", "region_name", "occurrences",         "elapsed_ns",
        "component",  "item",      "count",       "energy_pj_per_event", "energy_pj",
        "busy_ns",    "utilisation", "area_um2",  "average_power_uw"};
    ASSERT_EQ(rows[0], header);
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < header.size(); ++i) {
        col[header[i]] = i;
    }
    // Index the CSV by (scope, region, component, item).
    std::map<std::string, std::vector<std::string>> by_key;
    for (size_t r = 1; r < rows.size(); ++r) {
        ASSERT_EQ(rows[r].size(), header.size()) << "row " << r;
        by_key[rows[r][col["scope"]] + "|" + rows[r][col["region_id"]] + "|" + rows[r][col["component"]] + "|" +
               rows[r][col["item"]]] = rows[r];
    }
    const auto check_scope = [&](const ptree& scope, const std::string& prefix) {
        for (const auto& [unused, c] : scope.get_child("components")) {
            const std::string name = c.get<std::string>("name");
            for (const auto& [unused2, e] : c.get_child("events")) {
                const auto& row = by_key.at(prefix + name + "|" + e.get<std::string>("name"));
                EXPECT_EQ(row[col["count"]], e.get<std::string>("count"));
                EXPECT_EQ(row[col["energy_pj"]], e.get<std::string>("energy_pj"));
            }
            const auto& total = by_key.at(prefix + name + "|total");
            EXPECT_EQ(total[col["energy_pj"]], c.get<std::string>("total_energy_pj"));
            EXPECT_EQ(total[col["count"]], c.get<std::string>("operations"));
            EXPECT_EQ(total[col["busy_ns"]], c.get<std::string>("busy_ns"));
            EXPECT_EQ(total[col["area_um2"]], c.get<std::string>("area_um2"));
            EXPECT_EQ(by_key.at(prefix + name + "|leakage")[col["energy_pj"]],
                      c.get<std::string>("leakage_energy_pj"));
        }
        const auto& total = by_key.at(prefix + "total|total");
        EXPECT_EQ(total[col["energy_pj"]], scope.get<std::string>("total.total_energy_pj"));
        EXPECT_EQ(total[col["average_power_uw"]], scope.get<std::string>("total.average_power_uw"));
        EXPECT_EQ(total[col["elapsed_ns"]], scope.get<std::string>("elapsed_ns"));
    };
    check_scope(json.get_child("run"), "run||");
    for (const auto& [unused, region] : json.get_child("regions")) {
        const std::string prefix = "region|" + region.get<std::string>("id_hex") + "|";
        check_scope(region, prefix);
        EXPECT_EQ(by_key.at(prefix + "total|total")[col["region_name"]], region.get<std::string>("name"));
    }
    const auto& inference = by_key.at("inference|0x000001|total|per_inference");
    EXPECT_EQ(inference[col["region_name"]], "inference");
    EXPECT_EQ(by_key.at("region|0x000001|total|total")[col["region_name"]], "inference");
    EXPECT_EQ(by_key.at("region|0x000103|total|total")[col["region_name"]], "") << "unnamed";
    EXPECT_EQ(inference[col["energy_pj"]], json.get<std::string>("energy_per_inference_pj"));
    EXPECT_EQ(inference[col["elapsed_ns"]], json.get<std::string>("latency_per_inference_ns"));
}

TEST(StatsReport, TextTableShowsTheSameFigures)
{
    const LedgerReport report = sample_report();
    std::ostringstream text;
    write_stats_text(text, report, "stats at the end of the run");
    const std::string t = text.str();
    EXPECT_EQ(t.rfind("pimsoc: stats at the end of the run\n", 0), 0u);
    // The core's line: name, operations, busy_ns, util, dynamic/leakage/total nJ (= pJ / 1000), area.
    const ComponentLine& core = report.run.components[0];
    std::istringstream lines(t);
    std::string l;
    bool found = false;
    while (std::getline(lines, l)) {
        std::istringstream cells(l);
        std::string name, ops, busy, util, dyn, leak, total, area;
        cells >> name >> ops >> busy >> util >> dyn >> leak >> total >> area;
        if (name == "core" && !found) {
            found = true;
            EXPECT_EQ(ops, std::to_string(core.operations));
            EXPECT_EQ(busy, format_ns(core.busy_ps));
            EXPECT_EQ(dyn, format_fixed3(core.dynamic_pj / 1000));
            EXPECT_EQ(leak, format_fixed3(core.leakage_pj / 1000));
            EXPECT_EQ(total, format_fixed3(core.total_pj / 1000));
            EXPECT_EQ(area, "30000.0");
        }
        EXPECT_EQ(l.find_last_not_of(' '), l.size() - 1) << "no trailing blanks: '" << l << "'";
    }
    EXPECT_TRUE(found);
    EXPECT_NE(t.find("2 inference(s) (region 0x000001)"), std::string::npos);
    EXPECT_NE(t.find("region 0x000001 (inference): 2 occurrence(s)"), std::string::npos);
    EXPECT_NE(t.find("region 0x000103: 2 occurrence(s)"), std::string::npos) << "unnamed: the id alone";
}

// Per-layer figures at a glance: each region's latency and energy per occurrence, in the text's
// summary (with the share of an inference's energy) and in the JSON.
TEST(StatsReport, PerOccurrenceOfEachRegion)
{
    const LedgerReport report = sample_report();
    const RegionReport& layer = report.regions[1];
    ASSERT_EQ(layer.id, 0x103u);
    const double energy_pj = layer.scope.total_pj / 2;
    std::ostringstream text;
    write_stats_text(text, report, "stats");
    const std::string t = text.str();
    EXPECT_NE(t.find("per occurrence of each region:\n"), std::string::npos) << t;
    const std::string share = fmt::format("{:.1f}%", 100.0 * energy_pj / report.energy_per_inference_pj);
    const std::string row = fmt::format("  {:<8} {:<16} {:>11} {:>16} {:>14} {:>10}\n", "0x000103", "-", 2, "490.000",
                                        format_fixed3(energy_pj / 1000), share);
    EXPECT_NE(t.find(row), std::string::npos) << "expected '" << row << "' in\n" << t;
    EXPECT_LT(energy_pj, report.energy_per_inference_pj);  // a part of the inference
    std::ostringstream json;
    write_stats_json(json, report);
    const ptree regions = parse_json(json.str()).get_child("regions");
    EXPECT_EQ(regions.back().second.get<std::string>("latency_per_occurrence_ns"), "490.000");
    EXPECT_EQ(regions.back().second.get<std::string>("energy_per_occurrence_pj"), format_fixed3(energy_pj));
    EXPECT_EQ(regions.front().second.get<std::string>("latency_per_occurrence_ns"), "700.000");
}

TEST(StatsReport, SameReportGivesIdenticalFiles)
{
    std::ostringstream a;
    std::ostringstream b;
    write_stats_json(a, sample_report());
    write_stats_json(b, sample_report());
    EXPECT_EQ(a.str(), b.str());
    std::ostringstream c;
    std::ostringstream d;
    write_stats_csv(c, sample_report());
    write_stats_csv(d, sample_report());
    EXPECT_EQ(c.str(), d.str());
}

TEST(StatsReport, EmptyLedgerGivesValidJson)
{
    Ledger ledger;
    std::ostringstream out;
    write_stats_json(out, ledger.report(0));
    const ptree json = parse_json(out.str());
    EXPECT_EQ(json.get<std::string>("inferences"), "0");
    EXPECT_TRUE(json.get_child("regions").empty());
}

}  // namespace
}  // namespace pimsoc
