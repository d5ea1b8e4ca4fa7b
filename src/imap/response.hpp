// How the IMAP server spells values on the wire (RFC 9051 4 data formats,
// RFC 3501 4): strings as atoms, quoted strings or literals, flag lists,
// mailbox names (modified UTF-7 unless UTF8=ACCEPT is enabled, RFC 9051
// 5.1.3 / RFC 6855 3), and sequence numbers and UIDs as compressed sets.
//
// SECURITY: values come from stored, client-supplied data (mailbox names,
// keywords); anything that cannot be sent quoted (CR, LF, NUL, 8-bit where
// not allowed) is sent as a literal, so no value can inject a response line.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "store/types.hpp"

namespace kurir::imap {

// RFC 9051 4.3: a quoted string when the bytes allow it ("\" and "\"" are
// escaped), else a literal "{N}\r\n<bytes>". utf8 allows 8-bit bytes in a
// quoted string (RFC 9051 4.3, RFC 6855 3 once UTF8=ACCEPT is enabled).
std::string imap_string(std::string_view value, bool utf8);

// A string, or NIL when empty.
std::string nstring(std::string_view value, bool utf8);

// A mailbox name for LIST, STATUS, ...: UTF-8 as stored, or modified UTF-7
// (RFC 3501 5.1.3) when the client has not enabled UTF8=ACCEPT or IMAP4rev2.
std::string mailbox_name(std::string_view utf8_name, bool utf8);

// "(\Seen \Flagged $Junk)" (RFC 9051 2.3.2).
std::string flag_list(const store::Flags& flags);

// Ascending unique numbers as "1:3,5,7:8" (RFC 9051 9 sequence-set).
std::string number_set(std::span<const std::uint32_t> ascending);

}  // namespace kurir::imap
