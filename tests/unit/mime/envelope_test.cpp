// Tests for src/mime/envelope.cpp: exact RFC 3501 7.4.2 ENVELOPE strings.
#include "mime/envelope.hpp"

#include <gtest/gtest.h>

#include "messages.hpp"
#include "mime/validate.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::crlf;

std::string envelope_of(std::string_view text) {
  const std::string m = crlf(text);
  return build_envelope(split_header(m, 0, m.size()).fields);
}

TEST(Envelope, HandChecked) {
  const std::pair<const char*, const char*> cases[] = {
      // Raw values: the encoded word stays encoded; Sender given; Reply-To
      // defaults to From (RFC 3501 7.4.2); groups as start/end markers.
      {test::kSimple,
       "(\"Mon, 7 Feb 1994 21:52:25 -0800 (PST)\" \"=?UTF-8?B?SMOpbGxv?= world\" "
       "((\"Doe, Jane\" NIL \"jane\" \"example.org\")) ((NIL NIL \"list\" \"example.org\")) "
       "((\"Doe, Jane\" NIL \"jane\" \"example.org\")) "
       "((NIL NIL \"bob\" \"example.com\")(NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"b.c\")"
       "(\"Q \\\"x\\\"\" NIL \"d\" \"e.f\")(NIL NIL NIL NIL)) "
       "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL \"<parent@x>\" "
       "\"<1234@local.machine.example>\")"},
      {"", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"},
      {"Subject:\nFrom:\nSender: \n\n", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"},
      // 8-bit header bytes go as literals.
      {test::kEightBitHeader,
       "(NIL {5}\r\nGr\xFC\xDF" "e (({7}\r\nJ\xC3\xBCrgen NIL \"j\" \"x.de\")) (({7}\r\nJ\xC3\xBCrgen NIL \"j\" "
       "\"x.de\")) (({7}\r\nJ\xC3\xBCrgen NIL \"j\" \"x.de\")) NIL NIL NIL NIL NIL)"},
      // Folded values are unfolded; the first of repeated fields wins.
      {"Subject: a\n b\nSubject: second\nReply-To: r@x\nBcc: <b@y>\n\n",
       "(NIL \"a b\" NIL NIL ((NIL NIL \"r\" \"x\")) NIL NIL ((NIL NIL \"b\" \"y\")) NIL NIL)"},
      {"From: Jane <@route.example:jane@x>\n\n",
       "(NIL NIL ((\"Jane\" \"@route.example\" \"jane\" \"x\")) ((\"Jane\" \"@route.example\" \"jane\" \"x\")) "
       "((\"Jane\" \"@route.example\" \"jane\" \"x\")) NIL NIL NIL NIL NIL)"},
  };
  for (const auto& [message, want] : cases) {
    SCOPED_TRACE(message);
    std::string got = envelope_of(message);
    EXPECT_EQ(got, want);
    EXPECT_TRUE(is_imap_envelope(got));
  }
}

TEST(Envelope, LongSubjectIsALiteral) {
  std::string subject(2000, 'x');
  std::string got = envelope_of("Subject: " + subject + "\n\n");
  EXPECT_EQ(got, "(NIL {2000}\r\n" + subject + " NIL NIL NIL NIL NIL NIL NIL NIL)");
  EXPECT_TRUE(is_imap_envelope(got));
}

}  // namespace
}  // namespace kurir::mime
