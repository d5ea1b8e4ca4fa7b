#include "store/sqlite/threads.hpp"

#include <string>
#include <vector>

namespace kurir::store::sqlite {

Result<std::int64_t> assign_thread(Connection& c, AccountId account, const mime::ParsedMessage& parsed) {
  // The ids that tie this message to others: its own (a reply may have come
  // first), its parent, then its ancestors from the nearest.
  std::vector<const std::string*> keys;
  if (!parsed.message_id.empty()) keys.push_back(&parsed.message_id);
  if (!parsed.in_reply_to.empty()) keys.push_back(&parsed.in_reply_to);
  for (auto it = parsed.references.rbegin(); it != parsed.references.rend(); ++it) {
    if (!it->empty()) keys.push_back(&*it);
  }

  std::int64_t thread = 0;
  for (const std::string* key : keys) {
    auto st = c.prepare("SELECT thread_id FROM thread_keys WHERE account_id = ?1 AND message_id = ?2");
    if (!st) return st.error();
    st->bind(1, account).bind(2, *key);
    auto row = st->step();
    if (!row) return row.error();
    if (*row) {
      thread = st->integer(0);
      break;
    }
  }
  if (thread == 0) {
    auto st = c.prepare("UPDATE accounts SET last_thread = last_thread + 1 WHERE id = ?1 RETURNING last_thread");
    if (!st) return st.error();
    st->bind(1, account);
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return make_error(Errc::not_found, "no such account: id " + std::to_string(account));
    thread = st->integer(0);
  }
  // Later messages that name any of these ids join this thread too.
  for (const std::string* key : keys) {
    auto st = c.prepare("INSERT OR IGNORE INTO thread_keys(account_id, message_id, thread_id) VALUES (?1, ?2, ?3)");
    if (!st) return st.error();
    st->bind(1, account).bind(2, *key).bind(3, thread);
    KURIR_TRY(st->run());
  }
  return thread;
}

}  // namespace kurir::store::sqlite
