// Self-checks of a ParsedMessage: the structural invariants parse_message()
// promises, and the exact RFC 3501 7.4.2 grammar of its ENVELOPE, BODY and
// BODYSTRUCTURE strings. Used by the tests and the fuzz target; the store may
// use it to vet a record decoded from disk.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mime/message.hpp"

namespace kurir::mime {

// Empty when `m` is a valid parse of a message of `size` bytes; otherwise
// names the first violated invariant:
// - parts[0] is the whole message; every part has header_begin <= body_begin
//   <= body_end <= size;
// - parts are in pre-order; children lie inside their parent's body, in
//   order, without overlap; parent links match;
// - a multipart has at least one child, message/rfc822 exactly one, other
//   types none; depth and counts are within core/limits.hpp;
// - envelope, body and bodystructure follow the RFC 3501 grammar.
std::string find_violation(const ParsedMessage& m, std::uint64_t size);

// True when `s` is exactly one RFC 3501 `body` (with extension data when
// `extended`, as Kurir always writes all four extension fields).
bool is_imap_body(std::string_view s, bool extended);

// True when `s` is exactly one RFC 3501 `envelope`.
bool is_imap_envelope(std::string_view s);

}  // namespace kurir::mime
