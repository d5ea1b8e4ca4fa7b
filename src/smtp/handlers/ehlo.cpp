// EHLO and HELO (RFC 5321 4.1.1.1) and the extensions this server offers.
#include <fmt/format.h>

#include "smtp/handlers/handlers.hpp"

namespace kurir::smtp {

boost::asio::awaitable<void> handle_ehlo(Session& s, const Command& cmd) {
  // RFC 5321 4.1.4: EHLO/HELO resets any transaction, as RSET does.
  s.reset_transaction();
  s.helo = cmd.argument;
  s.esmtp = cmd.verb == Verb::ehlo;
  const std::string& host = s.context.config.hostname;
  if (!s.esmtp) {
    s.reply(250, "", host);
    co_return;
  }
  const bool tls = s.stream.tls_active();
  std::string lines = fmt::format("250-{} greets {} [{}]\r\n", host, cmd.argument, s.peer.address);
  lines += "250-PIPELINING\r\n";                                          // RFC 2920
  lines += fmt::format("250-SIZE {}\r\n", s.max_message_bytes());        // RFC 1870
  lines += "250-8BITMIME\r\n";                                            // RFC 6152
  lines += "250-SMTPUTF8\r\n";                                            // RFC 6531
  lines += "250-ENHANCEDSTATUSCODES\r\n";                                 // RFC 2034
  if (!tls && s.listener.tls == TlsMode::starttls) lines += "250-STARTTLS\r\n";  // RFC 3207
  // RFC 4954 4 / DESIGN.md: AUTH only where a password may cross in clear, and only for submission.
  if (s.submission() && !s.user && s.context.plaintext_allowed(tls, s.peer.loopback)) lines += "250-AUTH PLAIN LOGIN\r\n";
  lines += "250-CHUNKING\r\n";                                            // RFC 3030
  lines += "250-BINARYMIME\r\n";                                          // RFC 3030 3
  lines += "250 DSN\r\n";                                                 // RFC 3461
  s.reply_raw(lines);
  co_return;
}

}  // namespace kurir::smtp
