// ELF32 RISC-V executables: parsed and checked on the host, loaded into the SoC through a writer
// callback (the SoC writes into its memories' host storage: Soc::physical_writer()).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pimsoc {

// A bad firmware file or image; the message names the file and the problem in one line.
class ImageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LoadSegment {
    uint32_t paddr = 0;
    uint32_t file_size = 0;
    uint32_t mem_size = 0;  // >= file_size; the rest is zero-filled (.bss)
    std::vector<uint8_t> bytes;
};

class ElfImage {
public:
    // Reads and validates the file; throws ImageError (missing file, not ELF, truncated, wrong
    // class/endianness/machine/type, overlapping PT_LOAD segments, entry point outside them).
    static ElfImage read(const std::string& path);
    static ElfImage parse(const std::vector<uint8_t>& file, const std::string& path);

    const std::string& path() const { return m_path; }
    uint32_t entry() const { return m_entry; }
    const std::vector<LoadSegment>& segments() const { return m_segments; }
    std::optional<uint32_t> symbol(const std::string& name) const;
    const std::map<std::string, uint32_t>& symbols() const { return m_symbols; }

private:
    std::string m_path;
    uint32_t m_entry = 0;
    std::vector<LoadSegment> m_segments;
    std::map<std::string, uint32_t> m_symbols;
};

// Writes len bytes at a physical address (data == nullptr: len zero bytes); returns false when not
// every byte landed in memory.
using PhysicalWriter = std::function<bool(uint64_t address, const uint8_t* data, size_t length)>;

// Loads every PT_LOAD segment at its p_paddr and zero-fills its bss; throws ImageError naming the
// segment when it falls outside memory.
void load_elf(const ElfImage& image, const PhysicalWriter& write);

// "--image FILE@ADDR": a raw file loaded at an address.
struct RawImage {
    std::string path;
    uint64_t address = 0;
};
RawImage parse_image_spec(const std::string& spec);  // throws ImageError on a malformed spec
void load_raw_image(const RawImage& image, const PhysicalWriter& write);

// Refuses (ImageError, one line naming both) a raw image whose bytes would overlap a PT_LOAD
// segment of the firmware (it would silently overwrite the program) or another raw image. Run
// before loading anything; an image that cannot be read is left to load_raw_image to report.
void check_image_overlaps(const ElfImage& firmware, const std::vector<RawImage>& images);

std::vector<uint8_t> read_file(const std::string& path);  // throws ImageError naming the file

}  // namespace pimsoc
