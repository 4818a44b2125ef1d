#include <gtest/gtest.h>

#include <map>

#include "elf_builder.h"
#include "elf_image.h"

namespace pimsoc {
namespace {

using test::build_elf;
using test::passing_firmware_spec;

std::string error_of(const std::vector<uint8_t>& file)
{
    try {
        ElfImage::parse(file, "fw.elf");
    } catch (const ImageError& error) {
        return error.what();
    }
    return "";
}

TEST(ElfImage, ParsesEntrySegmentsAndSymbols)
{
    const auto image = ElfImage::parse(build_elf(passing_firmware_spec()), "fw.elf");
    EXPECT_EQ(image.entry(), 0x80000000u);
    ASSERT_EQ(image.segments().size(), 2u);
    EXPECT_EQ(image.segments()[0].paddr, 0x80000000u);
    EXPECT_EQ(image.segments()[0].file_size, 20u);
    EXPECT_EQ(image.segments()[0].mem_size, 64u);
    ASSERT_TRUE(image.symbol("tohost").has_value());
    EXPECT_EQ(*image.symbol("tohost"), 0x80001008u);
    EXPECT_FALSE(image.symbol("fromhost").has_value());
}

TEST(ElfImage, LoadWritesSegmentsAndZeroFillsBss)
{
    const auto image = ElfImage::parse(build_elf(passing_firmware_spec()), "fw.elf");
    std::map<uint64_t, uint8_t> memory;
    for (uint64_t a = 0x80000000; a < 0x80000040; ++a) memory[a] = 0xAA;
    for (uint64_t a = 0x80001000; a < 0x80001010; ++a) memory[a] = 0xAA;
    load_elf(image, [&](uint64_t address, const uint8_t* data, size_t length) {
        for (size_t i = 0; i < length; ++i) {
            if (memory.count(address + i) == 0) return false;
            memory[address + i] = data != nullptr ? data[i] : 0;  // nullptr: a zero fill
        }
        return true;
    });
    EXPECT_EQ(memory[0x80000000], 0xb7);  // first byte of lui t0
    EXPECT_EQ(memory[0x80000013], 0x00);
    EXPECT_EQ(memory[0x80000014], 0x00) << "bss after the file bytes is zeroed";
    EXPECT_EQ(memory[0x8000003f], 0x00);
    EXPECT_EQ(memory[0x80001000], 0x11);
    EXPECT_EQ(memory[0x8000100f], 0x00);
}

TEST(ElfImage, HugeBssIsOneZeroFillNotABufferOfZeros)
{
    // p_memsz comes from the file: 1.75 GiB of bss must not be allocated on the host before the
    // writer refuses it (the old loader built a vector of zeros of that size first).
    auto spec = passing_firmware_spec();
    spec.segments[0].mem_size = 0x70000000u;
    spec.segments.resize(1);
    spec.symbols.clear();
    const auto image = ElfImage::parse(build_elf(spec), "fw.elf");
    std::vector<std::pair<bool, size_t>> calls;  // (zero fill, length)
    const auto refuse_large = [&](uint64_t, const uint8_t* data, size_t length) {
        calls.emplace_back(data == nullptr, length);
        return length < 0x10000;
    };
    EXPECT_THROW(load_elf(image, refuse_large), ImageError);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_TRUE(calls[1].first);
    EXPECT_EQ(calls[1].second, 0x70000000u - 20u);
}

TEST(ElfImage, RejectsEntryOutsideTheSegments)
{
    auto spec = passing_firmware_spec();
    spec.entry = 0x50000000;
    EXPECT_EQ(error_of(build_elf(spec)), "fw.elf: entry point 0x50000000 is not in a loadable segment");
}

TEST(ElfImage, SegmentOutsideMemoryNamesFileAndSegment)
{
    const auto image = ElfImage::parse(build_elf(passing_firmware_spec()), "fw.elf");
    try {
        load_elf(image, [](uint64_t address, const uint8_t*, size_t) { return address < 0x80001000; });
        FAIL() << "expected ImageError";
    } catch (const ImageError& error) {
        EXPECT_STREQ(error.what(), "fw.elf: segment 1 [0x80001000, 0x80001010) lies outside memory");
    }
}

TEST(ElfImage, RejectsNotElf)
{
    EXPECT_EQ(error_of({'h', 'e', 'l', 'l', 'o'}), "fw.elf: not an ELF file (bad magic)");
    EXPECT_EQ(error_of({}), "fw.elf: not an ELF file (bad magic)");
}

TEST(ElfImage, RejectsTruncatedFiles)
{
    const auto good = build_elf(passing_firmware_spec());
    for (size_t length : {size_t{10}, size_t{40}, size_t{60}, size_t{100}}) {
        const std::vector<uint8_t> truncated(good.begin(), good.begin() + static_cast<long>(length));
        EXPECT_NE(error_of(truncated).find("fw.elf: truncated ELF file"), std::string::npos)
            << length << ": " << error_of(truncated);
    }
}

TEST(ElfImage, RejectsWrongClassEndiannessMachineAndType)
{
    auto elf64 = build_elf(passing_firmware_spec());
    elf64[EI_CLASS] = ELFCLASS64;
    EXPECT_EQ(error_of(elf64), "fw.elf: wrong ELF class (ELF64), expected ELF32 for RV32");

    auto big_endian = build_elf(passing_firmware_spec());
    big_endian[EI_DATA] = ELFDATA2MSB;
    EXPECT_EQ(error_of(big_endian), "fw.elf: wrong byte order, expected little-endian");

    auto spec = passing_firmware_spec();
    spec.machine = EM_X86_64;
    EXPECT_EQ(error_of(build_elf(spec)), "fw.elf: wrong machine 62, expected RISC-V (243)");

    spec = passing_firmware_spec();
    spec.type = ET_DYN;
    EXPECT_EQ(error_of(build_elf(spec)), "fw.elf: not an executable (ELF type 3)");
}

TEST(ElfImage, RejectsOverlappingSegments)
{
    auto spec = passing_firmware_spec();
    spec.segments.push_back({0x80000020, test::words_to_bytes({1}), 4});
    EXPECT_EQ(error_of(build_elf(spec)),
              "fw.elf: overlapping segments [0x80000000, 0x80000040) and [0x80000020, 0x80000024)");
}

TEST(ElfImage, RejectsNoLoadableSegments)
{
    test::ElfSpec spec;
    EXPECT_EQ(error_of(build_elf(spec)), "fw.elf: no loadable segments");
}

TEST(ElfImage, MissingFileIsNamed)
{
    try {
        ElfImage::read("/nonexistent/fw.elf");
        FAIL();
    } catch (const ImageError& error) {
        EXPECT_EQ(std::string(error.what()), "/nonexistent/fw.elf: cannot open file (No such file or directory)");
    }
}

TEST(RawImage, ParsesSpecAndRejectsMalformed)
{
    const auto image = parse_image_spec("dir/data@x.bin@0x60000000");
    EXPECT_EQ(image.path, "dir/data@x.bin");
    EXPECT_EQ(image.address, 0x60000000u);
    EXPECT_THROW(parse_image_spec("data.bin"), ImageError);
    EXPECT_THROW(parse_image_spec("data.bin@"), ImageError);
    EXPECT_THROW(parse_image_spec("@0x10"), ImageError);
    EXPECT_THROW(parse_image_spec("data.bin@zz"), ImageError);
}

}  // namespace
}  // namespace pimsoc
