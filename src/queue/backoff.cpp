#include "queue/backoff.hpp"

#include <algorithm>

namespace kurir::queue {

RetryPolicy RetryPolicy::from(const Config& config) {
  return RetryPolicy{config.queue.retry_first, config.queue.retry_max, config.queue.lifetime};
}

std::int64_t next_attempt(const RetryPolicy& policy, int attempts, std::int64_t now) {
  std::int64_t wait = std::max<std::int64_t>(policy.first, 1);
  // Doubling stops at max; the loop is bounded by the 62 doublings an int64 holds.
  for (int i = 1; i < attempts && wait < policy.max && i < 62; ++i) wait *= 2;
  return now + std::min(wait, std::max(policy.max, policy.first));
}

bool expired(const RetryPolicy& policy, std::int64_t created, std::int64_t now) {
  return now - created >= policy.lifetime;
}

}  // namespace kurir::queue
