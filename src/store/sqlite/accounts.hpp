// Domains, accounts and aliases of the SQLite store: the functions behind
// the Store methods of the same names, run on a connection (the write
// connection inside a writer job, or a leased read connection).
//
// Thread-safety: as the connection's (one thread at a time).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/sqlite/change_feed.hpp"
#include "store/sqlite/database.hpp"
#include "store/types.hpp"

namespace kurir::store::sqlite {

// Writes (REQUIRES: inside a writer transaction).
Result<Domain> add_domain(Connection& c, std::string_view name);
Status remove_domain(Connection& c, std::string_view name);
Result<Account> add_account(Connection& c, ChangeSet& changes, std::string_view address,
                            std::string_view password_hash);
Status set_password(Connection& c, std::string_view address, std::string_view password_hash);
Status set_access(Connection& c, std::string_view address, std::optional<bool> imap, std::optional<bool> pop3);
Status set_quota(Connection& c, std::string_view address, std::uint64_t quota_bytes);
Status remove_account(Connection& c, ChangeSet& changes, std::string_view address);
Status add_alias(Connection& c, std::string_view source, std::string_view target);
Status remove_alias(Connection& c, std::string_view source, std::string_view target);

// Reads.
Result<std::vector<Domain>> list_domains(Connection& c);
Result<bool> is_local_domain(Connection& c, std::string_view name);
Result<Account> find_account(Connection& c, std::string_view address);
Result<Account> get_account(Connection& c, AccountId id);
Result<std::vector<Account>> list_accounts(Connection& c, std::string_view domain);
Result<std::vector<Alias>> list_aliases(Connection& c, std::string_view domain);
Result<std::vector<std::string>> resolve_recipient(Connection& c, std::string_view address);

}  // namespace kurir::store::sqlite
