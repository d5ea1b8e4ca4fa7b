// Reads address lists and the date back out of the ENVELOPE string stored
// with each message (mime::build_envelope, RFC 9051 7.5.2 "envelope"), for
// SEARCH BCC and SENT*, and the SORT keys FROM, TO, CC, DISPLAYFROM and
// DISPLAYTO (RFC 5256 3, RFC 5957): single addresses and the date as
// written, which the decoded summaries do not keep.
//
// SECURITY: the envelope is our own output, but built from untrusted header
// values; the reader checks every length and stops at the first malformed
// byte (giving what it read so far), never reading past the string.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kurir::imap::message {

struct EnvelopeAddress {
  std::string name;     // display name, raw (RFC 2047 words not decoded)
  std::string mailbox;  // local part
  std::string host;     // domain
};

// The envelope's address fields, by position in the ENVELOPE list.
enum class EnvelopeField : std::size_t { from = 2, sender = 3, reply_to = 4, to = 5, cc = 6, bcc = 7 };

// The envelope's date: the Date: header's value as written; "" when NIL.
std::string envelope_date(std::string_view envelope);

// The mailboxes of one address field, in order; group start and end markers
// (RFC 9051 7.5.2: NIL host) are skipped.
std::vector<EnvelopeAddress> envelope_addresses(std::string_view envelope, EnvelopeField field);

}  // namespace kurir::imap::message
