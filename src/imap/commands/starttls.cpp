// RFC 9051 6.2.1 STARTTLS: OK, then the TLS handshake on port 143.
//
// SECURITY: whatever the client pipelined after STARTTLS is dropped before
// the handshake (RFC 9051 6.2.1, CVE-2011-0411), and the client must ask for
// the capabilities again (they change: LOGINDISABLED goes).
#include <chrono>

#include "core/log.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> starttls(Connection& c, const Command& command) {
  if (c.listener.tls != TlsMode::starttls || c.stream.tls_active())
    co_return bad("STARTTLS is not available here");
  c.write(command.tag + " OK begin TLS negotiation now\r\n");
  if (!co_await c.flush()) {
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  c.reader.discard_buffered();
  auto started = co_await c.stream.start_tls(std::chrono::seconds(30));
  if (!started.ok()) {
    log::info("imap STARTTLS from {} failed: {}", c.peer.address, started.error().message);
    c.state = State::logout;
  }
  co_return Done{Done::Kind::sent, {}};
}

}  // namespace kurir::imap::commands
