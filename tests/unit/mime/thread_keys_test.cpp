// Tests for src/mime/thread_keys.cpp: msg-id extraction for threading.
#include "mime/thread_keys.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

using Ids = std::vector<std::string>;

TEST(MessageIds, Extraction) {
  EXPECT_EQ(message_ids("<a@b>", 10), Ids{"a@b"});
  EXPECT_EQ(message_ids(" <a@b> (comment) <c@d>\r\n <e@f>", 10), (Ids{"a@b", "c@d", "e@f"}));
  EXPECT_EQ(message_ids("<a@\r\n b>", 10), Ids{"a@b"});  // folded inside the id
  EXPECT_EQ(message_ids("bare@id", 10), Ids{"bare@id"});
  EXPECT_EQ(message_ids("x@y z@w", 10), (Ids{"x@y", "z@w"}));
  EXPECT_EQ(message_ids("<unterminated@x", 10), Ids{"unterminated@x"});
  EXPECT_EQ(message_ids("<> < >", 10), Ids{});
  EXPECT_EQ(message_ids("", 10), Ids{});
  EXPECT_EQ(message_ids("<a@b>", 0), Ids{});
}

TEST(MessageIds, KeepsTheFirstAndTheLatest) {
  std::string refs;
  for (int i = 0; i < 10; ++i) refs += "<" + std::to_string(i) + "@x> ";
  EXPECT_EQ(message_ids(refs, 4), (Ids{"0@x", "7@x", "8@x", "9@x"}));
  EXPECT_EQ(message_ids(refs, 1), Ids{"0@x"});
}

}  // namespace
}  // namespace kurir::mime
