// RFC 9051 6.4.7 COPY, 6.4.8 MOVE (RFC 6851) and their UID forms, with
// COPYUID (RFC 4315 3). MOVE sends COPYUID in an untagged OK, then the
// moved messages' EXPUNGE (or VANISHED), then OK (RFC 6851 3.3).
#include "imap/commands/handlers.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> copy(Connection& c, const Command& command) {
  const auto& request = std::get<Copy>(command.body);
  const char* verb = request.move ? "MOVE" : "COPY";
  auto& view = *c.selected;
  if (request.move && view.read_only()) co_return no("[READ-ONLY] the mailbox is selected read-only");
  auto indexes = view.resolve(request.set, request.uid, c.saved_search);
  if (!indexes) co_return bad("invalid message sequence number");
  Done refusal;
  auto target = co_await find_mailbox(c, request.mailbox, true, refusal);
  if (!target.ok()) co_return refusal;
  const auto uids = uids_of(view, *indexes);
  // RFC 9051 6.4.7: nothing to copy is not an error (UID COPY of UIDs that are gone).
  if (uids.empty()) co_return ok(std::string(verb) + " completed");
  auto& st = c.context.store;
  const auto from = view.id();
  const auto to = target->id;
  const bool move = request.move;
  auto copied = co_await c.blocking(
      [&st, from, to, &uids, move] { return move ? st.move(from, uids, to) : st.copy(from, uids, to); });
  if (!copied.ok()) {
    if (copied.error().code == Errc::quota_exceeded) co_return no("[OVERQUOTA] the account's quota is full");
    if (copied.error().code == Errc::not_found) co_return no("[TRYCREATE] no such mailbox");
    co_return c.internal_error(verb, copied.error());
  }
  std::string copyuid;
  if (!copied->empty()) {
    // RFC 4315 3: source and destination UIDs in the same order; the store
    // returns them in the order of the source UIDs, which are ascending.
    std::vector<std::uint32_t> sources, targets;
    bool ascending = true;
    for (const auto& a : *copied) {
      if (!targets.empty() && a.uid <= targets.back()) ascending = false;
      sources.push_back(a.source_uid);
      targets.push_back(a.uid);
    }
    auto spell = [&](const std::vector<std::uint32_t>& v) {
      if (ascending) return number_set(v);
      std::string out;
      for (auto n : v) out += (out.empty() ? "" : ",") + std::to_string(n);
      return out;
    };
    copyuid = "[COPYUID " + std::to_string(copied->front().uidvalidity) + " " + spell(sources) + " " +
              spell(targets) + "] ";
  }
  if (move) {
    if (!copyuid.empty()) c.write("* OK " + copyuid + "moved\r\n");
    auto synced = co_await c.sync(true, true);
    if (!synced.ok()) co_return c.internal_error("mailbox update", synced.error());
    co_return ok("MOVE completed");
  }
  if (to == from) {
    auto synced = co_await c.sync(request.uid, true);
    if (!synced.ok()) co_return c.internal_error("mailbox update", synced.error());
  }
  co_return ok(copyuid + "COPY completed");
}

}  // namespace kurir::imap::commands
