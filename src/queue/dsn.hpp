// Delivery status notifications (RFC 3464): the multipart/report a sender
// gets when the queue gives up on recipients (or delivered them and the
// sender asked for it with NOTIFY=SUCCESS, RFC 3461 4.1), or, once, when
// recipients still wait after [queue] delay_warning (Action: delayed). Pure:
// rendering only; the queue decides when (queue/notice.hpp) and queues the result.
//
// SECURITY: the remote's reply text is untrusted; it is reduced to printable
// ASCII and bounded before it goes into a header field.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kurir::queue {

// RFC 3461 4.1 NOTIFY bits, as stored in store::OutboundRecipient::notify
// (the SMTP server writes them); 0 when the client gave none.
inline constexpr std::uint8_t kNotifyNever = 1;
inline constexpr std::uint8_t kNotifySuccess = 2;
inline constexpr std::uint8_t kNotifyFailure = 4;
inline constexpr std::uint8_t kNotifyDelay = 8;

enum class DsnAction { failed, delayed, delivered };

// RFC 3461 4.1: does a recipient with these NOTIFY bits want a notice of
// action? Without NOTIFY, failures and delays are reported.
bool wants_notice(std::uint8_t notify, DsnAction action);

struct DsnRecipient {
  std::string address;     // Final-Recipient
  std::string orcpt;       // ORCPT as received ("rfc822;bob+2Bx@y"), or empty
  DsnAction action = DsnAction::failed;
  std::string status;      // RFC 3463 "5.1.1"
  std::string remote_mta;  // host that answered, or empty
  std::string diagnostic;  // the remote's reply ("550 5.1.1 no such user"), or what went wrong
  bool diagnostic_is_reply = false;  // the diagnostic is a remote's SMTP reply, not our own words
  std::int64_t last_attempt = 0;
  std::int64_t will_retry_until = 0;  // delayed: when the queue gives up (RFC 3464 2.3.8); 0: unsaid
};

struct DsnInput {
  std::string reporting_mta;  // this server's host name
  std::string sender;         // the original sender: the DSN's recipient
  std::string envid;          // RFC 3461 4.4 ENVID (xtext), or empty
  std::string ret;            // "FULL", "HDRS" or empty
  std::string original;       // the original message's bytes
  std::int64_t arrival = 0;
  std::int64_t now = 0;
  std::string boundary;       // the MIME boundary (unique per notice)
  std::vector<DsnRecipient> recipients;
};

// The whole notice, CRLF line endings, ready to queue with the null sender.
std::string render_dsn(const DsnInput& input);

// RFC 5322 3.3 date-time in UTC.
std::string rfc5322_date(std::int64_t seconds);

// RFC 3461 4: decodes xtext ("+2B" -> "+"); invalid escapes are kept as written.
std::string decode_xtext(std::string_view text);

}  // namespace kurir::queue
