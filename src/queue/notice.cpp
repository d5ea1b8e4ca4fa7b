#include "queue/notice.hpp"

#include <algorithm>

#include "queue/outcome.hpp"

namespace kurir::queue {

DsnRecipient dsn_recipient(const store::OutboundRecipientState& r, DsnAction action) {
  const bool failed = action == DsnAction::failed;
  // Code 0: our own words (DNS, connection, TLS policy), not a remote's reply.
  return DsnRecipient{r.recipient.address, r.recipient.orcpt, action, attempt_status(r.last, failed), r.last.host,
                      r.last.code ? std::to_string(r.last.code) + " " + r.last.reply : r.last.reply,
                      r.last.code != 0, r.last.at};
}

std::vector<DsnRecipient> delay_warning_recipients(const store::OutboundState& state, std::int64_t delay_warning,
                                                   const RetryPolicy& policy, std::int64_t now) {
  std::vector<DsnRecipient> out;
  // RFC 3461 / RFC 5321 6.1: never a notice to the null sender.
  if (delay_warning <= 0 || state.delay_warned || state.message.sender.empty()) return out;
  if (now - state.message.created < delay_warning) return out;
  for (const auto& r : state.recipients) {
    // Only a recipient that has failed for now has a status to report (4.x.x).
    if (r.status != store::RecipientStatus::queued || r.last.at == 0) continue;
    if (!wants_notice(r.recipient.notify, DsnAction::delayed)) continue;  // RFC 3461 4.1
    DsnRecipient d = dsn_recipient(r, DsnAction::delayed);
    d.will_retry_until = state.message.created + policy.lifetime;  // RFC 3464 2.3.8
    out.push_back(std::move(d));
  }
  return out;
}

store::OutboundMessage notice_message(const store::OutboundState& state, std::vector<DsnRecipient> recipients,
                                      const std::string& hostname, std::int64_t now, std::string boundary) {
  const bool delayed_only = std::all_of(recipients.begin(), recipients.end(),
                                        [](const DsnRecipient& r) { return r.action == DsnAction::delayed; });
  DsnInput dsn;
  dsn.reporting_mta = hostname;
  dsn.sender = state.message.sender;
  dsn.envid = state.message.envid;
  // RFC 3461 4.3: RET applies only to a DSN reporting a failure; one without
  // SHOULD return only the header. Applied to delay warnings here.
  // XXX RFC 3461 4.3: a success report (NOTIFY=SUCCESS) still follows RET,
  // as it did before delay warnings; left for its own change.
  dsn.ret = delayed_only ? "HDRS" : state.message.ret;
  dsn.original = state.message.bytes;
  dsn.arrival = state.message.created;
  dsn.now = now;
  dsn.boundary = std::move(boundary);
  dsn.recipients = std::move(recipients);
  store::OutboundMessage notice;
  notice.recipients.push_back(store::OutboundRecipient{state.message.sender, kNotifyNever, ""});
  notice.bytes = render_dsn(dsn);
  return notice;
}

}  // namespace kurir::queue
