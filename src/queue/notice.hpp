// What a queued message's state calls for telling its sender (RFC 3461,
// RFC 3464): a recipient's DSN fields from its recorded last attempt, whom a
// delay warning ([queue] delay_warning) is due for, and the notice itself as
// a message to queue. Pure: the runner reads the state, calls these, and
// stores the result.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "queue/backoff.hpp"
#include "queue/dsn.hpp"
#include "store/outbound_state.hpp"

namespace kurir::queue {

// The DSN fields of a recipient's last recorded attempt, reported as ACTION
// (failed: its status as permanent unless its own text says otherwise).
DsnRecipient dsn_recipient(const store::OutboundRecipientState& recipient, DsnAction action);

// The recipients STATE's delay warning names at NOW: those still queued
// after at least one attempt whose NOTIFY asks for delays (RFC 3461 4.1; none
// given: yes), each with Will-Retry-Until the end of the message's lifetime.
// Empty (no warning due) when delay_warning is 0 (off) or has not yet passed
// since the message was queued, the sender is the null sender, or the
// message had its warning already.
std::vector<DsnRecipient> delay_warning_recipients(const store::OutboundState& state, std::int64_t delay_warning,
                                                   const RetryPolicy& policy, std::int64_t now);

// The notice about STATE's RECIPIENTS (a bounce, a success report or a
// delay warning, by their actions) as a message to queue from the null
// sender to STATE's sender. hostname: this server's (Reporting-MTA);
// boundary: unique per notice. REQUIRES: STATE's bytes were loaded; its
// sender is not the null sender; recipients is not empty.
store::OutboundMessage notice_message(const store::OutboundState& state, std::vector<DsnRecipient> recipients,
                                      const std::string& hostname, std::int64_t now, std::string boundary);

}  // namespace kurir::queue
