#include "mram/mram_params.h"

#include <stdexcept>


namespace pimsoc {

void MramParams::bind(const ParamBinder& b)
{
    mram::Geometry& g = model.geometry;
    b.bind("rows", g.rows, "rows", "rows per sub-array, 16..4096; estimate");
    b.bind("columns", g.columns, "columns", "columns per sub-array, 8..4096; estimate");
    b.bind("segment_bits", g.segment_bits, "columns",
           "columns per bit-counter/shifter/accumulator, divides columns; estimate");
    b.bind("subarrays_per_bank", g.subarrays_per_bank, "",
           "sub-arrays per bank, run in lock step (1..1024); estimate");
    b.bind("banks", g.banks, "", "independent banks, each with its operand window (1..64); estimate");
    b.bind("window_bytes_per_bank", g.window_bytes_per_bank, "bytes",
           "operand window of a bank (packed operands, biases, results)");
    mram::OpCosts& o = model.ops;
    b.bind("write_ns", o.write_ns, "ns", "SOT row write (PAPERS.md C: ~1 ns; switching 0.35-0.4 ns)");
    b.bind("write_pj_per_bit", o.write_pj_per_bit, "pJ",
           "write energy per column (PAPERS.md C: 0.1-0.5 pJ/bit)");
    b.bind("read_ns", o.read_ns, "ns", "single-row read (PAPERS.md C: 0.5-1 ns)");
    b.bind("read_pj_per_bit", o.read_pj_per_bit, "pJ",
           "read energy per column with the sense amplifier (PAPERS.md C: 0.1-0.3)");
    b.bind("sense_ns", o.sense_ns, "ns", "dual-row AND/OR sense (PAPERS.md C: ~1.2-1.5x a read)");
    b.bind("sense_pj_per_bit", o.sense_pj_per_bit, "pJ", "dual-row sense energy per column; estimate");
    b.bind("count_ns", o.count_ns, "ns", "bit-count of the sensed segments; estimate");
    b.bind("count_pj", o.count_pj, "pJ", "energy of one segment's bit-count (PAPERS.md C: 0.02-0.1)");
    b.bind("shift_ns", o.shift_ns, "ns", "shift of the counts; estimate");
    b.bind("shift_pj", o.shift_pj, "pJ", "energy of one segment's shift (ISAAC shift-add 0.021 pJ)");
    b.bind("add_ns", o.add_ns, "ns", "accumulator add/subtract; estimate");
    b.bind("add_pj", o.add_pj, "pJ", "energy of one accumulation or reduction add (ISAAC 0.021 pJ)");
    b.bind("leakage_uw_per_subarray", o.leakage_uw_per_subarray, "uW",
           "static power of a sub-array's CMOS periphery; estimate");
    bind_command_device_params(b, *this, "bank", "one more START is ERR_BUSY");
    b.bind("nv_partial_state", model.nv.nv_partial_state, "",
           "keep accumulators and the progress record in MRAM cells (resume after a power loss; costs their "
           "writes)");
    b.bind("accumulator_bits", model.nv.accumulator_bits, "bits",
           "width of an accumulator and its non-volatile copy, 16..64");
    mram::AreaParams& a = model.area;
    b.bind("feature_nm", a.feature_nm, "nm", "feature size F of the area model; estimate");
    b.bind("cell_f2", a.cell_f2, "F2", "2T-1MTJ SOT-MRAM bit cell; estimate");
    b.bind("sense_amp_f2", a.sense_amp_f2, "F2", "sense amplifier per column; estimate");
    b.bind("reference_select_f2", a.reference_select_f2, "F2",
           "selectable read/AND/OR reference per column; estimate");
    b.bind("transistor_f2", a.transistor_f2, "F2", "layout area per logic transistor incl. wiring; estimate");
    b.bind("counter_transistors_per_input", a.counter_transistors_per_input, "",
           "popcount tree per input column; estimate");
    b.bind("adder_transistors_per_bit", a.adder_transistors_per_bit, "",
           "accumulator adder per bit; estimate");
    b.bind("register_transistors_per_bit", a.register_transistors_per_bit, "",
           "accumulator register per bit; estimate");
    b.bind("shifter_transistors_per_bit", a.shifter_transistors_per_bit, "",
           "shifter per accumulator bit; estimate");
    b.bind("decoder_transistors_per_row", a.decoder_transistors_per_row, "",
           "per row and decoder (two decoders); estimate");
}

mram::MramConfig MramParams::to_model() const
{
    if (std::string e = mram::validate(model); !e.empty()) throw std::invalid_argument(e);
    return model;
}

}  // namespace pimsoc
