// The power manager's parameters (power.*), with units, defaults and sources
// (docs/models/power.md), and their conversion into the supply models' configurations.
#pragma once

#include <cstdint>
#include <string>

#include "common/params.h"
#include "power/model/capacitor.h"
#include "power/model/failure_schedule.h"
#include "power/model/harvest_source.h"

namespace pimsoc {

struct PowerParams {
    std::string mode = "off";      // off | times | periodic | random | harvest
    std::string times;             // times: comma-separated failure times with units ("1ms,3.5ms")
    std::string period = "10ms";   // periodic: time powered between a boot and its failure
    std::string mtbf = "10ms";     // random: mean time powered between failures (exponential)
    std::string off_time = "1ms";  // times/periodic/random: time without power after a failure
    // harvest (sources: docs/models/power.md)
    double capacitance_uf = 47.0;
    double v_max = 3.0;
    double v_on = 2.4;
    double v_warning = 2.0;
    double v_brownout = 1.8;
    double harvest_uw = 1000.0;     // constant harvested power when no trace is given
    std::string harvest_trace;      // file of "time_s power_uw" rows ("" = the constant)
    std::string check_step = "10us";  // harvest: how often the capacitor is updated from the ledger
    uint32_t access_latency_ns = 10;  // per register access: 1 cycle of a 100 MHz peripheral bus

    void bind(const ParamBinder& b);

    // The checked configuration; each throws std::invalid_argument naming the power.* key.
    power::SupplyMode supply_mode() const;
    power::ScheduleConfig schedule() const;
    power::CapacitorConfig capacitor() const;
    power::HarvestSource harvest_source() const;  // reads power.harvest_trace
    uint64_t check_step_ns() const;
};

}  // namespace pimsoc
