// RFC 4978 3 COMPRESS: not offered by this build (COMPRESS=DEFLATE is not in
// CAPABILITY); a client that asks anyway is told so and carries on
// uncompressed.
// XXX RFC 4978: DEFLATE needs a compressing layer under net::Stream that
// LineReader reads through; until it exists the command is refused.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> compress(Connection&, const Command&) {
  co_return no("[CANNOT] compression is not offered by this server");  // RFC 5530 3
}

}  // namespace kurir::imap::commands
