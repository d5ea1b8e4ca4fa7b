// RFC 9051 6.3.6 RENAME: renames the mailbox and its inferiors; renaming
// INBOX moves its messages to a new mailbox and leaves INBOX empty (the
// store does both).
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> rename(Connection& c, const Command& command) {
  const auto& request = std::get<Rename>(command.body);
  std::string to = request.to;
  while (!to.empty() && to.back() == '/') to.pop_back();
  Done refusal;
  auto mailbox = co_await find_mailbox(c, request.from, false, refusal);
  if (!mailbox.ok()) co_return refusal;
  auto& store = c.context.store;
  const auto id = mailbox->id;
  auto renamed = co_await c.blocking([&store, id, &to] { return store.rename_mailbox(id, to); });
  if (!renamed.ok()) {
    switch (renamed.error().code) {
      case Errc::already_exists:
        co_return no("[ALREADYEXISTS] a mailbox with the new name exists");
      case Errc::invalid_argument:
      case Errc::limit_exceeded:
      case Errc::permission_denied:
        co_return no("[CANNOT] " + renamed.error().message);
      case Errc::not_found:
        co_return no("[NONEXISTENT] no such mailbox");
      default:
        co_return c.internal_error("rename mailbox", renamed.error());
    }
  }
  co_return ok("RENAME completed");
}

}  // namespace kurir::imap::commands
