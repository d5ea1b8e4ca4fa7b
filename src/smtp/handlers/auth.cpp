// AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN, with or without an
// initial response; "*" cancels (RFC 4954 4).
//
// SECURITY: offered on the submission ports only, and only where a password
// may cross (TLS, or what [auth] plaintext allows). Every answer to an
// attempt waits the login throttle's delay (asio timer, the strand stays
// free); a failure does not say whether the name or the password was wrong.
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "auth/sasl.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "service/blocking.hpp"
#include "smtp/handlers/handlers.hpp"

namespace kurir::smtp {

namespace asio = boost::asio;

namespace {

struct Credentials {
  std::string name;
  std::string password;
};

// Sends a 334 challenge and reads the response. nullopt: a reply was queued (or the connection ended).
asio::awaitable<std::optional<std::string>> challenge(Session& s, std::string_view prompt) {
  s.reply_raw("334 " + std::string(prompt) + "\r\n");
  if (!co_await s.flush()) {
    s.closing = true;
    co_return std::nullopt;
  }
  const net::Line line = co_await s.reader.read_line(limits::kMaxSaslResponseBytes, kCommandTimeout);
  if (line.status == net::ReadStatus::closed || line.status == net::ReadStatus::timeout) {
    s.closing = true;
    co_return std::nullopt;
  }
  if (line.status == net::ReadStatus::too_long) {
    s.reply(500, "5.5.6", "authentication exchange line is too long");  // RFC 4954 4
    co_return std::nullopt;
  }
  if (auth::is_sasl_cancel(line.text)) {
    s.reply(501, "5.7.0", "authentication cancelled");  // RFC 4954 4
    co_return std::nullopt;
  }
  co_return std::string(line.text);
}

// The name and password of one PLAIN or LOGIN exchange; nullopt when a reply was queued instead.
asio::awaitable<std::optional<Credentials>> exchange(Session& s, const Command& cmd) {
  if (cmd.argument == "PLAIN") {
    std::optional<std::string> response = cmd.initial_response;
    if (response->empty()) response = co_await challenge(s, "");
    if (!response) co_return std::nullopt;
    if (auth::is_sasl_cancel(*response)) {
      s.reply(501, "5.7.0", "authentication cancelled");
      co_return std::nullopt;
    }
    auto plain = auth::decode_plain(*response);
    if (!plain) {
      s.reply(501, "5.5.2", "cannot decode PLAIN response");  // RFC 4954 4
      co_return std::nullopt;
    }
    // RFC 4616 2: an authorization identity other than the login itself is not supported.
    if (!plain->authzid.empty() && plain->authzid != plain->authcid) {
      s.reply(535, "5.7.8", "authentication credentials invalid");
      co_return std::nullopt;
    }
    co_return Credentials{std::move(plain->authcid), std::move(plain->password)};
  }
  // LOGIN: an initial response is the user name.
  std::optional<std::string> name_b64 = cmd.initial_response;
  if (name_b64->empty() || *name_b64 == "=") name_b64 = co_await challenge(s, auth::kLoginUsernamePrompt);
  if (!name_b64) co_return std::nullopt;
  auto name = auth::decode_base64(*name_b64);
  if (!name || name->empty()) {
    s.reply(501, "5.5.2", "cannot decode LOGIN response");
    co_return std::nullopt;
  }
  auto password_b64 = co_await challenge(s, auth::kLoginPasswordPrompt);
  if (!password_b64) co_return std::nullopt;
  auto password = auth::decode_base64(*password_b64);
  if (!password) {
    s.reply(501, "5.5.2", "cannot decode LOGIN response");
    co_return std::nullopt;
  }
  co_return Credentials{std::move(*name), std::move(*password)};
}

}  // namespace

asio::awaitable<void> handle_auth(Session& s, const Command& cmd) {
  if (!s.submission()) {
    s.reply(503, "5.5.1", "AUTH is offered on the submission ports only");
    co_return;
  }
  if (!s.esmtp) {
    s.reply(503, "5.5.1", "send EHLO first");  // RFC 4954 4
    co_return;
  }
  if (s.user) {
    s.reply(503, "5.5.1", "already authenticated");  // RFC 4954 4
    co_return;
  }
  if (s.tx.active) {
    s.reply(503, "5.5.1", "AUTH not allowed during a mail transaction");  // RFC 4954 4
    co_return;
  }
  if (!s.context.plaintext_allowed(s.stream.tls_active(), s.peer.loopback)) {
    s.reply(538, "5.7.11", "encryption required for requested authentication mechanism");  // RFC 4954 6
    co_return;
  }
  if (cmd.argument != "PLAIN" && cmd.argument != "LOGIN") {
    s.reply(504, "5.5.4", "unrecognized authentication type");  // RFC 4954 4
    co_return;
  }
  auto credentials = co_await exchange(s, cmd);
  if (!credentials) co_return;
  if (credentials->name.size() > limits::kMaxAddressBytes || credentials->password.size() > limits::kMaxPasswordBytes) {
    s.reply(535, "5.7.8", "authentication credentials invalid");
    co_return;
  }
  // The throttle's wait comes before the answer, on a timer: the strand serves others meanwhile.
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(s.context.login.delay(s.peer.address, credentials->name));
  boost::system::error_code ignored;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  auto account = co_await service::run_blocking(s.context.workers, [&] {
    return s.context.login.verify(credentials->name, credentials->password, s.peer.address);
  });
  if (!account) {
    if (account.error().code == Errc::permission_denied) {
      s.reply(535, "5.7.8", "authentication credentials invalid");  // RFC 4954 6
    } else {
      log::error("smtp {}: login: {}", s.peer.address, account.error().message);
      s.reply(454, "4.7.0", "temporary authentication failure");  // RFC 4954 6
    }
    co_return;
  }
  s.user = std::move(*account);
  s.reply(235, "2.7.0", "authentication successful");  // RFC 4954 6
}

}  // namespace kurir::smtp
