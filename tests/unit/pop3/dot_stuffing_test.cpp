#include "pop3/dot_stuffing.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kurir::pop3 {
namespace {

std::string stuff(std::string_view in, std::size_t piece) {
  std::string out;
  DotStuffer stuffer;
  for (std::size_t i = 0; i < in.size(); i += piece) stuffer.append(in.substr(i, piece), out);
  stuffer.finish(out);
  return out;
}

struct Case {
  std::string in;
  std::string out;
};

// RFC 1939 3: byte-stuffing of lines that begin with ".", CRLF line ends,
// ".\r\n" at the end; fed whole and split at every byte.
TEST(DotStuffer, StuffsNormalisesAndTerminates) {
  const std::vector<Case> cases = {
      {"", ".\r\n"},
      {"a\r\n", "a\r\n.\r\n"},
      {"a", "a\r\n.\r\n"},
      {".\r\n", "..\r\n.\r\n"},
      {"a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n"},
      {"..x\r\n", "...x\r\n.\r\n"},
      {"a.b\r\n", "a.b\r\n.\r\n"},
      {"a\nb\n", "a\r\nb\r\n.\r\n"},        // bare LF becomes CRLF
      {"a\n.\n", "a\r\n..\r\n.\r\n"},
      {"\r\n\r\n", "\r\n\r\n.\r\n"},
      {"a\r", "a\r\n.\r\n"},                 // a last lone CR is completed, not doubled
      {"a\rb\r\n", "a\rb\r\n.\r\n"},         // a lone CR inside a line is kept
      {"\r.\r\n", "\r.\r\n.\r\n"},
  };
  for (const auto& c : cases) {
    for (std::size_t piece = 1; piece <= c.in.size() + 1; ++piece)
      EXPECT_EQ(stuff(c.in, piece), c.out) << "input \"" << c.in << "\" in pieces of " << piece;
  }
}

TEST(DotStuffer, EndLineOnlyClosesAnOpenLine) {
  std::string out;
  DotStuffer stuffer;
  stuffer.end_line(out);
  EXPECT_EQ(out, "");
  stuffer.append("Subject: x", out);
  EXPECT_FALSE(stuffer.at_line_start());
  stuffer.end_line(out);
  EXPECT_EQ(out, "Subject: x\r\n");
  EXPECT_TRUE(stuffer.at_line_start());
}

// RFC 1939 7 TOP: the first n lines of the body.
TEST(FirstLinesEnd, CountsLinesWithTheirEnds) {
  EXPECT_EQ(first_lines_end("a\r\nb\r\nc", 0), 0u);
  EXPECT_EQ(first_lines_end("a\r\nb\r\nc", 1), 3u);
  EXPECT_EQ(first_lines_end("a\r\nb\r\nc", 2), 6u);
  EXPECT_EQ(first_lines_end("a\r\nb\r\nc", 3), 7u);
  EXPECT_EQ(first_lines_end("a\r\nb\r\nc", 100), 7u);
  EXPECT_EQ(first_lines_end("", 5), 0u);
}

}  // namespace
}  // namespace kurir::pop3
