#include "queue/dsn.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "core/limits.hpp"

namespace kurir::queue {

namespace {

constexpr std::size_t kMaxDiagnosticBytes = 900;  // one header line, with room for its name

const char* action_name(DsnAction action) {
  switch (action) {
    case DsnAction::failed: return "failed";
    case DsnAction::delayed: return "delayed";
    case DsnAction::delivered: return "delivered";
  }
  return "failed";
}

// Printable ASCII only, bounded: remote replies and addresses go into header fields.
std::string printable(std::string_view text, std::size_t max) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= max) break;
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The original's header section (up to and including the blank line).
std::string_view header_section(std::string_view message) {
  const std::size_t end = message.find("\r\n\r\n");
  return end == std::string_view::npos ? message : message.substr(0, end + 4);
}

}  // namespace

bool wants_notice(std::uint8_t notify, DsnAction action) {
  if (notify & kNotifyNever) return false;
  switch (action) {
    case DsnAction::failed: return notify == 0 || (notify & kNotifyFailure);
    case DsnAction::delayed: return notify == 0 || (notify & kNotifyDelay);
    case DsnAction::delivered: return (notify & kNotifySuccess) != 0;
  }
  return false;
}

std::string rfc5322_date(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string decode_xtext(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string render_dsn(const DsnInput& in) {
  bool any_failed = false;
  bool any_delayed = false;
  std::int64_t retry_until = 0;  // the latest of the delayed recipients'
  for (const auto& r : in.recipients) {
    any_failed |= r.action == DsnAction::failed;
    any_delayed |= r.action == DsnAction::delayed;
    if (r.action == DsnAction::delayed) retry_until = std::max(retry_until, r.will_retry_until);
  }
  const std::string subject = any_failed    ? "Undelivered Mail Returned to Sender"
                              : any_delayed ? "Delayed Mail (still being retried)"
                                            : "Successful Mail Delivery Report";
  const std::string b = in.boundary;
  std::string out;
  // RFC 3464 2 / RFC 3834 5: from the postmaster, marked auto-generated.
  out += fmt::format("From: Mail Delivery System <MAILER-DAEMON@{}>\r\n", in.reporting_mta);
  out += fmt::format("To: <{}>\r\n", printable(in.sender, limits::kMaxSmtpMailLineBytes));
  out += fmt::format("Subject: {}\r\n", subject);
  out += fmt::format("Date: {}\r\n", rfc5322_date(in.now));
  out += fmt::format("Message-ID: <{}@{}>\r\n", b, in.reporting_mta);
  out += "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n";
  out += fmt::format("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"{}\"\r\n\r\n", b);
  out += "This is a MIME-encapsulated message.\r\n\r\n";

  // Part 1: for people.
  out += fmt::format("--{}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n", b);
  out += fmt::format("This is the mail system at host {}.\r\n\r\n", in.reporting_mta);
  if (any_failed)
    out += "I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n";
  else if (any_delayed && retry_until != 0)
    out += fmt::format("Your message has not been delivered yet to one or more recipients.\r\n"
                       "This is only a warning: it will be retried until {}.\r\n"
                       "You do not need to send it again.\r\n\r\n",
                       rfc5322_date(retry_until));
  else if (any_delayed)
    out += "Your message has not been delivered yet to one or more recipients.\r\nIt will be tried again.\r\n\r\n";
  else
    out += "Your message was delivered to the recipients below, as you asked.\r\n\r\n";
  for (const auto& r : in.recipients) {
    out += fmt::format("<{}>: {}\r\n", printable(r.address, limits::kMaxSmtpMailLineBytes),
                       r.diagnostic.empty() ? std::string(action_name(r.action))
                                            : printable(r.diagnostic, kMaxDiagnosticBytes));
  }
  out += "\r\n";

  // Part 2: RFC 3464 2.2 per-message fields, then 2.3 per-recipient groups.
  out += fmt::format("--{}\r\nContent-Type: message/delivery-status\r\n\r\n", b);
  out += fmt::format("Reporting-MTA: dns; {}\r\n", in.reporting_mta);
  if (!in.envid.empty())  // RFC 3464 2.2.1: the ENVID, xtext decoded
    out += fmt::format("Original-Envelope-Id: {}\r\n", printable(decode_xtext(in.envid), limits::kMaxSmtpMailLineBytes));
  out += fmt::format("Arrival-Date: {}\r\n", rfc5322_date(in.arrival));
  for (const auto& r : in.recipients) {
    out += "\r\n";
    if (!r.orcpt.empty())  // RFC 3464 2.3.1: address-type ";" generic-address
      out += fmt::format("Original-Recipient: {}\r\n", printable(decode_xtext(r.orcpt), limits::kMaxSmtpMailLineBytes));
    out += fmt::format("Final-Recipient: rfc822; {}\r\n", printable(r.address, limits::kMaxSmtpMailLineBytes));
    out += fmt::format("Action: {}\r\n", action_name(r.action));
    out += fmt::format("Status: {}\r\n", r.status);
    if (!r.remote_mta.empty()) out += fmt::format("Remote-MTA: dns; {}\r\n", printable(r.remote_mta, 255));
    if (!r.diagnostic.empty()) {
      // RFC 3464 2.3.6: "smtp;" for a remote's SMTP reply; "x-local;" for
      // what we saw or decided ourselves (a refused connection, TLS required).
      out += fmt::format("Diagnostic-Code: {}; {}\r\n", r.diagnostic_is_reply ? "smtp" : "x-local",
                         printable(r.diagnostic, kMaxDiagnosticBytes));
    }
    if (r.last_attempt != 0) out += fmt::format("Last-Attempt-Date: {}\r\n", rfc5322_date(r.last_attempt));
    // RFC 3464 2.3.8: only for a delayed recipient.
    if (r.action == DsnAction::delayed && r.will_retry_until != 0)
      out += fmt::format("Will-Retry-Until: {}\r\n", rfc5322_date(r.will_retry_until));
  }
  out += "\r\n";

  // Part 3: RFC 3461 4.3 RET: the whole message (FULL, and by our choice
  // when not given and small enough) or its headers (HDRS, or too large).
  const bool full = in.ret == "FULL" || (in.ret.empty() && in.original.size() <= limits::kMaxDsnReturnedBytes);
  if (full && in.original.size() <= limits::kMaxDsnReturnedBytes) {
    out += fmt::format("--{}\r\nContent-Type: message/rfc822\r\n\r\n", b);
    out += in.original;
  } else {
    out += fmt::format("--{}\r\nContent-Type: text/rfc822-headers\r\n\r\n", b);
    out += header_section(in.original);
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  out += fmt::format("--{}--\r\n", b);
  return out;
}

}  // namespace kurir::queue
