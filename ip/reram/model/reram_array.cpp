#include "reram_array.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pimsoc::reram {

namespace {

const ReramConfig& checked(const ReramConfig& config)
{
    if (std::string e = validate(config); !e.empty()) throw std::invalid_argument(e);
    return config;
}

bool supported(ElemType t, uint32_t max_bits)
{
    return t.is_valid() && t.bits() <= max_bits;
}

bool all_fit(ElemType t, const std::vector<int64_t>& values)
{
    return std::all_of(values.begin(), values.end(), [t](int64_t v) { return pim::fits(t, v); });
}

}  // namespace

ReramArray::ReramArray(const ReramConfig& config, const RandomStreams& streams, std::string name)
    : m_config(checked(config)),
      m_effective(effective(config)),
      m_geometry(m_config.geometry),
      m_streams(streams),
      m_name(std::move(name)),
      m_units(m_config),
      m_adc(m_effective),
      m_scale(m_effective),
      m_variation(streams.stream(m_name + ".program")),
      m_noise(streams.stream(m_name + ".read")),
      m_crossbars(crossbar_count()),
      m_adc_offset(crossbar_count(), 0.0),
      m_integer_path(m_effective.non_ideal.ideal)
{
    m_read.drift_factor = drift_factor(m_effective.non_ideal);
    m_read.wire_ohm = m_effective.non_ideal.wire_ohm;
    m_read.noise_sigma = m_effective.non_ideal.read_noise_sigma;
    m_read.noise = &m_noise;
}

ReramArray::~ReramArray() = default;

Crossbar& ReramArray::built(uint32_t index)
{
    std::unique_ptr<Crossbar>& c = m_crossbars[index];
    if (!c) {
        const std::string suffix = "." + std::to_string(index);
        c = std::make_unique<Crossbar>(m_effective, m_streams.stream(m_name + ".faults" + suffix));
        const double sigma = m_effective.non_ideal.adc_offset_sigma_lsb;
        if (sigma > 0) m_adc_offset[index] = m_streams.stream(m_name + ".adc" + suffix).normal(0.0, sigma);
    }
    return *c;
}

const Crossbar* ReramArray::crossbar(uint32_t index) const
{
    return index < m_crossbars.size() ? m_crossbars[index].get() : nullptr;
}

double ReramArray::adc_offset_lsb(uint32_t index) const
{
    return index < m_adc_offset.size() ? m_adc_offset[index] : 0.0;
}

const ProgrammedBlock* ReramArray::block(uint32_t first_crossbar) const
{
    auto it = m_blocks.find(first_crossbar);
    return it == m_blocks.end() ? nullptr : &it->second;
}

void ReramArray::forget_blocks(uint32_t first, uint32_t count)
{
    for (auto it = m_blocks.begin(); it != m_blocks.end();) {
        const ProgrammedBlock& b = it->second;
        const bool overlaps = b.first_crossbar < first + count && first < b.first_crossbar + b.plan.crossbars;
        it = overlaps ? m_blocks.erase(it) : std::next(it);
    }
}

ReramError ReramArray::check_program(uint32_t first_crossbar, const WeightBlock& block) const
{
    if (!supported(block.type, max_weight_bits)) return ReramError::bad_type;
    if (block.inputs == 0 || block.outputs == 0) return ReramError::zero_size;
    if (block.outputs > m_geometry.columns) return ReramError::too_large;
    const SlicePlan p = plan(block.type, block.outputs);
    if (block.inputs > m_geometry.rows || p.columns_used > m_geometry.columns) return ReramError::too_large;
    if (block.weights.size() != static_cast<uint64_t>(block.inputs) * block.outputs || !all_fit(block.type, block.weights))
        return ReramError::out_of_range;
    if (first_crossbar >= crossbar_count() || p.crossbars > crossbar_count() - first_crossbar)
        return ReramError::out_of_range;
    if (tile_of(first_crossbar) != tile_of(first_crossbar + p.crossbars - 1)) return ReramError::cross_bank;
    return ReramError::none;
}

Result ReramArray::program(uint32_t first_crossbar, const WeightBlock& block)
{
    Result r;
    r.error = check_program(first_crossbar, block);
    if (r.error != ReramError::none) return r;
    r.bank = tile_of(first_crossbar);

    ProgrammedBlock b;
    b.first_crossbar = first_crossbar;
    b.type = block.type;
    b.inputs = block.inputs;
    b.outputs = block.outputs;
    b.plan = plan(block.type, block.outputs);
    b.weight_sums.assign(block.outputs, 0);
    forget_blocks(first_crossbar, b.plan.crossbars);

    uint64_t cells = 0;
    for (const ColumnGroup& g : b.plan.groups) {
        Crossbar& x = built(first_crossbar + g.crossbar);
        for (uint32_t i = 0; i < block.inputs; ++i)
            for (uint32_t o = 0; o < block.outputs; ++o)
                x.program(i, g.first_column + o, cell_level(m_geometry, block.type, g, block.weights[o * block.inputs + i]),
                          m_variation);
        cells += static_cast<uint64_t>(block.inputs) * block.outputs;
    }
    if (b.plan.reference.present) {
        const ReferenceColumn& ref = b.plan.reference;
        Crossbar& x = built(first_crossbar + ref.crossbar);
        for (uint32_t i = 0; i < block.inputs; ++i) x.program(i, ref.column, ref.level, m_variation);
        cells += block.inputs;
    }
    for (uint32_t o = 0; o < block.outputs; ++o)
        for (uint32_t i = 0; i < block.inputs; ++i) b.weight_sums[o] += block.weights[o * block.inputs + i];
    b.weights = block.weights;
    m_blocks[first_crossbar] = std::move(b);

    const uint32_t iterations = m_config.ops.write_verify_iterations;
    Counters& c = r.cost.counters;
    c.programs = 1;
    c.cells_programmed = cells;
    c.write_pulses = cells * iterations;
    c.verify_reads = cells * iterations;
    r.cost.energy = m_units.energy(c);
    // Rows one after another, the columns of a row and the block's crossbars in parallel.
    r.cost.latency_ps = static_cast<uint64_t>(block.inputs) * iterations * (m_units.write_pulse_ps + m_units.verify_read_ps);
    r.cost.data_ps = r.cost.latency_ps;
    m_counters += c;
    return r;
}

ReramError ReramArray::check_mvm(uint32_t first_crossbar, ElemType x_type, const std::vector<int64_t>& x) const
{
    if (first_crossbar >= crossbar_count()) return ReramError::out_of_range;
    const ProgrammedBlock* b = block(first_crossbar);
    if (b == nullptr) return ReramError::bad_cmd;
    if (!supported(x_type, max_input_bits)) return ReramError::bad_type;
    if (x.size() != b->inputs || !all_fit(x_type, x)) return ReramError::out_of_range;
    return ReramError::none;
}

Result ReramArray::mvm(uint32_t first_crossbar, ElemType x_type, const std::vector<int64_t>& x,
                       std::vector<int64_t>* out)
{
    Result r;
    r.error = check_mvm(first_crossbar, x_type, x);
    if (r.error != ReramError::none) return r;
    r.bank = tile_of(first_crossbar);
    const ProgrammedBlock& b = m_blocks.at(first_crossbar);
    const SlicePlan& p = b.plan;
    const uint32_t a = x_type.bits();
    const uint32_t d = m_geometry.dac_bits;
    const uint32_t cb = m_geometry.cell_bits;
    const uint32_t chunks = (a + d - 1) / d;
    const uint64_t dac_max = (1u << d) - 1;
    // Signed inputs are applied as x + 2^(a-1) (non-negative), corrected digitally below.
    const int64_t input_shift = x_type.is_signed() ? int64_t{1} << (a - 1) : 0;
    const double unit_v = m_effective.device.read_voltage_v / static_cast<double>(dac_max);

    const std::vector<uint32_t>& sensed = p.sensed;
    Counters& c = r.cost.counters;
    if (m_integer_path) {
        // What the analog path counts, from the codes alone: per chunk, each of the block's
        // crossbars is read once, drives the rows with a non-zero code and converts its sensed
        // columns (the exact ADC never clips).
        uint64_t sensed_total = 0;
        for (uint32_t s : sensed) sensed_total += s;
        for (uint32_t chunk = 0; chunk < chunks; ++chunk) {
            uint64_t driven = 0;
            for (uint32_t i = 0; i < b.inputs; ++i)
                driven += ((static_cast<uint64_t>(x[i] + input_shift) >> (d * chunk)) & dac_max) != 0;
            c.crossbar_reads += p.crossbars;
            c.row_activations += driven * p.crossbars;
            c.samples += sensed_total;
            c.adc_conversions += sensed_total;
            c.shift_adds += sensed_total;
        }
        if (out != nullptr) {
            out->assign(b.outputs, 0);
            for (uint32_t o = 0; o < b.outputs; ++o) {
                const int64_t* w = &b.weights[static_cast<size_t>(o) * b.inputs];
                int64_t sum = 0;
                for (uint32_t i = 0; i < b.inputs; ++i) sum += w[i] * x[i];
                (*out)[o] = sum;
            }
        }
        return finish_mvm(r, b, x_type, chunks);
    }
    std::vector<int64_t> acc(b.outputs, 0);
    int64_t reference_acc = 0;
    std::vector<double> voltage(b.inputs);
    for (uint32_t chunk = 0; chunk < chunks; ++chunk) {
        uint64_t code_sum = 0;
        uint64_t driven = 0;
        for (uint32_t i = 0; i < b.inputs; ++i) {
            const uint64_t u = static_cast<uint64_t>(x[i] + input_shift);
            const uint64_t code = (u >> (d * chunk)) & dac_max;
            voltage[i] = static_cast<double>(code) * unit_v;
            code_sum += code;
            driven += code != 0;
        }
        const double baseline = m_scale.g_off * static_cast<double>(code_sum);
        for (uint32_t xb = 0; xb < p.crossbars; ++xb) {
            const uint32_t index = first_crossbar + xb;
            const std::vector<double> current = m_crossbars[index]->read(voltage, sensed[xb], m_read);
            const double offset = m_adc_offset[index];
            auto convert = [&](uint32_t column) {
                const double level_sum = (current[column] / unit_v - baseline) / m_scale.g_step;
                const Conversion conv = m_adc.convert(level_sum, offset);
                c.adc_clips += conv.clipped;
                return conv.code;
            };
            for (const ColumnGroup& g : p.groups) {
                if (g.crossbar != xb) continue;
                const uint32_t shift = cb * g.slice + d * chunk;
                for (uint32_t o = 0; o < b.outputs; ++o) acc[o] += g.sign * convert(g.first_column + o) * (int64_t{1} << shift);
            }
            if (p.reference.present && p.reference.crossbar == xb)
                reference_acc += convert(p.reference.column) * (int64_t{1} << (d * chunk));
            c.crossbar_reads += 1;
            c.row_activations += driven;
            c.samples += sensed[xb];
            c.adc_conversions += sensed[xb];
            c.shift_adds += sensed[xb];
        }
    }

    if (out != nullptr) {
        out->assign(b.outputs, 0);
        const double lsb = m_adc.lsb();
        for (uint32_t o = 0; o < b.outputs; ++o) {
            int64_t total = acc[o];
            if (p.reference.present) total -= reference_acc * (int64_t{1} << (cb * p.reference.slice));
            const int64_t value = lsb == 1.0 ? total : std::llround(lsb * static_cast<double>(total));
            (*out)[o] = value - input_shift * b.weight_sums[o];
        }
    }

    return finish_mvm(r, b, x_type, chunks);
}

Result ReramArray::finish_mvm(Result& r, const ProgrammedBlock& b, ElemType x_type, uint32_t chunks)
{
    Counters& c = r.cost.counters;
    c.mvms = 1;
    c.buffer_bytes = static_cast<uint64_t>(b.inputs) * pim::elem_bytes(x_type) + 4ull * b.outputs;
    r.cost.energy = m_units.energy(c);
    // The block's crossbars run in parallel: the widest one sets the time.
    const std::vector<uint32_t>& sensed = b.plan.sensed;
    const uint32_t widest = *std::max_element(sensed.begin(), sensed.end());
    r.cost.latency_ps = m_units.mvm_latency_ps(chunks, widest, m_geometry.adcs_per_crossbar);
    r.cost.data_ps = r.cost.latency_ps;
    m_counters += c;
    return r;
}

}  // namespace pimsoc::reram
