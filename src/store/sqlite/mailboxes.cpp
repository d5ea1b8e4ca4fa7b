#include "store/sqlite/mailboxes.hpp"

#include <algorithm>
#include <ctime>
#include <string>

#include "store/sqlite/messages.hpp"
#include "store/sqlite/names.hpp"

namespace kurir::store::sqlite {

namespace {

constexpr const char* kMailboxSelect =
    "SELECT m.id, m.account_id, m.name, m.special_use,"
    " EXISTS(SELECT 1 FROM subscriptions s WHERE s.account_id = m.account_id AND s.name = m.name),"
    " m.uidvalidity, m.uidnext, m.highestmodseq, m.messages, m.unseen, m.size FROM mailboxes m ";

Mailbox mailbox_from_row(const Statement& st) {
  Mailbox m;
  m.id = st.integer(0);
  m.account = st.integer(1);
  m.name = st.text(2);
  m.special_use = static_cast<SpecialUse>(st.integer(3));
  m.subscribed = st.integer(4) != 0;
  m.uidvalidity = static_cast<std::uint32_t>(st.integer(5));
  m.uidnext = static_cast<Uid>(st.integer(6));
  m.highestmodseq = static_cast<ModSeq>(st.integer(7));
  m.messages = static_cast<std::uint32_t>(st.integer(8));
  m.unseen = static_cast<std::uint32_t>(st.integer(9));
  m.size = static_cast<std::uint64_t>(st.integer(10));
  return m;
}

Error no_such_mailbox(std::string_view name) {
  return make_error(Errc::not_found, "no such mailbox: " + std::string(name));
}

Status check_account(Connection& c, AccountId account) {
  auto st = c.prepare("SELECT 1 FROM accounts WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, account);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return make_error(Errc::not_found, "no such account: id " + std::to_string(account));
  return {};
}

Result<bool> name_exists(Connection& c, AccountId account, std::string_view name) {
  auto st = c.prepare("SELECT 1 FROM mailboxes WHERE account_id = ?1 AND name = ?2");
  if (!st) return st.error();
  st->bind(1, account).bind(2, name);
  auto row = st->step();
  if (!row) return row.error();
  return *row;
}

// RFC 3501 2.3.1.1: a UIDVALIDITY is never reused for a name, so each new
// mailbox takes the larger of the clock and one past the last value handed out.
Result<std::uint32_t> next_uidvalidity(Connection& c) {
  std::int64_t last = 0;
  {
    auto st = c.prepare("SELECT value FROM meta WHERE key = 'last_uidvalidity'");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    if (*row) last = st->integer(0);
  }
  std::int64_t next = std::max<std::int64_t>(static_cast<std::int64_t>(std::time(nullptr)), last + 1);
  if (next > 0xFFFFFFFFll) next = 1;  // nz-number is 32 bits; wrap far in the future
  auto st = c.prepare("INSERT INTO meta(key, value) VALUES ('last_uidvalidity', ?1)"
                      " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  st->bind(1, next);
  KURIR_TRY(st->run());
  return static_cast<std::uint32_t>(next);
}

Result<MailboxId> insert_mailbox(Connection& c, AccountId account, const std::string& name, SpecialUse use) {
  auto uidvalidity = next_uidvalidity(c);
  if (!uidvalidity) return uidvalidity.error();
  auto st = c.prepare("INSERT INTO mailboxes(account_id, name, special_use, uidvalidity) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, account).bind(2, name).bind(3, static_cast<std::int64_t>(use)).bind(4, std::int64_t{*uidvalidity});
  KURIR_TRY(st->run());
  return c.last_insert_rowid();
}

// Creates the missing superior names of name (RFC 9051 6.3.4).
Status create_parents(Connection& c, AccountId account, const std::string& name) {
  for (std::size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
    std::string parent = name.substr(0, slash);
    auto exists = name_exists(c, account, parent);
    if (!exists) return exists.error();
    if (!*exists) {
      auto id = insert_mailbox(c, account, parent, SpecialUse::none);
      if (!id) return id.error();
    }
  }
  return {};
}

Status subscribe(Connection& c, AccountId account, const std::string& name, bool on) {
  auto st = c.prepare(on ? "INSERT OR IGNORE INTO subscriptions(account_id, name) VALUES (?1, ?2)"
                         : "DELETE FROM subscriptions WHERE account_id = ?1 AND name = ?2");
  if (!st) return st.error();
  st->bind(1, account).bind(2, name);
  return st->run();
}

Result<std::vector<Uid>> all_uids(Connection& c, MailboxId mailbox) {
  auto st = c.prepare("SELECT uid FROM messages WHERE mailbox_id = ?1 ORDER BY uid");
  if (!st) return st.error();
  st->bind(1, mailbox);
  std::vector<Uid> uids;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    uids.push_back(static_cast<Uid>(st->integer(0)));
  }
  return uids;
}

}  // namespace

Result<Mailbox> create_mailbox(Connection& c, ChangeSet& changes, AccountId account, std::string_view name,
                               SpecialUse use, bool subscribe_it) {
  auto normalized = normalize_mailbox_name(name);
  if (!normalized) return normalized.error();
  KURIR_TRY(check_account(c, account));
  auto exists = name_exists(c, account, *normalized);
  if (!exists) return exists.error();
  if (*exists) return make_error(Errc::already_exists, "mailbox already exists: " + *normalized);
  KURIR_TRY(create_parents(c, account, *normalized));
  auto id = insert_mailbox(c, account, *normalized, use);
  if (!id) return id.error();
  if (subscribe_it) KURIR_TRY(subscribe(c, account, *normalized, true));
  changes.push_back(Change{account, 0, 0});
  return get_mailbox(c, *id);
}

Status delete_mailbox(Connection& c, ChangeSet& changes, MailboxId id) {
  auto mailbox = get_mailbox(c, id);
  if (!mailbox) return mailbox.error();
  // RFC 3501 6.3.4: it is an error to delete INBOX.
  if (is_inbox(mailbox->name)) return make_error(Errc::permission_denied, "INBOX cannot be deleted");
  KURIR_TRY(remove_all_messages(c, id));
  // Tombstones go by ON DELETE CASCADE; the subscription stays (RFC 3501 6.3.9).
  auto st = c.prepare("DELETE FROM mailboxes WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  KURIR_TRY(st->run());
  changes.push_back(Change{mailbox->account, 0, 0});
  changes.push_back(Change{mailbox->account, id, mailbox->highestmodseq + 1});
  return {};
}

Status rename_mailbox(Connection& c, ChangeSet& changes, MailboxId id, std::string_view new_name) {
  auto mailbox = get_mailbox(c, id);
  if (!mailbox) return mailbox.error();
  auto target = normalize_mailbox_name(new_name);
  if (!target) return target.error();
  const AccountId account = mailbox->account;
  auto taken = name_exists(c, account, *target);
  if (!taken) return taken.error();
  if (*taken) return make_error(Errc::already_exists, "mailbox already exists: " + *target);

  if (is_inbox(mailbox->name)) {
    // RFC 3501 6.3.5: renaming INBOX moves all its messages into a new
    // mailbox with the given name, leaving INBOX empty; INBOX's inferior
    // names are unaffected.
    KURIR_TRY(create_parents(c, account, *target));
    auto created = insert_mailbox(c, account, *target, SpecialUse::none);
    if (!created) return created.error();
    auto uids = all_uids(c, id);
    if (!uids) return uids.error();
    if (!uids->empty()) {
      auto moved = copy(c, changes, id, *uids, *created, /*move=*/true);
      if (!moved) return moved.error();
    }
    changes.push_back(Change{account, 0, 0});
    return {};
  }

  const std::string& old_name = mailbox->name;
  if (target->size() > old_name.size() && target->compare(0, old_name.size(), old_name) == 0 &&
      (*target)[old_name.size()] == '/') {
    return make_error(Errc::invalid_argument, "cannot rename " + old_name + " into itself");
  }
  // The mailbox and its inferiors, each to the new prefix.
  std::vector<std::pair<MailboxId, std::string>> renames;
  {
    auto st = c.prepare(
        "SELECT id, name FROM mailboxes WHERE account_id = ?1 AND (name = ?2 OR substr(name, 1, length(?2) + 1) = ?2 || '/')");
    if (!st) return st.error();
    st->bind(1, account).bind(2, old_name);
    while (true) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      renames.emplace_back(st->integer(0), *target + st->text(1).substr(old_name.size()));
    }
  }
  for (const auto& [mid, name] : renames) {
    auto exists = name_exists(c, account, name);
    if (!exists) return exists.error();
    if (*exists) return make_error(Errc::already_exists, "mailbox already exists: " + name);
  }
  for (const auto& [mid, name] : renames) {
    auto st = c.prepare("UPDATE mailboxes SET name = ?2 WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, mid).bind(2, name);
    KURIR_TRY(st->run());
  }
  {
    // Subscriptions follow the rename (as Dovecot does), so clients do not lose folders.
    auto st = c.prepare(
        "UPDATE OR REPLACE subscriptions SET name = ?3 || substr(name, length(?2) + 1)"
        " WHERE account_id = ?1 AND (name = ?2 OR substr(name, 1, length(?2) + 1) = ?2 || '/')");
    if (!st) return st.error();
    st->bind(1, account).bind(2, old_name).bind(3, *target);
    KURIR_TRY(st->run());
  }
  KURIR_TRY(create_parents(c, account, *target));
  changes.push_back(Change{account, 0, 0});
  return {};
}

Status set_subscribed(Connection& c, ChangeSet& changes, AccountId account, std::string_view name, bool subscribed) {
  auto normalized = normalize_mailbox_name(name);
  if (!normalized) return normalized.error();
  KURIR_TRY(check_account(c, account));
  KURIR_TRY(subscribe(c, account, *normalized, subscribed));
  changes.push_back(Change{account, 0, 0});
  return {};
}

Result<std::vector<Mailbox>> list_mailboxes(Connection& c, AccountId account) {
  KURIR_TRY(check_account(c, account));
  auto st = c.prepare(std::string(kMailboxSelect) + "WHERE m.account_id = ?1 ORDER BY m.name <> 'INBOX', m.name");
  if (!st) return st.error();
  st->bind(1, account);
  std::vector<Mailbox> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(mailbox_from_row(*st));
  }
  return out;
}

Result<Mailbox> find_mailbox(Connection& c, AccountId account, std::string_view name) {
  auto normalized = normalize_mailbox_name(name);
  if (!normalized) return no_such_mailbox(name);
  auto st = c.prepare(std::string(kMailboxSelect) + "WHERE m.account_id = ?1 AND m.name = ?2");
  if (!st) return st.error();
  st->bind(1, account).bind(2, *normalized);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return no_such_mailbox(*normalized);
  return mailbox_from_row(*st);
}

Result<Mailbox> get_mailbox(Connection& c, MailboxId id) {
  auto st = c.prepare(std::string(kMailboxSelect) + "WHERE m.id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return no_such_mailbox("id " + std::to_string(id));
  return mailbox_from_row(*st);
}

}  // namespace kurir::store::sqlite
