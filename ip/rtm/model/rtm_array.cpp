#include "rtm_array.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "pim/model/regions.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "element loads assume a little-endian host");

namespace pimsoc::rtm {

namespace {

const RtmConfig& validated(const RtmConfig& config)
{
    if (const std::string e = validate(config); !e.empty()) throw std::invalid_argument(e);
    return config;
}

// One element (aligned; below 8 bits one per byte, its low bits), sign- or zero-extended.
inline int64_t load_elem(const uint8_t* p, ElemType t)
{
    return pim::unpack(p, 0, t);
}

inline void store_le(uint8_t* p, uint64_t v, uint32_t bytes)
{
    for (uint32_t i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

inline uint64_t ceil_div(uint64_t a, uint64_t b)
{
    return (a + b - 1) / b;
}

// The window as the shared region checks see it.
pim::BankedMemory banked(const AddressMap& map)
{
    return pim::BankedMemory{map.capacity_bytes(), map.bank_bytes()};
}

}  // namespace

// One call in progress: its counter increments and its timing. Each access occupies its DBC
// from max(step start, the DBC's ready time) for shifts x shift_ps + read/write time; the step
// ends when its last access ends; eager return shifts keep the DBC busy after that.
class RtmArray::Exec {
public:
    struct Stream {
        uint64_t word = UINT64_MAX;  // the word in the operand latch
    };

    explicit Exec(RtmArray& array) : m(array), u(array.m_units) { ++m.m_epoch; }

    void access(uint64_t word, bool is_write)
    {
        const WordPosition p = m.m_map.word_position(word);
        const PortStep s =
            m.m_ports.access(m.m_offsets[p.dbc_index], p.domain, m.m_config.geometry.return_policy);
        c.shifts += s.shifts + s.return_shifts;
        c.access_shifts += s.shifts;
        c.return_shifts += s.return_shifts;
        if (is_write)
            ++c.writes;
        else
            ++c.reads;
        uint64_t& ready = m.m_ready_ps[p.dbc_index];
        if (m.m_ready_epoch[p.dbc_index] != m.m_epoch) {
            m.m_ready_epoch[p.dbc_index] = m.m_epoch;
            ready = 0;
        }
        const uint64_t start = std::max(step_start, ready);
        const uint64_t end = start + s.shifts * u.shift_ps + (is_write ? u.write_ps : u.read_ps);
        ready = end + s.return_shifts * u.shift_ps;
        step_end = std::max(step_end, end);
        horizon = std::max(horizon, ready);
    }

    // Every word of [address, address + length) not already in the stream's latch.
    void fetch(Stream& s, uint64_t address, uint32_t bytes)
    {
        const uint32_t ws = m.m_map.word_shift();
        const uint64_t last = (address + bytes - 1) >> ws;
        for (uint64_t w = address >> ws; w <= last; ++w) {
            if (w == s.word) continue;
            access(w, false);
            s.word = w;
        }
    }

    // Like fetch(), but the words come from the input buffer (filled by an earlier pass): no DBC
    // moves; the step lasts at least one buffer read.
    void fetch_buffered(Stream& s, uint64_t address, uint32_t bytes)
    {
        const uint32_t ws = m.m_map.word_shift();
        const uint64_t last = (address + bytes - 1) >> ws;
        for (uint64_t w = address >> ws; w <= last; ++w) {
            if (w == s.word) continue;
            ++c.buffer_reads;
            step_end = std::max(step_end, step_start + u.buffer_read_ps);
            s.word = w;
        }
    }

    // The words of [address, address + length) written into the input buffer as they pass.
    void fill_buffer(uint64_t address, uint64_t length)
    {
        const uint32_t ws = m.m_map.word_shift();
        c.buffer_writes += ((address + length - 1) >> ws) - (address >> ws) + 1;
    }

    // One access per word of the range (window accesses, result writes), all in the current step.
    void access_range(uint64_t address, uint64_t length, bool is_write)
    {
        const uint32_t ws = m.m_map.word_shift();
        const uint64_t last = (address + length - 1) >> ws;
        for (uint64_t w = address >> ws; w <= last; ++w) access(w, is_write);
    }

    void end_step() { step_start = step_end; }

    // A `bits`-bit addition of an operand_bits-wide operand into a register_bits-wide register.
    void add(uint32_t bits, uint32_t operand_bits, uint32_t register_bits)
    {
        const AddCost a = u.add(bits, operand_bits, register_bits);
        ++c.adds;
        c.add_bits += bits;
        c.traversal_shift_domains += a.traversal_domains;
        sum_add_ps += a.latency_ps;
        last_op_ps = a.latency_ps;
    }

    void mult(uint64_t b, uint32_t b_bits, bool b_signed, uint32_t a_bits, uint32_t register_bits)
    {
        const MultCost mc = u.mult(b, b_bits, b_signed, a_bits, register_bits);
        ++c.mults;
        c.mult_steps += mc.steps;
        c.mult_bits += mc.bits;
        c.cell_shifts += mc.shifts;
        c.cell_shift_domains += mc.shift_domains;
        c.traversal_shift_domains += mc.traversal_domains;
        c.shifts += mc.shifts;
        sum_mult_ps += mc.latency_ps;
        last_op_ps = mc.latency_ps;
    }

    // A MAC command's accumulator: `terms` products of a_bits x b_bits per output (the bias or a
    // non-zero init counted as one more term).
    void begin_accumulation(uint32_t a_bits, uint32_t b_bits, uint64_t terms)
    {
        product_bits = a_bits + b_bits;
        acc_bits = u.accumulator_bits(product_bits, terms);
    }

    // Unfused: the product is formed in its own register and added into the accumulator. Fused:
    // the partial products go straight into the accumulator (no addition per MAC).
    void mac(uint64_t b, uint32_t b_bits, bool b_signed, uint32_t a_bits)
    {
        const bool fused = u.accumulator == Accumulator::fused;
        mult(b, b_bits, b_signed, a_bits, fused ? acc_bits : product_bits);
        const uint64_t mult_ps = last_op_ps;
        if (fused) {
            last_op_ps = 0;
        } else {
            add(acc_bits, product_bits, acc_bits);
        }
        last_op_ps += mult_ps;
        ++c.macs;
    }

    // Fused: one carry pass over the accumulator per output resolves the partial products' carries.
    void output_done()
    {
        if (u.accumulator == Accumulator::fused) {
            const uint64_t before = last_op_ps;
            add(acc_bits, acc_bits, acc_bits);
            last_op_ps += before;
        }
    }

    // The compute is spread over the bank's cells and overlaps the accesses; it ends at
    // max(last access + last operation, total cell time / cells). Result writes start there.
    void compute_done()
    {
        const Geometry& g = m.m_config.geometry;
        const uint64_t multipliers =
            static_cast<uint64_t>(g.subarrays_per_bank) * m.m_config.cells.multipliers_per_subarray;
        const uint64_t adders =
            static_cast<uint64_t>(g.subarrays_per_bank) * m.m_config.cells.adders_per_subarray;
        const uint64_t spread = std::max(ceil_div(sum_mult_ps, multipliers), ceil_div(sum_add_ps, adders));
        c.compute_ps += sum_mult_ps + sum_add_ps;
        step_start = step_end = std::max(step_end + last_op_ps, spread);
    }

    Result finish(uint32_t bank, bool command, uint64_t data_ps)
    {
        if (command) ++c.commands;
        Result r;
        r.bank = bank;
        r.cost.latency_ps = std::max(step_end, horizon);
        r.cost.data_ps = command ? r.cost.latency_ps : data_ps;
        r.cost.counters = c;
        r.cost.energy = u.energy(c);
        m.m_counters += c;
        m.m_bank_busy_ps[bank] += r.cost.latency_ps;
        return r;
    }

    uint64_t step_start = 0;
    uint64_t step_end = 0;

private:
    RtmArray& m;
    const UnitCosts& u;
    Counters c;
    uint64_t horizon = 0;
    uint64_t sum_mult_ps = 0;
    uint64_t sum_add_ps = 0;
    uint64_t last_op_ps = 0;
    uint32_t product_bits = 0;  // of the running MAC command
    uint32_t acc_bits = 32;
};

RtmArray::RtmArray(const RtmConfig& config)
    : m_config(validated(config)),
      m_map(m_config.geometry),
      m_ports(m_config.geometry.domains_per_track, m_config.geometry.ports_per_track,
              m_config.geometry.port_policy),
      m_units(m_config),
      m_data(m_map.capacity_bytes(), 0),
      m_offsets(m_map.total_dbcs(), 0),
      m_bank_busy_ps(m_config.geometry.banks, 0),
      m_ready_ps(m_map.total_dbcs(), 0),
      m_ready_epoch(m_map.total_dbcs(), 0)
{
}

Result RtmArray::read(uint64_t address, uint8_t* data, uint32_t length)
{
    if (!m_map.contains(address, length)) return Result{RtmError::out_of_range, 0, {}};
    if (length == 0) return Result{};
    Exec x(*this);
    x.access_range(address, length, false);
    std::memcpy(data, &m_data[address], length);
    return x.finish(m_map.bank_of(address), false, x.step_end);
}

Result RtmArray::write(uint64_t address, const uint8_t* data, uint32_t length)
{
    if (!m_map.contains(address, length)) return Result{RtmError::out_of_range, 0, {}};
    if (length == 0) return Result{};
    Exec x(*this);
    x.access_range(address, length, true);
    std::memcpy(&m_data[address], data, length);
    return x.finish(m_map.bank_of(address), false, x.step_end);
}

bool RtmArray::load(uint64_t address, const void* data, size_t length)
{
    if (!m_map.contains(address, length)) return false;
    if (length != 0) std::memcpy(&m_data[address], data, length);
    return true;
}

bool RtmArray::dump(uint64_t address, void* data, size_t length) const
{
    if (!m_map.contains(address, length)) return false;
    if (length != 0) std::memcpy(data, &m_data[address], length);
    return true;
}

uint64_t RtmArray::dbc_word(uint32_t dbc_index, uint32_t domain) const
{
    if (dbc_index >= m_map.total_dbcs() || domain >= m_config.geometry.domains_per_track)
        throw std::out_of_range("rtm: no DBC " + std::to_string(dbc_index) + " domain " +
                                std::to_string(domain));
    const uint64_t address = m_map.word_address(dbc_index, domain);
    uint64_t word = 0;
    for (uint32_t i = 0; i < m_map.word_bytes(); ++i)
        word |= static_cast<uint64_t>(m_data[address + i]) << (8 * i);
    return word;
}

RtmError RtmArray::check(const ElementwiseCommand& cmd) const
{
    if (cmd.op != ElementwiseOp::add && cmd.op != ElementwiseOp::mul) return RtmError::bad_opcode;
    if (!is_supported(cmd.type)) return RtmError::bad_type;
    if (cmd.length == 0) return RtmError::zero_size;
    const uint32_t es = elem_bytes(cmd.type);
    const uint64_t bytes = static_cast<uint64_t>(cmd.length) * es;
    pim::CommandRegions r;
    r.add_in({cmd.a, bytes, es});
    r.add_in({cmd.b, bytes, es});
    r.add_out({cmd.dst, bytes, es});
    return pim::check_regions(r, banked(m_map));
}

// The racetrack's types first, then the shared descriptor checks, then the window's regions.
RtmError RtmArray::check(const DotCommand& cmd) const
{
    if (!is_supported(cmd.type_a) || !is_supported(cmd.type_b)) return RtmError::bad_type;
    if (const RtmError e = pim::validate(cmd); e != RtmError::none) return e;
    return pim::check_regions(pim::regions(cmd, m_map.capacity_bytes()), banked(m_map));
}

RtmError RtmArray::check(const Conv2dCommand& cmd) const
{
    if (!is_supported(cmd.in_type) || !is_supported(cmd.kernel_type)) return RtmError::bad_type;
    if (const RtmError e = pim::validate(cmd); e != RtmError::none) return e;
    return pim::check_regions(pim::regions(cmd), banked(m_map));
}

Result RtmArray::run(const ElementwiseCommand& cmd)
{
    if (const RtmError e = check(cmd); e != RtmError::none) return Result{e, 0, {}};
    Exec x(*this);
    Exec::Stream sa;
    Exec::Stream sb;
    const uint32_t es = elem_bytes(cmd.type);
    const uint32_t bits = elem_bits(cmd.type);
    const bool sgn = is_signed(cmd.type);
    const bool add = cmd.op == ElementwiseOp::add;
    for (uint64_t i = 0; i < cmd.length; ++i) {
        const uint64_t pa = cmd.a + i * es;
        const uint64_t pb = cmd.b + i * es;
        x.fetch(sa, pa, es);
        x.fetch(sb, pb, es);
        x.end_step();
        const int64_t va = load_elem(&m_data[pa], cmd.type);
        const int64_t vb = load_elem(&m_data[pb], cmd.type);
        if (add) {
            store_le(&m_data[cmd.dst + i * es], static_cast<uint64_t>(pim::wrap(cmd.type, va + vb)), es);
            x.add(bits, bits, bits);
        } else {
            const uint64_t product = static_cast<uint64_t>(va) * static_cast<uint64_t>(vb);
            store_le(&m_data[cmd.dst + i * es], static_cast<uint64_t>(pim::wrap(cmd.type, static_cast<int64_t>(product))),
                     es);
            x.mult(static_cast<uint64_t>(vb), bits, sgn, bits, 2 * bits);  // the full product
        }
    }
    x.compute_done();
    x.access_range(cmd.dst, static_cast<uint64_t>(cmd.length) * es, true);
    return x.finish(m_map.bank_of(cmd.a), true, 0);
}

Result RtmArray::run(const DotCommand& cmd, std::vector<int32_t>* results)
{
    if (const RtmError e = check(cmd); e != RtmError::none) return Result{e, 0, {}};
    if (results) results->assign(cmd.count, 0);
    Exec x(*this);
    Exec::Stream sa;
    Exec::Stream sb;
    Exec::Stream sbias;
    const uint32_t ea = elem_bytes(cmd.type_a);
    const uint32_t eb = elem_bytes(cmd.type_b);
    const uint32_t a_bits = elem_bits(cmd.type_a);
    const uint32_t b_bits = elem_bits(cmd.type_b);
    const bool b_signed = is_signed(cmd.type_b);
    x.begin_accumulation(a_bits, b_bits, cmd.length + (cmd.has_bias || cmd.init != 0 ? 1 : 0));
    // A shared A vector (every output reads the same one) that fits the input buffer is read from
    // the array by the first output only, which fills the buffer; the others read the buffer.
    const uint64_t a_bytes = static_cast<uint64_t>(cmd.length) * ea;
    const bool buffered = cmd.stride_a == 0 && cmd.count > 1 && a_bytes <= m_units.input_buffer_bytes;
    if (buffered) x.fill_buffer(cmd.a, a_bytes);
    for (uint64_t k = 0; k < cmd.count; ++k) {
        uint32_t acc = static_cast<uint32_t>(cmd.init);
        if (cmd.has_bias) {
            const uint64_t p = cmd.bias + 4 * k;
            x.fetch(sbias, p, 4);
            acc = static_cast<uint32_t>(load_elem(&m_data[p], ElemType::i32));
        }
        const uint64_t base_a = cmd.a + k * cmd.stride_a;
        const uint64_t base_b = cmd.b + k * cmd.stride_b;
        for (uint64_t i = 0; i < cmd.length; ++i) {
            const uint64_t pa = base_a + i * ea;
            const uint64_t pb = base_b + i * eb;
            if (buffered && k > 0)
                x.fetch_buffered(sa, pa, ea);
            else
                x.fetch(sa, pa, ea);
            x.fetch(sb, pb, eb);
            x.end_step();
            const int64_t va = load_elem(&m_data[pa], cmd.type_a);
            const int64_t vb = load_elem(&m_data[pb], cmd.type_b);
            acc += static_cast<uint32_t>(static_cast<uint64_t>(va) * static_cast<uint64_t>(vb));
            x.mac(static_cast<uint64_t>(vb), b_bits, b_signed, a_bits);
        }
        x.output_done();
        if (results) (*results)[k] = static_cast<int32_t>(acc);
        if (cmd.write_result) store_le(&m_data[cmd.dst + 4 * k], acc, 4);
    }
    x.compute_done();
    if (cmd.write_result) x.access_range(cmd.dst, 4ull * cmd.count, true);
    return x.finish(m_map.bank_of(cmd.a), true, 0);
}

Result RtmArray::run(const Conv2dCommand& cmd, std::vector<int32_t>* results)
{
    if (const RtmError e = check(cmd); e != RtmError::none) return Result{e, 0, {}};
    const uint32_t oh = conv_out_height(cmd);
    const uint32_t ow = conv_out_width(cmd);
    if (results) results->assign(static_cast<size_t>(oh) * ow, 0);
    Exec x(*this);
    Exec::Stream si;
    Exec::Stream sk;
    const uint32_t ei = elem_bytes(cmd.in_type);
    const uint32_t ek = elem_bytes(cmd.kernel_type);
    const uint32_t in_bits = elem_bits(cmd.in_type);
    const uint32_t k_bits = elem_bits(cmd.kernel_type);
    const bool k_signed = is_signed(cmd.kernel_type);
    x.begin_accumulation(in_bits, k_bits,
                         static_cast<uint64_t>(cmd.channels) * cmd.kernel_h * cmd.kernel_w + (cmd.init != 0 ? 1 : 0));
    const int64_t h = cmd.height;
    const int64_t w = cmd.width;
    for (uint32_t oy = 0; oy < oh; ++oy) {
        for (uint32_t ox = 0; ox < ow; ++ox) {
            uint32_t acc = static_cast<uint32_t>(cmd.init);
            for (uint64_t c = 0; c < cmd.channels; ++c) {
                for (uint32_t ky = 0; ky < cmd.kernel_h; ++ky) {
                    const int64_t iy = static_cast<int64_t>(oy) * cmd.stride_h + ky - cmd.pad_h;
                    if (iy < 0 || iy >= h) continue;
                    const uint64_t in_row =
                        cmd.in + (c * cmd.height + static_cast<uint64_t>(iy)) * cmd.width * ei;
                    const uint64_t k_row = cmd.kernel + (c * cmd.kernel_h + ky) * cmd.kernel_w * ek;
                    for (uint32_t kx = 0; kx < cmd.kernel_w; ++kx) {
                        const int64_t ix = static_cast<int64_t>(ox) * cmd.stride_w + kx - cmd.pad_w;
                        if (ix < 0 || ix >= w) continue;
                        const uint64_t pi = in_row + static_cast<uint64_t>(ix) * ei;
                        const uint64_t pk = k_row + static_cast<uint64_t>(kx) * ek;
                        x.fetch(si, pi, ei);
                        x.fetch(sk, pk, ek);
                        x.end_step();
                        const int64_t vi = load_elem(&m_data[pi], cmd.in_type);
                        const int64_t vk = load_elem(&m_data[pk], cmd.kernel_type);
                        acc += static_cast<uint32_t>(static_cast<uint64_t>(vi) * static_cast<uint64_t>(vk));
                        x.mac(static_cast<uint64_t>(vk), k_bits, k_signed, in_bits);
                    }
                }
            }
            x.output_done();
            const size_t o = static_cast<size_t>(oy) * ow + ox;
            if (results) (*results)[o] = static_cast<int32_t>(acc);
            if (cmd.write_result) store_le(&m_data[cmd.dst + 4 * o], acc, 4);
        }
    }
    x.compute_done();
    if (cmd.write_result) x.access_range(cmd.dst, 4ull * oh * ow, true);
    return x.finish(m_map.bank_of(cmd.in), true, 0);
}

}  // namespace pimsoc::rtm
