// The DATA end-of-data recogniser (RFC 5321 4.1.1.4, 4.5.2, 2.3.8), with the
// 2023 SMTP smuggling inputs; every case is also fed one byte at a time.
#include "smtp/parser/data_decoder.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kurir::smtp {
namespace {

struct Outcome {
  bool done = false;
  std::size_t consumed = 0;  // input bytes up to and including the end mark
  std::string message;
  bool bare = false;
  bool operator==(const Outcome&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  return os << "{done=" << o.done << " consumed=" << o.consumed << " bare=" << o.bare << " message=" << testing::PrintToString(o.message) << "}";
}

Outcome run(std::string_view input, std::size_t piece, std::uint64_t max = 1 << 20) {
  DataDecoder d(max);
  Outcome o;
  for (std::size_t i = 0; i < input.size() && !d.done(); i += piece) {
    const auto chunk = input.substr(i, piece);
    o.consumed += d.feed(chunk);
  }
  o.done = d.done();
  o.message = d.message();
  o.bare = d.bare_line_end();
  return o;
}

struct Case {
  std::string name;
  std::string input;
  Outcome expected;
};

TEST(DataDecoder, Table) {
  const Case cases[] = {
      {"empty message", ".\r\n", {true, 3, "", false}},
      {"one line", "Hi\r\n.\r\n", {true, 7, "Hi\r\n", false}},
      {"stops at the mark", "a\r\n.\r\nMAIL FROM:<x@y>\r\n", {true, 6, "a\r\n", false}},
      {"dot stuffing", "..x\r\n..\r\n.\r\n", {true, 12, ".x\r\n.\r\n", false}},
      {"dot inside a line", "a.b\r\n.x\r\n.\r\n", {true, 12, "a.b\r\nx\r\n", false}},
      {"no end yet", "a\r\n.", {false, 4, "a\r\n", false}},
      // The 2023 smuggling family: none of these ends the data; the real end does.
      {"LF.LF", "a\n.\nMAIL FROM:<x@y>\r\n.\r\n", {true, 24, "a\n.\nMAIL FROM:<x@y>\r\n", true}},
      {"CRLF.LF", "a\r\n.\nMAIL\r\n.\r\n", {true, 14, "a\r\n\nMAIL\r\n", true}},
      {"LF.CRLF", "a\n.\r\nMAIL\r\n.\r\n", {true, 14, "a\n.\r\nMAIL\r\n", true}},
      {"CR.CRLF", "a\r.\r\nMAIL\r\n.\r\n", {true, 14, "a\r.\r\nMAIL\r\n", true}},
      {"CRLF.CR", "a\r\n.\rMAIL\r\n.\r\n", {true, 14, "a\r\n\rMAIL\r\n", true}},
      {"CR.CR", "a\r.\rMAIL\r\n.\r\n", {true, 13, "a\r.\rMAIL\r\n", true}},
      {"bare LF only", "a\nb\r\n.\r\n", {true, 8, "a\nb\r\n", true}},
      {"CRCRLF", "a\r\r\n.\r\n", {true, 7, "a\r\r\n", true}},
      {"NUL kept", std::string("a\0b\r\n.\r\n", 8), {true, 8, std::string("a\0b\r\n", 5), false}},
      {"8-bit kept", "gr\xc3\xbc\xc3\x9f\r\n.\r\n", {true, 11, "gr\xc3\xbc\xc3\x9f\r\n", false}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(run(c.input, c.input.size() + 1), c.expected) << c.name;
    EXPECT_EQ(run(c.input, 1), c.expected) << c.name << " (byte by byte)";
    EXPECT_EQ(run(c.input, 2), c.expected) << c.name << " (two bytes)";
  }
}

TEST(DataDecoder, SizeIsCountedPastTheCap) {
  DataDecoder d(4);
  EXPECT_EQ(d.feed("abcdef\r\n.\r\n"), 11u);
  EXPECT_TRUE(d.done());
  EXPECT_TRUE(d.too_big());
  EXPECT_EQ(d.size(), 8u);
  EXPECT_EQ(d.message(), "abcd");
}

}  // namespace
}  // namespace kurir::smtp
