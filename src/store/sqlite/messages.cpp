#include "store/sqlite/messages.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "store/sqlite/contents.hpp"

namespace kurir::store::sqlite {

namespace {

constexpr std::int64_t kMaxUid = 0xFFFFFFFFll;  // RFC 3501 nz-number

struct MailboxState {
  AccountId account = 0;
  std::uint32_t uidvalidity = 0;
  std::int64_t uidnext = 1;
  ModSeq highestmodseq = 1;
};

Result<MailboxState> mailbox_state(Connection& c, MailboxId mailbox) {
  auto st = c.prepare("SELECT account_id, uidvalidity, uidnext, highestmodseq FROM mailboxes WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, mailbox);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return make_error(Errc::not_found, "no such mailbox: id " + std::to_string(mailbox));
  return MailboxState{st->integer(0), static_cast<std::uint32_t>(st->integer(1)), st->integer(2),
                      static_cast<ModSeq>(st->integer(3))};
}

constexpr const char* kMetaColumns = "uid, modseq, flags, keywords, internal_date, size, thread_id, content_id";

MessageMeta meta_from_row(const Statement& st) {
  MessageMeta m;
  m.uid = static_cast<Uid>(st.integer(0));
  m.modseq = static_cast<ModSeq>(st.integer(1));
  m.flags.system = static_cast<std::uint8_t>(st.integer(2));
  m.flags.keywords = split_keywords(st.text(3));
  m.internal_date = st.integer(4);
  m.size = static_cast<std::uint64_t>(st.integer(5));
  m.thread_id = st.integer(6);
  m.content_id = st.integer(7);
  return m;
}

Result<std::optional<MessageMeta>> find_message(Connection& c, MailboxId mailbox, Uid uid) {
  auto st = c.prepare(std::string("SELECT ") + kMetaColumns + " FROM messages WHERE mailbox_id = ?1 AND uid = ?2");
  if (!st) return st.error();
  st->bind(1, mailbox).bind(2, std::int64_t{uid});
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<MessageMeta>();
  return std::optional<MessageMeta>(meta_from_row(*st));
}

Status add_used_bytes(Connection& c, AccountId account, std::int64_t delta) {
  auto st = c.prepare("UPDATE accounts SET used = max(used + ?2, 0) WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, account).bind(2, delta);
  return st->run();
}

Status check_quota(Connection& c, AccountId account, std::uint64_t adding) {
  auto st = c.prepare("SELECT address, quota, used FROM accounts WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, account);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return make_error(Errc::not_found, "no such account: id " + std::to_string(account));
  auto quota = static_cast<std::uint64_t>(st->integer(1));
  auto used = static_cast<std::uint64_t>(st->integer(2));
  if (quota != 0 && used + adding > quota) {
    return make_error(Errc::quota_exceeded, "quota exceeded for " + st->text(0) + ": " + std::to_string(used) + " + " +
                                                std::to_string(adding) + " > " + std::to_string(quota) + " bytes");
  }
  return {};
}

std::vector<std::string> apply_keywords(const std::vector<std::string>& current, const FlagChange& change) {
  std::vector<std::string> out;
  switch (change.mode) {
    case FlagChange::Mode::replace: out = change.flags.keywords; break;
    case FlagChange::Mode::add:
      out = current;
      out.insert(out.end(), change.flags.keywords.begin(), change.flags.keywords.end());
      break;
    case FlagChange::Mode::remove:
      for (const std::string& k : current) {
        if (std::find(change.flags.keywords.begin(), change.flags.keywords.end(), k) == change.flags.keywords.end())
          out.push_back(k);
      }
      break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::uint8_t apply_system(std::uint8_t current, const FlagChange& change) {
  switch (change.mode) {
    case FlagChange::Mode::replace: return change.flags.system;
    case FlagChange::Mode::add: return static_cast<std::uint8_t>(current | change.flags.system);
    case FlagChange::Mode::remove: return static_cast<std::uint8_t>(current & ~change.flags.system);
  }
  return current;
}

std::int64_t unseen_of(std::uint8_t system) { return (system & kSeen) != 0 ? 0 : 1; }

// FTS5 query: every word as a quoted phrase (so operators in user input are
// just text), the last one as a prefix.
std::string fts_query(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : query) {
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else if (ch == '"') {
      word += "\"\"";
    } else {
      word += ch;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  // A word of punctuation only has no tokens; as a prefix it would match everything.
  std::erase_if(words, [](const std::string& w) {
    return std::none_of(w.begin(), w.end(), [](char ch) {
      auto c = static_cast<unsigned char>(ch);
      return std::isalnum(c) || c >= 0x80;
    });
  });
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i != 0) out += ' ';
    out += '"' + words[i] + '"';
    if (i + 1 == words.size()) out += '*';
  }
  return out;
}

}  // namespace

std::string join_keywords(const std::vector<std::string>& keywords) {
  std::vector<std::string> sorted = keywords;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string out;
  for (const std::string& k : sorted) {
    if (!out.empty()) out += ' ';
    out += k;
  }
  return out;
}

std::vector<std::string> split_keywords(std::string_view stored) {
  std::vector<std::string> out;
  while (!stored.empty()) {
    auto space = stored.find(' ');
    if (space != 0) out.emplace_back(stored.substr(0, space));
    if (space == std::string_view::npos) break;
    stored.remove_prefix(space + 1);
  }
  return out;
}

Result<std::vector<Appended>> insert_messages(Connection& c, ChangeSet& changes, MailboxId mailbox,
                                              std::span<const NewMessage> messages) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  if (messages.empty()) return std::vector<Appended>{};
  std::uint64_t total = 0;
  std::int64_t unseen = 0;
  for (const NewMessage& m : messages) {
    total += m.size;
    unseen += unseen_of(m.flags.system);
  }
  KURIR_TRY(check_quota(c, state->account, total));
  if (state->uidnext + static_cast<std::int64_t>(messages.size()) > kMaxUid) {
    // RFC 3501 2.3.1.1: UIDs never wrap; the mailbox must be renewed (new UIDVALIDITY).
    return make_error(Errc::limit_exceeded, "mailbox has run out of UIDs: id " + std::to_string(mailbox));
  }
  const ModSeq modseq = state->highestmodseq + 1;
  std::vector<Appended> out;
  out.reserve(messages.size());
  std::int64_t uid = state->uidnext;
  for (const NewMessage& m : messages) {
    auto st = c.prepare(
        "INSERT INTO messages(mailbox_id, uid, modseq, flags, keywords, internal_date, size, thread_id, content_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return st.error();
    st->bind(1, mailbox)
        .bind(2, uid)
        .bind(3, static_cast<std::int64_t>(modseq))
        .bind(4, std::int64_t{m.flags.system})
        .bind(5, join_keywords(m.flags.keywords))
        .bind(6, m.internal_date)
        .bind(7, static_cast<std::int64_t>(m.size))
        .bind(8, m.thread_id)
        .bind(9, m.content_id);
    KURIR_TRY(st->run());
    out.push_back(Appended{mailbox, state->uidvalidity, static_cast<Uid>(uid), modseq, m.source_uid});
    ++uid;
  }
  {
    auto st = c.prepare(
        "UPDATE mailboxes SET uidnext = ?2, highestmodseq = ?3, messages = messages + ?4, unseen = unseen + ?5,"
        " size = size + ?6 WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, mailbox)
        .bind(2, uid)
        .bind(3, static_cast<std::int64_t>(modseq))
        .bind(4, static_cast<std::int64_t>(messages.size()))
        .bind(5, unseen)
        .bind(6, static_cast<std::int64_t>(total));
    KURIR_TRY(st->run());
  }
  KURIR_TRY(add_used_bytes(c, state->account, static_cast<std::int64_t>(total)));
  changes.push_back(Change{state->account, mailbox, modseq});
  return out;
}

Result<FlagResult> change_flags(Connection& c, ChangeSet& changes, MailboxId mailbox, std::span<const Uid> uids,
                                const FlagChange& change) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  // RFC 7162 3.1.3: one STORE gives every message it changes one new MODSEQ.
  const ModSeq modseq = state->highestmodseq + 1;
  FlagResult result;
  std::int64_t unseen_delta = 0;
  for (Uid uid : uids) {
    auto found = find_message(c, mailbox, uid);
    if (!found) return found.error();
    if (!*found) continue;
    MessageMeta& m = **found;
    if (change.unchanged_since != 0 && m.modseq > change.unchanged_since) {
      result.failed.push_back(uid);
      continue;
    }
    Flags next{apply_system(m.flags.system, change), apply_keywords(m.flags.keywords, change)};
    // RFC 7162 3.1: a STORE that changes nothing leaves the MODSEQ alone.
    if (next == m.flags) continue;
    auto st = c.prepare("UPDATE messages SET flags = ?3, keywords = ?4, modseq = ?5 WHERE mailbox_id = ?1 AND uid = ?2");
    if (!st) return st.error();
    st->bind(1, mailbox)
        .bind(2, std::int64_t{uid})
        .bind(3, std::int64_t{next.system})
        .bind(4, join_keywords(next.keywords))
        .bind(5, static_cast<std::int64_t>(modseq));
    KURIR_TRY(st->run());
    unseen_delta += unseen_of(next.system) - unseen_of(m.flags.system);
    m.flags = std::move(next);
    m.modseq = modseq;
    result.changed.push_back(std::move(m));
  }
  if (!result.changed.empty()) {
    auto st = c.prepare("UPDATE mailboxes SET highestmodseq = ?2, unseen = unseen + ?3 WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, mailbox).bind(2, static_cast<std::int64_t>(modseq)).bind(3, unseen_delta);
    KURIR_TRY(st->run());
    changes.push_back(Change{state->account, mailbox, modseq});
  }
  return result;
}

Result<ModSeq> expunge(Connection& c, ChangeSet& changes, MailboxId mailbox, std::span<const Uid> uids) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  const ModSeq modseq = state->highestmodseq + 1;
  std::int64_t count = 0, unseen = 0, total = 0;
  std::map<std::int64_t, std::int64_t> released;  // content id -> references dropped
  for (Uid uid : uids) {
    auto found = find_message(c, mailbox, uid);
    if (!found) return found.error();
    if (!*found) continue;
    const MessageMeta& m = **found;
    {
      auto st = c.prepare("DELETE FROM messages WHERE mailbox_id = ?1 AND uid = ?2");
      if (!st) return st.error();
      st->bind(1, mailbox).bind(2, std::int64_t{uid});
      KURIR_TRY(st->run());
    }
    {
      // RFC 7162 3.2.10 / 5.5: the expunged UID is remembered with the MODSEQ of its expunge.
      auto st = c.prepare("INSERT OR REPLACE INTO expunged(mailbox_id, uid, modseq) VALUES (?1, ?2, ?3)");
      if (!st) return st.error();
      st->bind(1, mailbox).bind(2, std::int64_t{uid}).bind(3, static_cast<std::int64_t>(modseq));
      KURIR_TRY(st->run());
    }
    ++count;
    unseen += unseen_of(m.flags.system);
    total += static_cast<std::int64_t>(m.size);
    released[m.content_id] += 1;
  }
  if (count == 0) return state->highestmodseq;
  for (const auto& [content, refs] : released) KURIR_TRY(release_content(c, content, refs));
  {
    auto st = c.prepare(
        "UPDATE mailboxes SET highestmodseq = ?2, messages = messages - ?3, unseen = unseen - ?4, size = size - ?5"
        " WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, mailbox).bind(2, static_cast<std::int64_t>(modseq)).bind(3, count).bind(4, unseen).bind(5, total);
    KURIR_TRY(st->run());
  }
  KURIR_TRY(add_used_bytes(c, state->account, -total));
  changes.push_back(Change{state->account, mailbox, modseq});
  return modseq;
}

Result<std::vector<Appended>> copy(Connection& c, ChangeSet& changes, MailboxId from, std::span<const Uid> uids,
                                   MailboxId to, bool move) {
  auto source = mailbox_state(c, from);
  if (!source) return source.error();
  auto target = mailbox_state(c, to);
  if (!target) return target.error();
  std::vector<NewMessage> rows;
  std::vector<Uid> moved;
  for (Uid uid : uids) {
    auto found = find_message(c, from, uid);
    if (!found) return found.error();
    if (!*found) continue;  // RFC 9051 6.4.9: UIDs that do not exist are ignored
    const MessageMeta& m = **found;
    rows.push_back(NewMessage{m.content_id, m.size, m.flags, m.internal_date, m.thread_id, uid});
    moved.push_back(uid);
  }
  if (rows.empty()) return std::vector<Appended>{};
  // The copies' references first, so a move's expunge cannot drop the content.
  for (const NewMessage& row : rows) KURIR_TRY(add_content_refs(c, row.content_id, 1));
  // A move expunges before inserting, so the quota check sees the space freed.
  if (move) {
    auto expunged = expunge(c, changes, from, moved);
    if (!expunged) return expunged.error();
  }
  return insert_messages(c, changes, to, rows);
}

Status remove_all_messages(Connection& c, MailboxId mailbox) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  std::vector<std::pair<std::int64_t, std::int64_t>> released;
  std::int64_t total = 0;
  {
    auto st = c.prepare("SELECT content_id, count(*), sum(size) FROM messages WHERE mailbox_id = ?1 GROUP BY content_id");
    if (!st) return st.error();
    st->bind(1, mailbox);
    while (true) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      released.emplace_back(st->integer(0), st->integer(1));
      total += st->integer(2);
    }
  }
  {
    auto st = c.prepare("DELETE FROM messages WHERE mailbox_id = ?1");
    if (!st) return st.error();
    st->bind(1, mailbox);
    KURIR_TRY(st->run());
  }
  for (const auto& [content, refs] : released) KURIR_TRY(release_content(c, content, refs));
  {
    auto st = c.prepare("UPDATE mailboxes SET messages = 0, unseen = 0, size = 0 WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, mailbox);
    KURIR_TRY(st->run());
  }
  return add_used_bytes(c, state->account, -total);
}

Result<std::vector<MessageMeta>> list_messages(Connection& c, MailboxId mailbox) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  auto st = c.prepare(std::string("SELECT ") + kMetaColumns + " FROM messages WHERE mailbox_id = ?1 ORDER BY uid");
  if (!st) return st.error();
  st->bind(1, mailbox);
  std::vector<MessageMeta> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(meta_from_row(*st));
  }
  return out;
}

Result<ChangesSince> changes_since(Connection& c, MailboxId mailbox, ModSeq modseq) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  ChangesSince out;
  out.highestmodseq = state->highestmodseq;
  {
    auto st = c.prepare(std::string("SELECT ") + kMetaColumns +
                        " FROM messages WHERE mailbox_id = ?1 AND modseq > ?2 ORDER BY uid");
    if (!st) return st.error();
    st->bind(1, mailbox).bind(2, static_cast<std::int64_t>(modseq));
    while (true) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      out.changed.push_back(meta_from_row(*st));
    }
  }
  auto st = c.prepare("SELECT uid FROM expunged WHERE mailbox_id = ?1 AND modseq > ?2 ORDER BY uid");
  if (!st) return st.error();
  st->bind(1, mailbox).bind(2, static_cast<std::int64_t>(modseq));
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.expunged.push_back(static_cast<Uid>(st->integer(0)));
  }
  return out;
}

Result<std::vector<Uid>> search_text(Connection& c, MailboxId mailbox, std::string_view query) {
  auto state = mailbox_state(c, mailbox);
  if (!state) return state.error();
  std::string match = fts_query(query);
  if (match.empty()) return std::vector<Uid>{};
  auto st = c.prepare(
      "SELECT uid FROM messages WHERE mailbox_id = ?1 AND content_id IN"
      " (SELECT rowid FROM content_text WHERE content_text MATCH ?2) ORDER BY uid");
  if (!st) return st.error();
  st->bind(1, mailbox).bind(2, match);
  std::vector<Uid> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(static_cast<Uid>(st->integer(0)));
  }
  return out;
}

}  // namespace kurir::store::sqlite
