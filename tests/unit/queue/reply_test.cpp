// The SMTP client's reply reader and EHLO parser (src/queue/reply.hpp).
#include "queue/reply.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"

namespace kurir::queue {
namespace {

TEST(ReplyReader, GathersAMultiLineReply) {
  ReplyReader reader;
  EXPECT_EQ(reader.feed("550-5.1.1 no such user"), ReplyReader::Step::more);
  EXPECT_EQ(reader.feed("550 5.1.1 try another"), ReplyReader::Step::done);
  const Reply reply = reader.take();
  EXPECT_EQ(reply.code, 550);
  EXPECT_TRUE(reply.permanent());
  EXPECT_EQ(reply.status(), "5.1.1");
  EXPECT_EQ(reply.text(), "550 5.1.1 no such user 5.1.1 try another");
  // The reader starts afresh after take().
  EXPECT_EQ(reader.feed("250 OK"), ReplyReader::Step::done);
  EXPECT_EQ(reader.take().code, 250);
}

TEST(ReplyReader, RefusesMalformedLinesAndMixedCodes) {
  for (const char* bad : {"", "25", "abc", "650 no", "250x", "199 too low", "2a0 x"}) {
    ReplyReader reader;
    EXPECT_EQ(reader.feed(bad), ReplyReader::Step::error) << bad;
    EXPECT_FALSE(reader.what().empty());
  }
  ReplyReader reader;
  ASSERT_EQ(reader.feed("250-first"), ReplyReader::Step::more);
  EXPECT_EQ(reader.feed("251 second"), ReplyReader::Step::error);  // RFC 5321 4.2.1
}

TEST(ReplyReader, BoundsTheLinesOfOneReply) {
  ReplyReader reader;
  for (std::size_t i = 0; i < limits::kMaxSmtpReplyLines; ++i) ASSERT_EQ(reader.feed("250-x"), ReplyReader::Step::more);
  EXPECT_EQ(reader.feed("250-x"), ReplyReader::Step::error);
}

TEST(Reply, StatusFallsBackToTheCodeClass) {
  EXPECT_EQ((Reply{421, {"busy"}}).status(), "4.0.0");
  // An enhanced code whose class disagrees with the reply code is not believed.
  EXPECT_EQ((Reply{550, {"4.2.2 mailbox full"}}).status(), "5.0.0");
  EXPECT_EQ((Reply{452, {"4.2.2 mailbox full"}}).status(), "4.2.2");
  EXPECT_EQ((Reply{250, {}}).status(), "2.0.0");
}

TEST(ParseEhlo, ReadsTheKeywordsTheClientUses) {
  const Reply reply{250, {"mx.example Hello", "PIPELINING", "SIZE 10240000", "starttls", "AUTH LOGIN PLAIN",
                          "8BITMIME", "SMTPUTF8", "DSN"}};
  const Capabilities caps = parse_ehlo(reply);
  EXPECT_TRUE(caps.pipelining);
  EXPECT_TRUE(caps.starttls);  // keywords are case-insensitive (RFC 5321 2.4)
  EXPECT_TRUE(caps.auth_plain);
  EXPECT_TRUE(caps.eight_bit_mime);
  EXPECT_TRUE(caps.smtputf8);
  EXPECT_TRUE(caps.dsn);
  ASSERT_TRUE(caps.size.has_value());
  EXPECT_EQ(*caps.size, 10240000u);
}

TEST(ParseEhlo, TheGreetingLineIsNotAKeywordAndNothingIsAssumed) {
  const Capabilities caps = parse_ehlo(Reply{250, {"STARTTLS PIPELINING"}});
  EXPECT_FALSE(caps.starttls);
  EXPECT_FALSE(caps.pipelining);
  EXPECT_FALSE(caps.size.has_value());
  EXPECT_FALSE(parse_ehlo(Reply{250, {"mx", "AUTH LOGIN"}}).auth_plain);
}

}  // namespace
}  // namespace kurir::queue
