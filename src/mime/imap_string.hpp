// IMAP string output (RFC 3501 4.3 / RFC 9051 4.3): quoted strings, literals
// and NIL, as used in ENVELOPE and BODYSTRUCTURE.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kurir::mime {

// Longest value sent as a quoted string; longer ones go as literals.
inline constexpr std::size_t kMaxQuotedBytes = 1000;

// Appends `s` as an IMAP string: quoted ("..." with \" and \\ escaped) when it
// holds only 7-bit bytes other than CR, LF and NUL and is short; otherwise as
// a literal {n}CRLF<bytes>. NUL cannot travel in an IMAP4rev1 string
// (RFC 3501 9: CHAR8 excludes %x00), so each NUL becomes U+FFFD.
void append_string(std::string& out, std::string_view s);

// Appends NIL when `s` is empty, else append_string(s).
void append_nstring(std::string& out, std::string_view s);

void append_nil(std::string& out);
void append_number(std::string& out, std::uint64_t n);

}  // namespace kurir::mime
