// Tests for src/mime/message.cpp: the decoded fields of ParsedMessage.
#include "mime/message.hpp"

#include <gtest/gtest.h>

#include "messages.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::crlf;
using test::parse_checked;

TEST(ParseMessage, DecodedHeadersAndThreadKeys) {
  ParsedMessage m = parse_checked(crlf(test::kSimple));
  EXPECT_EQ(m.subject, "H\xC3\xA9llo world");
  EXPECT_EQ(m.base_subject, "H\xC3\xA9llo world");
  EXPECT_EQ(m.from, "Doe, Jane <jane@example.org>");
  EXPECT_EQ(m.to, "bob@example.com, a@b.c, Q \"x\" <d@e.f>");
  EXPECT_EQ(m.cc, "");
  EXPECT_EQ(m.date, 760686745);
  EXPECT_EQ(m.message_id, "1234@local.machine.example");
  EXPECT_EQ(m.in_reply_to, "parent@x");
  EXPECT_EQ(m.references, (std::vector<std::string>{"root@x", "parent@x"}));
  EXPECT_EQ(m.search_text, "Hello\r\n");
  EXPECT_FALSE(m.has_attachment);
  EXPECT_FALSE(m.truncated);
}

TEST(ParseMessage, EightBitHeaders) {
  ParsedMessage m = parse_checked(crlf(test::kEightBitHeader));
  EXPECT_EQ(m.subject, "Gr\xC3\xBC\xC3\x9F" "e");
  EXPECT_EQ(m.from, "J\xC3\xBCrgen <j@x.de>");
}

TEST(ParseMessage, Attachments) {
  EXPECT_TRUE(parse_checked(crlf(test::kMixed)).has_attachment);  // disposition attachment
  EXPECT_FALSE(parse_checked(crlf(test::kAlternative)).has_attachment);
  // A non-text leaf with a file name counts without a disposition.
  EXPECT_TRUE(parse_checked(crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nt\n--b\n"
                                 "Content-Type: image/png; name=a.png\n\nx\n--b--\n"))
                  .has_attachment);
  // Inline images without names do not.
  EXPECT_FALSE(parse_checked(crlf("Content-Type: multipart/related; boundary=b\n\n--b\n\nt\n--b\n"
                                  "Content-Type: image/png\n\nx\n--b--\n"))
                   .has_attachment);
}

TEST(ParseMessage, BaseSubjectFromReplyChain) {
  ParsedMessage m = parse_checked(crlf(test::kAlternative));
  EXPECT_EQ(m.subject, "Re: [list] Fwd: hi (fwd)");
  EXPECT_EQ(m.base_subject, "hi");
}

TEST(ParseMessage, MissingHeadersGiveEmptyValues) {
  ParsedMessage m = parse_checked("\r\nbody");
  EXPECT_EQ(m.subject, "");
  EXPECT_EQ(m.date, 0);
  EXPECT_EQ(m.message_id, "");
  EXPECT_TRUE(m.references.empty());
  EXPECT_EQ(m.envelope, "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
}

TEST(ParseMessage, BinaryGarbageStillYieldsAValidStructure) {
  std::string junk;
  std::uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    junk.push_back(static_cast<char>(x >> 16));
  }
  (void)parse_checked(junk);
  (void)parse_checked("Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n");
  using namespace std::string_literals;  // keeps the NULs, and the length
  (void)parse_checked("Subject: a\0b\r\nFrom: \0<\0@\0>\r\n\r\n\0"s);
}

}  // namespace
}  // namespace kurir::mime
