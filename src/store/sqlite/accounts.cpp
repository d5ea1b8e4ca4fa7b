#include "store/sqlite/accounts.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>

#include "core/limits.hpp"
#include "store/sqlite/mailboxes.hpp"
#include "store/sqlite/messages.hpp"
#include "store/sqlite/names.hpp"

namespace kurir::store::sqlite {

namespace {

struct DefaultMailbox {
  const char* name;
  SpecialUse use;
};
constexpr std::array<DefaultMailbox, 6> kDefaultMailboxes = {{
    {"INBOX", SpecialUse::none},
    {"Drafts", SpecialUse::drafts},
    {"Sent", SpecialUse::sent},
    {"Trash", SpecialUse::trash},
    {"Junk", SpecialUse::junk},
    {"Archive", SpecialUse::archive},
}};

constexpr const char* kAccountColumns = "id, address, password_hash, imap, pop3, quota, used";

Account account_from_row(const Statement& st) {
  Account a;
  a.id = st.integer(0);
  a.address = st.text(1);
  a.password_hash = st.text(2);
  a.imap_enabled = st.integer(3) != 0;
  a.pop3_enabled = st.integer(4) != 0;
  a.quota_bytes = static_cast<std::uint64_t>(st.integer(5));
  a.used_bytes = static_cast<std::uint64_t>(st.integer(6));
  return a;
}

// The domain's id, or 0 when it is not a local domain.
Result<DomainId> domain_id(Connection& c, std::string_view normalized) {
  auto st = c.prepare("SELECT id FROM domains WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, normalized);
  auto row = st->step();
  if (!row) return row.error();
  return *row ? st->integer(0) : DomainId{0};
}

Result<bool> exists(Connection& c, std::string_view sql, std::string_view key) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  st->bind(1, key);
  auto row = st->step();
  if (!row) return row.error();
  return *row;
}

Result<bool> account_exists(Connection& c, std::string_view address) {
  return exists(c, "SELECT 1 FROM accounts WHERE address = ?1", address);
}

Result<bool> alias_source_exists(Connection& c, std::string_view source) {
  return exists(c, "SELECT 1 FROM aliases WHERE source = ?1 LIMIT 1", source);
}

Result<std::vector<std::string>> alias_targets(Connection& c, std::string_view source) {
  auto st = c.prepare("SELECT target FROM aliases WHERE source = ?1 ORDER BY target");
  if (!st) return st.error();
  st->bind(1, source);
  std::vector<std::string> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(st->text(0));
  }
  return out;
}

Error no_such_account(std::string_view address) {
  return make_error(Errc::not_found, "no such account: " + std::string(address));
}

// Runs an UPDATE of one account row by address; not_found when no row matched.
Status update_account(Connection& c, std::string_view sql, std::string_view address,
                      const std::function<void(Statement&)>& bind) {
  auto normalized = normalize_address(address);
  if (!normalized) return normalized.error();
  auto st = c.prepare(sql);
  if (!st) return st.error();
  st->bind(1, *normalized);
  bind(*st);
  KURIR_TRY(st->run());
  if (c.changes() == 0) return no_such_account(*normalized);
  return {};
}

}  // namespace

// ---- domains ----------------------------------------------------------------

Result<Domain> add_domain(Connection& c, std::string_view name) {
  auto normalized = normalize_domain(name);
  if (!normalized) return normalized.error();
  auto id = domain_id(c, *normalized);
  if (!id) return id.error();
  if (*id != 0) return make_error(Errc::already_exists, "domain already exists: " + *normalized);
  auto st = c.prepare("INSERT INTO domains(name) VALUES (?1)");
  if (!st) return st.error();
  st->bind(1, *normalized);
  KURIR_TRY(st->run());
  return Domain{c.last_insert_rowid(), *normalized};
}

Status remove_domain(Connection& c, std::string_view name) {
  auto normalized = normalize_domain(name);
  if (!normalized) return normalized.error();
  auto id = domain_id(c, *normalized);
  if (!id) return id.error();
  if (*id == 0) return make_error(Errc::not_found, "no such domain: " + *normalized);
  struct Use {
    const char* sql;
    const char* what;
  };
  for (const Use& use : {Use{"SELECT count(*) FROM accounts WHERE domain_id = ?1", " account(s)"},
                         Use{"SELECT count(*) FROM aliases WHERE domain_id = ?1", " alias(es)"}}) {
    auto st = c.prepare(use.sql);
    if (!st) return st.error();
    st->bind(1, *id);
    auto row = st->step();
    if (!row) return row.error();
    if (st->integer(0) != 0) {
      return make_error(Errc::conflict, "domain " + *normalized + " still has " + std::to_string(st->integer(0)) + use.what);
    }
  }
  auto st = c.prepare("DELETE FROM domains WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, *id);
  return st->run();
}

Result<std::vector<Domain>> list_domains(Connection& c) {
  auto st = c.prepare("SELECT id, name FROM domains ORDER BY name");
  if (!st) return st.error();
  std::vector<Domain> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(Domain{st->integer(0), st->text(1)});
  }
  return out;
}

Result<bool> is_local_domain(Connection& c, std::string_view name) {
  auto normalized = normalize_domain(name);
  if (!normalized) return false;
  auto id = domain_id(c, *normalized);
  if (!id) return id.error();
  return *id != 0;
}

// ---- accounts ---------------------------------------------------------------

Result<Account> add_account(Connection& c, ChangeSet& changes, std::string_view address,
                            std::string_view password_hash) {
  auto normalized = normalize_address(address);
  if (!normalized) return normalized.error();
  if (password_hash.size() > limits::kMaxPasswordBytes)
    return make_error(Errc::invalid_argument, "password hash too long");
  std::string domain(domain_of(*normalized));
  auto did = domain_id(c, domain);
  if (!did) return did.error();
  if (*did == 0) return make_error(Errc::not_found, "no such domain: " + domain);
  auto taken = account_exists(c, *normalized);
  if (!taken) return taken.error();
  if (*taken) return make_error(Errc::already_exists, "account already exists: " + *normalized);
  auto aliased = alias_source_exists(c, *normalized);
  if (!aliased) return aliased.error();
  if (*aliased) return make_error(Errc::already_exists, "address is an alias: " + *normalized);

  auto st = c.prepare("INSERT INTO accounts(domain_id, address, password_hash) VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  st->bind(1, *did).bind(2, *normalized).bind(3, password_hash);
  KURIR_TRY(st->run());
  Account account;
  account.id = c.last_insert_rowid();
  account.address = *normalized;
  account.password_hash = std::string(password_hash);
  for (const DefaultMailbox& m : kDefaultMailboxes) {
    auto created = create_mailbox(c, changes, account.id, m.name, m.use, /*subscribe=*/true);
    if (!created) return created.error();
  }
  return account;
}

Result<Account> find_account(Connection& c, std::string_view address) {
  auto normalized = normalize_address(address);
  if (!normalized) return normalized.error();
  auto st = c.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE address = ?1");
  if (!st) return st.error();
  st->bind(1, *normalized);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return no_such_account(*normalized);
  return account_from_row(*st);
}

Result<Account> get_account(Connection& c, AccountId id) {
  auto st = c.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return make_error(Errc::not_found, "no such account: id " + std::to_string(id));
  return account_from_row(*st);
}

Result<std::vector<Account>> list_accounts(Connection& c, std::string_view domain) {
  std::string normalized;
  if (!domain.empty()) {
    auto d = normalize_domain(domain);
    if (!d) return d.error();
    normalized = *d;
    auto id = domain_id(c, normalized);
    if (!id) return id.error();
    if (*id == 0) return make_error(Errc::not_found, "no such domain: " + normalized);
  }
  auto st = c.prepare(std::string("SELECT ") + kAccountColumns +
                      " FROM accounts WHERE ?1 = '' OR domain_id = (SELECT id FROM domains WHERE name = ?1)"
                      " ORDER BY address");
  if (!st) return st.error();
  st->bind(1, normalized);
  std::vector<Account> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(account_from_row(*st));
  }
  return out;
}

Status set_password(Connection& c, std::string_view address, std::string_view password_hash) {
  if (password_hash.size() > limits::kMaxPasswordBytes)
    return make_error(Errc::invalid_argument, "password hash too long");
  return update_account(c, "UPDATE accounts SET password_hash = ?2 WHERE address = ?1", address,
                        [&](Statement& st) { st.bind(2, password_hash); });
}

Status set_access(Connection& c, std::string_view address, std::optional<bool> imap, std::optional<bool> pop3) {
  return update_account(c,
                        "UPDATE accounts SET imap = coalesce(?2, imap), pop3 = coalesce(?3, pop3) WHERE address = ?1",
                        address, [&](Statement& st) {
                          if (imap) st.bind(2, std::int64_t{*imap}); else st.bind_null(2);
                          if (pop3) st.bind(3, std::int64_t{*pop3}); else st.bind_null(3);
                        });
}

Status set_quota(Connection& c, std::string_view address, std::uint64_t quota_bytes) {
  if (quota_bytes > static_cast<std::uint64_t>(INT64_MAX))
    return make_error(Errc::invalid_argument, "quota too large");
  return update_account(c, "UPDATE accounts SET quota = ?2 WHERE address = ?1", address,
                        [&](Statement& st) { st.bind(2, static_cast<std::int64_t>(quota_bytes)); });
}

Status remove_account(Connection& c, ChangeSet& changes, std::string_view address) {
  auto account = find_account(c, address);
  if (!account) return account.error();
  std::vector<MailboxId> mailboxes;
  {
    auto st = c.prepare("SELECT id FROM mailboxes WHERE account_id = ?1");
    if (!st) return st.error();
    st->bind(1, account->id);
    while (true) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      mailboxes.push_back(st->integer(0));
    }
  }
  for (MailboxId m : mailboxes) KURIR_TRY(remove_all_messages(c, m));
  {
    auto st = c.prepare("DELETE FROM aliases WHERE target = ?1");
    if (!st) return st.error();
    st->bind(1, account->address);
    KURIR_TRY(st->run());
  }
  // Mailboxes, tombstones, subscriptions and thread keys go by ON DELETE CASCADE.
  auto st = c.prepare("DELETE FROM accounts WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, account->id);
  KURIR_TRY(st->run());
  changes.push_back(Change{account->id, 0, 0});
  return {};
}

// ---- aliases ----------------------------------------------------------------

Status add_alias(Connection& c, std::string_view source, std::string_view target) {
  auto src = normalize_alias_source(source);
  if (!src) return src.error();
  auto dst = normalize_address(target);
  if (!dst) return dst.error();
  std::string domain(domain_of(*src));
  auto did = domain_id(c, domain);
  if (!did) return did.error();
  if (*did == 0) return make_error(Errc::not_found, "no such domain: " + domain);
  auto is_account = account_exists(c, *src);
  if (!is_account) return is_account.error();
  if (*is_account) return make_error(Errc::conflict, "alias source is an account: " + *src);
  auto st = c.prepare("INSERT OR IGNORE INTO aliases(source, target, domain_id) VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  st->bind(1, *src).bind(2, *dst).bind(3, *did);
  KURIR_TRY(st->run());
  if (c.changes() == 0) return make_error(Errc::already_exists, "alias already exists: " + *src + " -> " + *dst);
  return {};
}

Status remove_alias(Connection& c, std::string_view source, std::string_view target) {
  auto src = normalize_alias_source(source);
  if (!src) return src.error();
  std::string dst;
  if (!target.empty()) {
    auto d = normalize_address(target);
    if (!d) return d.error();
    dst = *d;
  }
  auto st = c.prepare("DELETE FROM aliases WHERE source = ?1 AND (?2 = '' OR target = ?2)");
  if (!st) return st.error();
  st->bind(1, *src).bind(2, dst);
  KURIR_TRY(st->run());
  if (c.changes() == 0) {
    return make_error(Errc::not_found, "no such alias: " + *src + (dst.empty() ? "" : " -> " + dst));
  }
  return {};
}

Result<std::vector<Alias>> list_aliases(Connection& c, std::string_view domain) {
  std::string normalized;
  if (!domain.empty()) {
    auto d = normalize_domain(domain);
    if (!d) return d.error();
    normalized = *d;
  }
  auto st = c.prepare(
      "SELECT source, target FROM aliases"
      " WHERE ?1 = '' OR domain_id = (SELECT id FROM domains WHERE name = ?1) ORDER BY source, target");
  if (!st) return st.error();
  st->bind(1, normalized);
  std::vector<Alias> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(Alias{st->text(0), st->text(1)});
  }
  return out;
}

Result<std::vector<std::string>> resolve_recipient(Connection& c, std::string_view address) {
  auto normalized = normalize_address(address);
  if (!normalized) return std::vector<std::string>{};
  std::string domain(domain_of(*normalized));
  auto did = domain_id(c, domain);
  if (!did) return did.error();
  if (*did == 0) return std::vector<std::string>{};

  // An account, else its aliases; tried for the address, then without its +tag.
  auto lookup = [&](const std::string& candidate) -> Result<std::vector<std::string>> {
    auto is_account = account_exists(c, candidate);
    if (!is_account) return is_account.error();
    if (*is_account) return std::vector<std::string>{candidate};
    return alias_targets(c, candidate);
  };
  auto found = lookup(*normalized);
  if (!found || !found->empty()) return found;
  std::string_view local = std::string_view(*normalized).substr(0, normalized->size() - domain.size() - 1);
  if (auto plus = local.find('+'); plus != std::string_view::npos && plus > 0) {
    found = lookup(std::string(local.substr(0, plus)) + "@" + domain);
    if (!found || !found->empty()) return found;
  }
  return alias_targets(c, "@" + domain);
}

}  // namespace kurir::store::sqlite
