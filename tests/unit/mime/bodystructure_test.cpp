// Tests for src/mime/bodystructure.cpp: exact RFC 3501 7.4.2 BODY and
// BODYSTRUCTURE strings for hand-checked messages.
#include "mime/bodystructure.hpp"

#include <gtest/gtest.h>

#include "messages.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::crlf;
using test::parse_checked;

struct Case {
  const char* name;
  std::string message;
  const char* body;
  const char* bodystructure;
};

TEST(Bodystructure, HandChecked) {
  const Case cases[] = {
      {"simple text", crlf(test::kSimple), "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 7 1)",
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 7 1 NIL NIL NIL NIL)"},
      {"multipart/alternative", crlf(test::kAlternative),
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"iso-8859-1\") NIL NIL \"QUOTED-PRINTABLE\" 6 1)"
       "(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 27 1) \"ALTERNATIVE\")",
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"iso-8859-1\") NIL NIL \"QUOTED-PRINTABLE\" 6 1 NIL NIL NIL NIL)"
       "(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 27 1 NIL NIL NIL NIL) \"ALTERNATIVE\" "
       "(\"BOUNDARY\" \"b1\") NIL NIL NIL)"},
      {"mixed with attachment and message/rfc822", crlf(test::kMixed),
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 13 1)"
       "(\"APPLICATION\" \"PDF\" (\"NAME\" \"r.pdf\") \"<pdf@x>\" \"the report\" \"BASE64\" 12)"
       "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 177 (NIL \"inner\" ((\"Carol\" NIL \"carol\" \"example.net\")) "
       "((\"Carol\" NIL \"carol\" \"example.net\")) ((\"Carol\" NIL \"carol\" \"example.net\")) NIL NIL NIL NIL NIL) "
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1)(\"TEXT\" \"HTML\" (\"CHARSET\" "
       "\"US-ASCII\") NIL NIL \"7BIT\" 8 1) \"ALTERNATIVE\") 12) \"MIXED\")",
       // RFC 2231 filename: joined, UTF-8, so a literal.
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 13 1 NIL NIL NIL NIL)"
       "(\"APPLICATION\" \"PDF\" (\"NAME\" \"r.pdf\") \"<pdf@x>\" \"the report\" \"BASE64\" 12 "
       "\"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"ATTACHMENT\" (\"FILENAME\" {10}\r\nR\xC3\xA9sum.pdf)) (\"en\" \"de\") "
       "\"http://x/r.pdf\")"
       "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 177 (NIL \"inner\" ((\"Carol\" NIL \"carol\" \"example.net\")) "
       "((\"Carol\" NIL \"carol\" \"example.net\")) ((\"Carol\" NIL \"carol\" \"example.net\")) NIL NIL NIL NIL NIL) "
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1 NIL NIL NIL NIL)(\"TEXT\" \"HTML\" "
       "(\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 8 1 NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"inner\") "
       "NIL NIL NIL) 12 NIL NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"outer\") NIL NIL NIL)"},
      {"digest defaults to message/rfc822", crlf(test::kDigest),
       "((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 21 (NIL \"one\" NIL NIL NIL NIL NIL NIL NIL NIL) "
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1) 3)"
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 6 1) \"DIGEST\")",
       "((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 21 (NIL \"one\" NIL NIL NIL NIL NIL NIL NIL NIL) "
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)"
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 6 1 NIL NIL NIL NIL) \"DIGEST\" "
       "(\"BOUNDARY\" \"d\") NIL NIL NIL)"},
      {"missing final boundary", crlf(test::kMissingFinalBoundary),
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3 1)"
       "(\"TEXT\" \"HTML\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 12 1) \"MIXED\")",
       "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3 1 NIL NIL NIL NIL)"
       "(\"TEXT\" \"HTML\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 12 1 NIL NIL NIL NIL) \"MIXED\" "
       "(\"BOUNDARY\" \"zz\") NIL NIL NIL)"},
      // A multipart whose boundary never appears is shown as the text it holds.
      {"broken boundary", crlf(test::kNoBoundaryFound),
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"BOUNDARY\" \"expected\") NIL NIL \"7BIT\" 30 4)",
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"BOUNDARY\" \"expected\") NIL NIL \"7BIT\" 30 4 NIL NIL NIL "
       "NIL)"},
      {"boundary that prefixes another", crlf(test::kPrefixBoundaries),
       "(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1 1) \"ALTERNATIVE\")"
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1 1) \"MIXED\")",
       "(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL) \"ALTERNATIVE\" "
       "(\"BOUNDARY\" \"=_a_1\") NIL NIL NIL)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1 1 NIL "
       "NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"=_a\") NIL NIL NIL)"},
      {"empty message", "", "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0)",
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0 NIL NIL NIL NIL)"},
      {"header only", "Subject: x\r\nContent-Type: image/png", "(\"IMAGE\" \"PNG\" NIL NIL NIL \"7BIT\" 0)",
       "(\"IMAGE\" \"PNG\" NIL NIL NIL \"7BIT\" 0 NIL NIL NIL NIL)"},
      {"invalid content-type defaults (RFC 2045 5.2)", "Content-Type: garbage\r\n\r\nx",
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1 1)",
       "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL)"},
      {"encoded message/rfc822 is opaque", "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogeA0KDQp5\r\n",
       "(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 22)",
       "(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 22 NIL NIL NIL NIL)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ParsedMessage m = parse_checked(c.message);
    EXPECT_EQ(m.body, c.body);
    EXPECT_EQ(m.bodystructure, c.bodystructure);
  }
}

TEST(Bodystructure, SubtreeOfAnEncapsulatedMessage) {
  const std::string text = crlf(test::kMixed);
  ParsedMessage m = parse_checked(text);
  std::vector<std::string> envelopes(m.parts.size());
  // Part 4 is the encapsulated message's root (BODY[3] in IMAP numbering).
  EXPECT_EQ(build_body(m.parts, envelopes, 4, false),
            "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1)(\"TEXT\" \"HTML\" (\"CHARSET\" "
            "\"US-ASCII\") NIL NIL \"7BIT\" 8 1) \"ALTERNATIVE\")");
}

}  // namespace
}  // namespace kurir::mime
