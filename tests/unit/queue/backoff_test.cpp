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

}  // namespace
}  // namespace kurir::queue
