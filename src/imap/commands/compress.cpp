// RFC 4978 3 COMPRESS DEFLATE: the tagged OK goes out uncompressed, and
// both directions are raw DEFLATE from the byte after it on (net::Deflate,
// under the line reader; inside TLS when TLS is on). Anything the client
// sent after the command was compressed already, and is read as such.
#include "core/log.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> compress(Connection& c, const Command& command) {
  const auto& request = std::get<Compress>(command.body);
  if (request.mechanism != "DEFLATE") co_return bad("unknown compression mechanism " + request.mechanism);
  if (c.stream.compressed()) co_return no("[COMPRESSIONACTIVE] DEFLATE is active already");  // RFC 4978 3
  c.write(command.tag + " OK DEFLATE active\r\n");
  if (!co_await c.flush()) {
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  if (auto started = c.stream.start_compression(c.reader.take_buffered()); !started.ok()) {
    log::error("imap COMPRESS for {}: {}", c.peer.address, started.error().message);
    c.state = State::logout;  // the client compresses from now on: no way back
  }
  co_return Done{Done::Kind::sent, {}};
}

}  // namespace kurir::imap::commands
