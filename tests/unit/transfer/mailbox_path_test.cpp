#include "transfer/mailbox_path.hpp"

#include <gtest/gtest.h>

namespace kurir::transfer {
namespace {

TEST(MailboxPath, NestedNamesAreSubdirectories) {
  EXPECT_EQ(mbox_path_for("INBOX"), "INBOX.mbox");
  EXPECT_EQ(mbox_path_for("Work/2024"), "Work/2024.mbox");
  EXPECT_EQ(*mailbox_for_mbox_path("Work/2024.mbox"), "Work/2024");
  EXPECT_EQ(*mailbox_for_mbox_path("Inbox"), "Inbox");  // another program's file without suffix
  EXPECT_EQ(*mailbox_for_mbox_path("a.mbox/b.mbox"), "a.mbox/b");
  EXPECT_FALSE(mailbox_for_mbox_path("").ok());
}

TEST(MailboxPath, UnsafeBytesAreEscapedAndComeBack) {
  EXPECT_EQ(escape_path_level(".."), "%2E.");
  EXPECT_EQ(escape_path_level(".hidden"), "%2Ehidden");
  EXPECT_EQ(escape_path_level("100% a:b"), "100%25 a%3Ab");
  EXPECT_EQ(escape_path_level("Entwürfe"), "Entwürfe");
  for (std::string_view name : {"INBOX", "Work/2024", "../..", "a%2Eb/.x", "x.mbox", "Q?*<>|\"\\:", "Entwürfe/台北",
                                "sp ace/tab\there"}) {
    auto back = mailbox_for_mbox_path(mbox_path_for(name));
    ASSERT_TRUE(back.ok()) << name;
    EXPECT_EQ(*back, name);
    for (const auto& part : mbox_path_for(name)) {
      EXPECT_NE(part, "..");
      EXPECT_NE(part.string()[0], '.');
    }
  }
  EXPECT_EQ(unescape_path_level("50%"), "50%");
  EXPECT_EQ(unescape_path_level("%zz"), "%zz");
}

}  // namespace
}  // namespace kurir::transfer
