// RFC 9051 6.2.3 LOGIN: user name and password in clear, refused on a
// connection where passwords may not travel unencrypted (LOGINDISABLED).
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> login(Connection& c, const Command& command) {
  const auto& request = std::get<Login>(command.body);
  // RFC 9051 6.2.3 / 7.1 PRIVACYREQUIRED: use STARTTLS first.
  if (!c.plaintext_allowed())
    co_return no("[PRIVACYREQUIRED] LOGIN is disabled on this connection; use STARTTLS first");
  co_return co_await password_login(c, request.user, request.password);
}

}  // namespace kurir::imap::commands
