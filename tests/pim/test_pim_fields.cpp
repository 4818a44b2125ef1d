// A record's member list (pim/model/fields.h): +=, -=, the sum left to right, scaling, and the
// check that the list names every member.
#include <gtest/gtest.h>

#include <cstdint>
#include <tuple>

#include "pim/model/fields.h"

namespace pimsoc::pim {
namespace {

struct Counts {
    uint64_t a = 0, b = 0, c = 0;
    template <class Self>
    static auto fields(Self& r)
    {
        return std::tie(r.a, r.b, r.c);
    }
};

struct Missing {  // fields() forgets c
    uint64_t a = 0, b = 0, c = 0;
    template <class Self>
    static auto fields(Self& r)
    {
        return std::tie(r.a, r.b);
    }
};

struct Areas {
    double x = 0, y = 0, z = 0;
    template <class Self>
    static auto fields(Self& r)
    {
        return std::tie(r.x, r.y, r.z);
    }
};

TEST(PimFields, AddAndSubtractEveryMember)
{
    Counts s{1, 2, 3};
    const Counts d{10, 20, 30};
    add_fields(Counts::fields(s), Counts::fields(d));
    EXPECT_EQ(std::make_tuple(s.a, s.b, s.c), std::make_tuple(11u, 22u, 33u));
    subtract_fields(Counts::fields(s), Counts::fields(d));
    EXPECT_EQ(std::make_tuple(s.a, s.b, s.c), std::make_tuple(1u, 2u, 3u));
}

TEST(PimFields, SumsLeftToRightAndScales)
{
    Areas r{1e16, -1e16, 1.0};  // (x + y) + z = 1; x + (y + z) would be 0 in doubles
    EXPECT_EQ(sum_fields(Areas::fields(r)), 1.0);
    Areas s{1.5, 2.0, 0.25};
    scale_fields(Areas::fields(s), 4.0);
    EXPECT_EQ(std::make_tuple(s.x, s.y, s.z), std::make_tuple(6.0, 8.0, 1.0));
}

TEST(PimFields, ListsEveryMemberTellsAForgottenOne)
{
    EXPECT_TRUE(lists_every_member<Counts>());
    EXPECT_FALSE(lists_every_member<Missing>());
}

}  // namespace
}  // namespace pimsoc::pim
