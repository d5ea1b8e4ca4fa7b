// trailing_literal: the literal announcements of RFC 9051 4.3, RFC 7888
// (non-synchronizing) and RFC 3516 4.4 (literal8) at the end of a line.
#include <limits>
#include <optional>
#include <string>

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

// The session's reading of a command: a line, and while it announces a
// literal, the literal's bytes and the next line. Returns the bytes read as
// parse_command wants them, or nullopt if the wire cannot be read so.
std::optional<std::string> read_as_the_session_does(std::string_view wire) {
  std::string joined;
  while (true) {
    const auto crlf = wire.find("\r\n");
    const auto line = wire.substr(0, crlf);
    joined += line;
    const auto literal = trailing_literal(line);
    if (crlf == std::string_view::npos) return literal ? std::nullopt : std::optional<std::string>(joined);
    if (!literal || literal->size > wire.size() - crlf - 2) return std::nullopt;
    joined += "\r\n";
    joined += wire.substr(crlf + 2, static_cast<std::size_t>(literal->size));
    wire.remove_prefix(crlf + 2 + static_cast<std::size_t>(literal->size));
  }
}

TEST(TrailingLiteral, FramesWhatTheParserAccepts) {
  for (std::string_view wire : {
           "a LOGIN {5}\r\nalice {6+}\r\nsecret",
           "a APPEND INBOX (\\Seen) {2}\r\nab ~{3}\r\nc\r\n (\\Flagged) UTF8 (~{1}\r\ne)",
           "a SEARCH TEXT {4}\r\n{1}\r SUBJECT \"{3}\" FROM {0}\r\n",
           "a LIST {0}\r\n {3}\r\na*b RETURN (CHILDREN)",
       }) {
    const auto joined = read_as_the_session_does(wire);
    ASSERT_TRUE(joined) << wire;
    EXPECT_EQ(*joined, wire);
    EXPECT_TRUE(std::holds_alternative<Command>(parse_command(*joined))) << wire;
  }
}

}  // namespace
}  // namespace kurir::imap
