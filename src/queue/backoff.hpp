// When to try a deferred recipient again, and when to give up: waits that
// double from retry_first up to retry_max, for at most lifetime seconds after
// the message was queued (RFC 5321 4.5.4.1: retry, and give up after 4-5 days).
// Pure.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>

#include "core/config.hpp"

namespace kurir::queue {

struct RetryPolicy {
  std::int64_t first = 300;     // seconds before the first retry
  std::int64_t max = 14400;     // longest wait
  std::int64_t lifetime = 432000;

  static RetryPolicy from(const Config& config);
};

// The time of the next try after a temporary failure at now, when the
// recipient has now failed `attempts` times (>= 1).
std::int64_t next_attempt(const RetryPolicy& policy, int attempts, std::int64_t now);

// True once a message queued at created may no longer be retried at now.
bool expired(const RetryPolicy& policy, std::int64_t created, std::int64_t now);

}  // namespace kurir::queue
