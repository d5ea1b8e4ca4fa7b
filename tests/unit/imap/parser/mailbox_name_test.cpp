// mailbox_name.cpp: mailbox names in modified UTF-7 (RFC 3501 5.1.3) or
// UTF-8 (RFC 6855 3), INBOX in any case (RFC 9051 5.1), and the way back.
#include <string>

#include "support.hpp"

namespace kurir::imap {
namespace {

TEST(MailboxName, DecodesModifiedUtf7) {
  EXPECT_EQ(decode_mailbox_name("Entw&APw-rfe", false), "Entw\xC3\xBCrfe");
  EXPECT_EQ(decode_mailbox_name("~peter/mail/&U,BTFw-/&ZeVnLIqe-", false), "~peter/mail/台北/日本語");
  EXPECT_EQ(decode_mailbox_name("Tom &- Jerry", false), "Tom & Jerry");
  EXPECT_EQ(decode_mailbox_name("", false), "");
  EXPECT_FALSE(decode_mailbox_name("Tom & Jerry", false));
  EXPECT_FALSE(decode_mailbox_name("&AGE-", false));  // shifted ASCII
  EXPECT_FALSE(decode_mailbox_name("\xFF", false));
  EXPECT_FALSE(decode_mailbox_name(std::string("a\0b", 3), false));
}

TEST(MailboxName, Utf8AcceptTakesNamesAsSent) {
  EXPECT_EQ(decode_mailbox_name("Entw\xC3\xBCrfe", true), "Entw\xC3\xBCrfe");
  EXPECT_EQ(decode_mailbox_name("Tom & Jerry", true), "Tom & Jerry");
  EXPECT_EQ(decode_mailbox_name("&APw-", true), "&APw-");
  for (std::string_view bad : {"\xC3", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"})
    EXPECT_FALSE(decode_mailbox_name(bad, true)) << bad;
  EXPECT_EQ(decode_mailbox_name("\xF0\x9F\x98\x80", true), "\xF0\x9F\x98\x80");
}

TEST(MailboxName, InboxIsCaseInsensitive) {
  for (bool utf8 : {false, true}) {
    EXPECT_EQ(decode_mailbox_name("inbox", utf8), "INBOX");
    EXPECT_EQ(decode_mailbox_name("InBoX", utf8), "INBOX");
    EXPECT_EQ(decode_mailbox_name("Inbox/Sub", utf8), "INBOX/Sub");
    EXPECT_EQ(decode_mailbox_name("Inboxes", utf8), "Inboxes");
    EXPECT_EQ(decode_mailbox_name("My/inbox", utf8), "My/inbox");
  }
}

TEST(MailboxName, EncodesForTheClient) {
  EXPECT_EQ(encode_mailbox_name("Entw\xC3\xBCrfe", false), "Entw&APw-rfe");
  EXPECT_EQ(encode_mailbox_name("Tom & Jerry", false), "Tom &- Jerry");
  EXPECT_EQ(encode_mailbox_name("Entw\xC3\xBCrfe", true), "Entw\xC3\xBCrfe");
  for (std::string_view name : {"INBOX", "台北/日本語", "a&b", "\xF0\x9F\x98\x80"})
    EXPECT_EQ(decode_mailbox_name(encode_mailbox_name(name, false), false), name);
}

TEST(MailboxName, InCommands) {
  using test::parse_bad;
  using test::parse_ok;
  EXPECT_EQ(parse_ok<Select>("t SELECT {12}\r\nEntw&APw-rfe").mailbox, "Entw\xC3\xBCrfe");
  EXPECT_EQ(parse_ok<Select>("t SELECT \"a]b\"").mailbox, "a]b");
  EXPECT_EQ(parse_ok<Select>("t SELECT a]b").mailbox, "a]b");  // ASTRING-CHAR includes "]"
  EXPECT_NE(parse_bad("t SELECT a%b").text.find("the end of the command"), std::string::npos);
  EXPECT_NE(parse_bad("t RENAME x Tom&Jerry").text.find("malformed modified UTF-7 in the new mailbox name"),
            std::string::npos);
  EXPECT_NE(parse_bad("t COPY 1 {1}\r\n\xFF").text.find("target mailbox"), std::string::npos);
}

}  // namespace
}  // namespace kurir::imap
