// The `roi` trace group: a string signal (soc.roi.region) with the name of the innermost open
// region of interest, so a person sees in GTKWave which layer is running. Fed by sysctl's ROI marks
// and names; an unnamed region shows its hex id, no open region shows "-". See docs/tracing.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/tracer.h"
#include "sysctl/sysctl.h"

namespace pimsoc {

class RoiTrace {
public:
    RoiTrace(Tracer& tracer, const std::string& path);

    void mark(const RoiMark& mark, uint64_t at_ps);
    void name(uint32_t id, const std::string& name);

private:
    std::string label(uint32_t id) const;
    void show(uint64_t at_ps);

    Tracer& m_tracer;
    TraceSignal m_region;
    std::vector<uint32_t> m_open;  // open regions, innermost last
    std::map<uint32_t, std::string> m_names;
    uint64_t m_last_ps = 0;
};

}  // namespace pimsoc
