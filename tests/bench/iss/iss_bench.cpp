// ISS speed benchmark: runs a raw RV32 image (loaded at 0x8000'0000, e.g. bench.bin from
// build.sh) on the pure core with DMI to a flat array, or on the SystemC Cpu wrapper with a TLM
// memory, and prints MIPS.
//   iss_bench <image.bin> [--peek addr]    pure core; prints the word at addr at the end
//   iss_bench <image.bin> --systemc [q_us]  Cpu wrapper, global quantum q_us microseconds (default 10)
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "cpu/cpu.h"
#include "cpu/model/rv_core.h"

namespace {

constexpr uint32_t ram_base = 0x80000000;
constexpr uint32_t ram_size = 16 * 1024 * 1024;
constexpr uint32_t finisher = 0x00100000;
constexpr uint64_t slice_cycles = 1'000'000;

std::vector<uint8_t> load(const char* path)
{
    std::ifstream f(path, std::ios::binary);
    std::vector<uint8_t> image((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::vector<uint8_t> ram(ram_size, 0);
    std::memcpy(ram.data(), image.data(), std::min<size_t>(image.size(), ram_size));
    return ram;
}

void report(const char* what, uint64_t instructions, uint64_t cycles, double seconds, uint32_t exit_value)
{
    std::printf("%s: %llu instructions, %llu cycles, %.3f s host, %.1f MIPS, exit value 0x%x\n", what,
                static_cast<unsigned long long>(instructions), static_cast<unsigned long long>(cycles), seconds,
                static_cast<double>(instructions) / seconds / 1e6, exit_value);
}

class FlatBench : public pimsoc::cpu::MemoryInterface {
public:
    pimsoc::cpu::RvCore* core = nullptr;
    bool done = false;
    uint32_t exit_value = 0;
    pimsoc::cpu::MemStatus read(uint32_t, void*, unsigned) override { return pimsoc::cpu::MemStatus::access_fault; }
    pimsoc::cpu::MemStatus write(uint32_t addr, const void* data, unsigned len) override
    {
        if (addr != finisher) {
            return pimsoc::cpu::MemStatus::access_fault;
        }
        std::memcpy(&exit_value, data, std::min(len, 4u));
        done = true;
        core->request_stop();
        return pimsoc::cpu::MemStatus::ok;
    }
};

int run_pure(const char* path, uint32_t peek_addr)
{
    std::vector<uint8_t> ram = load(path);
    FlatBench mem;
    pimsoc::cpu::RvCore core(mem, pimsoc::cpu::CoreConfig{});
    mem.core = &core;
    core.add_dmi_region({ram_base, ram_size, ram.data(), true, true, 0, 0});
    core.reset(ram_base);
    const auto start = std::chrono::steady_clock::now();
    while (!mem.done) {
        const auto r = core.run(slice_cycles);
        if (r.reason == pimsoc::cpu::StopReason::trap_loop || r.reason == pimsoc::cpu::StopReason::wfi) {
            break;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report("pure core", core.instret(), core.cycles(), seconds, mem.exit_value);
    if (peek_addr >= ram_base && peek_addr - ram_base + 4 <= ram_size) {
        uint32_t value = 0;
        std::memcpy(&value, &ram[peek_addr - ram_base], 4);
        std::printf("word at 0x%08x = 0x%08x\n", peek_addr, value);
    }
    return 0;
}

class BenchTarget : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<BenchTarget> socket{"socket"};
    std::vector<uint8_t> ram;
    pimsoc::SimulationExit& exit;
    uint32_t exit_value = 0;

    BenchTarget(sc_core::sc_module_name name, std::vector<uint8_t> image, pimsoc::SimulationExit& e)
        : sc_module(name), ram(std::move(image)), exit(e)
    {
        socket.register_b_transport(this, &BenchTarget::b_transport);
        socket.register_get_direct_mem_ptr(this, &BenchTarget::get_direct_mem_ptr);
    }
    void b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time&)
    {
        const auto addr = static_cast<uint32_t>(p.get_address());
        const unsigned len = p.get_data_length();
        p.set_response_status(tlm::TLM_OK_RESPONSE);
        if (addr >= ram_base && addr - ram_base + len <= ram_size) {
            uint8_t* mem = &ram[addr - ram_base];
            p.is_read() ? std::memcpy(p.get_data_ptr(), mem, len) : std::memcpy(mem, p.get_data_ptr(), len);
            p.set_dmi_allowed(true);
        } else if (addr == finisher && p.is_write()) {
            std::memcpy(&exit_value, p.get_data_ptr(), std::min(len, 4u));
            exit.report(pimsoc::ExitKind::firmware, exit_value == 0x5555 ? 0 : exit_value >> 16, "finisher");
        } else {
            p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        }
    }
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi)
    {
        if (p.get_address() < ram_base) {
            return false;
        }
        dmi.set_dmi_ptr(ram.data());
        dmi.set_start_address(ram_base);
        dmi.set_end_address(ram_base + ram_size - 1);
        dmi.allow_read_write();
        return true;
    }
};

int run_systemc(const char* path, double quantum_us)
{
    using namespace sc_core;
    tlm::tlm_global_quantum::instance().set(sc_time(quantum_us, SC_US));
    pimsoc::SimulationExit exit;
    pimsoc::Cpu cpu("cpu", pimsoc::CpuParams{}, exit);
    BenchTarget target("target", load(path), exit);
    cpu.bus.bind(target.socket);
    const auto start = std::chrono::steady_clock::now();
    sc_start();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string what = "systemc cpu, quantum " + std::to_string(quantum_us) + " us";
    report(what.c_str(), cpu.instructions(), cpu.cycles(), seconds, target.exit_value);
    return 0;
}

}  // namespace

int sc_main(int argc, char* argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <image.bin> [--systemc [quantum_us]]\n", argv[0]);
        return 2;
    }
    if (argc >= 3 && std::string(argv[2]) == "--systemc") {
        return run_systemc(argv[1], argc >= 4 ? std::stod(argv[3]) : 10.0);
    }
    const bool peek = argc >= 4 && std::string(argv[2]) == "--peek";
    return run_pure(argv[1], peek ? static_cast<uint32_t>(std::stoul(argv[3], nullptr, 0)) : 0);
}
