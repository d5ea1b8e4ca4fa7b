// Modified UTF-7 (RFC 3501 5.1.3), the encoding of IMAP mailbox names that
// Dovecot and Courier also use for Maildir++ folder names on disk.
//
// SECURITY: decodes untrusted names (directory names in an imported tree);
// rejects malformed input rather than guessing.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::transfer {

// "&AOQ-" -> "ä", "&-" -> "&". Bytes >= 0x80 pass through unchanged (a tree
// already kept in UTF-8). Fails invalid_argument on a malformed shift
// sequence (bad base64, unterminated, bad UTF-16 surrogates, non-zero pad bits).
Result<std::string> decode_mutf7(std::string_view name);

// The inverse, for names in UTF-8 (used by tests and by anything that writes
// Maildir++ names). Invalid UTF-8 bytes are encoded as U+FFFD.
std::string encode_mutf7(std::string_view name);

}  // namespace kurir::transfer
