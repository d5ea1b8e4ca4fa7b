// RFC 9051 6.3.10 NAMESPACE: one personal namespace, no prefix, "/" as the
// hierarchy delimiter; no shared or other users' namespaces.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> namespace_(Connection& c, const Command&) {
  c.write("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n");
  co_return ok("NAMESPACE completed");
}

}  // namespace kurir::imap::commands
