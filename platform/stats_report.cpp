#include "stats_report.h"

#include <cmath>

#include <spdlog/spdlog.h>

namespace pimsoc {
namespace {

// --- shared -------------------------------------------------------------------------------------

std::string region_hex(uint32_t id)
{
    return fmt::format("0x{:06x}", id);
}

std::string format_utilisation(double u)
{
    return fmt::format("{:.6f}", u);
}

std::string format_nj(double pj)
{
    return fmt::format("{:.3f}", pj / 1000.0);
}

// --- text ---------------------------------------------------------------------------------------

// One table row; the empty cells at its end are dropped (no trailing blanks).
template <typename... Cells>
std::string text_row(const Cells&... cells)
{
    std::string row = fmt::format("{:<16} {:>14} {:>18} {:>7} {:>16} {:>14} {:>16} {:>14}", cells...);
    row.erase(row.find_last_not_of(' ') + 1);
    return row + "\n";
}

void write_text_scope(std::ostream& out, const ScopeReport& scope, const std::string& indent)
{
    out << indent
        << text_row("component", "operations", "busy_ns", "util", "dynamic_nJ", "leakage_nJ", "total_nJ",
                    "area_um2");
    for (const ComponentLine& c : scope.components) {
        out << indent
            << text_row(c.name, c.operations, format_ns(c.busy_ps),
                        fmt::format("{:.1f}%", c.utilisation * 100.0), format_nj(c.dynamic_pj),
                        format_nj(c.leakage_pj), format_nj(c.total_pj), fmt::format("{:.1f}", c.area_um2));
        for (const EventLine& e : c.events) {
            if (e.count != 0) {
                out << indent << text_row("  " + e.name, e.count, "", "", format_nj(e.energy_pj), "", "", "");
            }
        }
    }
    out << indent
        << text_row("total", "", "", "", format_nj(scope.dynamic_pj), format_nj(scope.leakage_pj),
                    format_nj(scope.total_pj), fmt::format("{:.1f}", scope.area_um2));
    out << indent
        << fmt::format("elapsed {} ns, average power {} uW\n", format_ns(scope.elapsed_ps),
                       format_fixed3(scope.average_power_uw));
}

// --- JSON ---------------------------------------------------------------------------------------

std::string json_string(const std::string& text)
{
    std::string quoted = "\"";
    for (const char ch : text) {
        if (ch == '"' || ch == '\\') {
            quoted += '\\';
            quoted += ch;
        } else if (static_cast<unsigned char>(ch) < 0x20) {
            quoted += fmt::format("\\u{:04x}", static_cast<unsigned>(ch));
        } else {
            quoted += ch;
        }
    }
    return quoted + "\"";
}

void write_json_scope(std::ostream& out, const ScopeReport& scope, const std::string& indent)
{
    const std::string in2 = indent + "  ";
    const std::string in3 = in2 + "  ";
    out << indent << "\"elapsed_ns\": " << format_ns(scope.elapsed_ps) << ",\n";
    out << indent << "\"components\": [";
    for (size_t i = 0; i < scope.components.size(); ++i) {
        const ComponentLine& c = scope.components[i];
        out << (i ? ",\n" : "\n") << in2 << "{\"name\": " << json_string(c.name)
            << ", \"operations\": " << c.operations << ", \"busy_ns\": " << format_ns(c.busy_ps)
            << ", \"utilisation\": " << format_utilisation(c.utilisation) << ",\n"
            << in2 << " \"events\": [";
        for (size_t e = 0; e < c.events.size(); ++e) {
            const EventLine& ev = c.events[e];
            out << (e ? ",\n" : "\n") << in3 << "{\"name\": " << json_string(ev.name)
                << ", \"count\": " << ev.count
                << ", \"energy_pj_per_event\": " << format_fixed3(ev.energy_pj_per_event)
                << ", \"energy_pj\": " << format_fixed3(ev.energy_pj) << "}";
        }
        out << "],\n"
            << in2 << " \"dynamic_energy_pj\": " << format_fixed3(c.dynamic_pj)
            << ", \"leakage_energy_pj\": " << format_fixed3(c.leakage_pj)
            << ", \"total_energy_pj\": " << format_fixed3(c.total_pj)
            << ", \"area_um2\": " << format_fixed3(c.area_um2) << "}";
    }
    out << "\n" << indent << "],\n";
    out << indent << "\"total\": {\"dynamic_energy_pj\": " << format_fixed3(scope.dynamic_pj)
        << ", \"leakage_energy_pj\": " << format_fixed3(scope.leakage_pj)
        << ", \"total_energy_pj\": " << format_fixed3(scope.total_pj)
        << ", \"area_um2\": " << format_fixed3(scope.area_um2)
        << ", \"average_power_uw\": " << format_fixed3(scope.average_power_uw) << "}\n";
}

// --- CSV ----------------------------------------------------------------------------------------

struct CsvRow {
    std::string scope, region_id, region_name, occurrences, elapsed_ns, component, item, count, energy_pj_per_event,
        energy_pj, busy_ns, utilisation, area_um2, average_power_uw;
};

void write_csv_row(std::ostream& out, const CsvRow& r)
{
    out << r.scope << ',' << r.region_id << ',' << r.region_name << ',' << r.occurrences << ',' << r.elapsed_ns << ',' << r.component
        << ',' << r.item << ',' << r.count << ',' << r.energy_pj_per_event << ',' << r.energy_pj << ','
        << r.busy_ns << ',' << r.utilisation << ',' << r.area_um2 << ',' << r.average_power_uw << '\n';
}

void write_csv_scope(std::ostream& out, const ScopeReport& scope, const CsvRow& key)
{
    for (const ComponentLine& c : scope.components) {
        CsvRow row = key;
        row.component = c.name;
        for (const EventLine& e : c.events) {
            row.item = e.name;
            row.count = std::to_string(e.count);
            row.energy_pj_per_event = format_fixed3(e.energy_pj_per_event);
            row.energy_pj = format_fixed3(e.energy_pj);
            write_csv_row(out, row);
        }
        row.count = row.energy_pj_per_event = "";
        row.item = "dynamic";
        row.energy_pj = format_fixed3(c.dynamic_pj);
        write_csv_row(out, row);
        row.item = "leakage";
        row.energy_pj = format_fixed3(c.leakage_pj);
        write_csv_row(out, row);
        row.item = "total";
        row.count = std::to_string(c.operations);
        row.energy_pj = format_fixed3(c.total_pj);
        row.busy_ns = format_ns(c.busy_ps);
        row.utilisation = format_utilisation(c.utilisation);
        row.area_um2 = format_fixed3(c.area_um2);
        write_csv_row(out, row);
    }
    CsvRow row = key;
    row.component = "total";
    row.item = "dynamic";
    row.energy_pj = format_fixed3(scope.dynamic_pj);
    write_csv_row(out, row);
    row.item = "leakage";
    row.energy_pj = format_fixed3(scope.leakage_pj);
    write_csv_row(out, row);
    row.item = "total";
    row.energy_pj = format_fixed3(scope.total_pj);
    row.area_um2 = format_fixed3(scope.area_um2);
    row.average_power_uw = format_fixed3(scope.average_power_uw);
    write_csv_row(out, row);
}

}  // namespace

std::string format_ns(uint64_t ps)
{
    return fmt::format("{}.{:03}", ps / 1000, ps % 1000);
}

std::string format_fixed3(double value)
{
    // -0.000 and 0.000 are the same figure.
    const std::string text = fmt::format("{:.3f}", value);
    return text == "-0.000" ? "0.000" : text;
}

double per_occurrence(double sum, uint64_t occurrences)
{
    return occurrences ? sum / static_cast<double>(occurrences) : 0.0;
}

// One line per region: latency and energy per occurrence (e.g. per layer of one inference), and its
// share of an inference's energy when region 1 occurred, so the layers can be compared at a glance.
void write_text_region_summary(std::ostream& out, const LedgerReport& report)
{
    out << "per occurrence of each region:\n";
    out << fmt::format("  {:<8} {:<16} {:>11} {:>16} {:>14} {:>10}\n", "region", "name", "occurrences", "latency_ns",
                       "energy_nJ", "of_infer.");
    for (const RegionReport& r : report.regions) {
        const double energy_pj = per_occurrence(r.scope.total_pj, r.occurrences);
        const std::string share = report.energy_per_inference_pj > 0
                                      ? fmt::format("{:.1f}%", 100.0 * energy_pj / report.energy_per_inference_pj)
                                      : "";
        std::string row = fmt::format("  {:<8} {:<16} {:>11} {:>16} {:>14} {:>10}", region_hex(r.id),
                                      r.name.empty() ? "-" : r.name, r.occurrences,
                                      format_fixed3(per_occurrence(static_cast<double>(r.scope.elapsed_ps), r.occurrences) / 1000.0),
                                      format_nj(energy_pj), share);
        row.erase(row.find_last_not_of(' ') + 1);
        out << row << "\n";
    }
}

void write_stats_text(std::ostream& out, const LedgerReport& report, const std::string& title)
{
    out << "pimsoc: " << title << "\n";
    write_text_scope(out, report.run, "");
    if (report.inferences > 0) {
        out << fmt::format("{} inference(s) (region {}): {} nJ and {} ns per inference\n", report.inferences,
                           region_hex(Ledger::inference_region_id), format_nj(report.energy_per_inference_pj),
                           format_fixed3(report.latency_per_inference_ps / 1000.0));
    }
    if (report.power) {
        const PowerSummary& p = *report.power;
        out << fmt::format("power: {} failure(s), {} ns off, {} nJ lost (boot to failure), {} checkpoint(s) "
                           "using {} nJ\n",
                           p.failures, format_ns(p.time_off_ps), format_nj(p.lost_energy_pj), p.checkpoints,
                           format_nj(p.checkpoint_energy_pj));
    }
    if (!report.regions.empty()) {
        write_text_region_summary(out, report);
    }
    for (const RegionReport& region : report.regions) {
        const std::string named = region.name.empty() ? "" : " (" + region.name + ")";
        out << fmt::format("region {}{}: {} occurrence(s)\n", region_hex(region.id), named, region.occurrences);
        write_text_scope(out, region.scope, "  ");
    }
}

void write_stats_json(std::ostream& out, const LedgerReport& report)
{
    out << "{\n  \"schema\": \"pimsoc-stats-1\",\n  \"run\": {\n";
    write_json_scope(out, report.run, "    ");
    out << "  },\n  \"inference_region_id\": " << Ledger::inference_region_id
        << ",\n  \"inferences\": " << report.inferences
        << ",\n  \"energy_per_inference_pj\": " << format_fixed3(report.energy_per_inference_pj)
        << ",\n  \"latency_per_inference_ns\": " << format_fixed3(report.latency_per_inference_ps / 1000.0)
        << ",\n";
    if (report.power) {
        // Keys that scripts rely on (docs/power.md): failures, time_off_ns, lost_energy_pj,
        // checkpoint_energy_pj.
        const PowerSummary& p = *report.power;
        out << "  \"power\": {\n    \"failures\": " << p.failures << ",\n    \"time_off_ns\": " << format_ns(p.time_off_ps)
            << ",\n    \"lost_energy_pj\": " << format_fixed3(p.lost_energy_pj)
            << ",\n    \"checkpoint_energy_pj\": " << format_fixed3(p.checkpoint_energy_pj)
            << ",\n    \"checkpoints\": " << p.checkpoints << "\n  },\n";
    }
    out << "  \"regions\": [";
    for (size_t i = 0; i < report.regions.size(); ++i) {
        const RegionReport& region = report.regions[i];
        out << (i ? ",\n" : "\n") << "    {\n      \"id\": " << region.id << ",\n      \"id_hex\": \""
            << region_hex(region.id) << "\",\n      \"name\": \"" << region.name << "\",\n      \"occurrences\": " << region.occurrences
            << ",\n      \"latency_per_occurrence_ns\": "
            << format_fixed3(per_occurrence(static_cast<double>(region.scope.elapsed_ps), region.occurrences) / 1000.0)
            << ",\n      \"energy_per_occurrence_pj\": "
            << format_fixed3(per_occurrence(region.scope.total_pj, region.occurrences)) << ",\n";
        write_json_scope(out, region.scope, "      ");
        out << "    }";
    }
    out << (report.regions.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

void write_stats_csv(std::ostream& out, const LedgerReport& report)
{
    out << "scope,region_id,region_name,occurrences,elapsed_ns,component,item,count,energy_pj_per_event,energy_pj,busy_"
           "ns,"
           "utilisation,area_um2,average_power_uw\n";
    CsvRow run;
    run.scope = "run";
    run.elapsed_ns = format_ns(report.run.elapsed_ps);
    write_csv_scope(out, report.run, run);
    for (const RegionReport& region : report.regions) {
        CsvRow key;
        key.scope = "region";
        key.region_id = region_hex(region.id);
        key.region_name = region.name;
        key.occurrences = std::to_string(region.occurrences);
        key.elapsed_ns = format_ns(region.scope.elapsed_ps);
        write_csv_scope(out, region.scope, key);
    }
    if (report.inferences > 0) {
        CsvRow row;
        row.scope = "inference";
        row.region_id = region_hex(Ledger::inference_region_id);
        for (const RegionReport& region : report.regions) {
            if (region.id == Ledger::inference_region_id) {
                row.region_name = region.name;
            }
        }
        row.occurrences = std::to_string(report.inferences);
        row.elapsed_ns = format_fixed3(report.latency_per_inference_ps / 1000.0);
        row.component = "total";
        row.item = "per_inference";
        row.energy_pj = format_fixed3(report.energy_per_inference_pj);
        write_csv_row(out, row);
    }
}

}  // namespace pimsoc
