#include "power/power_params.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pimsoc {

namespace {

uint64_t duration_of(const std::string& key, const std::string& text)
{
    try {
        return parse_duration_ns(text);
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument("power." + key + ": " + error.what());
    }
}

}  // namespace

void PowerParams::bind(const ParamBinder& b)
{
    b.bind("mode", mode, "", "supply: off (never fails), times, periodic, random or harvest");
    b.bind("times", times, "", "times mode: comma-separated failure times with units, e.g. 1ms,3.5ms");
    b.bind("period", period, "", "periodic mode: time powered between a boot and the next failure, e.g. 10ms");
    b.bind("mtbf", mtbf, "", "random mode: mean time powered between failures (exponential, stream of sim.seed)");
    b.bind("off_time", off_time, "", "times/periodic/random: time without power after each failure");
    b.bind("capacitance_uf", capacitance_uf, "uF", "harvest: storage capacitor (WISP 5 class; docs/models/power.md)");
    b.bind("v_max", v_max, "V", "harvest: the harvester's clamp on the capacitor voltage");
    b.bind("v_on", v_on, "V", "harvest: turn-on voltage: the SoC boots when the capacitor reaches it");
    b.bind("v_warning", v_warning, "V", "harvest: reset value of the low-voltage warning threshold (WARN_MV)");
    b.bind("v_brownout", v_brownout, "V", "harvest: brown-out voltage: the SoC loses power below it");
    b.bind("harvest_uw", harvest_uw, "uW", "harvest: constant harvested power (when harvest_trace is \"\")");
    b.bind("harvest_trace", harvest_trace, "path", "harvest: file of 'time_s power_uw' rows (\"\" = harvest_uw)");
    b.bind("check_step", check_step, "", "harvest: interval of the capacitor updates from the SoC's energy");
    b.bind("access_latency_ns", access_latency_ns, "ns", "latency of one register access");
}

power::SupplyMode PowerParams::supply_mode() const { return power::parse_supply_mode(mode); }

power::ScheduleConfig PowerParams::schedule() const
{
    power::ScheduleConfig config;
    config.mode = supply_mode();
    config.period_ns = duration_of("period", period);
    config.mtbf_ns = duration_of("mtbf", mtbf);
    config.off_time_ns = duration_of("off_time", off_time);
    std::istringstream list(times);
    std::string item;
    while (std::getline(list, item, ',')) {
        config.times_ns.push_back(duration_of("times", item));
    }
    return config;
}

power::CapacitorConfig PowerParams::capacitor() const
{
    power::CapacitorConfig config;
    config.capacitance_uf = capacitance_uf;
    config.v_max = v_max;
    config.v_on = v_on;
    config.v_warning = v_warning;
    config.v_brownout = v_brownout;
    power::check_capacitor(config);
    return config;
}

power::HarvestSource PowerParams::harvest_source() const
{
    if (harvest_trace.empty()) {
        return power::HarvestSource(harvest_uw);
    }
    std::ifstream in(harvest_trace);
    if (!in) {
        throw std::invalid_argument("power.harvest_trace: cannot open '" + harvest_trace + "'");
    }
    try {
        return power::read_harvest_trace(in, harvest_trace);
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument(std::string("power.harvest_trace: ") + error.what());
    }
}

uint64_t PowerParams::check_step_ns() const
{
    const uint64_t step = duration_of("check_step", check_step);
    if (step == 0) {
        throw std::invalid_argument("power.check_step: must be > 0");
    }
    return step;
}

}  // namespace pimsoc
