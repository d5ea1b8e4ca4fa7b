// RFC 9051 6.3.7 SUBSCRIBE and 6.3.8 UNSUBSCRIBE.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> subscribe(Connection& c, const Command& command) {
  const auto& request = std::get<Subscribe>(command.body);
  auto& store = c.context.store;
  const auto account = c.account->id;
  const std::string& name = request.mailbox;
  const bool on = request.subscribe;
  auto done =
      co_await c.blocking([&store, account, &name, on] { return store.set_subscribed(account, name, on); });
  const char* verb = on ? "SUBSCRIBE" : "UNSUBSCRIBE";
  if (!done.ok()) {
    if (done.error().code == Errc::not_found) co_return no("[NONEXISTENT] no such mailbox");
    co_return c.internal_error(verb, done.error());
  }
  co_return ok(std::string(verb) + " completed");
}

}  // namespace kurir::imap::commands
