// RFC 9051 6.4.6 STORE and 6.4.9 UID STORE: flags replaced, added or
// removed, with .SILENT; CONDSTORE's UNCHANGEDSINCE (RFC 7162 3.1.3) answers
// the messages it refused with OK [MODIFIED set].
#include "imap/commands/handlers.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> store(Connection& c, const Command& command) {
  const auto& request = std::get<Store>(command.body);
  auto& view = *c.selected;
  if (view.read_only()) co_return no("[READ-ONLY] the mailbox is selected read-only");  // RFC 9051 6.3.3
  auto indexes = view.resolve(request.set, request.uid, c.saved_search);
  if (!indexes) co_return bad("invalid message sequence number");
  if (request.unchanged_since) c.enabled.condstore = true;  // RFC 7162 3.1: CONDSTORE-enabling

  store::FlagChange change;
  change.mode = request.mode;
  change.flags = to_store_flags(request.flags);
  change.unchanged_since = request.unchanged_since.value_or(0);
  // RFC 7162 3.1.3: UNCHANGEDSINCE 0 always fails (no message has MODSEQ 0).
  const bool refuse_all = request.unchanged_since && *request.unchanged_since == 0;
  const auto uids = uids_of(view, *indexes);
  store::FlagResult result;
  if (refuse_all) {
    result.failed = uids;
  } else if (!uids.empty()) {
    auto& st = c.context.store;
    const auto id = view.id();
    auto changed =
        co_await c.blocking([&st, id, &uids, &change] { return st.change_flags(id, uids, change); });
    if (!changed.ok()) co_return c.internal_error("store flags", changed.error());
    result = std::move(*changed);
  }
  std::vector<bool> updated(view.count(), false);
  for (const auto& meta : result.changed)
    if (auto index = view.update(meta)) updated[*index] = true;

  const bool modseq = c.enabled.condstore;
  std::sort(result.failed.begin(), result.failed.end());
  std::vector<std::uint32_t> failed;
  for (auto uid : result.failed)
    if (auto index = view.index_of(uid)) failed.push_back(request.uid ? uid : *index + 1);
  std::sort(failed.begin(), failed.end());
  for (auto index : *indexes) {
    const auto& meta = view.messages()[index];
    if (std::binary_search(result.failed.begin(), result.failed.end(), meta.uid)) continue;
    if (request.silent) {
      // RFC 7162 3.1.3: with CONDSTORE the new MODSEQ is sent even for .SILENT.
      if (modseq && updated[index])
        c.write("* " + std::to_string(index + 1) + " FETCH (" + "UID " + std::to_string(meta.uid) +
                " MODSEQ (" + std::to_string(meta.modseq) + "))\r\n");
      continue;
    }
    // RFC 9051 6.4.6: the flags of each message, as after the change; UID
    // STORE includes the UID (RFC 9051 6.4.9), and so does any STORE once
    // CONDSTORE is enabled (RFC 7162 3.1).
    c.write(flags_fetch(index + 1, meta, modseq, request.uid || modseq));
  }
  if (!failed.empty())
    co_return ok("[MODIFIED " + number_set(failed) + "] conditional STORE failed for some");
  co_return ok("STORE completed");
}

}  // namespace kurir::imap::commands
