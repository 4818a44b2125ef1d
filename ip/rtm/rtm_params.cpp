#include "rtm/rtm_params.h"

#include <stdexcept>
#include <utility>
#include <vector>

#include "common/param_choice.h"

namespace pimsoc {
namespace {

// The enum of "rtm.<key>" named `value` (common/param_choice.h).
template <typename Enum>
Enum choose(const std::string& key, const std::string& value, const std::vector<std::pair<const char*, Enum>>& choices)
{
    return choose_param<Enum>("rtm." + key, value, choices);
}

}  // namespace

void RtmParams::bind(const ParamBinder& b)
{
    rtm::Geometry& g = model.geometry;
    b.bind("banks", g.banks, "", "banks: contiguous ranges of the data window, run commands in parallel (1..64)");
    b.bind("subarrays_per_bank", g.subarrays_per_bank, "", "subarrays per bank, each with its compute cells");
    b.bind("dbcs_per_subarray", g.dbcs_per_subarray, "", "domain-block clusters per subarray");
    b.bind("tracks_per_dbc", g.tracks_per_dbc, "bits", "tracks per DBC = word width: 8, 16, 32 or 64 (RTSim: 32)");
    b.bind("domains_per_track", g.domains_per_track, "", "data domains per track, words per DBC (paper: 64)");
    b.bind("ports_per_track", g.ports_per_track, "", "access ports per track, 1..8 (RTSim: 1-2)");
    b.bind("port_policy", port_policy, "", "static (home port of the domain's segment) or dynamic (nearest port)");
    b.bind("return_policy", return_policy, "", "lazy (DBC stays) or eager (shifts back to offset 0 after each access)");
    b.bind("placement", placement, "", "sequential (consecutive words in one DBC) or interleaved (across the bank's DBCs)");
    rtm::AccessCosts& a = model.access;
    b.bind("shift_ns", a.shift_ns, "ns", "one shift step of a DBC (RTSim RM.config, DESTINY)");
    b.bind("shift_pj", a.shift_pj, "pJ", "energy of one DBC shift step (RTSim RM.config)");
    b.bind("read_ns", a.read_ns, "ns", "word read at a port (RTSim RM.config)");
    b.bind("read_pj", a.read_pj, "pJ", "energy of a 32-bit word read, scaled with the word width (RTSim RM.config)");
    b.bind("write_ns", a.write_ns, "ns", "word write at a port (RTSim RM.config)");
    b.bind("write_pj", a.write_pj, "pJ", "energy of a 32-bit word write, scaled with the word width (RTSim RM.config)");
    rtm::CellParams& c = model.cells;
    b.bind("adders_per_subarray", c.adders_per_subarray, "", "adder cells per subarray");
    b.bind("multipliers_per_subarray", c.multipliers_per_subarray, "", "multiplier cells per subarray");
    b.bind("adder_mode", adder_mode, "", "bit_serial (one bit slice per step) or word_parallel (one step)");
    b.bind("add_sense_ns", c.add_sense_ns, "ns", "adder step: sense through the pre-charge sense amplifier; estimate");
    b.bind("add_write_ns", c.add_write_ns, "ns", "adder step: write-back of the sum; estimate");
    b.bind("add_sense_pj_per_bit", c.add_sense_pj_per_bit, "pJ", "sense energy per bit slice; estimate");
    b.bind("add_write_pj_per_bit", c.add_write_pj_per_bit, "pJ", "write-back energy per bit slice; estimate");
    b.bind("booth_radix", booth_radix, "", "multiplier recoding: radix2 or radix4");
    b.bind("booth_skip_zero_digits", c.booth_skip_zero_digits, "", "skip the additions of zero Booth digits");
    b.bind("input_buffer_bytes", c.input_buffer_bytes, "bytes",
           "input/broadcast buffer per bank: a DOT's shared A vector that fits is read from the array once "
           "(0 = none); estimate");
    b.bind("buffer_read_ns", c.buffer_read_ns, "ns", "one word read from the input buffer; estimate");
    rtm::CircuitEnergy& e = model.energy;
    b.bind("cost_model", cost_model, "",
           "energy model: circuit (per track and domain, cell-local slices, periphery per bank) or legacy "
           "(RTSim whole-array figures: shift_pj, read_pj, write_pj, add_*_pj_per_bit)");
    b.bind("accumulator", accumulator, "",
           "circuit: MAC accumulator as wide as the command's bound (bound), fused into the product register "
           "(fused) or 32 bits (int32)");
    b.bind("shift_pj_per_track_domain", e.shift_pj_per_track_domain, "pJ",
           "circuit: one track shifted one step, per domain of its length (RTSim 19.5 pJ / 32 tracks / 95 domains)");
    b.bind("cell_sense_pj_per_bit", e.cell_sense_pj_per_bit, "pJ", "circuit: MTJ read + sense amplifier per bit; estimate");
    b.bind("cell_write_pj_per_bit", e.cell_write_pj_per_bit, "pJ", "circuit: writing one domain per bit; estimate");
    b.bind("periphery_model", periphery_model, "",
           "circuit: CMOS periphery of an array access estimated per bank (estimate) or the SoC SRAM's figure "
           "scaled with sqrt(capacity) (sqrt)");
    b.bind("vdd_v", e.vdd_v, "V", "circuit, estimate: periphery supply (CACTI 32 nm hp)");
    b.bind("wire_ff_per_um", e.wire_ff_per_um, "fF/um", "circuit, estimate: wire capacitance per um (CACTI 32 nm local wire)");
    b.bind("gate_ff_per_um", e.gate_ff_per_um, "fF/um", "circuit, estimate: gate capacitance per um of width (CACTI 32 nm hp)");
    b.bind("sense_amp_fj", e.sense_amp_fj, "fJ", "circuit, estimate: one sense amplifier's dynamic energy (CACTI 32 nm)");
    b.bind("bitline_swing_v", e.bitline_swing_v, "V", "circuit, estimate: bitline swing of a read (CACTI VBITSENSEMIN)");
    b.bind("periphery_pj_per_bit", e.periphery_pj_per_bit, "pJ",
           "circuit, periphery_model sqrt: periphery per bit at periphery_ref_bytes (SoC SRAM: 5 pJ / 32 bits)");
    b.bind("periphery_ref_bytes", e.periphery_ref_bytes, "bytes",
           "circuit, periphery_model sqrt: capacity the periphery energy refers to; scaled with sqrt(bank bytes / this)");
    rtm::AreaParams& r = model.area;
    b.bind("feature_nm", r.feature_nm, "nm", "feature size F of the area model; estimate");
    b.bind("domain_length_f", r.domain_length_f, "F", "domain length along the track; estimate");
    b.bind("track_pitch_f", r.track_pitch_f, "F", "track width + spacing; estimate");
    b.bind("port_cell_f2", r.port_cell_f2, "F2", "access transistor + MTJ per port per track; estimate");
    b.bind("sense_amp_f2", r.sense_amp_f2, "F2", "sense amplifier / write driver per port per track; estimate");
    b.bind("transistor_f2", r.transistor_f2, "F2", "layout area per logic transistor incl. wiring; estimate");
    b.bind("adder_transistors_per_bit", r.adder_transistors_per_bit, "", "transistors per adder bit slice; estimate");
    b.bind("booth2_recoder_transistors", r.booth2_recoder_transistors, "", "radix-2 Booth recoder; estimate");
    b.bind("booth4_recoder_transistors", r.booth4_recoder_transistors, "", "radix-4 Booth recoder; estimate");
    b.bind("periphery_fraction", r.periphery_fraction, "", "decoders, drivers, shift control / (domains + ports); estimate");
    b.bind("sram_bit_f2", r.sram_bit_f2, "F2", "6T SRAM bit cell of the input buffer; estimate");
    b.bind("leakage_uw_per_bank", leakage_uw_per_bank, "uW", "static power of a bank's CMOS periphery; estimate");
    bind_command_device_params(b, *this, "bank", "one more is refused with ERR_BUSY");
}

rtm::RtmConfig RtmParams::to_model() const
{
    using namespace rtm;
    RtmConfig config = model;
    config.geometry.port_policy = choose<PortPolicy>(
        "port_policy", port_policy, {{"static", PortPolicy::static_ports}, {"dynamic", PortPolicy::dynamic_ports}});
    config.geometry.return_policy =
        choose<ReturnPolicy>("return_policy", return_policy, {{"lazy", ReturnPolicy::lazy}, {"eager", ReturnPolicy::eager}});
    config.geometry.placement = choose<Placement>(
        "placement", placement, {{"sequential", Placement::sequential}, {"interleaved", Placement::interleaved}});
    config.cells.adder_mode = choose<AdderMode>(
        "adder_mode", adder_mode, {{"bit_serial", AdderMode::bit_serial}, {"word_parallel", AdderMode::word_parallel}});
    config.cells.booth_radix =
        choose<BoothRadix>("booth_radix", booth_radix, {{"radix2", BoothRadix::radix2}, {"radix4", BoothRadix::radix4}});
    config.energy.model =
        choose<CostModel>("cost_model", cost_model, {{"circuit", CostModel::circuit}, {"legacy", CostModel::legacy}});
    config.energy.periphery_model = choose<PeripheryModel>(
        "periphery_model", periphery_model, {{"estimate", PeripheryModel::estimate}, {"sqrt", PeripheryModel::sqrt}});
    config.energy.accumulator = choose<Accumulator>(
        "accumulator", accumulator,
        {{"bound", Accumulator::bound}, {"fused", Accumulator::fused}, {"int32", Accumulator::int32}});
    const std::string problem = validate(config);
    if (!problem.empty()) {
        throw std::invalid_argument(problem);
    }
    return config;
}

}  // namespace pimsoc
