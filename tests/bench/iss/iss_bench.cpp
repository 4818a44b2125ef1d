// ISS speed benchmark: runs a firmware ELF (e.g. build/firmware/bin/bench_coremark.elf) on the pure
// core with DMI to a flat 16 MiB array at 0x8000'0000, or on the SystemC Cpu wrapper with a TLM
// memory, and prints MIPS. Only three devices exist, emulated minimally: the NS16550 UART (THR ->
// stdout, LSR always "transmitter empty", other registers read 0), the SiFive test finisher and
// sysctl (reads 0).
//   iss_bench FIRMWARE.elf                        pure core
//   iss_bench FIRMWARE.elf --systemc [QUANTUM_US]  Cpu wrapper, global quantum in µs (default 10)
// The firmware's output goes to stdout, the summary to stderr; the exit status is the firmware's.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "cpu/cpu.h"
#include "cpu/model/rv_core.h"
#include "elf_image.h"
#include "finisher/finisher_regs.h"
#include "memory_map.h"
#include "uart/uart_regs.h"

namespace {

using pimsoc::cpu::MemStatus;

constexpr uint32_t ram_base = PIMSOC_MAIN_MEM_BASE;
constexpr uint32_t ram_size = 16 * 1024 * 1024;
constexpr uint64_t slice_cycles = 1'000'000;

struct Image {
    std::vector<uint8_t> ram;
    uint32_t entry = 0;
};

Image load(const char* path)
{
    Image image{std::vector<uint8_t>(ram_size, 0), 0};
    const pimsoc::ElfImage elf = pimsoc::ElfImage::read(path);
    pimsoc::load_elf(elf, [&image](uint64_t addr, const uint8_t* data, size_t len) {
        if (addr < ram_base || addr - ram_base + len > ram_size) {
            return false;
        }
        if (data == nullptr) {
            std::memset(&image.ram[addr - ram_base], 0, len);  // bss: load_elf asks for a zero fill
        } else {
            std::memcpy(&image.ram[addr - ram_base], data, len);
        }
        return true;
    });
    image.entry = elf.entry();
    return image;
}

// The UART and the finisher, shared by both modes (data in guest byte order, little endian).
struct Devices {
    bool finished = false;
    int exit_code = 0;

    MemStatus read(uint32_t addr, void* data, unsigned len)
    {
        std::memset(data, 0, len);
        if (addr - PIMSOC_UART0_BASE < UART_NUM_REGS) {
            if (addr - PIMSOC_UART0_BASE == UART_LSR) {
                *static_cast<uint8_t*>(data) = UART_LSR_THRE | UART_LSR_TEMT;
            }
            return MemStatus::ok;
        }
        // sysctl reads 0: no command-line block (the boot code then passes argc = 0 to main).
        const bool sysctl = addr - PIMSOC_SYSCTL_BASE < PIMSOC_SYSCTL_SIZE;
        return (sysctl || addr - PIMSOC_FINISHER_BASE < 4) ? MemStatus::ok : MemStatus::access_fault;
    }

    MemStatus write(uint32_t addr, const void* data, unsigned len)
    {
        if (addr - PIMSOC_UART0_BASE < UART_NUM_REGS) {
            if (addr - PIMSOC_UART0_BASE == UART_THR) {
                std::putchar(*static_cast<const uint8_t*>(data));
            }
            return MemStatus::ok;
        }
        if (addr != PIMSOC_FINISHER_BASE + FINISHER_REG) {
            return MemStatus::access_fault;
        }
        uint32_t value = 0;
        std::memcpy(&value, data, std::min(len, 4u));
        if (value == FINISHER_PASS || (value & 0xffff) == FINISHER_FAIL) {
            finished = true;
            exit_code = value == FINISHER_PASS ? 0 : static_cast<int>(value >> FINISHER_CODE_SHIFT);
        }
        return MemStatus::ok;
    }
};

int finish(const char* what, uint64_t instructions, uint64_t cycles, double seconds, const Devices& devices)
{
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %llu instructions, %llu cycles, %.3f s host, %.1f MIPS, ", what,
                 static_cast<unsigned long long>(instructions), static_cast<unsigned long long>(cycles), seconds,
                 static_cast<double>(instructions) / seconds / 1e6);
    if (!devices.finished) {
        std::fprintf(stderr, "firmware did not exit (stuck in a trap loop or WFI)\n");
        return 1;
    }
    std::fprintf(stderr, "exit code %d\n", devices.exit_code);
    return std::min(devices.exit_code, 255);  // a process status has 8 bits
}

class PureBench : public pimsoc::cpu::MemoryInterface {
public:
    pimsoc::cpu::RvCore* core = nullptr;
    Devices devices;
    MemStatus read(uint32_t addr, void* data, unsigned len) override { return devices.read(addr, data, len); }
    MemStatus write(uint32_t addr, const void* data, unsigned len) override
    {
        const MemStatus status = devices.write(addr, data, len);
        if (devices.finished) {
            core->request_stop();
        }
        return status;
    }
};

int run_pure(Image image)
{
    PureBench mem;
    pimsoc::cpu::RvCore core(mem, pimsoc::cpu::CoreConfig{});
    mem.core = &core;
    core.add_dmi_region({ram_base, ram_size, image.ram.data(), true, true, 0, 0});
    core.reset(image.entry);
    const auto start = std::chrono::steady_clock::now();
    while (!mem.devices.finished) {
        const auto r = core.run(slice_cycles);
        if (r.reason == pimsoc::cpu::StopReason::trap_loop || r.reason == pimsoc::cpu::StopReason::wfi) {
            break;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return finish("pure core", core.instret(), core.cycles(), seconds, mem.devices);
}

class BenchTarget : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<BenchTarget> socket{"socket"};
    std::vector<uint8_t> ram;
    Devices devices;
    pimsoc::SimulationExit& exit;

    BenchTarget(sc_core::sc_module_name name, std::vector<uint8_t> image, pimsoc::SimulationExit& e)
        : sc_module(name), ram(std::move(image)), exit(e)
    {
        socket.register_b_transport(this, &BenchTarget::b_transport);
        socket.register_get_direct_mem_ptr(this, &BenchTarget::get_direct_mem_ptr);
    }
    void b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay)
    {
        const auto addr = static_cast<uint32_t>(p.get_address());
        const unsigned len = p.get_data_length();
        if (addr >= ram_base && addr - ram_base + len <= ram_size) {
            uint8_t* mem = &ram[addr - ram_base];
            p.is_read() ? std::memcpy(p.get_data_ptr(), mem, len) : std::memcpy(mem, p.get_data_ptr(), len);
            p.set_dmi_allowed(true);
            p.set_response_status(tlm::TLM_OK_RESPONSE);
            return;
        }
        const MemStatus status =
            p.is_read() ? devices.read(addr, p.get_data_ptr(), len) : devices.write(addr, p.get_data_ptr(), len);
        p.set_response_status(status == MemStatus::ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
        if (devices.finished) {
            exit.report(pimsoc::ExitKind::firmware, devices.exit_code, "finisher",
                        sc_core::sc_time_stamp() + delay);
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

int run_systemc(Image image, double quantum_us)
{
    using namespace sc_core;
    sc_report_handler::set_actions("/OSCI/SystemC", SC_INFO, SC_DO_NOTHING);  // "stopped by user"
    tlm::tlm_global_quantum::instance().set(sc_time(quantum_us, SC_US));
    pimsoc::SimulationExit exit;
    pimsoc::Cpu cpu("cpu", pimsoc::CpuParams{}, exit);
    cpu.set_reset_pc(image.entry);
    BenchTarget target("target", std::move(image.ram), exit);
    cpu.bus.bind(target.socket);
    const auto start = std::chrono::steady_clock::now();
    sc_start();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char what[64];
    std::snprintf(what, sizeof what, "systemc cpu, quantum %g us", quantum_us);
    return finish(what, cpu.instructions(), cpu.cycles(), seconds, target.devices);
}

}  // namespace

int sc_main(int argc, char* argv[])
{
    const bool systemc = argc >= 3 && std::string(argv[2]) == "--systemc";
    if (argc < 2 || (argc >= 3 && !systemc) || argc > 4) {
        std::fprintf(stderr, "usage: %s FIRMWARE.elf [--systemc [QUANTUM_US]]\n", argv[0]);
        return 2;
    }
    try {
        Image image = load(argv[1]);
        return systemc ? run_systemc(std::move(image), argc == 4 ? std::stod(argv[3]) : 10.0)
                       : run_pure(std::move(image));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "iss_bench: %s\n", e.what());
        return 2;
    }
}
