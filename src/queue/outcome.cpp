#include "queue/outcome.hpp"

namespace kurir::queue {

store::RecipientResult judge(const std::string& address, const Reply& reply, bool permanent, const std::string& host,
                             int attempts_before, std::int64_t created, std::int64_t now, const RetryPolicy& policy) {
  store::RecipientResult r;
  r.address = address;
  r.attempt = store::OutboundAttempt{now, host, reply.code, reply.code ? reply.text().substr(4) : reply.lines.empty() ? "" : reply.lines.front()};
  if (reply.code >= 200 && reply.code < 300) {
    r.status = store::RecipientStatus::delivered;
  } else if (reply.code >= 500 || (reply.code == 0 && permanent)) {
    r.status = store::RecipientStatus::failed;  // RFC 5321 4.2.1: 5yz is permanent
  } else if (expired(policy, created, now)) {
    r.status = store::RecipientStatus::failed;
    r.attempt.reply = "4.4.7 gave up after the message's lifetime; last error: " + r.attempt.reply;
  } else {
    r.status = store::RecipientStatus::queued;
    r.next_attempt = next_attempt(policy, attempts_before + 1, now);
  }
  return r;
}

std::string attempt_status(const store::OutboundAttempt& attempt, bool failed) {
  Reply reply{attempt.code, {attempt.reply}};
  if (attempt.code != 0) return reply.status();
  // Our own words carry their status whatever its class: a recipient given
  // up on after its lifetime keeps "4.4.7" (RFC 3463 4.4.7; Postfix too
  // reports the last 4.x.x status of an expired recipient); else FAILED decides.
  const char first = attempt.reply.empty() ? '\0' : attempt.reply.front();
  reply.code = first == '4' || first == '5' ? (first - '0') * 100 : failed ? 500 : 400;
  return reply.status();
}

}  // namespace kurir::queue
