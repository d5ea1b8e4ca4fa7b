// Tests for src/mime/validate.cpp: the checker must reject what the RFC 3501
// grammar rejects, or the invariant checks elsewhere prove nothing.
#include "mime/validate.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

TEST(ImapBodyGrammar, AcceptsValidBodies) {
  EXPECT_TRUE(is_imap_body("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0)", false));
  EXPECT_TRUE(is_imap_body("(\"IMAGE\" \"PNG\" NIL \"<id>\" {3}\r\na\"b \"BASE64\" 12 NIL (\"INLINE\" NIL) (\"en\") NIL)", true));
  EXPECT_TRUE(is_imap_body("((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)(\"A\" \"B\" NIL NIL NIL \"7BIT\" 1) \"MIXED\")", false));
  EXPECT_TRUE(is_imap_body(
      "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 5 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
      "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0) 1)",
      false));
}

TEST(ImapBodyGrammar, RejectsInvalidBodies) {
  const char* bad[] = {
      "",
      "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0)",                 // text needs lines
      "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0",                // unbalanced
      "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0) ",              // trailing byte
      "(\"TEXT\"  \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0)",              // double space
      "(\"A\" \"B\" () NIL NIL \"7BIT\" 0)",                         // empty param list
      "(\"A\" \"B\" NIL NIL NIL \"7\nBIT\" 0)",                      // LF in a quoted string
      "(\"A\" \"B\" NIL NIL NIL {5}\r\nab 0)",                       // literal longer than the rest
      "( \"MIXED\")",                                                // multipart without parts
      "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 5)",             // message without envelope
  };
  for (const char* s : bad) EXPECT_FALSE(is_imap_body(s, false)) << s;
  // BODYSTRUCTURE form needs the four extension fields.
  EXPECT_FALSE(is_imap_body("(\"A\" \"B\" NIL NIL NIL \"7BIT\" 0)", true));
}

TEST(ImapEnvelopeGrammar, AcceptsAndRejects) {
  EXPECT_TRUE(is_imap_envelope("(NIL NIL ((NIL NIL \"g\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL)"));
  EXPECT_FALSE(is_imap_envelope("(NIL NIL () NIL NIL NIL NIL NIL NIL NIL)"));  // 1*address
  EXPECT_FALSE(is_imap_envelope("(NIL NIL NIL NIL NIL NIL NIL NIL NIL)"));     // nine fields
}

TEST(FindViolation, CatchesBrokenTrees) {
  ParsedMessage m;
  m.parts.resize(1);
  EXPECT_NE(find_violation(m, 10), "");  // part 0 must span the message
  m.parts[0].body_end = 10;
  m.envelope = "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)";
  m.body = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 1)";
  m.bodystructure = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 1 NIL NIL NIL NIL)";
  EXPECT_EQ(find_violation(m, 10), "");
  m.parts[0].type = "multipart";
  EXPECT_NE(find_violation(m, 10), "");  // a multipart needs parts
}

}  // namespace
}  // namespace kurir::mime
