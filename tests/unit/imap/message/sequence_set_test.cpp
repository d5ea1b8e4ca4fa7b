#include "imap/message/sequence_set.hpp"

#include <gtest/gtest.h>

namespace kurir::imap::message {
namespace {

TEST(SequenceSet, Contains) {
  SequenceSet s;
  s.ranges = {{1, 3}, {7, 7}, {kStar, 10}};
  EXPECT_TRUE(sequence_set_contains(s, 1, 20));
  EXPECT_TRUE(sequence_set_contains(s, 3, 20));
  EXPECT_FALSE(sequence_set_contains(s, 4, 20));
  EXPECT_TRUE(sequence_set_contains(s, 7, 20));
  EXPECT_TRUE(sequence_set_contains(s, 15, 20));  // "*:10" with * = 20 is 10:20
  EXPECT_FALSE(sequence_set_contains(s, 21, 20));
  EXPECT_TRUE(sequence_set_contains(s, 8, 8));  // 8:10 with * = 8
  EXPECT_FALSE(sequence_set_contains(SequenceSet{}, 1, 1));
}

TEST(SequenceSet, Format) {
  const auto f = [](std::vector<std::uint32_t> v) { return format_sequence_set(v); };
  EXPECT_EQ(f({}), "");
  EXPECT_EQ(f({4}), "4");
  EXPECT_EQ(f({1, 2, 3, 5, 7, 8}), "1:3,5,7:8");
  EXPECT_EQ(f({1, 3, 5}), "1,3,5");
  EXPECT_EQ(f({4294967294u, 4294967295u}), "4294967294:4294967295");
}

}  // namespace
}  // namespace kurir::imap::message
