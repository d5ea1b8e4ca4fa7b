// RFC 9051 6.1.2 NOOP: does nothing; the dispatcher sends pending mailbox
// updates before the completion, which is what clients poll it for.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> noop(Connection&, const Command&) {
  co_return ok("NOOP completed");
}

}  // namespace kurir::imap::commands
