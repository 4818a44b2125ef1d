// The shared error codes: the C header's values, its name table and the C++ enum tied together
// (docs/models/pim.md, "Errors").
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pim/model/error.h"
#include "pim/pim_errors.h"
#include "rtm/rtm_regs.h"

using namespace pimsoc::pim;

// The racetrack's register codes are the shared ones (firmware and model read the same numbers).
static_assert(RTM_ERR_NONE == PIM_ERR_NONE && RTM_ERR_BAD_OPCODE == 1u && RTM_ERR_BAD_TYPE == 2u &&
                  RTM_ERR_ZERO_SIZE == 3u && RTM_ERR_OUT_OF_RANGE == 4u && RTM_ERR_CROSS_BANK == 5u &&
                  RTM_ERR_MISALIGNED == 6u && RTM_ERR_BAD_STRIDE == 7u && RTM_ERR_BAD_KERNEL == 8u &&
                  RTM_ERR_BAD_PADDING == 9u && RTM_ERR_OVERLAP == 10u && RTM_ERR_TOO_LARGE == 11u &&
                  RTM_ERR_BAD_CMD == 16u,
              "RTM ERR_CODE values unchanged");
static_assert(PIM_ERR_BUSY == 17u, "start while busy / queue full");

TEST(PimErrors, EveryCodeHasItsOwnName)
{
    std::set<std::string> names;
    for (const Error e : all_errors) {
        const std::string name = to_string(e);
        EXPECT_NE(name, "unknown error") << code(e);
        EXPECT_NE(name, "technology-specific error") << code(e);
        EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
        EXPECT_EQ(name, pim_error_name(code(e)));
    }
    EXPECT_EQ(std::size(all_errors), 14u);
}

TEST(PimErrors, AllErrorsListsEveryNamedCodeInOrder)
{
    // Every code below the technology range that has a name is in all_errors, ascending.
    size_t next = 0;
    for (unsigned c = 0; c < PIM_ERR_TECH_FIRST; ++c) {
        if (std::string(pim_error_name(c)) == "unknown error") continue;
        ASSERT_LT(next, std::size(all_errors)) << c;
        EXPECT_EQ(code(all_errors[next]), c);
        ++next;
    }
    EXPECT_EQ(next, std::size(all_errors));
}

TEST(PimErrors, UnknownAndTechnologyCodesHaveFallbackNames)
{
    EXPECT_STREQ(pim_error_name(12), "unknown error");
    EXPECT_STREQ(pim_error_name(18), "unknown error");
    EXPECT_STREQ(pim_error_name(PIM_ERR_TECH_FIRST), "technology-specific error");
    EXPECT_STREQ(pim_error_name(PIM_ERR_TECH_LAST), "technology-specific error");
    EXPECT_STREQ(pim_error_name(PIM_ERR_TECH_LAST + 1), "unknown error");
    EXPECT_STREQ(pim_error_name(0xFFFFFFFFu), "unknown error");
    EXPECT_STREQ(to_string(Error::busy), "busy");
    EXPECT_STREQ(to_string(Error::none), "none");
}
