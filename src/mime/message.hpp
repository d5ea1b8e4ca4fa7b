// The parsed form of one RFC 5322 message, computed once at delivery
// (DESIGN.md "A message is parsed once") and stored beside its bytes. FETCH,
// SEARCH, POP3 TOP and the webmail read this; nothing re-parses on the hot path.
//
// SECURITY: parse_message() reads untrusted bytes. It never fails and never
// rejects: malformed MIME (missing boundaries, bad encodings, 8-bit headers,
// absurd nesting) still yields a valid structure, cut at the bounds in
// core/limits.hpp. Its cost is linear in the input size.
//
// Thread-safety: pure functions over values; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kurir::mime {

struct Param {
  std::string name;   // lower-case attribute
  std::string value;  // RFC 2231 continuations joined; charset-decoded to UTF-8 when it said so

  bool operator==(const Param&) const = default;
};

// One node of the MIME tree. Offsets are byte positions in the whole message,
// half-open [begin, end). For every part, [header_begin, body_begin) is its
// header including the blank line that ends it, [body_begin, body_end) its body.
struct Part {
  static constexpr std::uint32_t kNoParent = 0xFFFFFFFFu;

  std::uint64_t header_begin = 0;
  std::uint64_t body_begin = 0;
  std::uint64_t body_end = 0;
  std::uint64_t body_lines = 0;  // lines in the body (RFC 3501 body-fld-lines)

  std::uint32_t parent = kNoParent;     // index in ParsedMessage::parts
  std::vector<std::uint32_t> children;  // multipart: its parts; message/rfc822: exactly one, the encapsulated message

  std::string type = "text";      // lower-case; RFC 2045 5.2 defaults
  std::string subtype = "plain";  // lower-case
  std::vector<Param> params;      // Content-Type parameters
  std::string id;                 // Content-ID, raw
  std::string description;        // Content-Description, raw
  std::string encoding = "7BIT";  // Content-Transfer-Encoding, upper-case
  std::string md5;                // Content-MD5, raw
  std::string disposition;        // lower-case, empty if none
  std::vector<Param> disposition_params;
  std::vector<std::string> language;
  std::string location;
  std::uint64_t decoded_size = 0;  // body size after its transfer decoding (IMAP BINARY.SIZE)

  bool operator==(const Part&) const = default;
};

struct ParsedMessage {
  // Pre-order: parts[0] is the whole message. A message/rfc822 part's one
  // child is the root of the encapsulated message (its header is that
  // message's header).
  std::vector<Part> parts;

  // IMAP strings, exactly as RFC 3501 7.4.2 / RFC 9051 7.5.2 spell them, ready to send.
  std::string envelope;       // "(date subject from sender reply-to to cc bcc in-reply-to message-id)"
  std::string body;           // BODY: BODYSTRUCTURE without extension data
  std::string bodystructure;  // BODYSTRUCTURE with extension data

  // Decoded (RFC 2047, charsets) UTF-8, for the store, threading, sorting and search.
  std::string subject;
  std::string base_subject;  // RFC 5256 2.1 base subject
  std::string from;          // the From addresses as "Name <a@b>, ..."
  std::string to;
  std::string cc;
  std::int64_t date = 0;     // Date: as seconds since the epoch; 0 when missing or unparsable
  std::string message_id;    // without angle brackets; empty when none
  std::string in_reply_to;   // first Message-ID of In-Reply-To, without brackets
  std::vector<std::string> references;  // without brackets, oldest first, at most limits::kMaxReferences
  std::string search_text;   // decoded text/* bodies, at most limits::kMaxSearchTextBytes
  bool has_attachment = false;
  bool truncated = false;    // a bound cut the structure (depth, part count, header count)

  bool operator==(const ParsedMessage&) const = default;
};

// Parses one message. Never fails (see SECURITY above).
ParsedMessage parse_message(std::string_view bytes);

// Compact serialisation for the store. decode(encode(m)) == m field by field.
std::string encode(const ParsedMessage& message);
Result<ParsedMessage> decode(std::string_view bytes);

}  // namespace kurir::mime
