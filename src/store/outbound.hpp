// The outbound queue's stored form: a message accepted for recipients on
// other servers, with its envelope and DSN parameters (RFC 3461), written
// durably before the client hears 250. The queue (issue "outbound queue")
// delivers, retries and bounces from these rows.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kurir::store {

struct OutboundRecipient {
  std::string address;
  std::uint8_t notify = 0;  // RFC 3461 4.1 NOTIFY bits (smtp::Notify); 0: not given
  std::string orcpt;        // RFC 3461 4.2 "addr-type;xtext", or empty
  bool operator==(const OutboundRecipient&) const = default;
};

struct OutboundMessage {
  std::string sender;  // reverse-path without brackets; empty: the null sender
  std::vector<OutboundRecipient> recipients;  // distinct addresses
  std::string envid;   // RFC 3461 4.4, xtext as received; may be empty
  std::string ret;     // RFC 3461 4.3 "FULL", "HDRS" or empty
  bool smtputf8 = false;  // RFC 6531: the next hop must offer SMTPUTF8
  std::string body;    // "7BIT", "8BITMIME", "BINARYMIME" or empty (RFC 6152, 3030)
  std::string bytes;   // the message, with this server's Received header on top
  std::int64_t created = 0;  // seconds since the epoch; 0: now
  bool operator==(const OutboundMessage&) const = default;
};

struct OutboundEntry {
  std::int64_t id = 0;
  OutboundMessage message;
};

}  // namespace kurir::store
