// Writes a generated ELF (elf_builder.h) to a per-process scratch path for a SoC test.
#pragma once

#include <fstream>
#include <string>

#include "common/temp_path.h"
#include "elf_builder.h"

namespace pimsoc::test {

inline std::string write_temp_elf(const std::string& name, const ElfSpec& spec)
{
    const auto bytes = build_elf(spec);
    const std::string path = temp_path(name);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return path;
}

}  // namespace pimsoc::test
