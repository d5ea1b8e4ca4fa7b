// MAIL FROM (RFC 5321 4.1.1.2) with SIZE (RFC 1870), BODY (RFC 6152, 3030),
// SMTPUTF8 (RFC 6531), DSN RET/ENVID (RFC 3461) and AUTH= (RFC 4954 5).
#include "core/log.hpp"
#include "service/blocking.hpp"
#include "smtp/handlers/handlers.hpp"
#include "smtp/ownership.hpp"

namespace kurir::smtp {

boost::asio::awaitable<void> handle_mail(Session& s, const Command& cmd) {
  if (s.helo.empty()) {
    s.reply(503, "5.5.1", "send EHLO or HELO first");  // RFC 5321 4.1.4
    co_return;
  }
  if (s.tx.active) {
    s.reply(503, "5.5.1", "nested MAIL command");  // RFC 5321 4.1.4
    co_return;
  }
  if (s.submission() && !s.user) {
    s.reply(530, "5.7.0", "authentication required");  // RFC 4954 6
    co_return;
  }
  if (!s.esmtp && (cmd.mail.size || cmd.mail.body != Body::unspecified || cmd.mail.smtputf8 ||
                   cmd.mail.ret != Ret::unspecified || !cmd.mail.envid.empty() || cmd.mail.auth)) {
    s.reply(555, "5.5.4", "parameters need EHLO");  // RFC 5321 4.1.1.11: extensions only after EHLO
    co_return;
  }
  if (cmd.mail.size && *cmd.mail.size > s.max_message_bytes()) {
    s.reply(552, "5.3.4", "message size exceeds fixed maximum message size");  // RFC 1870 6.1
    co_return;
  }
  if (s.submission()) {
    // DESIGN.md: an authenticated user sends only as addresses it owns. The null
    // sender is for bounces, which this server generates itself.
    if (cmd.path.null) {
      s.reply(553, "5.7.1", "the null sender is not allowed on submission");
      co_return;
    }
    const std::string address = cmd.path.address();
    auto owned = co_await service::run_blocking(s.context.workers, [&] {
      return owns_address(s.context.store, *s.user, address);
    });
    if (!owned) {
      log::error("smtp {}: checking sender {}: {}", s.peer.address, address, owned.error().message);
      s.reply(451, "4.3.0", "internal error, try again later");
      co_return;
    }
    if (!*owned) {
      s.reply(553, "5.7.1", "sender address <" + address + "> not owned by user " + s.user->address);
      co_return;
    }
  }
  s.tx = Transaction{};
  s.tx.active = true;
  s.tx.sender = cmd.path;
  s.tx.params = cmd.mail;
  s.reply(250, "2.1.0", "OK");  // RFC 3463 2.1.0: originator OK
}

}  // namespace kurir::smtp
