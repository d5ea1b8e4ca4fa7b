// Flags carried in message headers, as mbox writers keep them (Dovecot, mutt,
// Thunderbird): "Status:" (R seen, O old), "X-Status:" (A answered,
// F flagged, T draft, D deleted) and "X-Keywords:" (space or comma
// separated IMAP keywords). And the line-end conversions of import/export.
//
// The store keeps flags as flags: a stored message carries none of these
// three fields. Import takes them out (take_flag_headers); export writes them
// from the stored flags (format_flag_headers), at the end of the header,
// where Dovecot and mutt put them, so a message that had them there comes
// back byte for byte. "Status: O" (not recent) has no stored meaning and is
// not written back.
//
// SECURITY: reads untrusted message bytes; linear, no allocation beyond the
// message's size.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "store/types.hpp"

namespace kurir::transfer {

// Removes every Status, X-Status and X-Keywords field (with its continuation
// lines) from the header of message (LF or CRLF) and returns the flags they
// carried; keywords sorted, unique, invalid ones left out.
store::Flags take_flag_headers(std::string& message);

// "Status: RO\n", "X-Status: AFTD\n" (those set, in that order) and
// "X-Keywords: k1 k2\n", each only when it has something to say.
std::string format_flag_headers(const store::Flags& flags);

// The byte offset where the header ends: the start of the blank line that
// ends it, or message.size() when there is none.
std::size_t header_end(std::string_view message);

// RFC 3501 9 flag-keyword: an atom of at most limits::kMaxKeywordBytes.
bool is_valid_keyword(std::string_view keyword);

// Bare LF becomes CRLF; CRLF and lone CR stay (RFC 5322 2.3: IMAP serves CRLF).
std::string to_crlf(std::string_view text);
// CRLF (and any run of CRs before an LF) becomes LF; other CRs stay, so
// to_lf(to_crlf(to_lf(x))) == to_lf(x).
std::string to_lf(std::string_view text);

}  // namespace kurir::transfer
