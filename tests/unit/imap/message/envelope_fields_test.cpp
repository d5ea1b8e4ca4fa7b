#include "imap/message/envelope_fields.hpp"

#include <gtest/gtest.h>

#include "support.hpp"

namespace kurir::imap::message {
namespace {

TEST(EnvelopeFields, AddressesOfEachField) {
  const auto m =
      test::make_message(test::crlf("From: \"Doe, \\\"J\\\"\" <jane@example.org>\n"
                                    "To: Team: a@b.c, =?UTF-8?Q?Z=C3=B6e?= <zoe@d.e>;, plain@x.y\n"
                                    "Bcc: hidden@z\n"
                                    "\n"));
  auto from = envelope_addresses(m.parsed.envelope, EnvelopeField::from);
  ASSERT_EQ(from.size(), 1u);
  EXPECT_EQ(from[0].name, "Doe, \"J\"");
  EXPECT_EQ(from[0].mailbox, "jane");
  EXPECT_EQ(from[0].host, "example.org");
  auto to = envelope_addresses(m.parsed.envelope, EnvelopeField::to);
  ASSERT_EQ(to.size(), 3u);  // group markers skipped
  EXPECT_EQ(to[0].mailbox, "a");
  EXPECT_EQ(to[1].name, "=?UTF-8?Q?Z=C3=B6e?=");  // raw, as ENVELOPE keeps it
  EXPECT_EQ(to[2].mailbox, "plain");
  EXPECT_TRUE(envelope_addresses(m.parsed.envelope, EnvelopeField::cc).empty());
  ASSERT_EQ(envelope_addresses(m.parsed.envelope, EnvelopeField::bcc).size(), 1u);
  // Sender and Reply-To default to From (RFC 9051 7.5.2).
  EXPECT_EQ(envelope_addresses(m.parsed.envelope, EnvelopeField::reply_to).size(), 1u);
}

TEST(EnvelopeFields, MalformedInputGivesWhatWasRead) {
  EXPECT_TRUE(envelope_addresses("", EnvelopeField::from).empty());
  EXPECT_TRUE(envelope_addresses("(NIL NIL ((\"a\" NIL \"b\"", EnvelopeField::from).empty());
  EXPECT_TRUE(envelope_addresses("(NIL NIL ({999}\r\nab", EnvelopeField::from).empty());
  auto one =
      envelope_addresses("(NIL NIL ((NIL NIL \"a\" \"b\")(NIL NIL \"c\" {1}\r\nd)(bad", EnvelopeField::from);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[1].host, "d");
}

}  // namespace
}  // namespace kurir::imap::message
