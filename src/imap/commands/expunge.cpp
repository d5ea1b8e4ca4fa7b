// RFC 9051 6.4.3 EXPUNGE and RFC 4315 2.1 UID EXPUNGE: removes the messages
// flagged \Deleted (of the UID set), and reports each as EXPUNGE, or as
// VANISHED once QRESYNC is enabled (RFC 7162 3.2.10).
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

// The \Deleted messages (of `only`, when given), as UIDs.
std::vector<store::Uid> deleted_uids(const Connection& c,
                                     const std::optional<std::vector<std::uint32_t>>& only) {
  std::vector<store::Uid> uids;
  const auto messages = c.selected->messages();
  auto consider = [&](std::uint32_t i) {
    if (messages[i].flags.system & store::kDeleted) uids.push_back(messages[i].uid);
  };
  if (only) {
    for (auto i : *only) consider(i);
  } else {
    for (std::uint32_t i = 0; i < messages.size(); ++i) consider(i);
  }
  return uids;
}

asio::awaitable<Done> expunge(Connection& c, const Command& command) {
  const auto& request = std::get<Expunge>(command.body);
  auto& view = *c.selected;
  if (view.read_only()) co_return no("[READ-ONLY] the mailbox is selected read-only");
  std::optional<std::vector<std::uint32_t>> only;
  if (request.uids) {
    only = view.resolve(*request.uids, true, c.saved_search);
    if (!only) co_return bad("invalid UID set");
  }
  const auto uids = deleted_uids(c, only);
  if (!uids.empty()) {
    auto& st = c.context.store;
    const auto id = view.id();
    auto expunged = co_await c.blocking([&st, id, &uids] { return st.expunge(id, uids); });
    if (!expunged.ok()) co_return c.internal_error("expunge", expunged.error());
  }
  // The store's change feed has them now: report them (and anything else) before OK.
  auto synced = co_await c.sync(true, true);
  if (!synced.ok()) co_return c.internal_error("mailbox update", synced.error());
  // RFC 7162 3.1.11: with CONDSTORE, EXPUNGE tells the new HIGHESTMODSEQ.
  if (c.enabled.condstore)
    co_return ok("[HIGHESTMODSEQ " + std::to_string(c.selected->highest_modseq()) + "] EXPUNGE completed");
  co_return ok("EXPUNGE completed");
}

}  // namespace kurir::imap::commands
