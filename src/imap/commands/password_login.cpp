// The password check shared by LOGIN and AUTHENTICATE: the shared login
// throttle's growing delay, argon2id on a worker (service::Login), and the
// account's IMAP access switch (issue 4: a clear NO).
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>

#include "core/log.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> password_login(Connection& c, std::string user, std::string password) {
  // Keyed like Login::verify() records failures: the address in lower case.
  std::string key = user;
  for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto wait = c.context.login.delay(c.peer.address, key);
  if (wait.count() > 0) {
    asio::steady_timer timer(co_await asio::this_coro::executor, wait);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  auto& login = c.context.login;
  const std::string ip = c.peer.address;
  auto account =
      co_await c.blocking([&login, &user, &password, &ip] { return login.verify(user, password, ip); });
  if (!account.ok()) {
    if (account.error().code != Errc::permission_denied) co_return c.internal_error("login", account.error());
    co_return no("[AUTHENTICATIONFAILED] invalid user name or password");  // RFC 5530 3
  }
  // RFC 5530 3 AUTHORIZATIONFAILED: the password was right, the access is not given.
  if (!account->imap_enabled)
    co_return no("[AUTHORIZATIONFAILED] IMAP access is turned off for this account");
  log::info("imap login {} from {}", account->address, c.peer.address);
  c.logged_in(std::move(*account));
  // RFC 9051 6.2.3 / 7.1: the capabilities after login, so the client need not ask.
  co_return ok("[CAPABILITY " + c.capabilities() + "] logged in");
}

}  // namespace kurir::imap::commands
