// Retry timing and the verdict on one attempt (src/queue/backoff.hpp, outcome.hpp).
#include "queue/backoff.hpp"

#include <gtest/gtest.h>

#include "queue/outcome.hpp"

namespace kurir::queue {
namespace {

const RetryPolicy kPolicy{300, 3600, 432000};

TEST(Backoff, WaitsDoubleUpToTheLongest) {
  EXPECT_EQ(next_attempt(kPolicy, 1, 1000), 1300);
  EXPECT_EQ(next_attempt(kPolicy, 2, 1000), 1600);
  EXPECT_EQ(next_attempt(kPolicy, 3, 1000), 2200);
  EXPECT_EQ(next_attempt(kPolicy, 4, 1000), 3400);
  EXPECT_EQ(next_attempt(kPolicy, 5, 1000), 4600);  // 4800 capped at 3600
  EXPECT_EQ(next_attempt(kPolicy, 1000000, 1000), 4600);
}

TEST(Backoff, ExpiresAfterTheLifetime) {
  EXPECT_FALSE(expired(kPolicy, 0, 431999));
  EXPECT_TRUE(expired(kPolicy, 0, 432000));
}

TEST(Outcome, TwoHundredsDeliverFourHundredsDeferFiveHundredsFail) {
  const auto delivered = judge("bob@remote.example", Reply{250, {"2.0.0 OK"}}, false, "mx", 0, 0, 10, kPolicy);
  EXPECT_EQ(delivered.status, store::RecipientStatus::delivered);
  const auto deferred = judge("bob@remote.example", Reply{451, {"4.3.0 later"}}, false, "mx", 0, 0, 10, kPolicy);
  EXPECT_EQ(deferred.status, store::RecipientStatus::queued);
  EXPECT_EQ(deferred.next_attempt, 310);
  const auto failed = judge("bob@remote.example", Reply{550, {"5.1.1 no such user"}}, false, "mx", 0, 0, 10, kPolicy);
  EXPECT_EQ(failed.status, store::RecipientStatus::failed);
}

TEST(Outcome, LocalFailuresFollowTheirKindAndTheLifetimeEndsRetries) {
  const Reply no_connection{0, {"4.4.1 connection refused"}};
  EXPECT_EQ(judge("b@r.example", no_connection, false, "", 3, 0, 10, kPolicy).status, store::RecipientStatus::queued);
  EXPECT_EQ(judge("b@r.example", no_connection, true, "", 3, 0, 10, kPolicy).status, store::RecipientStatus::failed);
  // A temporary failure after the lifetime is a failure (RFC 5321 4.5.4.1).
  EXPECT_EQ(judge("b@r.example", Reply{451, {"4.3.0 later"}}, false, "mx", 9, 0, 432000, kPolicy).status,
            store::RecipientStatus::failed);
}

TEST(Outcome, AttemptStatusComesFromTheReplyOrOurOwnWords) {
  EXPECT_EQ(attempt_status({0, "mx", 550, "5.1.1 no such user"}, true), "5.1.1");
  EXPECT_EQ(attempt_status({0, "mx", 550, "no status here"}, true), "5.0.0");
  EXPECT_EQ(attempt_status({0, "mx", 421, "5.1.1 wrong class"}, false), "4.0.0");  // RFC 3463 2: class follows the code
  // Code 0, our own words: their status stands, of either class, even on a failed recipient.
  EXPECT_EQ(attempt_status({0, "mx", 0, "4.7.10 TLS is required"}, false), "4.7.10");
  EXPECT_EQ(attempt_status({0, "mx", 0, "4.4.7 gave up after the message's lifetime; last error: x"}, true), "4.4.7");
  EXPECT_EQ(attempt_status({0, "", 0, "5.1.10 accepts no mail (null MX)"}, true), "5.1.10");
  EXPECT_EQ(attempt_status({0, "", 0, "connection refused"}, true), "5.0.0");
  EXPECT_EQ(attempt_status({0, "", 0, "connection refused"}, false), "4.0.0");
}

}  // namespace
}  // namespace kurir::queue
