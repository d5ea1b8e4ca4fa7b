// The outbound queue's storage (schema version 2): enqueue, list, reopen.
#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

class OutboundTest : public StoreTest {};

OutboundMessage sample() {
  OutboundMessage m;
  m.sender = "alice@example.org";
  m.recipients = {{"bob@remote.example", 6, "rfc822;bob@remote.example"}, {"carol@remote.example", 0, ""}};
  m.envid = "QQ314159";
  m.ret = "HDRS";
  m.smtputf8 = true;
  m.body = "8BITMIME";
  m.bytes = std::string("Received: x\r\n\r\nbody \xff\0 bytes\r\n", 29);
  m.created = 1700000000;
  return m;
}

TEST_F(OutboundTest, EnqueuedMessagesAreListedWithEveryField) {
  auto first = store_->enqueue_outbound(sample());
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = store_->enqueue_outbound(sample());
  ASSERT_TRUE(second.ok());
  EXPECT_LT(*first, *second);
  auto listed = store_->list_outbound();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, *first);
  EXPECT_EQ((*listed)[0].message, sample());
}

TEST_F(OutboundTest, SurvivesReopening) {
  ASSERT_TRUE(store_->enqueue_outbound(sample()).ok());
  store_.reset();
  store_ = open();
  auto listed = store_->list_outbound();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().message.bytes, sample().bytes);
}

TEST_F(OutboundTest, DuplicateRecipientsAreQueuedOnce) {
  auto m = sample();
  m.recipients.push_back(m.recipients.front());
  ASSERT_TRUE(store_->enqueue_outbound(m).ok());
  auto listed = store_->list_outbound();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->front().message.recipients.size(), 2u);
}

TEST_F(OutboundTest, NeedsRecipients) {
  auto m = sample();
  m.recipients.clear();
  auto r = store_->enqueue_outbound(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::invalid_argument);
  auto listed = store_->list_outbound();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(OutboundTest, NowWhenNoCreationTime) {
  auto m = sample();
  m.created = 0;
  ASSERT_TRUE(store_->enqueue_outbound(m).ok());
  auto listed = store_->list_outbound();
  ASSERT_TRUE(listed.ok());
  EXPECT_GT(listed->front().message.created, 1700000000);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
