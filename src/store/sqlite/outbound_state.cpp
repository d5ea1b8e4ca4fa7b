// SqliteStore's outbound delivery state (schema versions 3 and 4, store.hpp
// "outbound delivery state"): the queue's reads go through the read pool,
// its updates through the group-commit writer like every other write.
#include <chrono>
#include <optional>

#include "store/sqlite/outbound.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace kurir::store::sqlite {

namespace {

Status require_message(Connection& c, std::int64_t id) {
  auto st = c.prepare("SELECT 1 FROM outbound WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return make_error(Errc::not_found, "no queued message " + std::to_string(id));
  return {};
}

// Loads the messages (without bytes) whose ids are in `ids`, in that order,
// with every recipient's state. REQUIRES: inside a read snapshot.
Result<std::vector<OutboundState>> load_states(Connection& c, const std::vector<std::int64_t>& ids, bool with_bytes) {
  std::vector<OutboundState> out;
  out.reserve(ids.size());
  for (const std::int64_t id : ids) {
    auto st = c.prepare(
        with_bytes ? "SELECT sender, envid, ret, smtputf8, body, created, delay_warned, bytes FROM outbound WHERE id = ?1"
                   : "SELECT sender, envid, ret, smtputf8, body, created, delay_warned FROM outbound WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) continue;  // finished meanwhile
    OutboundState s;
    s.id = id;
    s.message.sender = st->text(0);
    s.message.envid = st->text(1);
    s.message.ret = st->text(2);
    s.message.smtputf8 = st->integer(3) != 0;
    s.message.body = st->text(4);
    s.message.created = st->integer(5);
    s.delay_warned = st->integer(6) != 0;
    if (with_bytes) s.message.bytes = st->blob(7);
    auto rst = c.prepare(
        "SELECT address, notify, orcpt, status, attempts, next_attempt, last_at, last_host, last_code, last_reply "
        "FROM outbound_recipients WHERE outbound_id = ?1 ORDER BY address");
    if (!rst) return rst.error();
    rst->bind(1, id);
    for (;;) {
      auto r = rst->step();
      if (!r) return r.error();
      if (!*r) break;
      OutboundRecipientState rs;
      rs.recipient = OutboundRecipient{rst->text(0), static_cast<std::uint8_t>(rst->integer(1)), rst->text(2)};
      rs.status = static_cast<RecipientStatus>(rst->integer(3));
      rs.attempts = static_cast<int>(rst->integer(4));
      rs.next_attempt = rst->integer(5);
      rs.last = OutboundAttempt{rst->integer(6), rst->text(7), static_cast<int>(rst->integer(8)), rst->text(9)};
      s.message.recipients.push_back(rs.recipient);
      s.recipients.push_back(std::move(rs));
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<std::int64_t>> select_ids(Connection& c, std::string_view sql, std::optional<std::int64_t> now,
                                             std::int64_t limit) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  if (now) st->bind(1, *now).bind(2, limit);
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    ids.push_back(st->integer(0));
  }
  return ids;
}

Result<std::vector<OutboundAttempt>> load_history(Connection& c, std::int64_t id, std::string_view address) {
  auto st = c.prepare(
      "SELECT at, host, code, reply FROM outbound_attempts WHERE outbound_id = ?1 AND address = ?2 ORDER BY id");
  if (!st) return st.error();
  st->bind(1, id).bind(2, address);
  std::vector<OutboundAttempt> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(OutboundAttempt{st->integer(0), st->text(1), static_cast<int>(st->integer(2)), st->text(3)});
  }
  return out;
}

}  // namespace

Result<std::vector<OutboundState>> SqliteStore::due_outbound(std::int64_t now, std::size_t limit) {
  auto lease = readers_.acquire();
  if (!lease) return lease.error();
  Connection& c = **lease;
  ReadSnapshot snapshot(c);
  KURIR_TRY(snapshot.status());
  auto ids = select_ids(c,
                        "SELECT outbound_id FROM outbound_recipients WHERE status = 0 AND next_attempt <= ?1 "
                        "GROUP BY outbound_id ORDER BY MIN(next_attempt), outbound_id LIMIT ?2",
                        now, static_cast<std::int64_t>(limit));
  if (!ids) return ids.error();
  return load_states(c, *ids, false);
}

Result<std::optional<std::int64_t>> SqliteStore::next_outbound_attempt() {
  auto lease = readers_.acquire();
  if (!lease) return lease.error();
  auto st = (*lease)->prepare("SELECT MIN(next_attempt) FROM outbound_recipients WHERE status = 0");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!*row || st->is_null(0)) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{st->integer(0)};
}

Result<std::vector<OutboundState>> SqliteStore::list_outbound_state() {
  auto lease = readers_.acquire();
  if (!lease) return lease.error();
  Connection& c = **lease;
  ReadSnapshot snapshot(c);
  KURIR_TRY(snapshot.status());
  auto ids = select_ids(c, "SELECT id FROM outbound ORDER BY id", std::nullopt, 0);
  if (!ids) return ids.error();
  return load_states(c, *ids, false);
}

Result<OutboundState> SqliteStore::get_outbound(std::int64_t id, bool with_bytes) {
  auto lease = readers_.acquire();
  if (!lease) return lease.error();
  Connection& c = **lease;
  ReadSnapshot snapshot(c);
  KURIR_TRY(snapshot.status());
  auto states = load_states(c, {id}, with_bytes);
  if (!states) return states.error();
  if (states->empty()) return make_error(Errc::not_found, "no queued message " + std::to_string(id));
  OutboundState s = std::move(states->front());
  for (auto& r : s.recipients) {
    auto history = load_history(c, id, r.recipient.address);
    if (!history) return history.error();
    r.history = std::move(*history);
  }
  return s;
}

Status SqliteStore::record_outbound_results(std::int64_t id, std::span<const RecipientResult> results) {
  return writer_->run([&](Connection& c, ChangeSet&) -> Status {
    KURIR_TRY(require_message(c, id));
    for (const RecipientResult& r : results) {
      auto st = c.prepare(
          "UPDATE outbound_recipients SET status = ?3, next_attempt = ?4, attempts = attempts + 1, last_at = ?5, "
          "last_host = ?6, last_code = ?7, last_reply = ?8 WHERE outbound_id = ?1 AND address = ?2");
      if (!st) return st.error();
      st->bind(1, id).bind(2, r.address).bind(3, std::int64_t{static_cast<std::uint8_t>(r.status)})
          .bind(4, r.next_attempt).bind(5, r.attempt.at).bind(6, r.attempt.host)
          .bind(7, std::int64_t{r.attempt.code}).bind(8, r.attempt.reply);
      KURIR_TRY(st->run());
      if (c.changes() == 0) return make_error(Errc::not_found, "message " + std::to_string(id) + " has no recipient " + r.address);
      auto hst = c.prepare(
          "INSERT INTO outbound_attempts(outbound_id, address, at, host, code, reply) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      if (!hst) return hst.error();
      hst->bind(1, id).bind(2, r.address).bind(3, r.attempt.at).bind(4, r.attempt.host)
          .bind(5, std::int64_t{r.attempt.code}).bind(6, r.attempt.reply);
      KURIR_TRY(hst->run());
    }
    return {};
  });
}

Result<std::int64_t> SqliteStore::finish_outbound(std::int64_t id, const OutboundMessage* notice) {
  std::int64_t notice_id = 0;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  Status status = writer_->run([&](Connection& c, ChangeSet&) -> Status {
    KURIR_TRY(require_message(c, id));
    // The notice first: row ids are reused after the largest is deleted, and
    // the notice must not take the id of the message it reports on.
    if (notice) {
      auto inserted = insert_outbound(c, *notice, now);
      if (!inserted) return inserted.error();
      notice_id = *inserted;
    }
    auto st = c.prepare("DELETE FROM outbound WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, id);
    return st->run();
  });
  if (!status) return status.error();
  return notice_id;
}

Result<std::int64_t> SqliteStore::warn_outbound_delay(std::int64_t id, const OutboundMessage& notice) {
  std::int64_t notice_id = 0;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  Status status = writer_->run([&](Connection& c, ChangeSet&) -> Status {
    notice_id = 0;
    KURIR_TRY(require_message(c, id));
    auto st = c.prepare("UPDATE outbound SET delay_warned = 1 WHERE id = ?1 AND delay_warned = 0");
    if (!st) return st.error();
    st->bind(1, id);
    KURIR_TRY(st->run());
    if (c.changes() == 0) return {};  // warned already
    auto inserted = insert_outbound(c, notice, now);
    if (!inserted) return inserted.error();
    notice_id = *inserted;
    return {};
  });
  if (!status) return status.error();
  return notice_id;
}

Status SqliteStore::retry_outbound(std::int64_t id) {
  return writer_->run([&](Connection& c, ChangeSet&) -> Status {
    if (id != 0) {
      KURIR_TRY(require_message(c, id));
    }
    auto st = c.prepare(id == 0 ? "UPDATE outbound_recipients SET next_attempt = 0 WHERE status = 0"
                                : "UPDATE outbound_recipients SET next_attempt = 0 WHERE status = 0 AND outbound_id = ?1");
    if (!st) return st.error();
    if (id != 0) st->bind(1, id);
    return st->run();
  });
}

Status SqliteStore::drop_outbound(std::int64_t id) {
  return writer_->run([&](Connection& c, ChangeSet&) -> Status {
    auto st = c.prepare("DELETE FROM outbound WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, id);
    KURIR_TRY(st->run());
    if (c.changes() == 0) return make_error(Errc::not_found, "no queued message " + std::to_string(id));
    return {};
  });
}

}  // namespace kurir::store::sqlite
