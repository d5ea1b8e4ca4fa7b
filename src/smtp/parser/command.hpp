// The SMTP command parser (RFC 5321 4.1, with the ESMTP parameters of SIZE
// RFC 1870, 8BITMIME RFC 6152, BINARYMIME/CHUNKING RFC 3030, SMTPUTF8
// RFC 6531, DSN RFC 3461 and AUTH RFC 4954): one command line in, a Command
// or the precise reply for its error out. No I/O, no store, no session state.
//
// SECURITY: the input is one untrusted line from the network (line ending
// already removed by net::LineReader, which bounds it at
// limits::kMaxSmtpLineBytes). The parser enforces the per-command bounds of
// RFC 5321 4.5.3.1 (command line, path, local part, domain), accepts only the
// path grammar of RFC 5321 4.1.2 (UTF-8 only where RFC 6531 allows it), never
// allocates more than the line's size, and is linear in it. Every malformed
// form is a ParseError with its reply code; nothing here throws.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "smtp/reply.hpp"

namespace kurir::smtp {

enum class Verb : std::uint8_t { ehlo, helo, mail, rcpt, data, bdat, rset, noop, quit, vrfy, expn, help, starttls, auth };

// A reverse-path or forward-path without its angle brackets. RFC 5321 4.1.2.
struct Path {
  bool null = false;        // "<>" (MAIL FROM only)
  std::string local;        // as written: a dot-string, or a quoted string with its quotes
  std::string domain;       // a domain (as written) or an address literal "[...]"
  bool non_ascii = false;   // UTF-8 in local part or domain (needs SMTPUTF8, RFC 6531 3.3)
  // "local@domain"; "" for the null path.
  std::string address() const { return null ? std::string() : local + "@" + domain; }
};

enum class Body : std::uint8_t { unspecified, seven_bit, eight_bit_mime, binary_mime };
enum class Ret : std::uint8_t { unspecified, full, hdrs };

struct MailParams {
  std::optional<std::uint64_t> size;  // RFC 1870 SIZE=
  Body body = Body::unspecified;      // RFC 6152 / RFC 3030 BODY=
  bool smtputf8 = false;              // RFC 6531 3.4
  Ret ret = Ret::unspecified;         // RFC 3461 4.3
  std::string envid;                  // RFC 3461 4.4, still xtext-encoded
  std::optional<std::string> auth;    // RFC 4954 5 AUTH=, xtext-encoded ("<>" kept as is)
};

// RFC 3461 4.1 NOTIFY bits; 0 when not given.
enum Notify : std::uint8_t { kNotifyNever = 1, kNotifySuccess = 2, kNotifyFailure = 4, kNotifyDelay = 8 };

struct RcptParams {
  std::uint8_t notify = 0;
  std::string orcpt;  // RFC 3461 4.2 "addr-type;xtext", as written
};

struct Command {
  Verb verb = Verb::noop;
  std::string argument;          // EHLO/HELO domain, VRFY/EXPN/HELP text, AUTH mechanism (upper-cased)
  std::string initial_response;  // AUTH: RFC 4954 4 initial response ("=" for empty), or empty if none
  Path path;                     // MAIL, RCPT
  MailParams mail;
  RcptParams rcpt;
  std::uint64_t chunk_size = 0;  // BDAT
  bool last = false;             // BDAT ... LAST
};

struct ParseError {
  Reply reply;
};

using Parsed = std::variant<Command, ParseError>;

// Parses one command line (without CRLF). REQUIRES: nothing; any bytes are valid input.
Parsed parse_command(std::string_view line);

// Parses "<path>" as RFC 5321 4.1.2 Path (or "<>" when allow_null). Exposed for tests.
std::optional<Path> parse_path(std::string_view text, bool allow_null);

// RFC 3461 4: decodes xtext ("+2B" -> "+"); nullopt when malformed.
std::optional<std::string> decode_xtext(std::string_view text);

}  // namespace kurir::smtp
