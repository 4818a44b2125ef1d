// Byte-addressable memory (RAM or ROM) as a TLM-2.0 target: latency and energy per access, DMI,
// debug transport, and write watches (HTIF tohost) that keep watched bytes out of DMI.
// See docs/models/memory.md.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "common/ledger.h"
#include "common/log.h"
#include "common/model/random_streams.h"
#include "common/params.h"

namespace pimsoc {

// Defaults describe a generic on-chip SRAM (the SoC's 256 KiB scratchpad) at 100 MHz; the
// estimates and the per-instance values (MRAM main memory, ROM) are in docs/models/memory.md.
struct MemoryParams {
    uint64_t size_bytes = 256 * 1024;
    bool writable = true;                    // false: a ROM; guest writes get TLM_COMMAND_ERROR_RESPONSE
    bool non_volatile = false;               // true: contents survive power_fail()
    uint32_t access_bytes = 4;               // width of one array access; a transaction costs ceil(len/width)
    uint32_t read_latency_ns = 10;           // per access (1 cycle at 100 MHz)
    uint32_t write_latency_ns = 10;          // per access
    double read_energy_pj_per_access = 5.0;  // estimate, CACTI-class 256 KiB SRAM, 32-bit word
    double write_energy_pj_per_access = 5.5;  // estimate, CACTI-class 256 KiB SRAM, 32-bit word
    double read_energy_pj_per_byte = 0.0;     // added per byte read (0: the per-access figure covers it)
    double write_energy_pj_per_byte = 0.0;    // added per byte written
    double leakage_power_uw = 50.0;           // estimate, 256 KiB SRAM in a low-power process
    double area_um2_per_bit = 0.5;            // 45 nm 6T SRAM cell 0.346 um2 / ~70 % array efficiency
    bool dmi = true;                          // grant DMI pointers

    void bind(const ParamBinder& b)
    {
        b.bind("size_bytes", size_bytes, "B", "capacity");
        b.bind("writable", writable, "", "false makes it a ROM (guest writes fail; debug writes work)");
        b.bind("non_volatile", non_volatile, "", "contents survive a power failure");
        b.bind("access_bytes", access_bytes, "B", "width of one array access (latency/energy unit)");
        b.bind("read_latency_ns", read_latency_ns, "ns", "latency of one read access");
        b.bind("write_latency_ns", write_latency_ns, "ns", "latency of one write access");
        b.bind("read_energy_pj_per_access", read_energy_pj_per_access, "pJ",
               "dynamic energy of one read access");
        b.bind("write_energy_pj_per_access", write_energy_pj_per_access, "pJ",
               "dynamic energy of one write access");
        b.bind("read_energy_pj_per_byte", read_energy_pj_per_byte, "pJ",
               "dynamic energy per byte read, added to the per-access energy");
        b.bind("write_energy_pj_per_byte", write_energy_pj_per_byte, "pJ",
               "dynamic energy per byte written, added to the per-access energy");
        b.bind("leakage_power_uw", leakage_power_uw, "uW", "static power while the SoC is powered");
        b.bind("area_um2_per_bit", area_um2_per_bit, "um2",
               "area per bit of capacity, periphery included (cell area / array efficiency)");
        b.bind("dmi", dmi, "", "grant DMI pointers to initiators");
    }
};

class Memory : public sc_core::sc_module {
public:
    // delay: the write's annotated time (the initiator's local offset plus this access's latency).
    using WriteCallback = std::function<void(uint64_t offset, unsigned length, const sc_core::sc_time& delay)>;

    tlm_utils::simple_target_socket<Memory> socket;

    static constexpr uint64_t max_size_bytes = uint64_t{1} << 32;  // what a 32-bit address reaches

    // Throws std::invalid_argument, before allocating, for a zero size, a size above
    // max_size_bytes or a zero access width.
    Memory(sc_core::sc_module_name name, const MemoryParams& params);

    // Host access for the platform (loaders, checkpoint dumps). Does not count accesses.
    uint8_t* data() { return m_data.get(); }
    const uint8_t* data() const { return m_data.get(); }
    uint64_t size() const { return m_params.size_bytes; }
    const MemoryParams& params() const { return m_params; }

    // Runs on_write(offset, length) of each guest write (b_transport) that overlaps
    // [offset, offset + length), after the data is stored; offset/length are the write's own.
    // Watched bytes are never covered by DMI; existing DMI pointers over the range are
    // invalidated. Throws std::invalid_argument if the range is empty or outside the memory.
    void watch_writes(uint64_t offset, uint64_t length, WriteCallback on_write);

    // Power failure: a volatile memory loses its contents: filled with bytes drawn from `pattern`
    // (not zeros, so that firmware cannot count on what it finds after a reboot); DMI
    // invalidated. A non-volatile memory keeps them and draws nothing.
    void power_fail(RandomStream& pattern);
    // The next power failure, known ahead (docs/power.md): a guest write whose array accesses
    // (access_bytes each, write_latency_ns apart, from its annotated time) reach past `at` is cut
    // there: the words done by `at` are written, the word in progress is torn (it keeps its old
    // value or takes the new one as a draw of `tear` says), the words after it are dropped. For
    // initiators that run ahead of the failure (the DMA). sc_max_time(): no cut (the default).
    void set_power_cut(const sc_core::sc_time& at, RandomStream* tear);
    // The harvest mode, where a failure may be decided after the writes that run across it were
    // issued (docs/power.md): keeps each guest write whose array accesses end after the kernel time
    // it arrives at (an initiator running ahead of kernel time: the DMA), with the bytes it
    // replaced, until kernel time passes its end. Off by default.
    void keep_writes_ahead(bool keep);
    // The power fails at `at` (kernel time): each kept write that reaches past `at` is cut there
    // as set_power_cut() would have cut it had the failure been known when it arrived (its words
    // done by `at` stay, the word in progress is torn as `tear` draws, the words after it get their
    // old bytes back), newest first; then nothing is kept. Counters stay (a write cut at its arrival
    // counts whole too).
    void cut_writes_ahead(const sc_core::sc_time& at, RandomStream* tear);

    // Counters of b_transport accesses. DMI accesses bypass the model and are not counted unless
    // the initiator reports them with account_dmi().
    uint64_t reads() const { return m_reads; }    // read transactions
    uint64_t writes() const { return m_writes; }  // write transactions
    uint64_t bytes_read() const { return m_bytes_read; }
    uint64_t bytes_written() const { return m_bytes_written; }
    uint64_t read_accesses() const { return m_read_accesses; }  // array accesses (access_bytes wide)
    uint64_t write_accesses() const { return m_write_accesses; }
    double dynamic_energy_pj() const;
    double leakage_energy_pj() const;  // leakage_power_uw over the simulated time so far
    void account_dmi(uint64_t reads, uint64_t writes, uint64_t bytes_read, uint64_t bytes_written);
    void reset_counters();

    double area_um2() const { return static_cast<double>(m_params.size_bytes) * 8.0 * m_params.area_um2_per_bit; }
    // Registers the memory with the energy ledger: read/write accesses (per-access energy) and
    // bytes (per-byte energy); busy time = accesses x latency.
    void register_stats(Ledger& ledger);

private:
    struct Watch {
        uint64_t first;
        uint64_t last;  // inclusive
        WriteCallback on_write;
    };

    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);

    uint64_t accesses_for(uint64_t bytes) const;
    void copy_with_byte_enables(tlm::tlm_generic_payload& trans, uint8_t* mem);
    bool is_watched(uint64_t address) const;
    // A write that the power cut reaches (set_power_cut).
    void write_until_power_cut(tlm::tlm_generic_payload& trans, uint8_t* mem, const sc_core::sc_time& start);
    // Of a write of `length` bytes whose accesses start at `start`, the bytes that a failure at `cut`
    // leaves written: the words whose access ended by it, and the word in progress if `tear` draws
    // its new value (`torn` then names the outcome for the log line).
    uint64_t bytes_before_cut(const sc_core::sc_time& start, uint64_t length, const sc_core::sc_time& cut,
                              RandomStream* tear, const char*& torn) const;
    void keep_write_ahead(uint64_t address, uint64_t length, const sc_core::sc_time& start, uint64_t accesses);
    void invalidate_dmi(uint64_t first, uint64_t last);

    MemoryParams m_params;
    struct FreeHost {
        void operator()(uint8_t* p) const { std::free(p); }
    };
    std::unique_ptr<uint8_t[], FreeHost> m_data;  // calloc'ed: zero pages until first written
    std::vector<Watch> m_watches;
    sc_core::sc_time m_read_latency;
    sc_core::sc_time m_write_latency;
    sc_core::sc_time m_power_cut = sc_core::sc_max_time();
    RandomStream* m_tear = nullptr;
    // keep_writes_ahead(): the writes ahead of kernel time, in arrival order.
    struct WriteAhead {
        uint64_t address;
        sc_core::sc_time start;
        sc_core::sc_time end;
        sc_core::sc_time cut;        // the power cut it arrived under (sc_max_time(): none)
        std::vector<uint8_t> old;   // the bytes it replaced
    };
    bool m_keep_writes_ahead = false;
    std::vector<WriteAhead> m_writes_ahead;
    bool m_dmi_granted = false;  // some initiator may hold a DMI pointer
    uint64_t m_reads = 0;
    uint64_t m_writes = 0;
    uint64_t m_bytes_read = 0;
    uint64_t m_bytes_written = 0;
    uint64_t m_read_accesses = 0;
    uint64_t m_write_accesses = 0;
    Logger m_log;
};

}  // namespace pimsoc
