// The outbound queue's delivery state (schema versions 3 and 4): due
// messages, attempt results with history, finishing with a notice in the
// same transaction, the one delay warning, retry and drop; all surviving a reopen.
#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

class OutboundStateTest : public StoreTest {};

OutboundMessage sample() {
  OutboundMessage m;
  m.sender = "alice@example.org";
  m.recipients = {{"bob@remote.example", 0, ""}, {"carol@remote.example", 0, ""}};
  m.bytes = "Received: x\r\n\r\nhello\r\n";
  m.created = 1700000000;
  return m;
}

RecipientResult result(const std::string& address, RecipientStatus status, std::int64_t next, int code) {
  return RecipientResult{address, status, next, OutboundAttempt{1700000100, "mx.remote.example", code, "reply " + std::to_string(code)}};
}

TEST_F(OutboundStateTest, NewRecipientsAreDueAtOnce) {
  auto id = store_->enqueue_outbound(sample());
  ASSERT_TRUE(id.ok());
  auto due = store_->due_outbound(1, 10);
  ASSERT_TRUE(due.ok()) << due.error().message;
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().id, *id);
  EXPECT_TRUE(due->front().message.bytes.empty());
  ASSERT_EQ(due->front().recipients.size(), 2u);
  EXPECT_EQ(due->front().recipients[0].status, RecipientStatus::queued);
  EXPECT_EQ(*store_->next_outbound_attempt(), std::optional<std::int64_t>{0});
}

TEST_F(OutboundStateTest, ResultsAreRecordedWithHistoryAndSurviveReopening) {
  auto id = *store_->enqueue_outbound(sample());
  std::vector<RecipientResult> first{result("bob@remote.example", RecipientStatus::queued, 2000, 451),
                                     result("carol@remote.example", RecipientStatus::delivered, 0, 250)};
  ASSERT_TRUE(store_->record_outbound_results(id, first).ok());
  std::vector<RecipientResult> second{result("bob@remote.example", RecipientStatus::failed, 0, 550)};
  ASSERT_TRUE(store_->record_outbound_results(id, second).ok());
  store_.reset();
  store_ = open();
  auto s = store_->get_outbound(id, true);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->message.bytes, sample().bytes);
  ASSERT_EQ(s->recipients.size(), 2u);
  const auto& bob = s->recipients[0];
  EXPECT_EQ(bob.recipient.address, "bob@remote.example");
  EXPECT_EQ(bob.status, RecipientStatus::failed);
  EXPECT_EQ(bob.attempts, 2);
  EXPECT_EQ(bob.last.code, 550);
  ASSERT_EQ(bob.history.size(), 2u);
  EXPECT_EQ(bob.history[0].code, 451);
  EXPECT_EQ(bob.history[0].host, "mx.remote.example");
  EXPECT_EQ(s->recipients[1].status, RecipientStatus::delivered);
  // Nothing queued is left, so nothing is due.
  EXPECT_TRUE(store_->due_outbound(1LL << 40, 10)->empty());
  EXPECT_EQ(*store_->next_outbound_attempt(), std::nullopt);
}

TEST_F(OutboundStateTest, FutureAttemptsAreNotDueUntilRetried) {
  auto id = *store_->enqueue_outbound(sample());
  std::vector<RecipientResult> later{result("bob@remote.example", RecipientStatus::queued, 5000, 421),
                                     result("carol@remote.example", RecipientStatus::queued, 6000, 421)};
  ASSERT_TRUE(store_->record_outbound_results(id, later).ok());
  EXPECT_TRUE(store_->due_outbound(4999, 10)->empty());
  EXPECT_EQ(*store_->next_outbound_attempt(), std::optional<std::int64_t>{5000});
  EXPECT_EQ(store_->due_outbound(5000, 10)->size(), 1u);
  ASSERT_TRUE(store_->retry_outbound(id).ok());
  EXPECT_EQ(store_->due_outbound(0, 10)->size(), 1u);
  EXPECT_EQ(store_->retry_outbound(id + 100).error().code, Errc::not_found);
  ASSERT_TRUE(store_->retry_outbound(0).ok());
}

TEST_F(OutboundStateTest, FinishRemovesAndQueuesTheNoticeInOneStep) {
  auto id = *store_->enqueue_outbound(sample());
  OutboundMessage notice;
  notice.recipients = {{"alice@example.org", 0, ""}};
  notice.bytes = "Subject: failure\r\n\r\nx\r\n";
  auto notice_id = store_->finish_outbound(id, &notice);
  ASSERT_TRUE(notice_id.ok()) << notice_id.error().message;
  auto listed = *store_->list_outbound_state();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, *notice_id);
  EXPECT_EQ(listed[0].message.sender, "");  // RFC 3464 2: a DSN has the null sender
  auto gone = store_->get_outbound(id, false);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, Errc::not_found);
  auto again = store_->finish_outbound(id, nullptr);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Errc::not_found);
}

TEST_F(OutboundStateTest, DelayWarningIsQueuedOnceAndRemembered) {
  auto id = *store_->enqueue_outbound(sample());
  EXPECT_FALSE(store_->get_outbound(id, false)->delay_warned);
  OutboundMessage notice;
  notice.recipients = {{"alice@example.org", 0, ""}};
  notice.bytes = "Subject: delayed\r\n\r\nx\r\n";
  auto first = store_->warn_outbound_delay(id, notice);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_NE(*first, 0);
  store_.reset();
  store_ = open();
  EXPECT_TRUE(store_->get_outbound(id, false)->delay_warned);
  // A second warning (another connection, or after a restart) queues nothing.
  auto second = store_->warn_outbound_delay(id, notice);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(store_->list_outbound_state()->size(), 2u);  // the message and one warning
  EXPECT_EQ(store_->warn_outbound_delay(id + 100, notice).error().code, Errc::not_found);
}

TEST_F(OutboundStateTest, DropRemovesEverything) {
  auto id = *store_->enqueue_outbound(sample());
  ASSERT_TRUE(store_->record_outbound_results(id, std::vector<RecipientResult>{
                  result("bob@remote.example", RecipientStatus::queued, 10, 451)}).ok());
  ASSERT_TRUE(store_->drop_outbound(id).ok());
  EXPECT_TRUE(store_->list_outbound_state()->empty());
  EXPECT_EQ(store_->drop_outbound(id).error().code, Errc::not_found);
  EXPECT_EQ(store_->record_outbound_results(id, std::vector<RecipientResult>{}).error().code, Errc::not_found);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
