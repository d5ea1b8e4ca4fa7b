// Tests for src/mime/decode.cpp: the GMime wrappers.
#include "mime/decode.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

TEST(DecodeHeaderText, EncodedWordsAndCharsets) {
  const std::pair<const char*, const char*> cases[] = {
      {"plain ascii", "plain ascii"},
      {"=?UTF-8?B?SMOpbGxv?= world", "H\xC3\xA9llo world"},
      {"=?iso-8859-1?q?caf=E9?=", "caf\xC3\xA9"},
      {"=?ISO-8859-15?Q?=A4uro?=", "\xE2\x82\xAC" "uro"},
      {"=?koi8-r?B?8NLJ18XU?=", "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"},
      {"=?Shift_JIS?B?k/qWe4zq?=", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"},
      {"=?utf-8?q?a?= =?utf-8?q?b?=", "ab"},  // RFC 2047 6.2: white space between words goes
      {"Gr\xC3\xBC\xC3\x9F" "e", "Gr\xC3\xBC\xC3\x9F" "e"},  // raw UTF-8 kept
      {"Gr\xFC\xDF" "e", "Gr\xC3\xBC\xC3\x9F" "e"},          // raw Latin-1 guessed
      {"=?bogus-charset?q?x?=", nullptr},
      {"=?utf-8?b?!!!?=", nullptr},
  };
  for (const auto& [in, want] : cases) {
    std::string got = decode_header_text(in);
    EXPECT_TRUE(is_utf8(got)) << in;
    if (want) {
      EXPECT_EQ(got, want) << in;
    }
  }
  EXPECT_EQ(decode_phrase("=?UTF-8?Q?J=C3=BCrgen?= Smith"), "J\xC3\xBCrgen Smith");
}

TEST(ToUtf8, CharsetsAndBadBytes) {
  EXPECT_EQ(to_utf8("caf\xE9", "iso-8859-1"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "windows-1252"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("\x80", "windows-1252"), "\xE2\x82\xAC");
  EXPECT_EQ(to_utf8("caf\xC3\xA9", "utf-8"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", "no-such-charset"), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("caf\xE9", ""), "caf\xC3\xA9");
  EXPECT_EQ(to_utf8("\x1B$B$3$s$K$A$O\x1B(B", "iso-2022-jp"), "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF");
  std::string bad = to_utf8("a\xFF\xFE" "b", "utf-16le");
  EXPECT_TRUE(is_utf8(bad));
  EXPECT_TRUE(is_utf8(to_utf8("\xA4\xA4\xA4", "big5")));
}

TEST(IsUtf8, Validation) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_utf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(is_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(DecodeTransfer, EncodingsAndSizes) {
  std::string out;
  EXPECT_EQ(decode_transfer("SGVsbG8gd29ybGQ=\r\n", "BASE64", &out, 100), 11u);
  EXPECT_EQ(out, "Hello world");
  out.clear();
  EXPECT_EQ(decode_transfer("caf=E9 =\r\nx", "QUOTED-PRINTABLE", &out, 100), 6u);
  EXPECT_EQ(out, "caf\xE9 x");
  out.clear();
  EXPECT_EQ(decode_transfer("SGVsbG8gd29ybGQ=", "BASE64", &out, 4), 11u);  // size is the full size
  EXPECT_EQ(out, "Hell");
  out.clear();
  EXPECT_EQ(decode_transfer("raw", "8BIT", &out, 100), 3u);
  EXPECT_EQ(out, "raw");
  EXPECT_EQ(decode_transfer("!!!*** not base64", "BASE64", nullptr, 0), 6u);  // "notbase64": invalid bytes skipped
  out.clear();
  decode_transfer("begin 644 f\n#86)C\n`\nend\n", "X-UUENCODE", &out, 100);
  EXPECT_EQ(out, "abc");
}

TEST(DecodeTransfer, LargeBodiesDecodeInChunks) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "QUJDQUJD\r\n";  // "ABCABC" each
  std::string out;
  std::uint64_t n = decode_transfer(body, "BASE64", &out, 10);
  EXPECT_EQ(out.size(), 10u);
  EXPECT_EQ(n, 600000u);
}

TEST(ParseDate, Rfc5322AndObsoleteForms) {
  EXPECT_EQ(parse_date("Fri, 21 Nov 1997 09:55:06 -0600"), 880127706);
  EXPECT_EQ(parse_date("21 Nov 97 09:55:06 GMT"), 880106106);  // RFC 5322 4.3: 2-digit year, zone name
  EXPECT_EQ(parse_date("Mon, 7 Feb 1994 21:52:25 -0800 (PST)"), 760686745);
  EXPECT_EQ(parse_date("not a date"), 0);
  EXPECT_EQ(parse_date(""), 0);
}

}  // namespace
}  // namespace kurir::mime
