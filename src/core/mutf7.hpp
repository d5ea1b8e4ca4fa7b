// Modified UTF-7 (RFC 3501 5.1.3), the encoding of IMAP mailbox names that
// Dovecot and Courier also use for Maildir++ folder names on disk. Shared by
// the IMAP parser (names from clients that have not enabled UTF8=ACCEPT) and
// the import of Maildir++ trees.
//
// SECURITY: decodes untrusted names (IMAP commands, directory names in an
// imported tree); rejects malformed input rather than guessing. Linear in the
// input; the output is at most 4/3 of it plus the input's own bytes.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir {

// "&AOQ-" -> "ä", "&-" -> "&". Bytes >= 0x80 pass through unchanged (a tree
// already kept in UTF-8). Fails invalid_argument on a malformed shift
// sequence (bad base64, unterminated, bad UTF-16 surrogates, non-zero pad bits).
Result<std::string> decode_mutf7(std::string_view name);

// The inverse, for names in UTF-8 (used by tests and by anything that writes
// Maildir++ names). Invalid UTF-8 bytes are encoded as U+FFFD.
std::string encode_mutf7(std::string_view name);

}  // namespace kurir
