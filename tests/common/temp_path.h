// A path for a test's scratch file. ctest runs test cases in parallel processes, so the name
// carries the process id: two tests writing "rom.elf" never race on the same file.
#pragma once

#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

namespace pimsoc::test {

inline std::string temp_path(const std::string& leaf)
{
    return ::testing::TempDir() + "pimsoc_" + std::to_string(::getpid()) + "_" + leaf;
}

}  // namespace pimsoc::test
