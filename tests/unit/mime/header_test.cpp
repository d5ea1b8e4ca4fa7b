// Tests for src/mime/header.cpp: field splitting with offsets, folding,
// line endings, missing blank lines, the field limit.
#include "mime/header.hpp"

#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::crlf;

TEST(SplitHeader, FieldsOffsetsAndBody) {
  const std::string m = crlf("Subject: hi\nX-A:  v\n\nbody\n");
  HeaderBlock h = split_header(m, 0, m.size());
  ASSERT_EQ(h.fields.size(), 2u);
  EXPECT_EQ(h.fields[0].name, "Subject");
  EXPECT_EQ(h.fields[0].value, " hi");
  EXPECT_EQ(h.fields[0].offset, 0u);
  EXPECT_EQ(h.fields[1].name, "X-A");
  EXPECT_EQ(h.fields[1].value, "  v");
  EXPECT_EQ(h.fields[1].offset, 13u);
  EXPECT_EQ(m.substr(h.body_begin), "body\r\n");
  EXPECT_FALSE(h.truncated);
}

TEST(SplitHeader, FoldsStayInTheValueAndUnfold) {
  const std::string m = crlf("Subject: a\n  b\n\tc\nTo: x\n\n");
  HeaderBlock h = split_header(m, 0, m.size());
  ASSERT_EQ(h.fields.size(), 2u);
  EXPECT_EQ(h.fields[0].value, " a\r\n  b\r\n\tc");
  EXPECT_EQ(unfold(h.fields[0].value), "a  b\tc");  // RFC 5322 2.2.3: only the CRLFs go
  EXPECT_EQ(h.body_begin, m.size());
}

TEST(SplitHeader, BareLineFeeds) {
  const std::string m = "A: 1\nB: 2\n  more\n\nbody";
  HeaderBlock h = split_header(m, 0, m.size());
  ASSERT_EQ(h.fields.size(), 2u);
  EXPECT_EQ(unfold(h.fields[1].value), "2  more");
  EXPECT_EQ(m.substr(h.body_begin), "body");
}

TEST(SplitHeader, NoBlankLineBodyStartsAtFirstNonField) {
  const std::string m = crlf("Subject: x\nthis is body text\nmore\n");
  HeaderBlock h = split_header(m, 0, m.size());
  ASSERT_EQ(h.fields.size(), 1u);
  EXPECT_EQ(m.substr(h.body_begin), crlf("this is body text\nmore\n"));
}

TEST(SplitHeader, HeaderOnlyRunsToTheEnd) {
  const std::string m = "Subject: x\r\nTo: y";
  HeaderBlock h = split_header(m, 0, m.size());
  ASSERT_EQ(h.fields.size(), 2u);
  EXPECT_EQ(h.fields[1].value, " y");
  EXPECT_EQ(h.body_begin, m.size());
}

TEST(SplitHeader, EmptyAndLeadingFold) {
  HeaderBlock h = split_header("", 0, 0);
  EXPECT_TRUE(h.fields.empty());
  EXPECT_EQ(h.body_begin, 0u);
  const std::string m = " folded first\r\nA: b\r\n";
  h = split_header(m, 0, m.size());
  EXPECT_TRUE(h.fields.empty());
  EXPECT_EQ(h.body_begin, 0u);
}

TEST(SplitHeader, EightBitValuesAndObsoleteSpaceBeforeColon) {
  const std::string m = "Subject : caf\xE9\r\n\r\n";
  HeaderBlock h = split_header(m, 0, m.size());
  ASSERT_EQ(h.fields.size(), 1u);
  EXPECT_EQ(h.fields[0].name, "Subject");
  EXPECT_EQ(unfold(h.fields[0].value), "caf\xE9");
}

TEST(SplitHeader, RespectsEnd) {
  const std::string m = "A: 1\r\nB: 2\r\n\r\n";
  HeaderBlock h = split_header(m, 0, 4);
  ASSERT_EQ(h.fields.size(), 1u);
  EXPECT_EQ(h.fields[0].value, " 1");
  EXPECT_EQ(h.body_begin, 4u);
}

TEST(SplitHeader, FieldLimitKeepsTheRestAsHeaderBytes) {
  std::string m;
  for (std::size_t i = 0; i < limits::kMaxHeaderFields + 10; ++i) m += "X: y\r\n folded\r\n";
  m += "\r\nbody";
  HeaderBlock h = split_header(m, 0, m.size());
  EXPECT_EQ(h.fields.size(), limits::kMaxHeaderFields);
  EXPECT_TRUE(h.truncated);
  EXPECT_EQ(m.substr(h.body_begin), "body");
  EXPECT_EQ(unfold(h.fields.back().value), "y folded");
}

// STYLE habit 3: every prefix of a header splits without reading past it.
TEST(SplitHeader, EveryPrefix) {
  const std::string m = crlf("Subject: a\n b\nTo: c\nbad line\n\nbody\n");
  for (std::size_t n = 0; n <= m.size(); ++n) {
    HeaderBlock h = split_header(m, 0, n);
    ASSERT_LE(h.body_begin, n);
    for (const HeaderField& f : h.fields) {
      ASSERT_LE(f.offset + f.name.size(), n);
      ASSERT_LE(static_cast<std::size_t>(f.value.data() - m.data()) + f.value.size(), n);
    }
  }
}

TEST(Ascii, CaseHelpers) {
  EXPECT_TRUE(iequals("Content-Type", "content-TYPE"));
  EXPECT_FALSE(iequals("a", "ab"));
  EXPECT_EQ(ascii_lower("AbC\xC9"), "abc\xC9");
  EXPECT_EQ(ascii_upper("base64"), "BASE64");
}

}  // namespace
}  // namespace kurir::mime
