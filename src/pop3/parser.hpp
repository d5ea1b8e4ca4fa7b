// The POP3 command parser: one command line (without its CRLF) in, a
// Command or a precise error out. RFC 1939 3 and 5-7, RFC 2449 CAPA, RFC 5034
// AUTH, RFC 2595 STLS, RFC 6856 UTF8. Pure: no I/O, no store, no state; the
// session decides whether a command is allowed in its state.
//
// SECURITY: the line is untrusted network input. Its length is bounded here
// (limits::kMaxPop3CommandBytes, and kMaxPop3CredentialLineBytes for the
// lines that carry credentials: PASS and AUTH); message numbers are decimal
// without sign and must fit in 32 bits; nothing is allocated past the line.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::pop3 {

enum class Verb : std::uint8_t {
  user, pass, apop, auth, stls, capa, utf8,         // AUTHORIZATION state
  stat, list, retr, dele, noop, rset, top, uidl,  // TRANSACTION state
  quit,                                           // both
};

const char* verb_name(Verb verb);  // upper-case keyword, "USER"

struct Command {
  Verb verb = Verb::noop;
  // USER: the name; PASS: the password (the rest of the line, spaces and
  // all, RFC 1939 7); AUTH: the mechanism, upper-cased (empty: bare AUTH).
  std::string text;
  // AUTH: the initial response (RFC 5034 4), if given ("=" is an empty one).
  std::optional<std::string> initial_response;
  // LIST, UIDL: optional; RETR, DELE, TOP: required. 1-based.
  std::optional<std::uint32_t> message;
  std::uint32_t lines = 0;  // TOP: body lines wanted

  bool operator==(const Command&) const = default;
};

// Parses one command line. Keywords are case-insensitive (RFC 1939 3).
// Fails invalid_argument (unknown keyword, missing or extra or malformed
// argument) or limit_exceeded (line too long); the message is the text to
// send after "-ERR ".
Result<Command> parse_command(std::string_view line);

}  // namespace kurir::pop3
