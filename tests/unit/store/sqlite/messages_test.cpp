#include "store/sqlite/messages.hpp"

#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

using MessagesTest = StoreTest;

std::vector<Uid> uids_of(const std::vector<MessageMeta>& metas) {
  std::vector<Uid> out;
  for (const MessageMeta& m : metas) out.push_back(m.uid);
  return out;
}

std::int64_t content_rows(const std::filesystem::path& db) {
  auto c = Connection::open(db, OpenMode::reader);
  EXPECT_TRUE(c.ok());
  auto st = (*c)->prepare("SELECT count(*) FROM contents");
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(st->step().ok());
  return st->integer(0);
}

TEST_F(MessagesTest, UidsStrictlyIncreaseAndModseqGrowsOnEveryChange) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  ModSeq last = store_->get_mailbox(inbox)->highestmodseq;
  Uid last_uid = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = store_->append(inbox, message("m" + std::to_string(i), "body " + std::to_string(i)));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GT(r->uid, last_uid);
    EXPECT_GT(r->modseq, last);
    last_uid = r->uid;
    last = r->modseq;
  }
  Uid one = 1;
  auto flags = store_->change_flags(inbox, std::span(&one, 1), FlagChange{FlagChange::Mode::add, Flags{kSeen, {"$Label"}}, 0});
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->changed.size(), 1u);
  EXPECT_GT(flags->changed[0].modseq, last);
  last = flags->changed[0].modseq;
  // No change: no new MODSEQ (RFC 7162 3.1).
  auto same = store_->change_flags(inbox, std::span(&one, 1), FlagChange{FlagChange::Mode::add, Flags{kSeen, {}}, 0});
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->changed.empty());
  EXPECT_EQ(store_->get_mailbox(inbox)->highestmodseq, last);
  Uid two = 2;
  auto expunged = store_->expunge(inbox, std::span(&two, 1));
  ASSERT_TRUE(expunged.ok());
  EXPECT_GT(*expunged, last);
  // A UID is never handed out again.
  auto after = store_->append(inbox, message("later"));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->uid, 6u);
  EXPECT_GT(after->modseq, *expunged);
  auto box = store_->get_mailbox(inbox);
  EXPECT_EQ(box->uidnext, 7u);
  EXPECT_EQ(box->highestmodseq, after->modseq);
  EXPECT_EQ(box->messages, 5u);
  EXPECT_EQ(box->unseen, 4u);
}

TEST_F(MessagesTest, FlagsAndKeywords) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  ASSERT_TRUE(store_->append(inbox, message("x")).ok());
  Uid uid = 1;
  auto r = store_->change_flags(inbox, std::span(&uid, 1),
                                FlagChange{FlagChange::Mode::replace, Flags{kFlagged | kSeen, {"b", "a", "b"}}, 0});
  ASSERT_TRUE(r.ok());
  auto list = store_->list_messages(inbox);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].flags.system, kFlagged | kSeen);
  EXPECT_EQ((*list)[0].flags.keywords, (std::vector<std::string>{"a", "b"}));
  r = store_->change_flags(inbox, std::span(&uid, 1), FlagChange{FlagChange::Mode::remove, Flags{kSeen, {"a"}}, 0});
  ASSERT_TRUE(r.ok());
  list = store_->list_messages(inbox);
  EXPECT_EQ((*list)[0].flags.system, kFlagged);
  EXPECT_EQ((*list)[0].flags.keywords, (std::vector<std::string>{"b"}));
  EXPECT_EQ(store_->change_flags(inbox, std::span(&uid, 1), FlagChange{FlagChange::Mode::add, Flags{0, {"bad word"}}, 0})
                .error().code,
            Errc::invalid_argument);
}

TEST_F(MessagesTest, UnchangedSinceFailsModifiedMessages) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  auto m1 = store_->append(inbox, message("1"));
  auto m2 = store_->append(inbox, message("2"));
  ASSERT_TRUE(m1.ok() && m2.ok());
  std::vector<Uid> both{1, 2};
  // RFC 7162 3.1.3: message 2 has a MODSEQ above the one given.
  auto r = store_->change_flags(inbox, both, FlagChange{FlagChange::Mode::add, Flags{kSeen, {}}, m1->modseq});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->changed.size(), 1u);
  EXPECT_EQ(r->changed[0].uid, 1u);
  EXPECT_EQ(r->failed, std::vector<Uid>{2});
}

TEST_F(MessagesTest, TombstonesAndChangesSince) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store_->append(inbox, message(std::to_string(i))).ok());
  ModSeq mark = store_->get_mailbox(inbox)->highestmodseq;
  std::vector<Uid> gone{2, 3, 99};
  auto expunged = store_->expunge(inbox, gone);
  ASSERT_TRUE(expunged.ok());
  Uid four = 4;
  auto flagged = store_->change_flags(inbox, std::span(&four, 1), FlagChange{FlagChange::Mode::add, Flags{kFlagged, {}}, 0});
  ASSERT_TRUE(flagged.ok());
  auto since = store_->changes_since(inbox, mark);
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->expunged, (std::vector<Uid>{2, 3}));
  EXPECT_EQ(uids_of(since->changed), std::vector<Uid>{4});
  EXPECT_EQ(since->highestmodseq, flagged->changed[0].modseq);
  auto later = store_->changes_since(inbox, *expunged);
  EXPECT_TRUE(later->expunged.empty());
  EXPECT_EQ(uids_of(store_->list_messages(inbox).value()), (std::vector<Uid>{1, 4}));
  EXPECT_EQ(store_->changes_since(inbox, 0)->changed.size(), 2u);
}

TEST_F(MessagesTest, ContentStoredOnceAndReleasedAtZero) {
  Account a = make_account("a@example.org");
  Account b = make_account("b@example.org");
  ASSERT_TRUE(store_->create_mailbox(a.id, "Lists", SpecialUse::none).ok());
  MessageInput in = message("to many", "shared body");
  std::string bytes = in.bytes;
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}, {a.id, "Lists"}, {b.id, "No Such Folder"}};
  auto r = store_->deliver(in, targets);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[2].mailbox, mailbox_id(b.id));  // fell back to INBOX
  EXPECT_EQ(content_rows(db_path()), 1);
  auto metas = store_->list_messages(mailbox_id(a.id));
  ASSERT_EQ(metas->size(), 1u);
  std::int64_t content = (*metas)[0].content_id;
  EXPECT_EQ(*store_->read_content(content), bytes);
  auto structure = store_->read_structure(content);
  ASSERT_TRUE(structure.ok()) << structure.error().message;
  EXPECT_EQ(structure->subject, "to many");
  EXPECT_EQ(store_->find_account("a@example.org")->used_bytes, 2 * bytes.size());

  // The same bytes again share the row.
  ASSERT_TRUE(store_->append(mailbox_id(b.id, "Sent"), in).ok());
  EXPECT_EQ(content_rows(db_path()), 1);

  Uid one = 1;
  ASSERT_TRUE(store_->expunge(mailbox_id(a.id), std::span(&one, 1)).ok());
  ASSERT_TRUE(store_->expunge(mailbox_id(a.id, "Lists"), std::span(&one, 1)).ok());
  ASSERT_TRUE(store_->expunge(mailbox_id(b.id), std::span(&one, 1)).ok());
  EXPECT_EQ(content_rows(db_path()), 1);
  EXPECT_EQ(store_->find_account("a@example.org")->used_bytes, 0u);
  ASSERT_TRUE(store_->remove_account("b@example.org").ok());
  EXPECT_EQ(content_rows(db_path()), 0);
  EXPECT_EQ(store_->read_content(content).error().code, Errc::not_found);
}

TEST_F(MessagesTest, DeliverIsAllOrNothing) {
  Account a = make_account();
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}, {a.id + 1000, "INBOX"}};
  auto r = store_->deliver(message("x"), targets);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::not_found);
  EXPECT_EQ(store_->get_mailbox(mailbox_id(a.id))->messages, 0u);
  EXPECT_EQ(content_rows(db_path()), 0);
}

TEST_F(MessagesTest, Quota) {
  Account a = make_account();
  MessageInput in = message("q", std::string(100, 'x'));
  const std::uint64_t size = in.bytes.size();
  ASSERT_TRUE(store_->set_quota(a.address, 2 * size).ok());
  MailboxId inbox = mailbox_id(a.id);
  ASSERT_TRUE(store_->append(inbox, in).ok());
  ASSERT_TRUE(store_->append(inbox, message("q", std::string(100, 'y'))).ok());
  auto over = store_->append(inbox, message("q", std::string(100, 'z')));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, Errc::quota_exceeded);
  EXPECT_EQ(store_->find_account(a.address)->used_bytes, 2 * size);
  // A move within the account needs no extra room.
  std::vector<Uid> both{1, 2};
  auto moved = store_->move(inbox, both, mailbox_id(a.id, "Archive"));
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(store_->copy(mailbox_id(a.id, "Archive"), both, inbox).error().code, Errc::quota_exceeded);
  Uid one = 1;
  ASSERT_TRUE(store_->expunge(mailbox_id(a.id, "Archive"), std::span(&one, 1)).ok());
  EXPECT_TRUE(store_->append(inbox, message("q", std::string(100, 'z'))).ok());
  ASSERT_TRUE(store_->set_quota(a.address, 0).ok());
  EXPECT_TRUE(store_->append(inbox, message("big", std::string(10000, 'z'))).ok());
}

TEST_F(MessagesTest, CopyAndMoveKeepFlagsDatesAndOrder) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  MailboxId archive = mailbox_id(a.id, "Archive");
  for (int i = 0; i < 3; ++i) {
    MessageInput in = message("m" + std::to_string(i), "b" + std::to_string(i));
    in.flags = Flags{static_cast<std::uint8_t>(i == 1 ? kSeen : 0), {"k" + std::to_string(i)}};
    in.internal_date = 1'000'000 + i;
    ASSERT_TRUE(store_->append(inbox, in).ok());
  }
  ASSERT_TRUE(store_->append(archive, message("already there")).ok());
  std::vector<Uid> order{3, 1, 42};
  auto copied = store_->copy(inbox, order, archive);
  ASSERT_TRUE(copied.ok());
  ASSERT_EQ(copied->size(), 2u);
  EXPECT_EQ((*copied)[0].source_uid, 3u);
  EXPECT_EQ((*copied)[0].uid, 2u);
  EXPECT_EQ((*copied)[1].source_uid, 1u);
  EXPECT_EQ((*copied)[1].uid, 3u);
  auto in_archive = store_->list_messages(archive).value();
  ASSERT_EQ(in_archive.size(), 3u);
  EXPECT_EQ(in_archive[1].internal_date, 1'000'002);
  EXPECT_EQ(in_archive[1].flags.keywords, std::vector<std::string>{"k2"});
  EXPECT_EQ(store_->list_messages(inbox)->size(), 3u);

  std::vector<Uid> two{2};
  auto moved = store_->move(inbox, two, archive);
  ASSERT_TRUE(moved.ok());
  ASSERT_EQ(moved->size(), 1u);
  EXPECT_EQ((*moved)[0].uid, 4u);
  EXPECT_EQ(store_->list_messages(archive).value()[3].flags.system, kSeen);
  EXPECT_EQ(uids_of(store_->list_messages(inbox).value()), (std::vector<Uid>{1, 3}));
  EXPECT_EQ(store_->changes_since(inbox, 0)->expunged, std::vector<Uid>{2});
  auto box = store_->get_mailbox(archive).value();
  EXPECT_EQ(box.messages, 4u);
  EXPECT_EQ(box.unseen, 3u);
}

TEST_F(MessagesTest, ThreadsFollowReplies) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  ASSERT_TRUE(store_->append(inbox, message("root", "r", "root@x")).ok());
  ASSERT_TRUE(store_->append(inbox, message("Re: root", "r1", "reply1@x", "root@x")).ok());
  MessageInput deep = message("Re: Re: root", "r2", "reply2@x");
  deep.parsed.references = {"root@x", "reply1@x"};
  ASSERT_TRUE(store_->append(inbox, deep).ok());
  ASSERT_TRUE(store_->append(inbox, message("other", "o", "other@x")).ok());
  auto metas = store_->list_messages(inbox).value();
  ASSERT_EQ(metas.size(), 4u);
  EXPECT_EQ(metas[0].thread_id, metas[1].thread_id);
  EXPECT_EQ(metas[0].thread_id, metas[2].thread_id);
  EXPECT_NE(metas[0].thread_id, metas[3].thread_id);
}

TEST_F(MessagesTest, SearchText) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  ASSERT_TRUE(store_->append(inbox, message("Quarterly report", "The numbers are in. Café au lait.")).ok());
  ASSERT_TRUE(store_->append(inbox, message("Lunch", "Pizza on friday")).ok());
  MessageInput other = message("Invoice", "pay up");
  other.parsed.from = "Carol Accountant <carol@billing.example>";
  ASSERT_TRUE(store_->append(inbox, other).ok());
  EXPECT_EQ(*store_->search_text(inbox, "quarterly"), std::vector<Uid>{1});
  EXPECT_EQ(*store_->search_text(inbox, "NUMBERS report"), std::vector<Uid>{1});
  EXPECT_EQ(*store_->search_text(inbox, "cafe"), std::vector<Uid>{1});
  EXPECT_EQ(*store_->search_text(inbox, "piz"), std::vector<Uid>{2});  // prefix on the last word
  EXPECT_EQ(*store_->search_text(inbox, "carol"), std::vector<Uid>{3});
  EXPECT_EQ(*store_->search_text(inbox, "bob"), (std::vector<Uid>{1, 2}));
  EXPECT_TRUE(store_->search_text(inbox, "pizza report")->empty());
  EXPECT_TRUE(store_->search_text(inbox, "\"AND OR NEAR(")->empty());
  EXPECT_TRUE(store_->search_text(inbox, "  ")->empty());
  EXPECT_TRUE(store_->search_text(inbox, "*")->empty());
  EXPECT_EQ(*store_->search_text(inbox, "lunch -"), std::vector<Uid>{2});
  // The index row goes with the content.
  Uid one = 1;
  ASSERT_TRUE(store_->expunge(inbox, std::span(&one, 1)).ok());
  EXPECT_TRUE(store_->search_text(inbox, "quarterly")->empty());
}

TEST_F(MessagesTest, UnknownMailbox) {
  EXPECT_EQ(store_->append(12345, message("x")).error().code, Errc::not_found);
  EXPECT_EQ(store_->list_messages(12345).error().code, Errc::not_found);
  EXPECT_EQ(store_->changes_since(12345, 0).error().code, Errc::not_found);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
