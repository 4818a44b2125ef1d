#include "alloc_report.h"

#include <cstdio>
#include <sstream>

namespace pimsoc::alloc {

namespace {
std::string format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string us(double ns) { return format("%.3f", ns / 1000.0); }

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            out += format("\\u%04x", static_cast<unsigned char>(c));
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string json_list(const std::vector<int64_t>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
    return out + "]";
}

int64_t used(const Timing& t) {
    int64_t total = 0;
    for (const LayerTiming& l : t.layers) total += l.crossbars;
    return total;
}

std::string bandwidth_text(const Hardware& hw) {
    if (!hw.bandwidth_limited) return "no bandwidth limit";
    return "buffer " + format("%g", hw.buffer_bytes_per_ns) + " GB/s, bus " +
           format("%g", hw.bus_bytes_per_ns) + " GB/s";
}

std::string percent(double fraction) { return format("%.2f", 100.0 * fraction); }

std::string simulation_text(const Report& r) {
    std::ostringstream out;
    if (const auto& s = r.simulated)
        out << "simulated: " << s->run.steps << " steps, " << us(s->run.total_ns)
            << " us (pipeline simulator; step from the tile model, TC = " << format("%.3f", r.hardware.stage_ns)
            << " ns); model: " << s->model.steps << " steps, " << us(s->model.total_ns) << " us, error "
            << format("%+.2f", 100.0 * s->error) << " %\n";
    if (const auto& s = r.simulated) {
        out << "simulated layers (first-last step, busy steps):";
        for (size_t i = 0; i < s->run.layers.size(); ++i) {
            const pimsoc::reram::LayerRun& l = s->run.layers[i];
            out << (i ? ", " : " ") << r.net.layers[i].name << " " << l.first_step << "-" << l.last_step << " "
                << l.busy_steps;
        }
        out << "\n";
    }
    if (const auto& v = r.validation)
        out << "validation: " << v->count << " random allocations (seed " << r.seed << "), |error| mean "
            << percent(v->mean_abs_error) << " %, max " << percent(v->max_abs_error) << " %, signed mean "
            << format("%+.2f", 100.0 * v->mean_error) << " %, " << v->within_1pct << " within 1 %; accuracy "
            << percent(1.0 - v->mean_abs_error) << " %\n";
    return out.str();
}

std::string simulation_json(const Report& r) {
    std::ostringstream out;
    if (const auto& s = r.simulated)
        out << ", \"simulated\": {\"steps\": " << s->run.steps << ", \"time_us\": " << format("%.6f", s->run.total_ns / 1000.0)
            << ", \"model_steps\": " << s->model.steps << ", \"model_time_us\": "
            << format("%.6f", s->model.total_ns / 1000.0) << ", \"error\": " << format("%.6g", s->error) << "}";
    if (const auto& v = r.validation)
        out << ", \"validation\": {\"count\": " << v->count << ", \"seed\": " << r.seed
            << ", \"mean_abs_error\": " << format("%.6g", v->mean_abs_error)
            << ", \"max_abs_error\": " << format("%.6g", v->max_abs_error)
            << ", \"mean_error\": " << format("%.6g", v->mean_error) << ", \"within_1pct\": " << v->within_1pct
            << ", \"worst\": " << json_list(v->worst) << "}";
    return out.str();
}
}  // namespace

std::string text_report(const Report& r) {
    const Timing t = evaluate(r.net, r.copies, r.hardware);
    std::ostringstream out;
    out << "network " << r.net.name << ", " << r.crossbars << " crossbars of "
        << r.hardware.crossbar_size << " x " << r.hardware.crossbar_size << ", "
        << bandwidth_text(r.hardware) << "\n";
    out << "allocation: " << r.label << "\n";
    char line[160];
    std::snprintf(line, sizeof line, "%-5s %-10s %5s %7s %9s %6s %6s %6s %10s\n", "layer", "name",
                  "set", "R", "crossbars", "steps", "start", "end", "T_step_us");
    out << line;
    for (size_t i = 0; i < t.layers.size(); ++i) {
        const LayerTiming& l = t.layers[i];
        std::snprintf(line, sizeof line, "%-5zu %-10s %5lld %7lld %9lld %6lld %6lld %6lld %10.3f\n",
                      i + 1, r.net.layers[i].name.c_str(), static_cast<long long>(l.set),
                      static_cast<long long>(l.copies), static_cast<long long>(l.crossbars),
                      static_cast<long long>(l.normal_steps), static_cast<long long>(l.pre_steps),
                      static_cast<long long>(l.steps), l.step_ns / 1000.0);
        out << line;
    }
    out << "total: " << t.steps << " steps x " << us(t.step_ns) << " us = " << us(t.total_ns)
        << " us (" << used(t) << " of " << r.crossbars << " crossbars)\n";
    if (r.optimum_ns)
        out << "optimum: " << us(*r.optimum_ns) << " us, " << format("%.2f", t.total_ns / *r.optimum_ns)
            << "x faster than this baseline\n";
    if (r.search) {
        if (r.search->complete)
            out << "optimality: exact (pruned search over all allocations), "
                << r.search->optima.size() << (r.search->truncated ? "+" : "")
                << " allocation(s) with this time\n";
        else if (r.search->nodes == 0)
            out << "optimality: dynamic programming only (--search-nodes 0)\n";
        else
            out << "optimality: not proven (the search stopped after " << r.search->nodes
                << " nodes; --search-nodes raises it); dynamic programming or better\n";
        if (r.show_optima)
            for (const auto& copies : r.search->optima) {
                out << "optimum:";
                for (const int64_t c : copies) out << " " << c;
                out << "\n";
            }
    }
    out << simulation_text(r);
    out << "R:";
    for (const int64_t c : r.copies) out << " " << c;
    out << "\n";
    return out.str();
}

std::string json_report(const Report& r) {
    const Timing t = evaluate(r.net, r.copies, r.hardware);
    std::ostringstream out;
    out << "{\"network\": " << json_string(r.net.name) << ", \"crossbars\": " << r.crossbars
        << ", \"size\": " << r.hardware.crossbar_size << ", \"bandwidth\": ";
    if (r.hardware.bandwidth_limited)
        out << "{\"buffer_GBps\": " << format("%g", r.hardware.buffer_bytes_per_ns)
            << ", \"bus_GBps\": " << format("%g", r.hardware.bus_bytes_per_ns) << "}";
    else
        out << "null";
    out << ", \"allocation\": " << json_string(r.label) << ", \"layers\": [";
    for (size_t i = 0; i < t.layers.size(); ++i) {
        const LayerTiming& l = t.layers[i];
        out << (i ? ", " : "") << "{\"name\": " << json_string(r.net.layers[i].name)
            << ", \"set\": " << l.set << ", \"R\": " << l.copies << ", \"crossbars\": " << l.crossbars
            << ", \"steps\": " << l.normal_steps << ", \"start\": " << l.pre_steps
            << ", \"end\": " << l.steps << ", \"T_step_us\": " << format("%.6g", l.step_ns / 1000.0) << "}";
    }
    out << "], \"steps\": " << t.steps << ", \"T_step_us\": " << format("%.6g", t.step_ns / 1000.0)
        << ", \"time_us\": " << format("%.6f", t.total_ns / 1000.0)
        << ", \"crossbars_used\": " << used(t);
    if (r.optimum_ns) out << ", \"optimum_time_us\": " << format("%.6f", *r.optimum_ns / 1000.0);
    if (r.search) {
        out << ", \"exact\": " << (r.search->complete ? "true" : "false");
        if (r.show_optima) {
            out << ", \"optima\": [";
            for (size_t i = 0; i < r.search->optima.size(); ++i)
                out << (i ? ", " : "") << json_list(r.search->optima[i]);
            out << "]";
        }
    }
    out << simulation_json(r);
    out << ", \"R\": " << json_list(r.copies) << "}\n";
    return out.str();
}

}  // namespace pimsoc::alloc
