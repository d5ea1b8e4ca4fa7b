// RFC 9051 6.1.1 CAPABILITY: what this connection offers in its current state.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> capability(Connection& c, const Command&) {
  c.write("* CAPABILITY " + c.capabilities() + "\r\n");
  co_return ok("CAPABILITY completed");
}

}  // namespace kurir::imap::commands
