// Tests for src/mime/text.cpp: search text and HTML stripping.
#include "mime/text.hpp"

#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "messages.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::crlf;
using test::parse_checked;

TEST(StripHtml, TagsScriptsStylesEntities) {
  EXPECT_EQ(strip_html("<p>a &amp; b</p>"), "a & b ");
  EXPECT_EQ(strip_html("x<script>var a = '<p>';</script>y"), "x y");
  EXPECT_EQ(strip_html("<STYLE>p{}</STYLE>z<!-- <b> -->w"), "z w");
  EXPECT_EQ(strip_html("unterminated <b"), "unterminated ");
  EXPECT_EQ(strip_html("&nbsp;&lt;&gt;&quot;&unknown;"), " <>\"&unknown;");
}

TEST(SearchText, DecodesTextPartsOnly) {
  ParsedMessage m = parse_checked(crlf(test::kAlternative));
  EXPECT_EQ(m.search_text, "caf\xC3\xA9\ncaf& bold ");
  ParsedMessage mixed = parse_checked(crlf(test::kMixed));
  EXPECT_EQ(mixed.search_text, "See attached.\nplain\nx ");  // not the PDF
}

TEST(SearchText, CharsetsOfTheParts) {
  const std::string t = crlf(
      "Content-Type: multipart/mixed; boundary=c\n\n"
      "--c\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n8NLJ18XU\n"
      "--c\nContent-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: 8bit\n\n\x93\xFA\x96\x7B\n"
      "--c\nContent-Type: text/plain; charset=utf-8\nContent-Disposition: attachment\n\nskipped\n"
      "--c--\n");
  ParsedMessage m = parse_checked(t);
  EXPECT_EQ(m.search_text, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\n\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST(SearchText, IsBounded) {
  std::string t = "Content-Type: text/plain; charset=utf-8\r\n\r\n";
  for (std::size_t i = 0; i < limits::kMaxSearchTextBytes / 2 + 10; ++i) t += "\xC3\xA9";
  ParsedMessage m = parse_checked(t);
  EXPECT_LE(m.search_text.size(), limits::kMaxSearchTextBytes);
  EXPECT_GE(m.search_text.size(), limits::kMaxSearchTextBytes - 1);
  EXPECT_TRUE(m.search_text.ends_with("\xC3\xA9"));  // cut on a character boundary
}

}  // namespace
}  // namespace kurir::mime
