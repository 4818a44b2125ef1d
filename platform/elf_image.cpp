#include "elf_image.h"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "common/params.h"

namespace pimsoc {
namespace {

std::string hex(uint64_t value)
{
    char text[24];
    std::snprintf(text, sizeof text, "0x%08llx", static_cast<unsigned long long>(value));
    return text;
}

class Reader {
public:
    Reader(const std::vector<uint8_t>& file, const std::string& path) : m_file(file), m_path(path) {}

    template <typename T>
    T at(uint64_t offset, const char* what) const
    {
        check(offset, sizeof(T), what);
        T value;
        std::memcpy(&value, m_file.data() + offset, sizeof(T));
        return value;
    }

    void check(uint64_t offset, uint64_t length, const char* what) const
    {
        if (offset > m_file.size() || length > m_file.size() - offset) {
            throw ImageError(m_path + ": truncated ELF file (" + what + " at offset " + hex(offset) +
                             " ends past the file's " + std::to_string(m_file.size()) + " bytes)");
        }
    }

    const uint8_t* bytes(uint64_t offset) const { return m_file.data() + offset; }

private:
    const std::vector<uint8_t>& m_file;
    const std::string& m_path;
};

void check_header(const Reader& reader, const Elf32_Ehdr& header, size_t file_size, const std::string& path)
{
    if (file_size < SELFMAG || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
        throw ImageError(path + ": not an ELF file (bad magic)");
    }
    if (header.e_ident[EI_CLASS] != ELFCLASS32) {
        throw ImageError(path + ": wrong ELF class (" +
                         (header.e_ident[EI_CLASS] == ELFCLASS64 ? std::string("ELF64") : std::string("unknown")) +
                         "), expected ELF32 for RV32");
    }
    reader.check(0, sizeof(Elf32_Ehdr), "ELF header");
    if (header.e_ident[EI_DATA] != ELFDATA2LSB) {
        throw ImageError(path + ": wrong byte order, expected little-endian");
    }
    if (header.e_machine != EM_RISCV) {
        throw ImageError(path + ": wrong machine " + std::to_string(header.e_machine) + ", expected RISC-V (243)");
    }
    if (header.e_type != ET_EXEC) {
        throw ImageError(path + ": not an executable (ELF type " + std::to_string(header.e_type) + ")");
    }
    if (header.e_phnum != 0 && header.e_phentsize != sizeof(Elf32_Phdr)) {
        throw ImageError(path + ": bad program header entry size " + std::to_string(header.e_phentsize));
    }
}

}  // namespace

std::vector<uint8_t> read_file(const std::string& path)
{
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw ImageError(path + ": is a directory, not a file");
    }
    // A device or pipe may never end (/dev/zero): firmware and images are read from regular files.
    if (std::filesystem::exists(path, ignored) && !std::filesystem::is_regular_file(path, ignored)) {
        throw ImageError(path + ": not a regular file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ImageError(path + ": cannot open file (" + std::strerror(errno) + ")");
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        throw ImageError(path + ": read error");
    }
    return bytes;
}

ElfImage ElfImage::read(const std::string& path) { return parse(read_file(path), path); }

ElfImage ElfImage::parse(const std::vector<uint8_t>& file, const std::string& path)
{
    const Reader reader(file, path);
    Elf32_Ehdr header{};
    if (!file.empty()) {
        std::memcpy(&header, file.data(), std::min(file.size(), sizeof header));
    }
    check_header(reader, header, file.size(), path);

    ElfImage image;
    image.m_path = path;
    image.m_entry = header.e_entry;
    for (unsigned i = 0; i < header.e_phnum; ++i) {
        const auto ph = reader.at<Elf32_Phdr>(header.e_phoff + uint64_t{i} * sizeof(Elf32_Phdr), "program header");
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        if (ph.p_filesz > ph.p_memsz) {
            throw ImageError(path + ": segment " + std::to_string(i) + " has p_filesz > p_memsz");
        }
        if (uint64_t{ph.p_paddr} + ph.p_memsz > (uint64_t{1} << 32)) {
            throw ImageError(path + ": segment " + std::to_string(i) + " at " + hex(ph.p_paddr) +
                             " wraps past the 32-bit address space");
        }
        reader.check(ph.p_offset, ph.p_filesz, "segment data");
        LoadSegment segment;
        segment.paddr = ph.p_paddr;
        segment.file_size = ph.p_filesz;
        segment.mem_size = ph.p_memsz;
        segment.bytes.assign(reader.bytes(ph.p_offset), reader.bytes(ph.p_offset) + ph.p_filesz);
        for (const auto& other : image.m_segments) {
            if (segment.paddr < uint64_t{other.paddr} + other.mem_size &&
                other.paddr < uint64_t{segment.paddr} + segment.mem_size) {
                throw ImageError(path + ": overlapping segments [" + hex(other.paddr) + ", " +
                                 hex(uint64_t{other.paddr} + other.mem_size) + ") and [" + hex(segment.paddr) +
                                 ", " + hex(uint64_t{segment.paddr} + segment.mem_size) + ")");
            }
        }
        image.m_segments.push_back(std::move(segment));
    }
    if (image.m_segments.empty()) {
        throw ImageError(path + ": no loadable segments");
    }
    // An entry point outside every segment would fetch from unloaded memory and end in a trap
    // loop at run time; it is a malformed file, reported as such.
    const bool entry_loaded = std::any_of(image.m_segments.begin(), image.m_segments.end(), [&](const LoadSegment& s) {
        return image.m_entry >= s.paddr && image.m_entry - s.paddr < s.mem_size;
    });
    if (!entry_loaded) {
        throw ImageError(path + ": entry point " + hex(image.m_entry) + " is not in a loadable segment");
    }

    // Symbols (tohost, fromhost, and any a later tool wants) from the first SHT_SYMTAB.
    if (header.e_shnum != 0 && header.e_shentsize == sizeof(Elf32_Shdr)) {
        for (unsigned i = 0; i < header.e_shnum; ++i) {
            const auto sh = reader.at<Elf32_Shdr>(header.e_shoff + uint64_t{i} * sizeof(Elf32_Shdr), "section header");
            if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize != sizeof(Elf32_Sym)) {
                continue;
            }
            if (sh.sh_link >= header.e_shnum) {
                throw ImageError(path + ": symbol table links to missing string table");
            }
            const auto strtab = reader.at<Elf32_Shdr>(header.e_shoff + uint64_t{sh.sh_link} * sizeof(Elf32_Shdr),
                                                      "section header");
            reader.check(sh.sh_offset, sh.sh_size, "symbol table");
            reader.check(strtab.sh_offset, strtab.sh_size, "string table");
            for (uint64_t offset = 0; offset + sizeof(Elf32_Sym) <= sh.sh_size; offset += sizeof(Elf32_Sym)) {
                const auto sym = reader.at<Elf32_Sym>(sh.sh_offset + offset, "symbol");
                if (sym.st_name == 0 || sym.st_name >= strtab.sh_size || sym.st_shndx == SHN_UNDEF) {
                    continue;
                }
                const char* name = reinterpret_cast<const char*>(reader.bytes(strtab.sh_offset + sym.st_name));
                const size_t max_length = strtab.sh_size - sym.st_name;
                image.m_symbols.emplace(std::string(name, strnlen(name, max_length)), sym.st_value);
            }
            break;
        }
    }
    return image;
}

std::optional<uint32_t> ElfImage::symbol(const std::string& name) const
{
    const auto it = m_symbols.find(name);
    if (it == m_symbols.end()) {
        return std::nullopt;
    }
    return it->second;
}

void load_elf(const ElfImage& image, const PhysicalWriter& write)
{
    for (size_t i = 0; i < image.segments().size(); ++i) {
        const auto& segment = image.segments()[i];
        // The bss is written as a zero fill, not a buffer of zeros: p_memsz comes from the file
        // and may claim gigabytes that are outside memory anyway.
        const uint64_t bss = uint64_t{segment.paddr} + segment.file_size;
        const bool ok = write(segment.paddr, segment.bytes.data(), segment.bytes.size()) &&
                        write(bss, nullptr, segment.mem_size - segment.file_size);
        if (!ok) {
            throw ImageError(image.path() + ": segment " + std::to_string(i) + " [" + hex(segment.paddr) + ", " +
                             hex(uint64_t{segment.paddr} + segment.mem_size) + ") lies outside memory");
        }
    }
}

RawImage parse_image_spec(const std::string& spec)
{
    const auto at = spec.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == spec.size()) {
        throw ImageError("--image " + spec + ": expected FILE@ADDRESS (e.g. data.bin@0x60000000)");
    }
    RawImage image;
    image.path = spec.substr(0, at);
    try {
        image.address = parse_uint(spec.substr(at + 1));
    } catch (const std::invalid_argument& error) {
        throw ImageError("--image " + spec + ": bad address: " + error.what());
    }
    return image;
}

void load_raw_image(const RawImage& image, const PhysicalWriter& write)
{
    const auto bytes = read_file(image.path);
    if (!write(image.address, bytes.data(), bytes.size())) {
        throw ImageError(image.path + ": image of " + std::to_string(bytes.size()) + " bytes at " +
                         hex(image.address) + " lies outside memory");
    }
}

namespace {

struct Extent {
    std::string what;
    uint64_t first;
    uint64_t end;  // exclusive
};

std::string range_text(const Extent& e) { return "[" + hex(e.first) + ", " + hex(e.end) + ")"; }

}  // namespace

void check_image_overlaps(const ElfImage& firmware, const std::vector<RawImage>& images)
{
    std::vector<Extent> placed;
    for (size_t i = 0; i < firmware.segments().size(); ++i) {
        const LoadSegment& segment = firmware.segments()[i];
        placed.push_back({firmware.path() + "'s segment " + std::to_string(i), segment.paddr,
                          uint64_t{segment.paddr} + segment.mem_size});
    }
    for (const RawImage& image : images) {
        std::error_code error;
        const uint64_t size = std::filesystem::file_size(image.path, error);
        if (error || size == 0) {
            continue;
        }
        const Extent extent{"image " + image.path + "@" + hex(image.address), image.address, image.address + size};
        for (const Extent& other : placed) {
            if (extent.first < other.end && other.first < extent.end) {
                throw ImageError(extent.what + ": " + range_text(extent) + " overlaps " + other.what + " " +
                                 range_text(other));
            }
        }
        placed.push_back(extent);
    }
}

}  // namespace pimsoc
