// Tests for src/mime/content_type.cpp: RFC 2045 5.1 Content-Type, RFC 2183
// Content-Disposition, RFC 2231 parameters, RFC 3282 Content-Language.
#include "mime/content_type.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

struct Case {
  const char* input;
  bool valid;
  const char* type;
  const char* subtype;
  std::vector<Param> params;
};

TEST(ContentType, Table) {
  const Case cases[] = {
      {"text/plain", true, "text", "plain", {}},
      {"TEXT/HTML; CHARSET=UTF-8", true, "text", "html", {{"charset", "UTF-8"}}},
      {"multipart/mixed; boundary=\"a b;c\"", true, "multipart", "mixed", {{"boundary", "a b;c"}}},
      // Unquoted tspecials, as real mailers write them.
      {"multipart/alternative; boundary=----=_Part_1_2.3", true, "multipart", "alternative",
       {{"boundary", "----=_Part_1_2.3"}}},
      {"text/plain (comment) ; (c2) charset = \"us-ascii\" (c3)", true, "text", "plain", {{"charset", "us-ascii"}}},
      {"text/plain; format=flowed; delsp=yes", true, "text", "plain", {{"format", "flowed"}, {"delsp", "yes"}}},
      {"text/plain;; charset=a;", true, "text", "plain", {{"charset", "a"}}},
      {"text/plain; charset=a; charset=b", true, "text", "plain", {{"charset", "a"}}},
      {"text/plain; a=1 b=2", true, "text", "plain", {{"a", "1"}, {"b", "2"}}},
      {"text/plain; novalue; x=\"esc\\\"aped\"", true, "text", "plain", {{"x", "esc\"aped"}}},
      {"text/plain; x=\"unterminated", true, "text", "plain", {{"x", "unterminated"}}},
      // RFC 2231 3: continuations, joined in section order.
      {"application/x; name*1=\"b\"; name*0=\"a\"; name*2=c", true, "application", "x", {{"name", "abc"}}},
      // RFC 2231 4: charset and %-escapes.
      {"application/x; name*=iso-8859-1'fr'caf%E9", true, "application", "x", {{"name", "caf\xC3\xA9"}}},
      {"application/x; name*0*=UTF-8''%E2%82%AC; name*1=\"-5.txt\"", true, "application", "x",
       {{"name", "\xE2\x82\xAC-5.txt"}}},
      // RFC 2047 words in a parameter (forbidden, but common): decoded.
      {"application/x; name=\"=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=\"", true, "application", "x",
       {{"name", "r\xC3\xA9sum\xC3\xA9.pdf"}}},
      // Raw 8-bit: Latin-1 becomes UTF-8; boundaries stay byte-exact.
      {"application/x; name=caf\xE9", true, "application", "x", {{"name", "caf\xC3\xA9"}}},
      {"multipart/mixed; boundary=\"=?x?=\xE9\"", true, "multipart", "mixed", {{"boundary", "=?x?=\xE9"}}},
      {"", false, "", "", {}},
      {"text", false, "", "", {}},
      {"text/", false, "", "", {}},
      {"/plain; charset=x", false, "", "", {{"charset", "x"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    ContentValue cv = parse_content_type(c.input);
    EXPECT_EQ(cv.valid, c.valid);
    EXPECT_EQ(cv.type, c.type);
    EXPECT_EQ(cv.subtype, c.subtype);
    EXPECT_EQ(cv.params, c.params);
  }
}

TEST(ContentDisposition, TypeAndFilename) {
  ContentValue cv = parse_disposition("Attachment; filename=\"a.txt\"; size=3");
  EXPECT_TRUE(cv.valid);
  EXPECT_EQ(cv.type, "attachment");
  EXPECT_EQ(cv.params, (std::vector<Param>{{"filename", "a.txt"}, {"size", "3"}}));
  EXPECT_FALSE(parse_disposition("; filename=x").valid);
  ASSERT_NE(find_param(cv.params, "size"), nullptr);
  EXPECT_EQ(*find_param(cv.params, "size"), "3");
  EXPECT_EQ(find_param(cv.params, "none"), nullptr);
}

TEST(ContentType, ManyParametersAreCapped) {
  std::string v = "text/plain";
  for (int i = 0; i < 5000; ++i) v += "; p" + std::to_string(i) + "=v";
  ContentValue cv = parse_content_type(v);
  EXPECT_TRUE(cv.valid);
  EXPECT_LE(cv.params.size(), 256u);
}

TEST(ContentType, EveryPrefixParses) {
  const std::string v = "multipart/mixed (c); boundary=\"x\"; name*0*=utf-8'en'%C3%A9; name*1=b";
  for (std::size_t n = 0; n <= v.size(); ++n) (void)parse_content_type(v.substr(0, n));
}

TEST(ContentLanguage, List) {
  EXPECT_EQ(parse_language("en, de (German)"), (std::vector<std::string>{"en", "de"}));
  EXPECT_EQ(parse_language("  "), std::vector<std::string>{});
  EXPECT_EQ(parse_language("en-US"), std::vector<std::string>{"en-US"});
  EXPECT_EQ(parse_language(",,x,"), std::vector<std::string>{"x"});
}

}  // namespace
}  // namespace kurir::mime
