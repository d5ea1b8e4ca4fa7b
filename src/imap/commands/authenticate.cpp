// RFC 9051 6.2.2 AUTHENTICATE with the PLAIN (RFC 4616) and LOGIN
// mechanisms, and an initial response on the command line (RFC 4959 SASL-IR).
//
// SECURITY: the responses are untrusted base64, bounded by
// limits::kMaxSaslResponseBytes and decoded by auth/sasl.hpp.
#include "auth/sasl.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> authenticate(Connection& c, const Command& command) {
  const auto& request = std::get<Authenticate>(command.body);
  if (request.mechanism != "PLAIN" && request.mechanism != "LOGIN")
    co_return no("unsupported authentication mechanism");
  if (!c.plaintext_allowed()) co_return no("[PRIVACYREQUIRED] use STARTTLS before authenticating");
  // RFC 4959 3: "=" is an initial response of zero length.
  std::optional<std::string> initial = request.initial_response;
  if (initial && *initial == "=") initial = std::string();
  if (request.mechanism == "PLAIN") {
    std::string response;
    if (initial) {
      response = *initial;
    } else {
      auto got = co_await c.continuation("");
      if (!got) {
        c.state = State::logout;
        co_return Done{Done::Kind::sent, {}};
      }
      response = std::move(*got);
    }
    // RFC 9051 6.2.2: "*" cancels, answered BAD.
    if (auth::is_sasl_cancel(response)) co_return bad("authentication cancelled");
    auto plain = auth::decode_plain(response);
    if (!plain.ok()) co_return bad("malformed PLAIN response");
    // RFC 4616 2: acting as another identity is not offered.
    if (!plain->authzid.empty() && plain->authzid != plain->authcid)
      co_return no("[AUTHORIZATIONFAILED] logging in as another user is not allowed");
    co_return co_await password_login(c, std::move(plain->authcid), std::move(plain->password));
  }
  std::optional<std::string> name64 = initial;
  if (!name64) name64 = co_await c.continuation(auth::kLoginUsernamePrompt);
  if (!name64) {
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  if (auth::is_sasl_cancel(*name64)) co_return bad("authentication cancelled");
  auto password64 = co_await c.continuation(auth::kLoginPasswordPrompt);
  if (!password64) {
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  if (auth::is_sasl_cancel(*password64)) co_return bad("authentication cancelled");
  auto name = auth::decode_base64(*name64);
  auto password = auth::decode_base64(*password64);
  if (!name.ok() || !password.ok() || name->empty()) co_return bad("malformed LOGIN response");
  co_return co_await password_login(c, std::move(*name), std::move(*password));
}

}  // namespace kurir::imap::commands
