// RFC 9051 6.4.1 CLOSE: expunges the \Deleted messages silently (no EXPUNGE
// responses; nothing in a read-only mailbox) and leaves the selected state.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> close(Connection& c, const Command&) {
  const auto& view = *c.selected;
  if (!view.read_only()) {
    const auto uids = deleted_uids(c, std::nullopt);
    if (!uids.empty()) {
      auto& st = c.context.store;
      const auto id = view.id();
      auto expunged = co_await c.blocking([&st, id, &uids] { return st.expunge(id, uids); });
      if (!expunged.ok()) co_return c.internal_error("expunge at CLOSE", expunged.error());
    }
  }
  c.select(std::nullopt);
  co_return ok("CLOSE completed");
}

}  // namespace kurir::imap::commands
