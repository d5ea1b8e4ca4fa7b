// Store::deliver_and_enqueue: an accepted SMTP message's local copies and its
// outbound queue entry are one transaction (issue 3), so a failure of either
// part leaves neither, and a crash cannot keep one without the other.
#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

using DeliverAndEnqueueTest = StoreTest;

OutboundMessage remote_part() {
  OutboundMessage m;
  m.sender = "bob@example.net";
  m.recipients = {{"carol@remote.example", 0, ""}};
  m.bytes = "Received: x\r\n\r\nhello\r\n";
  return m;
}

std::int64_t content_rows(const std::filesystem::path& db) {
  auto c = Connection::open(db, OpenMode::reader);
  EXPECT_TRUE(c.ok());
  auto st = (*c)->prepare("SELECT count(*) FROM contents");
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(st->step().ok());
  return st->integer(0);
}

TEST_F(DeliverAndEnqueueTest, BothPartsAreWritten) {
  Account a = make_account("a@example.org");
  Account b = make_account("b@example.org");
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}, {b.id, "INBOX"}};
  const OutboundMessage outbound = remote_part();
  auto r = store_->deliver_and_enqueue(message("mixed"), targets, &outbound);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->local.size(), 2u);
  EXPECT_EQ(r->local[0].mailbox, mailbox_id(a.id));
  EXPECT_EQ(r->local[1].mailbox, mailbox_id(b.id));
  EXPECT_EQ(content_rows(db_path()), 1);  // stored once for both
  auto queued = store_->list_outbound();
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ(queued->front().id, r->outbound_id);
  EXPECT_EQ(queued->front().message.recipients, outbound.recipients);
}

TEST_F(DeliverAndEnqueueTest, EitherPartAlone) {
  Account a = make_account();
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}};
  auto local = store_->deliver_and_enqueue(message("local"), targets, nullptr);
  ASSERT_TRUE(local.ok()) << local.error().message;
  EXPECT_EQ(local->local.size(), 1u);
  EXPECT_EQ(local->outbound_id, 0);
  EXPECT_TRUE(store_->list_outbound()->empty());

  const OutboundMessage outbound = remote_part();
  auto remote = store_->deliver_and_enqueue(message("remote"), {}, &outbound);
  ASSERT_TRUE(remote.ok()) << remote.error().message;
  EXPECT_TRUE(remote->local.empty());
  EXPECT_NE(remote->outbound_id, 0);
  EXPECT_EQ(store_->list_outbound()->size(), 1u);
  EXPECT_EQ(store_->get_mailbox(mailbox_id(a.id))->messages, 1u);
}

TEST_F(DeliverAndEnqueueTest, FailingOutboundPartRollsBackTheLocalPart) {
  Account a = make_account();
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}};
  OutboundMessage outbound = remote_part();
  outbound.recipients.clear();  // insert_outbound refuses this, after the local rows are written
  auto r = store_->deliver_and_enqueue(message("x"), targets, &outbound);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::invalid_argument);
  EXPECT_EQ(store_->get_mailbox(mailbox_id(a.id))->messages, 0u);
  EXPECT_TRUE(store_->list_messages(mailbox_id(a.id))->empty());
  EXPECT_EQ(store_->find_account(a.address)->used_bytes, 0u);
  EXPECT_EQ(content_rows(db_path()), 0);
  EXPECT_TRUE(store_->list_outbound()->empty());
}

TEST_F(DeliverAndEnqueueTest, FailingLocalPartQueuesNothing) {
  Account a = make_account();
  MessageInput in = message("big", std::string(1000, 'x'));
  ASSERT_TRUE(store_->set_quota(a.address, 100).ok());
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}};
  const OutboundMessage outbound = remote_part();
  auto r = store_->deliver_and_enqueue(in, targets, &outbound);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::quota_exceeded);
  EXPECT_TRUE(store_->list_outbound()->empty());
  EXPECT_EQ(store_->get_mailbox(mailbox_id(a.id))->messages, 0u);
}

TEST_F(DeliverAndEnqueueTest, RolledBackPairLeavesLaterWritesIntact) {
  // The failed pair rolls back alone (its own savepoint), not the commit around it.
  Account a = make_account();
  std::vector<DeliveryTarget> targets{{a.id, "INBOX"}};
  OutboundMessage empty = remote_part();
  empty.recipients.clear();
  ASSERT_FALSE(store_->deliver_and_enqueue(message("x"), targets, &empty).ok());
  const OutboundMessage outbound = remote_part();
  auto r = store_->deliver_and_enqueue(message("y"), targets, &outbound);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->local.front().uid, 1u);  // the rolled-back delivery used no UID
  store_.reset();
  store_ = open();
  EXPECT_EQ(store_->get_mailbox(mailbox_id(a.id))->messages, 1u);
  EXPECT_EQ(store_->list_outbound()->size(), 1u);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
