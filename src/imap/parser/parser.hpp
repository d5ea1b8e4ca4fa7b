// The IMAP command parser (RFC 3501 9 and RFC 9051 9, with the grammar of the
// extensions listed in command.hpp): the pure layer under the IMAP session.
// No I/O, no store, no session state beyond ParseOptions.
//
// How the session uses it:
//   1. Read one line (CRLF removed). trailing_literal(line) says whether it
//      ends with a literal announcement "{N}", "{N+}" or "~{N}". If so, answer
//      "+ " for a synchronizing literal (or refuse a too large one), read the
//      N bytes, then the next line, and ask again.
//   2. Join what was read exactly as on the wire (lines with CRLF, each
//      literal's bytes after its "{N}\r\n"), without the final CRLF, and call
//      parse_command(). It returns a Command or a ParseError whose text is made
//      for "tag BAD text" (or "* BAD text" when the tag is empty).
//
// SECURITY: the input is untrusted bytes from the network. The parser checks
// the literal framing itself (a literal's size is never trusted past the
// bytes present), enforces limits::kMaxImapLineBytes per line,
// kMaxImapCommandBytes for a whole command but APPEND's message data,
// kMaxImapLiteralsPerCommand, kMaxImapNesting (parenthesised lists, SEARCH
// NOT/OR/groups), kMaxImapSequenceRanges, kMaxImapSearchKeys,
// kMaxImapFetchItems, kMaxImapHeaderFieldNames and kMaxKeywordBytes, rejects
// NUL outside literal8 and invalid UTF-8 in mailbox names, allocates no more
// than the input's size justifies and runs in time linear in it. Nothing here
// throws on any input.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "imap/parser/command.hpp"

namespace kurir::imap {

// A literal announced at the end of a line.
struct LiteralHeader {
  std::uint64_t size = 0;  // saturates at UINT64_MAX when the digits overflow (refuse it as too large)
  bool non_sync = false;   // "{N+}" (RFC 7888): the client sends the bytes without waiting for "+"
  bool binary = false;     // "~{N}" literal8 (RFC 3516 4.4)
  bool operator==(const LiteralHeader&) const = default;
};

// The literal announced at the end of `line` (one line, CRLF removed), or
// nullopt. A "{N}" inside a quoted string is not an announcement. The syntax
// of the rest of the line is not checked here (parse_command does that).
std::optional<LiteralHeader> trailing_literal(std::string_view line);

struct ParseOptions {
  // RFC 6855 3 / RFC 9051 5.1: mailbox names are UTF-8 as sent (after ENABLE
  // UTF8=ACCEPT or IMAP4rev2). When false they are modified UTF-7 (RFC 3501
  // 5.1.3) and decoded to UTF-8.
  bool utf8_accept = false;
};

struct ParseError {
  std::string tag;      // the command's tag; empty when the line has no valid tag ("* BAD")
  std::string text;     // for "tag BAD [code] text": says what was expected, and where
  std::string code;     // response code without brackets: "TOOBIG", "LIMIT", "USEATTR"; or empty
  std::string command;  // the command name, upper-cased ("UID FETCH"), when it was recognised
};

using Parsed = std::variant<Command, ParseError>;

// Parses one whole command (see above). REQUIRES: nothing; any bytes are valid input.
Parsed parse_command(std::string_view wire, const ParseOptions& options = {});

// A mailbox name as the client wrote it (quotes and literal framing already
// removed) to UTF-8: modified UTF-7 decoded unless utf8_accept, "INBOX" in
// any case (and as the first level of a hierarchy, "inbox/x") made "INBOX"
// (RFC 9051 5.1). nullopt when malformed (bad modified UTF-7, invalid UTF-8, NUL).
std::optional<std::string> decode_mailbox_name(std::string_view name, bool utf8_accept);

// The inverse for responses: `name` (UTF-8) as the client expects it, modified
// UTF-7 unless utf8_accept. Quoting is the response writer's business.
std::string encode_mailbox_name(std::string_view name, bool utf8_accept);

}  // namespace kurir::imap
