// The outbound queue's delivery state (schema versions 3 and 4): per
// recipient its status, attempts, next attempt time and the remote's last
// reply, the history of every attempt, and per message whether its delay
// warning went out. The queue (src/queue/) reads and updates these
// through store::Store; `kurir queue` shows them.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/outbound.hpp"

namespace kurir::store {

enum class RecipientStatus : std::uint8_t {
  queued = 0,     // still to be delivered (next_attempt says when)
  delivered = 1,  // the remote answered 250 to the message's data
  failed = 2,     // permanently refused, or given up after the message's lifetime
};

const char* recipient_status_name(RecipientStatus status);

// One try to deliver to one recipient, with what the remote said.
struct OutboundAttempt {
  std::int64_t at = 0;  // seconds since the epoch
  std::string host;     // the remote host (or "" when none was reached)
  int code = 0;         // the SMTP reply code; 0 when there was no reply (DNS, connection)
  std::string reply;    // the reply's text, or what went wrong locally
  bool operator==(const OutboundAttempt&) const = default;
};

struct OutboundRecipientState {
  OutboundRecipient recipient;
  RecipientStatus status = RecipientStatus::queued;
  int attempts = 0;
  std::int64_t next_attempt = 0;
  OutboundAttempt last;                  // the latest attempt; at == 0 before the first
  std::vector<OutboundAttempt> history;  // oldest first (only from get_outbound)
};

struct OutboundState {
  std::int64_t id = 0;
  OutboundMessage message;  // bytes only when asked for
  std::vector<OutboundRecipientState> recipients;
  bool delay_warned = false;  // its sender has had the one delay warning ([queue] delay_warning)
};

// An attempt's outcome for one recipient, as the queue records it.
struct RecipientResult {
  std::string address;
  RecipientStatus status = RecipientStatus::queued;
  std::int64_t next_attempt = 0;  // when status is queued
  OutboundAttempt attempt;
};

}  // namespace kurir::store
