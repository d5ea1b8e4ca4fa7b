// Validation and normal forms of the names the store keeps: domains,
// addresses, alias sources, mailbox names and keywords. Pure functions.
//
// SECURITY: these take names from the network (RCPT TO, IMAP CREATE) and the
// CLI; they bound lengths (core/limits.hpp) and reject control characters.
#pragma once

#include <string>
#include <string_view>

#include "core/domain_name.hpp"
#include "core/result.hpp"

namespace kurir::store::sqlite {

// Lower-case, without a trailing dot. Fails invalid_argument.
using kurir::normalize_domain;
// "local@domain", lower-case. Fails invalid_argument.
Result<std::string> normalize_address(std::string_view address);
// An address, or "@domain" for a catch-all. Fails invalid_argument.
Result<std::string> normalize_alias_source(std::string_view source);
// The domain part of a normalised address or alias source.
std::string_view domain_of(std::string_view address);

// Mailbox names use '/' as hierarchy separator; "INBOX" (any case, also as
// the first level of a longer name) becomes "INBOX". Fails invalid_argument.
Result<std::string> normalize_mailbox_name(std::string_view name);
bool is_inbox(std::string_view normalized_name);

// An IMAP keyword (flag without backslash). Fails invalid_argument.
Status check_keyword(std::string_view keyword);

}  // namespace kurir::store::sqlite
