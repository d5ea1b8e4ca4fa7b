// Tests for src/mime/structure.cpp: the part tree, offsets, line counts,
// broken boundaries, bare LF, and the depth / part-count limits.
#include "mime/structure.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/limits.hpp"
#include "messages.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::body_of;
using test::crlf;
using test::header_of;
using test::parse_checked;

std::vector<std::string> types(const ParsedMessage& m) {
  std::vector<std::string> out;
  for (const Part& p : m.parts) out.push_back(p.type + "/" + p.subtype);
  return out;
}

TEST(Structure, MixedOffsetsPointAtTheRightBytes) {
  const std::string text = crlf(test::kMixed);
  ParsedMessage m = parse_checked(text);
  ASSERT_EQ(types(m), (std::vector<std::string>{"multipart/mixed", "text/plain", "application/pdf", "message/rfc822",
                                                "multipart/alternative", "text/plain", "text/html"}));
  EXPECT_EQ(m.parts[0].children, (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_TRUE(header_of(text, m, 0).starts_with("From: Alice"));
  EXPECT_TRUE(header_of(text, m, 0).ends_with("boundary=outer\r\n\r\n"));
  EXPECT_EQ(body_of(text, m, 1), "See attached.");  // RFC 2046 5.1.1: the CRLF belongs to the delimiter
  EXPECT_EQ(header_of(text, m, 1), "Content-Type: text/plain\r\n\r\n");
  EXPECT_EQ(body_of(text, m, 2), "JVBERi0xLjQK");
  EXPECT_EQ(m.parts[2].decoded_size, 9u);
  EXPECT_EQ(m.parts[2].encoding, "BASE64");
  EXPECT_EQ(m.parts[2].disposition, "attachment");
  EXPECT_EQ(m.parts[2].language, (std::vector<std::string>{"en", "de"}));
  // message/rfc822: its body is the whole encapsulated message, whose root is
  // its one child and whose header starts where the body does.
  EXPECT_EQ(m.parts[3].children, (std::vector<std::uint32_t>{4}));
  EXPECT_EQ(m.parts[4].header_begin, m.parts[3].body_begin);
  EXPECT_EQ(m.parts[4].body_end, m.parts[3].body_end);
  EXPECT_TRUE(body_of(text, m, 3).starts_with("From: Carol"));
  EXPECT_TRUE(body_of(text, m, 3).ends_with("--inner--"));
  EXPECT_EQ(m.parts[3].body_lines, 12u);
  EXPECT_EQ(header_of(text, m, 5), "\r\n");  // no header fields: defaults
  EXPECT_EQ(body_of(text, m, 5), "plain");
  EXPECT_EQ(body_of(text, m, 6), "<b>x</b>");
  EXPECT_EQ(m.parts[6].parent, 4u);
}

TEST(Structure, BareLineFeedsGiveTheSameTree) {
  const std::string lf = test::kMixed;
  ParsedMessage a = parse_checked(lf);
  ParsedMessage b = parse_checked(crlf(lf));
  ASSERT_EQ(types(a), types(b));
  for (std::size_t i = 0; i < a.parts.size(); ++i) {
    EXPECT_EQ(a.parts[i].body_lines, b.parts[i].body_lines) << i;
    EXPECT_EQ(a.parts[i].children, b.parts[i].children) << i;
  }
  EXPECT_EQ(body_of(lf, a, 1), "See attached.");
  EXPECT_EQ(body_of(lf, a, 6), "<b>x</b>");
}

TEST(Structure, BrokenBoundaries) {
  {
    const std::string t = crlf(test::kMissingFinalBoundary);
    ParsedMessage m = parse_checked(t);
    ASSERT_EQ(m.parts.size(), 3u);
    EXPECT_EQ(body_of(t, m, 2), "two, cut off");  // the last part runs to the end
  }
  {
    const std::string t = crlf(test::kNoBoundaryFound);
    ParsedMessage m = parse_checked(t);
    ASSERT_EQ(m.parts.size(), 1u);
    EXPECT_EQ(m.parts[0].type, "text");
    EXPECT_EQ(body_of(t, m, 0), crlf("--actual\n\ntext\n--actual--\n"));
  }
  {
    ParsedMessage m = parse_checked(crlf(test::kNoBoundaryParam));
    EXPECT_EQ(types(m), std::vector<std::string>{"text/plain"});
  }
  {
    const std::string t = crlf(test::kUnclosedInner);
    ParsedMessage m = parse_checked(t);
    ASSERT_EQ(types(m), (std::vector<std::string>{"multipart/mixed", "multipart/alternative", "text/plain",
                                                  "text/plain"}));
    EXPECT_EQ(body_of(t, m, 2), "a");
    EXPECT_EQ(body_of(t, m, 3), "b");
  }
  {
    const std::string t = crlf(test::kPrefixBoundaries);
    ParsedMessage m = parse_checked(t);
    ASSERT_EQ(m.parts.size(), 4u);
    EXPECT_EQ(m.parts[0].children, (std::vector<std::uint32_t>{1, 3}));
    EXPECT_EQ(body_of(t, m, 3), "y");
  }
}

TEST(Structure, EmptyHeaderOnlyAndNoBlankLine) {
  {
    ParsedMessage m = parse_checked("");
    ASSERT_EQ(m.parts.size(), 1u);
    EXPECT_EQ(m.parts[0].body_lines, 0u);
  }
  {
    const std::string t = "Subject: only a header\r\n";
    ParsedMessage m = parse_checked(t);
    EXPECT_EQ(m.parts[0].body_begin, t.size());
    EXPECT_EQ(m.subject, "only a header");
  }
  {
    const std::string t = crlf("Subject: s\nno blank line here\nsecond\n");
    ParsedMessage m = parse_checked(t);
    EXPECT_EQ(body_of(t, m, 0), crlf("no blank line here\nsecond\n"));
    EXPECT_EQ(m.parts[0].body_lines, 2u);
  }
  {
    ParsedMessage m = parse_checked("\r\n\r\nbody without header");
    EXPECT_EQ(m.parts[0].body_begin, 2u);
    EXPECT_EQ(m.parts[0].body_lines, 2u);
  }
}

TEST(Structure, EmptyPartsBetweenAdjacentDelimiters) {
  const std::string t = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\n--b--\n");
  ParsedMessage m = parse_checked(t);
  ASSERT_EQ(m.parts.size(), 3u);
  EXPECT_EQ(body_of(t, m, 1), "");
  EXPECT_EQ(body_of(t, m, 2), "");
}

std::string nested_multiparts(std::size_t depth) {
  std::string head, tail;
  for (std::size_t i = 0; i < depth; ++i) {
    head += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\r\n\r\n--b" + std::to_string(i) + "\r\n";
    tail = "\r\n--b" + std::to_string(i) + "--\r\n" + tail;
  }
  return head + "\r\ninnermost\r\n" + tail;
}

TEST(Structure, DeepMultipartNestingIsCutAtTheLimit) {
  const std::string t = nested_multiparts(100);
  ParsedMessage m = parse_checked(t);
  EXPECT_TRUE(m.truncated);
  EXPECT_EQ(m.parts.size(), limits::kMaxMimeDepth);
  EXPECT_EQ(m.parts.back().type, "application");  // the opaque leaf keeps the rest
  const std::string ok = nested_multiparts(limits::kMaxMimeDepth - 1);
  ParsedMessage n = parse_checked(ok);
  EXPECT_FALSE(n.truncated);
  EXPECT_EQ(n.parts.size(), limits::kMaxMimeDepth);
  EXPECT_EQ(body_of(ok, n, n.parts.size() - 1), "innermost\r\n");
}

TEST(Structure, DeepMessageNestingIsCutAtTheLimit) {
  std::string t;
  for (int i = 0; i < 200; ++i) t += "Content-Type: message/rfc822\r\n\r\n";
  t += "Subject: deepest\r\n\r\nx";
  ParsedMessage m = parse_checked(t);
  EXPECT_TRUE(m.truncated);
  EXPECT_EQ(m.parts.size(), limits::kMaxMimeDepth);
}

TEST(Structure, PartCountIsCutAtTheLimit) {
  std::string t = "Content-Type: multipart/mixed; boundary=x\r\n\r\n";
  for (std::size_t i = 0; i < limits::kMaxMimeParts + 500; ++i) t += "--x\r\n\r\np" + std::to_string(i) + "\r\n";
  t += "--x--\r\nepilogue\r\n";
  ParsedMessage m = parse_checked(t);
  EXPECT_TRUE(m.truncated);
  EXPECT_EQ(m.parts.size(), limits::kMaxMimeParts);
  // The last part keeps the rest of the multipart's body as its text.
  EXPECT_EQ(m.parts.back().body_end, t.size());
}

// STYLE habit 3, for a whole-message parser: every prefix parses and keeps
// every invariant (offsets in bounds, children inside parents, grammar).
TEST(Structure, EveryPrefixKeepsTheInvariants) {
  for (const char* text : {test::kMixed, test::kDigest, test::kPrefixBoundaries, test::kUnclosedInner}) {
    for (const std::string& t : {crlf(text), std::string(text)}) {
      for (std::size_t n = 0; n <= t.size(); ++n) {
        ParsedMessage m = parse_message(std::string_view(t).substr(0, n));
        ASSERT_EQ(find_violation(m, n), "") << "prefix " << n << " of:\n" << t;
      }
    }
  }
}

// Nested boundaries must not make the scan quadratic.
TEST(Structure, ManyDelimitersAtEveryDepthStayFast) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "--b0\r\n\r\nx\r\n";
  std::string t = nested_multiparts(limits::kMaxMimeDepth - 2);
  t.insert(t.find("innermost"), body);
  auto start = std::chrono::steady_clock::now();
  ParsedMessage m = parse_checked(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(ms, 3000);
  EXPECT_EQ(find_violation(m, t.size()), "");
}

}  // namespace
}  // namespace kurir::mime
