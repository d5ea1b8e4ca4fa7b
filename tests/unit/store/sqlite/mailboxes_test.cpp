#include "store/sqlite/mailboxes.hpp"

#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

using MailboxesTest = StoreTest;

std::vector<std::string> names(const std::vector<Mailbox>& boxes) {
  std::vector<std::string> out;
  for (const Mailbox& m : boxes) out.push_back(m.name);
  return out;
}

TEST_F(MailboxesTest, CreateFindDelete) {
  Account a = make_account();
  auto created = store_->create_mailbox(a.id, "Projects/Kurir", SpecialUse::none);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_FALSE(created->subscribed);
  // RFC 9051 6.3.4: the superior name is created too.
  EXPECT_TRUE(store_->find_mailbox(a.id, "Projects").ok());
  EXPECT_EQ(store_->create_mailbox(a.id, "Projects/Kurir", SpecialUse::none).error().code, Errc::already_exists);
  EXPECT_EQ(store_->create_mailbox(a.id, "inbox", SpecialUse::none).error().code, Errc::already_exists);
  EXPECT_EQ(store_->create_mailbox(a.id, "a//b", SpecialUse::none).error().code, Errc::invalid_argument);
  EXPECT_EQ(store_->create_mailbox(a.id, "", SpecialUse::none).error().code, Errc::invalid_argument);
  EXPECT_EQ(store_->create_mailbox(a.id + 100, "X", SpecialUse::none).error().code, Errc::not_found);
  // RFC 3501 5.1: INBOX in any case.
  auto inbox = store_->find_mailbox(a.id, "iNbOx");
  ASSERT_TRUE(inbox.ok());
  EXPECT_EQ(inbox->name, "INBOX");
  EXPECT_EQ(store_->delete_mailbox(inbox->id).error().code, Errc::permission_denied);
  ASSERT_TRUE(store_->delete_mailbox(created->id).ok());
  EXPECT_EQ(store_->find_mailbox(a.id, "Projects/Kurir").error().code, Errc::not_found);
  EXPECT_EQ(store_->get_mailbox(created->id).error().code, Errc::not_found);
}

TEST_F(MailboxesTest, UidValidityIsNewForARecreatedName) {
  Account a = make_account();
  auto first = store_->create_mailbox(a.id, "X", SpecialUse::none);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store_->delete_mailbox(first->id).ok());
  auto second = store_->create_mailbox(a.id, "X", SpecialUse::none);
  ASSERT_TRUE(second.ok());
  EXPECT_GT(second->uidvalidity, first->uidvalidity);
}

TEST_F(MailboxesTest, RenameMovesChildrenAndSubscriptions) {
  Account a = make_account();
  ASSERT_TRUE(store_->create_mailbox(a.id, "A/B/C", SpecialUse::none).ok());
  ASSERT_TRUE(store_->set_subscribed(a.id, "A/B", true).ok());
  auto ab = store_->find_mailbox(a.id, "A");
  ASSERT_TRUE(ab.ok());
  std::uint32_t uidvalidity = ab->uidvalidity;
  ASSERT_TRUE(store_->rename_mailbox(ab->id, "Z/Y").ok());
  auto boxes = store_->list_mailboxes(a.id);
  ASSERT_TRUE(boxes.ok());
  auto n = names(*boxes);
  EXPECT_EQ(std::count(n.begin(), n.end(), "Z"), 1);
  EXPECT_EQ(std::count(n.begin(), n.end(), "Z/Y"), 1);
  EXPECT_EQ(std::count(n.begin(), n.end(), "Z/Y/B"), 1);
  EXPECT_EQ(std::count(n.begin(), n.end(), "Z/Y/B/C"), 1);
  EXPECT_EQ(std::count(n.begin(), n.end(), "A"), 0);
  EXPECT_EQ(store_->find_mailbox(a.id, "Z/Y")->uidvalidity, uidvalidity);
  EXPECT_TRUE(store_->find_mailbox(a.id, "Z/Y/B")->subscribed);
  EXPECT_EQ(store_->rename_mailbox(ab->id, "Sent").error().code, Errc::already_exists);
  EXPECT_EQ(store_->rename_mailbox(ab->id, "Z/Y/B/C/D").error().code, Errc::invalid_argument);
}

TEST_F(MailboxesTest, RenameInboxMovesMessagesAndLeavesItEmpty) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  ASSERT_TRUE(store_->create_mailbox(a.id, "INBOX/Child", SpecialUse::none).ok());
  MessageInput m1 = message("one");
  m1.flags.system = kSeen;
  ASSERT_TRUE(store_->append(inbox, m1).ok());
  ASSERT_TRUE(store_->append(inbox, message("two")).ok());
  // RFC 3501 6.3.5: the messages move to a new mailbox; INBOX stays, empty.
  ASSERT_TRUE(store_->rename_mailbox(inbox, "Old Inbox").ok());
  auto old_box = store_->find_mailbox(a.id, "Old Inbox");
  ASSERT_TRUE(old_box.ok());
  EXPECT_EQ(old_box->messages, 2u);
  EXPECT_EQ(old_box->unseen, 1u);
  auto moved = store_->list_messages(old_box->id);
  ASSERT_TRUE(moved.ok());
  ASSERT_EQ(moved->size(), 2u);
  EXPECT_EQ((*moved)[0].flags.system, kSeen);
  auto in = store_->get_mailbox(inbox);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->messages, 0u);
  EXPECT_EQ(in->uidnext, 3u);  // UIDs are never reused
  EXPECT_TRUE(store_->find_mailbox(a.id, "INBOX/Child").ok());
  auto changes = store_->changes_since(inbox, 0);
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->expunged, (std::vector<Uid>{1, 2}));
}

TEST_F(MailboxesTest, SubscriptionsMayNameMissingMailboxes) {
  Account a = make_account();
  ASSERT_TRUE(store_->set_subscribed(a.id, "Nowhere", true).ok());
  ASSERT_TRUE(store_->set_subscribed(a.id, "Sent", false).ok());
  EXPECT_FALSE(store_->find_mailbox(a.id, "Sent")->subscribed);
  auto created = store_->create_mailbox(a.id, "Nowhere", SpecialUse::none);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->subscribed);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
