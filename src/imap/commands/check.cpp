// RFC 3501 6.4.1 CHECK (gone from IMAP4rev2, RFC 9051 Appendix E): every
// write is on stable storage when its command completes, so there is nothing
// to checkpoint; it answers like NOOP.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> check(Connection&, const Command&) {
  co_return ok("CHECK completed");
}

}  // namespace kurir::imap::commands
