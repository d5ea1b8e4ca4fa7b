// What one attempt means for one recipient: delivered (2xx), failed (5xx, or
// a permanent routing error), or deferred with its next attempt by the retry
// policy, or failed when the message's lifetime is over (RFC 5321 4.5.4.1).
// Pure.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "queue/backoff.hpp"
#include "queue/reply.hpp"
#include "store/outbound_state.hpp"

namespace kurir::queue {

// Reply code 0 stands for a local failure (DNS, connection); `permanent`
// says which kind. attempts_before: the recipient's attempts so far.
store::RecipientResult judge(const std::string& address, const Reply& reply, bool permanent, const std::string& host,
                             int attempts_before, std::int64_t created, std::int64_t now, const RetryPolicy& policy);

// RFC 3463 status of a recorded attempt: from its reply text when it starts
// with one ("5.1.1 ...") of its code's class, else from its code class. A
// local attempt (code 0) keeps the status its text starts with, else gets
// 5.0.0 or 4.0.0 by `failed`.
std::string attempt_status(const store::OutboundAttempt& attempt, bool failed);

}  // namespace kurir::queue
