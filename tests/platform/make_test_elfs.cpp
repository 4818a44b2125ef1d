// make_test_elfs DIR: writes the firmware files the command-line tests run pimsoc on: good ones
// and one per malformed case the loader must reject with a one-line error.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "elf_builder.h"

using namespace pimsoc::test;

namespace {

// A file that cannot be written ends the program with an error: the tests that use these files
// must not run on missing ones.
void write(const std::string& dir, const std::string& name, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        std::fprintf(stderr, "make_test_elfs: cannot write %s/%s\n", dir.c_str(), name.c_str());
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_test_elfs DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    const auto good = build_elf(passing_firmware_spec());
    write(dir, "pass.elf", good);

    ElfSpec htif;
    htif.segments.push_back({0x80000000,
                             words_to_bytes({
                                 0x800012b7,  // lui  t0, 0x80001
                                 0x00828293,  // addi t0, t0, 8
                                 0x00700313,  // addi t1, x0, 7   (fail, code 3)
                                 0x0062a023,  // sw   t1, 0(t0)
                                 0x0000006f,  // j    .
                             }),
                             32});
    htif.segments.push_back({0x80001000, {}, 16});
    htif.symbols.push_back({"tohost", 0x80001008});
    write(dir, "htif_fail3.elf", build_elf(htif));

    ElfSpec spin;
    spin.segments.push_back({0x80000000, words_to_bytes({0x0000006f}), 4});  // j .
    write(dir, "spin.elf", build_elf(spin));

    // Trap loops: the trap vector faults itself, so the guest can never make progress.
    ElfSpec fetch_fault_vector;  // mtvec stays 0 (unmapped): the vector cannot be fetched
    fetch_fault_vector.segments.push_back({0x80000000, words_to_bytes({0x00000073}), 4});  // ecall
    write(dir, "fetch_fault_vector.elf", build_elf(fetch_fault_vector));
    ElfSpec illegal_vector;  // mtvec = 0x80000100, where the bss holds 0: an illegal instruction
    illegal_vector.segments.push_back({0x80000000,
                                       words_to_bytes({
                                           0x800002b7,  // lui   t0, 0x80000
                                           0x10028293,  // addi  t0, t0, 0x100
                                           0x30529073,  // csrw  mtvec, t0
                                           0x00000073,  // ecall
                                       }),
                                       0x104});
    write(dir, "illegal_vector.elf", build_elf(illegal_vector));

    write(dir, "not_elf.elf", {'#', '!', '/', 'b', 'i', 'n', '/', 's', 'h', '\n'});
    write(dir, "truncated.elf", std::vector<uint8_t>(good.begin(), good.begin() + 70));
    auto wrong_class = good;
    wrong_class[EI_CLASS] = ELFCLASS64;
    write(dir, "wrong_class.elf", wrong_class);
    auto wrong_machine = passing_firmware_spec();
    wrong_machine.machine = EM_ARM;
    write(dir, "wrong_machine.elf", build_elf(wrong_machine));
    auto outside = passing_firmware_spec();
    outside.segments[1].paddr = 0x50000000;
    outside.symbols.clear();
    write(dir, "outside_memory.elf", build_elf(outside));
    auto overlapping = passing_firmware_spec();
    overlapping.segments[1].paddr = 0x80000010;
    overlapping.symbols.clear();
    write(dir, "overlapping.elf", build_elf(overlapping));
    return 0;
}
