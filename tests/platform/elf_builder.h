// Builds small ELF32 files in memory for loader tests, well-formed or broken on purpose.
#pragma once

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace pimsoc::test {

struct ElfSegmentSpec {
    uint32_t paddr;
    std::vector<uint8_t> bytes;
    uint32_t mem_size;  // >= bytes.size()
};

struct ElfSymbolSpec {
    std::string name;
    uint32_t value;
};

struct ElfSpec {
    uint32_t entry = 0x80000000;
    uint16_t machine = EM_RISCV;
    uint16_t type = ET_EXEC;
    std::vector<ElfSegmentSpec> segments;
    std::vector<ElfSymbolSpec> symbols;
};

template <typename T>
void append(std::vector<uint8_t>& out, const T& value)
{
    // resize + memcpy rather than insert(): GCC 12 warns falsely (-Wstringop-overflow) on the latter.
    const size_t at = out.size();
    out.resize(at + sizeof(T));
    std::memcpy(out.data() + at, &value, sizeof(T));
}

// Layout: ELF header, program headers, segment data, .strtab, .symtab, section headers.
inline std::vector<uint8_t> build_elf(const ElfSpec& spec)
{
    const uint32_t phoff = sizeof(Elf32_Ehdr);
    uint32_t offset = phoff + static_cast<uint32_t>(spec.segments.size() * sizeof(Elf32_Phdr));
    std::vector<uint8_t> data;
    std::vector<Elf32_Phdr> phdrs;
    for (const auto& segment : spec.segments) {
        Elf32_Phdr ph{};
        ph.p_type = PT_LOAD;
        ph.p_offset = offset + static_cast<uint32_t>(data.size());
        ph.p_vaddr = ph.p_paddr = segment.paddr;
        ph.p_filesz = static_cast<uint32_t>(segment.bytes.size());
        ph.p_memsz = segment.mem_size;
        ph.p_flags = PF_R | PF_W | PF_X;
        ph.p_align = 4;
        phdrs.push_back(ph);
        data.insert(data.end(), segment.bytes.begin(), segment.bytes.end());
    }
    const uint32_t strtab_offset = offset + static_cast<uint32_t>(data.size());
    std::vector<uint8_t> strtab{0};
    std::vector<Elf32_Sym> symbols(1);  // index 0 is the null symbol
    for (const auto& symbol : spec.symbols) {
        Elf32_Sym sym{};
        sym.st_name = static_cast<uint32_t>(strtab.size());
        sym.st_value = symbol.value;
        sym.st_shndx = 1;
        sym.st_info = ELF32_ST_INFO(STB_GLOBAL, STT_OBJECT);
        symbols.push_back(sym);
        strtab.insert(strtab.end(), symbol.name.begin(), symbol.name.end());
        strtab.push_back(0);
    }
    const uint32_t symtab_offset = strtab_offset + static_cast<uint32_t>(strtab.size());
    const uint32_t shoff = symtab_offset + static_cast<uint32_t>(symbols.size() * sizeof(Elf32_Sym));

    Elf32_Ehdr header{};
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS32;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_type = spec.type;
    header.e_machine = spec.machine;
    header.e_version = EV_CURRENT;
    header.e_entry = spec.entry;
    header.e_phoff = phoff;
    header.e_shoff = shoff;
    header.e_ehsize = sizeof(Elf32_Ehdr);
    header.e_phentsize = sizeof(Elf32_Phdr);
    header.e_phnum = static_cast<uint16_t>(phdrs.size());
    header.e_shentsize = sizeof(Elf32_Shdr);
    header.e_shnum = 3;  // null, .strtab, .symtab

    std::vector<uint8_t> out;
    append(out, header);
    for (const auto& ph : phdrs) {
        append(out, ph);
    }
    out.insert(out.end(), data.begin(), data.end());
    out.insert(out.end(), strtab.begin(), strtab.end());
    for (const auto& sym : symbols) {
        append(out, sym);
    }
    Elf32_Shdr null_section{};
    Elf32_Shdr strtab_section{};
    strtab_section.sh_type = SHT_STRTAB;
    strtab_section.sh_offset = strtab_offset;
    strtab_section.sh_size = static_cast<uint32_t>(strtab.size());
    Elf32_Shdr symtab_section{};
    symtab_section.sh_type = SHT_SYMTAB;
    symtab_section.sh_offset = symtab_offset;
    symtab_section.sh_size = static_cast<uint32_t>(symbols.size() * sizeof(Elf32_Sym));
    symtab_section.sh_link = 1;
    symtab_section.sh_entsize = sizeof(Elf32_Sym);
    append(out, null_section);
    append(out, strtab_section);
    append(out, symtab_section);
    return out;
}

inline std::vector<uint8_t> words_to_bytes(const std::vector<uint32_t>& words)
{
    std::vector<uint8_t> bytes;
    for (uint32_t word : words) {
        append(bytes, word);
    }
    return bytes;
}

// RV32 code that writes 0x5555 (pass) to the test finisher at 0x0010_0000.
inline std::vector<uint8_t> finisher_pass_program()
{
    return words_to_bytes({
        0x001002b7,  // lui  t0, 0x100
        0x00005337,  // lui  t1, 0x5
        0x55530313,  // addi t1, t1, 0x555
        0x0062a023,  // sw   t1, 0(t0)
        0x0000006f,  // j    .
    });
}

// A well-formed firmware: the finisher program plus a .bss-like tail and a tohost symbol.
inline ElfSpec passing_firmware_spec()
{
    ElfSpec spec;
    spec.segments.push_back({0x80000000, finisher_pass_program(), 64});
    spec.segments.push_back({0x80001000, words_to_bytes({0x11111111}), 16});
    spec.symbols.push_back({"tohost", 0x80001008});
    return spec;
}

}  // namespace pimsoc::test
