// What a message's state calls for telling its sender (src/queue/notice.hpp):
// whom a delay warning names, and when (RFC 3461 4.1, RFC 3464 2.3.8).
#include "queue/notice.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kurir::queue {
namespace {

constexpr std::int64_t kCreated = 1700000000;
const RetryPolicy kPolicy{1, 2, 3600};

store::OutboundRecipientState waiting(const std::string& address, std::uint8_t notify) {
  store::OutboundRecipientState r;
  r.recipient = store::OutboundRecipient{address, notify, ""};
  r.status = store::RecipientStatus::queued;
  r.attempts = 2;
  r.last = store::OutboundAttempt{kCreated + 5, "", 0, "4.4.1 connecting to [127.0.0.1]:25: Connection refused"};
  return r;
}

store::OutboundState state() {
  store::OutboundState s;
  s.id = 7;
  s.message.sender = "alice@example.test";
  s.message.created = kCreated;
  s.message.bytes = "Subject: hello\r\n\r\nthe body\r\n";
  s.recipients = {waiting("bob@remote.example", 0)};
  return s;
}

TEST(DelayWarning, IsDueOnceTheDelayHasPassed) {
  EXPECT_TRUE(delay_warning_recipients(state(), 10, kPolicy, kCreated + 9).empty());
  const auto due = delay_warning_recipients(state(), 10, kPolicy, kCreated + 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].address, "bob@remote.example");
  EXPECT_EQ(due[0].action, DsnAction::delayed);
  EXPECT_EQ(due[0].status, "4.4.1");
  EXPECT_EQ(due[0].diagnostic, "4.4.1 connecting to [127.0.0.1]:25: Connection refused");
  EXPECT_FALSE(due[0].diagnostic_is_reply);
  EXPECT_EQ(due[0].will_retry_until, kCreated + 3600);  // the end of the message's lifetime
}

TEST(DelayWarning, OffWarnedOrToTheNullSenderIsNone) {
  EXPECT_TRUE(delay_warning_recipients(state(), 0, kPolicy, kCreated + 100000).empty());
  store::OutboundState warned = state();
  warned.delay_warned = true;
  EXPECT_TRUE(delay_warning_recipients(warned, 10, kPolicy, kCreated + 100).empty());
  store::OutboundState bounce = state();
  bounce.message.sender.clear();
  EXPECT_TRUE(delay_warning_recipients(bounce, 10, kPolicy, kCreated + 100).empty());
}

TEST(DelayWarning, NamesOnlyWaitingRecipientsThatAskForDelays) {
  store::OutboundState s = state();
  s.recipients.push_back(waiting("failure@remote.example", kNotifyFailure));
  s.recipients.push_back(waiting("never@remote.example", kNotifyNever));
  s.recipients.push_back(waiting("delay@remote.example", kNotifyDelay | kNotifyFailure));
  store::OutboundRecipientState delivered = waiting("done@remote.example", 0);
  delivered.status = store::RecipientStatus::delivered;
  s.recipients.push_back(delivered);
  store::OutboundRecipientState untried = waiting("untried@remote.example", 0);
  untried.last = {};
  s.recipients.push_back(untried);
  const auto due = delay_warning_recipients(s, 10, kPolicy, kCreated + 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].address, "bob@remote.example");  // no NOTIFY: warned (RFC 3461 4.1)
  EXPECT_EQ(due[1].address, "delay@remote.example");
}

TEST(DelayWarning, TheNoticeSaysItIsAWarningWithTheHeaderOnly) {
  const store::OutboundState s = state();
  const auto notice = notice_message(s, delay_warning_recipients(s, 10, kPolicy, kCreated + 10), "mail.example.test",
                                     kCreated + 10, "b0undary");
  EXPECT_TRUE(notice.sender.empty());  // RFC 3464 2: from the null sender
  ASSERT_EQ(notice.recipients.size(), 1u);
  EXPECT_EQ(notice.recipients[0].address, "alice@example.test");
  EXPECT_EQ(notice.recipients[0].notify, kNotifyNever);
  const std::string& dsn = notice.bytes;
  EXPECT_NE(dsn.find("Subject: Delayed Mail (still being retried)\r\n"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("has not been delivered yet"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("retried until Tue, 14 Nov 2023 23:13:20 +0000"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("Action: delayed\r\nStatus: 4.4.1\r\n"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("Diagnostic-Code: x-local; 4.4.1 connecting"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("Will-Retry-Until: Tue, 14 Nov 2023 23:13:20 +0000\r\n"), std::string::npos) << dsn;
  EXPECT_EQ(dsn.find("Undelivered"), std::string::npos);
  // RFC 3461 4.3: no failure reported, so the header only.
  EXPECT_NE(dsn.find("Content-Type: text/rfc822-headers"), std::string::npos) << dsn;
  EXPECT_EQ(dsn.find("the body"), std::string::npos);
}

TEST(DelayWarning, ABounceKeepsItsRet) {
  store::OutboundState s = state();
  s.recipients[0].status = store::RecipientStatus::failed;
  s.recipients[0].last = store::OutboundAttempt{kCreated + 5, "mx.remote.example", 550, "5.1.1 no such user"};
  const auto notice = notice_message(s, {dsn_recipient(s.recipients[0], DsnAction::failed)}, "mail.example.test",
                                     kCreated + 10, "b0undary");
  EXPECT_NE(notice.bytes.find("Subject: Undelivered Mail Returned to Sender"), std::string::npos);
  EXPECT_NE(notice.bytes.find("Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n"), std::string::npos) << notice.bytes;
  EXPECT_NE(notice.bytes.find("the body"), std::string::npos);  // RET unset, small: the whole message
  EXPECT_EQ(notice.bytes.find("Will-Retry-Until"), std::string::npos);
}

}  // namespace
}  // namespace kurir::queue
