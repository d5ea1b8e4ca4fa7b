// Mailboxes of the SQLite store: creation (with UIDVALIDITY), listing,
// rename (RFC 3501 6.3.5, INBOX included), delete, subscriptions.
//
// Thread-safety: as the connection's (one thread at a time). Writes
// REQUIRE a writer transaction.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/sqlite/change_feed.hpp"
#include "store/sqlite/database.hpp"
#include "store/types.hpp"

namespace kurir::store::sqlite {

// Creates the mailbox and any missing parents (RFC 9051 6.3.4). Fails
// already_exists, invalid_argument, not_found (account).
Result<Mailbox> create_mailbox(Connection& c, ChangeSet& changes, AccountId account, std::string_view name,
                               SpecialUse use, bool subscribe);
Status delete_mailbox(Connection& c, ChangeSet& changes, MailboxId id);
Status rename_mailbox(Connection& c, ChangeSet& changes, MailboxId id, std::string_view new_name);
Status set_subscribed(Connection& c, ChangeSet& changes, AccountId account, std::string_view name, bool subscribed);

Result<std::vector<Mailbox>> list_mailboxes(Connection& c, AccountId account);
Result<Mailbox> find_mailbox(Connection& c, AccountId account, std::string_view name);
Result<Mailbox> get_mailbox(Connection& c, MailboxId id);

}  // namespace kurir::store::sqlite
