// RFC 9051 6.1.3 LOGOUT: BYE, then the tagged OK, then the server closes.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> logout(Connection& c, const Command&) {
  c.write("* BYE Kurir IMAP server logging out\r\n");
  c.state = State::logout;
  co_return ok("LOGOUT completed");
}

}  // namespace kurir::imap::commands
