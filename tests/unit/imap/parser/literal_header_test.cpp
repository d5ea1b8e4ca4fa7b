// trailing_literal: the literal announcements of RFC 9051 4.3, RFC 7888
// (non-synchronizing) and RFC 3516 4.4 (literal8) at the end of a line.
#include <limits>

#include "support.hpp"

namespace kurir::imap {
namespace {

TEST(TrailingLiteral, Announcements) {
  struct Case {
    std::string_view line;
    std::optional<LiteralHeader> expected;
  };
  const Case cases[] = {
      {"a LOGIN {5}", LiteralHeader{5, false, false}},
      {"a LOGIN alice {6+}", LiteralHeader{6, true, false}},
      {"a APPEND INBOX ~{1024}", LiteralHeader{1024, false, true}},
      {"a APPEND INBOX ~{10+}", LiteralHeader{10, true, true}},
      {"a APPEND INBOX (\\Seen) {0}", LiteralHeader{0, false, false}},
      {"{007}", LiteralHeader{7, false, false}},
      {"a LOGIN \"{5}\"", std::nullopt},  // inside a quoted string
      {"a LOGIN \"x {5}", std::nullopt},  // still inside a quoted string
      {"a LOGIN \"a\\\"b\" {3}", LiteralHeader{3, false, false}},
      {"a LOGIN \"{5}\" {2}", LiteralHeader{2, false, false}},
      {"a LOGIN {}", std::nullopt},
      {"a LOGIN {+}", std::nullopt},
      {"a LOGIN {5x}", std::nullopt},
      {"a LOGIN {-5}", std::nullopt},
      {"a LOGIN 5}", std::nullopt},
      {"a NOOP", std::nullopt},
      {"", std::nullopt},
      {"}", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(trailing_literal(c.line), c.expected) << c.line;
}

TEST(TrailingLiteral, HugeSizesSaturate) {
  const auto header = trailing_literal("a APPEND INBOX {99999999999999999999999999}");
  ASSERT_TRUE(header);
  EXPECT_EQ(header->size, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(trailing_literal("a {18446744073709551615}")->size, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(trailing_literal("a {18446744073709551614}")->size,
            std::numeric_limits<std::uint64_t>::max() - 1);
}

}  // namespace
}  // namespace kurir::imap
