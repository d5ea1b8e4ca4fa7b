// STARTTLS (RFC 3207).
//
// SECURITY: whatever the client pipelined after STARTTLS is dropped before the
// handshake (CVE-2011-0411), and everything learnt before it is forgotten
// (RFC 3207 4.2): EHLO name, authentication, transaction.
#include "core/log.hpp"
#include "smtp/handlers/handlers.hpp"

namespace kurir::smtp {

boost::asio::awaitable<void> handle_starttls(Session& s) {
  if (s.stream.tls_active()) {
    s.reply(503, "5.5.1", "TLS already active");
    co_return;
  }
  if (s.listener.tls != TlsMode::starttls) {
    s.reply(502, "5.5.1", "STARTTLS not offered on this port");
    co_return;
  }
  s.reply(220, "2.0.0", "Ready to start TLS");
  if (!co_await s.flush()) {
    s.closing = true;
    co_return;
  }
  if (const std::size_t dropped = s.reader.discard_buffered(); dropped > 0)
    log::info("smtp {}: dropped {} bytes pipelined after STARTTLS", s.peer.address, dropped);
  auto status = co_await s.stream.start_tls(kTlsHandshakeTimeout);
  if (!status.ok()) {
    // RFC 3207 4.1: after a failed handshake nothing can be said on this connection.
    log::info("smtp {}: TLS handshake failed: {}", s.peer.address, status.error().message);
    s.closing = true;
    s.pending.clear();
    co_return;
  }
  // RFC 3207 4.2: discard all knowledge obtained from the client before TLS.
  s.helo.clear();
  s.esmtp = false;
  s.user.reset();
  s.reset_transaction();
}

}  // namespace kurir::smtp
