// RFC 9051 6.4.2 UNSELECT (RFC 3691): leaves the selected state without
// expunging anything.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> unselect(Connection& c, const Command&) {
  c.select(std::nullopt);
  co_return ok("UNSELECT completed");
}

}  // namespace kurir::imap::commands
