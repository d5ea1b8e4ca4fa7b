// RFC 9051 6.3.5 DELETE: removes the mailbox and its messages; INBOX cannot
// be deleted. Inferior mailboxes stay (they keep their own names).
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> delete_(Connection& c, const Command& command) {
  const auto& request = std::get<Delete>(command.body);
  Done refusal;
  auto mailbox = co_await find_mailbox(c, request.mailbox, false, refusal);
  if (!mailbox.ok()) co_return refusal;
  if (c.selected && c.selected->id() == mailbox->id) {
    // RFC 9051 6.3.5 leaves it open; deselect so no command reads a mailbox that is gone.
    c.select(std::nullopt);
    c.write("* OK [CLOSED] mailbox deleted\r\n");
  }
  auto& store = c.context.store;
  const auto id = mailbox->id;
  auto deleted = co_await c.blocking([&store, id] { return store.delete_mailbox(id); });
  if (!deleted.ok()) {
    if (deleted.error().code == Errc::permission_denied) co_return no("[CANNOT] " + deleted.error().message);
    if (deleted.error().code == Errc::not_found) co_return no("[NONEXISTENT] no such mailbox");
    co_return c.internal_error("delete mailbox", deleted.error());
  }
  co_return ok("DELETE completed");
}

}  // namespace kurir::imap::commands
