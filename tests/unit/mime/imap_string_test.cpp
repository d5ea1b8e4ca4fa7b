// Tests for src/mime/imap_string.cpp: RFC 3501 4.3 quoted strings and literals.
#include "mime/imap_string.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

std::string str(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

TEST(ImapString, QuotedAndEscaped) {
  EXPECT_EQ(str("abc"), "\"abc\"");
  EXPECT_EQ(str(""), "\"\"");
  EXPECT_EQ(str("a\"b\\c"), "\"a\\\"b\\\\c\"");
}

TEST(ImapString, LiteralForEightBitControlsAndLength) {
  EXPECT_EQ(str("caf\xC3\xA9"), "{5}\r\ncaf\xC3\xA9");
  EXPECT_EQ(str("a\r\nb"), "{4}\r\na\r\nb");
  EXPECT_EQ(str(std::string(1, '\n')), "{1}\r\n\n");
  std::string long_value(kMaxQuotedBytes + 1, 'x');
  EXPECT_EQ(str(long_value), "{1001}\r\n" + long_value);
  EXPECT_EQ(str(std::string(kMaxQuotedBytes, 'x')), "\"" + std::string(kMaxQuotedBytes, 'x') + "\"");
}

TEST(ImapString, NulBecomesReplacementCharacter) {
  EXPECT_EQ(str(std::string("a\0b", 3)), "{5}\r\na\xEF\xBF\xBD" "b");
}

TEST(ImapString, NilAndNumbers) {
  std::string out;
  append_nstring(out, "");
  out += ' ';
  append_nstring(out, "x");
  out += ' ';
  append_number(out, 18446744073709551615ull);
  EXPECT_EQ(out, "NIL \"x\" 18446744073709551615");
}

}  // namespace
}  // namespace kurir::mime
