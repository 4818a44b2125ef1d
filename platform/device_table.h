// The SoC's memory-mapped devices, one row each: the one table that the SoC (bus mapping,
// interrupt wiring, ledger and tracer registration), the trace-group check of the command line
// and `pimsoc config --dump` (the `soc.<device>.enabled` keys) iterate. Adding an accelerator adds
// a row here (docs/ARCHITECTURE.md, "Adding an accelerator").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pimsoc {

struct DeviceRow {
    const char* name;         // module, bus mapping and ledger component name
    const char* description;  // for people: `config --dump`, docs
    uint64_t base;            // register block
    uint64_t size;
    uint64_t data_base;       // data window (0: none), as large as the device's array, at most data_max
    uint64_t data_max;
    unsigned plic_source;     // 0: no interrupt line
    const char* param_scope;  // the device's configuration keys ("" = none)
    const char* trace_group;  // its `--trace` group ("" = none)
    bool optional;            // `soc.<name>.enabled=false` leaves it out: its windows answer with an address error
};

const std::vector<DeviceRow>& device_table();
const DeviceRow* find_device(const std::string& name);

// The `--trace` groups of the default SoC: the CPU's, the bus's, the interrupt lines', every
// device's in table order, then energy and the regions of interest.
const std::vector<std::string>& soc_trace_groups();

}  // namespace pimsoc
